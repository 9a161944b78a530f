#!/usr/bin/env node
// The canary's decisions on simulated production traffic with a known truth, through the real core in dist/ (no AWS).
// Traffic is simulated invoke by invoke and handed to the core as CloudWatch hands it over: per-period Invocations,
// Errors and Duration SampleCount/Sum per version, and whole-window percentiles by the nearest-rank rule. Each
// period has a shock shared by both versions (a slow downstream, the traffic mix), durations are lognormal with 1%
// outliers at 5×, and the alias's traffic changes from period to period. Seeded: the same figures every run.
//
// Prints (targets from the statistics each rule claims; a rate is a share of trials, ± its Monte Carlo error):
//   A. coverage of the 95% interval of the duration ratio (paired by period): nominal miss rate 5% (the t interval on
//      a few hundred heavy-tailed invokes misses a point or two more); the unpaired comparison of period means for
//      contrast;
//   B. error guard: false stops of a candidate that is no worse ≤ 2.5% (its half of the 5% budget, over 10 looks);
//      a failing candidate stopped at the first look;
//   C. p99 guard: false stops ≤ 2.5%; a 3× slower candidate stopped;
//   D. the pick (cost and speed, tolerance 5%, 95%): settled picks right ≥ 95%.
const core = await import(new URL('../../dist/core/canary/index.js', import.meta.url).href)
const { seededRandom } = await import(new URL('../../dist/core/stats/random.js', import.meta.url).href)

const rnd = seededRandom(80)
function normal() {
  let u = 0
  while (u === 0) u = rnd()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd())
}
function poisson(l) {
  if (l > 60) return Math.max(0, Math.round(l + Math.sqrt(l) * normal()))
  const L = Math.exp(-l)
  let k = 0
  let p = 1
  do {
    k++
    p *= rnd()
  } while (p > L)
  return k - 1
}
const OUTLIER_RATE = 0.01
const OUTLIER_FACTOR = 5
/** mean 1 × the outliers' share: the same factor for every version, so ratios are exact */
const MEAN_FACTOR = 1 + OUTLIER_RATE * (OUTLIER_FACTOR - 1)
function draw(sigma) {
  const d = Math.exp(sigma * normal() - (sigma * sigma) / 2)
  return rnd() < OUTLIER_RATE ? d * OUTLIER_FACTOR : d
}
function nearestRank(sorted, percent) {
  if (sorted.length === 0) return null
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length - 1e-9)) - 1]
}
function statValue(sorted, stat) {
  return stat ? nearestRank(sorted, Number(stat.stat.slice(1))) : null
}

/**
 * One candidate's window: per period the alias's invokes split at random by the weight, both versions' durations
 * scaled by the period's shock. versions: { main: {meanMs, error}, candidate: {meanMs, error} }.
 */
function window({ perPeriod, periods, weight, sigma, shock, main, candidate, periodSeconds = 60, start = 0 }) {
  const out = { main: [], candidate: [], raw: { main: [], candidate: [] }, cumulative: [] }
  for (let i = 0; i < periods; i++) {
    const n = poisson(perPeriod * (0.7 + 0.6 * rnd()))
    const s = Math.exp(shock * normal() - (shock * shock) / 2)
    const fig = () => ({ start: start + i * periodSeconds * 1000, invocations: 0, errors: 0, throttles: 0, durationCount: 0, durationSum: 0 })
    const pm = fig()
    const pc = fig()
    for (let j = 0; j < n; j++) {
      const isCandidate = rnd() < weight
      const v = isCandidate ? candidate : main
      const p = isCandidate ? pc : pm
      const d = (v.meanMs / MEAN_FACTOR) * s * draw(sigma)
      p.invocations++
      p.durationCount++
      p.durationSum += d
      if (rnd() < v.error) p.errors++
      out.raw[isCandidate ? 'candidate' : 'main'].push(d)
    }
    if (pm.invocations) out.main.push(pm)
    if (pc.invocations) out.candidate.push(pc)
    out.cumulative.push({ main: out.raw.main.length, candidate: out.raw.candidate.length })
  }
  return out
}

const t0 = performance.now()
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`
const pct = (x) => `${(x * 100).toFixed(1)}%`
const mc = (p, n) => `±${(100 * Math.sqrt((p * (1 - p)) / n)).toFixed(1)}`
const line = (label, value, target) => console.log(`  ${label.padEnd(68)} ${value.padStart(16)}  ${target}`)

// ---- A. coverage ----------------------------------------------------------------------------------------------------
console.log('A. 95% interval of the duration ratio, 10 periods of 1 min (1 warm-up), weight 10%, period shocks σ 0.2')
for (const perPeriod of [300, 600, 6000]) {
  for (const sigma of [0.3, 0.6]) {
    for (const ratio of [1, 0.6]) {
      const trials = perPeriod >= 6000 ? 200 : 1000
      let miss = 0
      let missUnpaired = 0
      let n = 0
      let width = 0
      let widthUnpaired = 0
      let candidates = 0
      for (let t = 0; t < trials; t++) {
        const w = window({ perPeriod, periods: 10, weight: 0.1, sigma, shock: 0.2, main: { meanMs: 100, error: 0 }, candidate: { meanMs: 100 * ratio, error: 0 } })
        const keep = (ps) => ps.filter((p) => p.start >= 60_000)
        const r = core.pairedRatio(keep(w.main), keep(w.candidate), 0.95)
        if (!r) continue
        n++
        candidates += r.candidateInvocations
        if (ratio < r.ci[0] || ratio > r.ci[1]) miss++
        width += r.ci[1] - r.ci[0]
        // unpaired: Welch on the period means of each version, as if periods were independent samples of each
        const mean = (ps) => ps.map((p) => p.durationSum / p.durationCount)
        const a = mean(keep(w.main))
        const b = mean(keep(w.candidate))
        const avg = (x) => x.reduce((s, v) => s + v, 0) / x.length
        const vr = (x) => x.reduce((s, v) => s + (v - avg(x)) ** 2, 0) / (x.length - 1)
        const ma = avg(a)
        const se = Math.sqrt(vr(a) / a.length + vr(b) / b.length) / ma
        const q = 2.1
        const est = avg(b) / ma
        if (ratio < est - q * se || ratio > est + q * se) missUnpaired++
        widthUnpaired += 2 * q * se
      }
      line(
        `${String(perPeriod).padStart(5)} invokes/min, σ ${sigma}, true ratio ${ratio} (${Math.round(candidates / n)} candidate invokes)`,
        `miss ${pct(miss / n)} ${mc(miss / n, n)}`,
        `(nominal 5%; width ±${pct(width / n / 2)}, unpaired ±${pct(widthUnpaired / n / 2)} missing ${pct(missUnpaired / n)})`,
      )
    }
  }
}

// ---- B and C. guards over 10 looks ------------------------------------------------------------------------------------
const limits = { maxErrorIncrease: 0.01, maxP99Increase: 0.5, falseStop: 0.05, looks: 10 }
function runGuards(spec, trials, readP99 = true) {
  let stopped = 0
  let reasons = {}
  let firstLook = []
  for (let t = 0; t < trials; t++) {
    const w = window({ periods: 10, weight: 0.1, shock: 0.2, ...spec })
    for (let look = 1; look <= 10; look++) {
      const upTo = look * 60_000
      const sumOf = (ps) => ps.filter((p) => p.start < upTo).reduce((acc, p) => ({ invocations: acc.invocations + p.invocations, errors: acc.errors + p.errors }), { invocations: 0, errors: 0 })
      const m = sumOf(w.main)
      const c = sumOf(w.candidate)
      const counts = w.cumulative[look - 1]
      const stats = readP99 ? core.p99GuardStatistics(limits, { main: counts.main, candidate: counts.candidate }) : { candidateLower: null, mainUpper: null }
      const sorted = (xs) => xs.slice().sort((a, b) => a - b)
      const p99 = {
        candidateLower: stats.candidateLower ? statValue(sorted(w.raw.candidate.slice(0, counts.candidate)), stats.candidateLower) : null,
        mainUpper: stats.mainUpper ? statValue(sorted(w.raw.main.slice(0, counts.main)), stats.mainUpper) : null,
      }
      const verdict = core.judgeLook(
        { elapsedSeconds: look * 60, plannedSeconds: 600, periodSeconds: 60, main: m, candidate: c, p99, paired: null, judgeTraffic: false, confidence: 0.95, tolerance: 0.05, toMeasure: (r) => r },
        limits,
      )
      if (verdict.stop) {
        stopped++
        reasons[verdict.reason] = (reasons[verdict.reason] ?? 0) + 1
        firstLook.push(look)
        break
      }
    }
  }
  firstLook.sort((a, b) => a - b)
  return { share: stopped / trials, reasons, medianLook: firstLook.length ? firstLook[Math.floor(firstLook.length / 2)] : null }
}
console.log(`  (${elapsed()})`)
console.log('\nB. error guard (stop when the error rate is more than 1 point above the main version’s), 10 looks, 600 invokes/min')
for (const [label, main, cand, target] of [
  ['both 0% errors', 0, 0, '(target ≤ 2.5%)'],
  ['both 2% errors', 0.02, 0.02, '(target ≤ 2.5%)'],
  ['both 25% errors', 0.25, 0.25, '(target ≤ 2.5%)'],
  ['candidate +1 point (at the limit)', 0.02, 0.03, '(target ≤ 2.5%)'],
  ['candidate fails every invoke', 0, 1, '(target: 100%, look 1)'],
  ['candidate +10 points', 0.02, 0.12, '(stopped)'],
]) {
  const r = runGuards({ perPeriod: 600, sigma: 0.3, main: { meanMs: 100, error: main }, candidate: { meanMs: 100, error: cand } }, 1000, false)
  line(label, `stopped ${pct(r.share)} ${mc(r.share, 1000)}`, `${target}${r.medianLook ? ` median look ${r.medianLook}` : ''}`)
}
console.log(`  (${elapsed()})`)
console.log('\nC. p99 guard (stop when the p99 is more than 50% above the main version’s), 10 looks')
for (const [label, perPeriod, ratio, target] of [
  ['same durations, 600 invokes/min', 600, 1, '(target ≤ 2.5%)'],
  ['same durations, 3000 invokes/min', 3000, 1, '(target ≤ 2.5%)'],
  ['candidate 1.5× slower (at the limit), 3000 invokes/min', 3000, 1.5, '(target ≤ 2.5%)'],
  ['candidate 3× slower, 600 invokes/min', 600, 3, '(stopped)'],
  ['candidate 3× slower, 3000 invokes/min', 3000, 3, '(stopped)'],
]) {
  const trials = perPeriod >= 3000 ? 100 : 500
  const r = runGuards({ perPeriod, sigma: 0.3, main: { meanMs: 100, error: 0 }, candidate: { meanMs: 100 * ratio, error: 0 } }, trials)
  line(label, `stopped ${pct(r.share)} ${mc(r.share, trials)}`, `${target}${r.medianLook ? ` median look ${r.medianLook}` : ''}`)
}

// ---- D. the pick --------------------------------------------------------------------------------------------------------
const pricing = { region: 'us-east-1', arch: 'x86_64', initBilled: true }
const settingsBase = {
  weight: 0.1, durationSeconds: 600, periodSeconds: 60, lookEverySeconds: 60, looks: 10, tolerance: 0.05, confidence: 0.95,
  costWeight: 0.5, slo: null, maxErrorIncrease: 0.01, maxP99Increase: 0.5, memoryMargin: 0.2, force: false,
}
const cpuBound = (m) => 10 + 400 * (1024 / Math.min(m, 1769))
const ioBound = () => 100
function trueCost(memory, meanMs) {
  return core.costAt(core.linearCost({ ...pricing, memoryMB: memory }, { share: 0, initMeanMs: null }), meanMs)
}
/** Right under the rule with the tolerance as slack (issue #10's definition), on the true curve. */
function isRight(strategy, memories, curve, pick) {
  const opts = memories.map((m) => ({ m, t: curve(m), c: trueCost(m, curve(m)) }))
  const [P, S] = strategy === 'cost' ? ['c', 't'] : ['t', 'c']
  const best = Math.min(...opts.map((o) => o[P]))
  const chosen = opts.find((o) => o.m === pick)
  if (!chosen || chosen[P] > (1 + settingsBase.tolerance) * best) return false
  return !opts.some((o) => o[P] <= (1 + settingsBase.tolerance) * best && o[S] * (1 + settingsBase.tolerance) < chosen[S])
}
console.log(`  (${elapsed()})`)
console.log('\nD. the pick, tolerance 5%, confidence 95%; 10-minute windows, weight 10%, σ 0.3, period shocks σ 0.2')
for (const [label, curve, mainMemory, candidates, perPeriod] of [
  ['CPU-bound, main 1024 MB, try 512, 1769, 2048', cpuBound, 1024, [512, 1769, 2048], 600],
  ['CPU-bound, main 1024 MB, try 512, 1769, 2048', cpuBound, 1024, [512, 1769, 2048], 6000],
  ['flat (I/O-bound), main 512 MB, try 128, 256, 1024', ioBound, 512, [128, 256, 1024], 600],
]) {
  for (const strategy of ['cost', 'speed']) {
    const trials = perPeriod >= 6000 ? 100 : 300
    let settled = 0
    let settledRight = 0
    let right = 0
    for (let t = 0; t < trials; t++) {
      const measured = candidates.map((memory, i) => {
        const start = i * 600_000
        const w = window({ perPeriod, periods: 10, weight: 0.1, sigma: 0.3, shock: 0.2, start, main: { meanMs: curve(mainMemory), error: 0 }, candidate: { meanMs: curve(memory), error: 0 } })
        const percentiles = { p50: null, p90: null, p99: null }
        return {
          memory,
          window: { startMs: start, endMs: start + 600_000 },
          stop: null,
          main: { version: '1', memory: mainMemory, periods: w.main, percentiles, logs: null },
          candidate: { version: String(i + 2), memory, periods: w.candidate, percentiles, logs: null },
          aliasInvocations: w.raw.main.length + w.raw.candidate.length,
        }
      })
      const result = core.buildCanaryResult({
        function: 'sim', alias: 'live', runId: 'bench', pricing, main: { version: '1', memory: mainMemory },
        settings: { ...settingsBase, memories: candidates, strategy }, measured, warnings: [],
      })
      const ok = isRight(strategy, [mainMemory, ...candidates], curve, result.recommendation.memory)
      if (ok) right++
      if (result.recommendation.settled) {
        settled++
        if (ok) settledRight++
      }
    }
    line(
      `${label}, ${strategy}, ${perPeriod}/min`,
      `right ${pct(right / trials)}`,
      `settled in ${pct(settled / trials)}, right when settled ${settled ? pct(settledRight / settled) : '-'} (target ≥ 95%)`,
    )
  }
}
console.log(`  (${elapsed()})`)
