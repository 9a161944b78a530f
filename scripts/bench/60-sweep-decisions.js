// Sweep decisions by simulation: runs the real sequential core (dist/core/sweep) on workloads whose true curves are
// known, with lognormal noise, 1% outliers and slow drift, and prints, per strategy, how often the pick is right, what
// the pick costs over the optimum, and what the sampling spent against today's fixed 6 × 20 grid. Seeded: the same
// figures on every run. `node scripts/bench.js 60` (add `--trials 1000` for tighter figures).
import { SequentialSweep, lookSchedule } from '../../dist/core/sweep/index.js'
import { seededRandom } from '../../dist/core/stats/random.js'
import { sloInvocations } from '../../dist/core/sweep/sampling.js'
import { AMDAHL, CURVES, invokeCost, MEMORY, noise, PRICING, TOLERANCE } from './lib/workloads.js'

const args = process.argv.slice(2)
const TRIALS = Number(args[args.indexOf('--trials') + 1]) || 400

/** The known curves: warm duration (ms) at each memory size, before noise. */
const WORKLOADS = CURVES
const HARD = { 'amdahl (edge case)': AMDAHL }


/** True mean cost per invoke and true duration per value, by a large seeded Monte Carlo without drift. */
function truth(curve, sigma) {
  const r = seededRandom(99)
  return MEMORY.map((m) => {
    let c = 0
    const N = 40_000
    const durations = []
    for (let i = 0; i < N; i++) {
      const d = curve(m) * noise(sigma, r)
      durations.push(d)
      c += invokeCost(m, d)
    }
    durations.sort((a, b) => a - b)
    return { m, cost: c / N, time: curve(m), p95: durations[Math.floor(0.95 * N)], p99: durations[Math.floor(0.99 * N)] }
  })
}

/** The answers the rule accepts on the true curves, the tolerance as slack (the issue's definition of right). */
function rightAnswers(tr, strategy) {
  const [primary, secondary] = strategy === 'speed' ? ['time', 'cost'] : ['cost', 'time']
  const best = Math.min(...tr.map((v) => v[primary]))
  const band = tr.filter((v) => v[primary] <= (1 + TOLERANCE) * best)
  return new Set(band.filter((p) => band.every((v) => v[secondary] * (1 + TOLERANCE) >= p[secondary])).map((v) => v.m))
}

/** One simulated sweep: the real SequentialSweep asks for rounds; the simulator answers with invokes. */
function simulate(curve, sigma, r, { strategy, fixed, slo, max }) {
  const looks = fixed ? [fixed] : lookSchedule(max)
  const race = new SequentialSweep({
    memories: MEMORY, strategy, tolerance: TOLERANCE, confidence: 0.95, weight: 0.5, trim: 0.1,
    ...(slo ? { slo } : {}), allowedErrors: [], errorThreshold: 0.05,
    looks, coldPerValue: fixed ? 0 : 1, fixed: Boolean(fixed), pricing: PRICING,
  })
  const phase = r() * 2 * Math.PI
  const counts = new Map(MEMORY.map((m) => [m, 0]))
  let clock = 0
  let gbSeconds = 0
  for (let round = race.nextRound(); round; round = race.nextRound()) {
    const samples = []
    // values in turns, one invoke each, so drift (5% over ~40 rounds) hits them alike
    while ([...round.targets].some(([m, t]) => counts.get(m) < t)) {
      for (const [m, t] of round.targets) {
        if (counts.get(m) >= t) continue
        const cold = counts.get(m) === 0 && !fixed
        const d = curve(m) * noise(sigma, r) * (1 + 0.05 * Math.sin((2 * Math.PI * clock) / 40 + phase))
        counts.set(m, counts.get(m) + 1)
        gbSeconds += (m / 1024) * (Math.ceil(d) / 1000)
        samples.push({ memory: m, phase: 'measure', coldStart: cold, payload: 0, durationMs: d, billedDurationMs: Math.ceil(d), status: 'success', latencyMs: d, throttles: 0 })
      }
      clock++
    }
    race.record(samples)
  }
  const out = race.outcome()
  return { pick: out.assessment.pick, settled: out.assessment.settled, gbSeconds }
}

function gridGbSeconds(curve) {
  return MEMORY.reduce((s, m) => s + 20 * (m / 1024) * (curve(m) / 1000), 0)
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

function run(strategy, sigma, workloads, opts = {}) {
  const rows = []
  let spent = 0
  let grid = 0
  for (const [name, curve] of Object.entries(workloads)) {
    const tr = truth(curve, sigma)
    const right = rightAnswers(tr, strategy)
    const r = seededRandom(Math.round(sigma * 1000) + name.length * 7919)
    const cheapest = Math.min(...tr.map((v) => v.cost))
    const fastest = Math.min(...tr.map((v) => v.time))
    let ok = 0
    let settled = 0
    let settledWrong = 0
    let gb = 0
    let sloMet = 0
    let picks = 0
    const over = []
    const chosen = {}
    for (let t = 0; t < TRIALS; t++) {
      const res = simulate(curve, sigma, r, { strategy, max: opts.max ?? 100, ...opts })
      gb += res.gbSeconds
      if (res.settled) settled++
      if (res.pick === null) continue
      picks++
      chosen[res.pick] = (chosen[res.pick] ?? 0) + 1
      const pick = tr.find((v) => v.m === res.pick)
      if (opts.slo) {
        if (pick[opts.slo.percentile] <= opts.slo.ms) sloMet++
        continue
      }
      if (right.has(res.pick)) ok++
      else if (res.settled) settledWrong++
      over.push(strategy === 'speed' ? pick.time / fastest - 1 : pick.cost / cheapest - 1)
    }
    over.sort((a, b) => a - b)
    spent += gb / TRIALS
    grid += gridGbSeconds(curve)
    rows.push({ chosen, name, ok: ok / TRIALS, settled: settled / TRIALS, settledWrong: settledWrong / TRIALS, over, gb: gb / TRIALS / gridGbSeconds(curve), sloMet: picks ? sloMet / picks : null, picks: picks / TRIALS })
  }
  return { rows, total: spent / grid }
}

const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(6)
console.log(`Sweep decisions, ${TRIALS} seeded trials per cell; tolerance ${TOLERANCE * 100}%, confidence 95%, 6 values (128-3008 MB).`)
console.log('Noise: lognormal σ, 1% outliers 2-6× slower, ±5% drift. Right = an answer the rule accepts on the true curves.')
console.log('GB-s = what the sequential sweep spent, over what the fixed 6 × 20 grid spends on the same workload.\n')
for (const strategy of process.argv.includes('--slo-only') ? [] : ['cost', 'speed']) {
  for (const sigma of [0.1, 0.3, 0.6]) {
    const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
    if (only && only !== `${strategy}:${sigma}`) continue
    const seq = run(strategy, sigma, { ...WORKLOADS, ...HARD })
    const grid = run(strategy, sigma, WORKLOADS, { fixed: 20 })
    const targetRight = sigma <= 0.3 ? 0.95 : 0.9
    console.log(`${strategy}, σ ${sigma}: targets right ≥ ${pct(targetRight).trim()}${sigma === 0.1 ? ', GB-s ≤ 1/3' : sigma === 0.3 ? ', GB-s ≤ 1/2' : ''}${strategy === 'cost' ? `, cost over the cheapest ≤ ${TOLERANCE * 100 + 2}% at p95` : ''}`)
    for (const row of seq.rows) {
      const g = grid.rows.find((x) => x.name === row.name)
      console.log(
        `  ${row.name.padEnd(20)} right ${pct(row.ok)} (fixed 6×20: ${g ? pct(g.ok) : '    - '})  settled ${pct(row.settled)}, settled but wrong ${pct(row.settledWrong)}` +
          `  ${strategy === 'speed' ? 'duration over the fastest' : 'cost over the cheapest'} median ${pct(quantile(row.over, 0.5))} p95 ${pct(quantile(row.over, 0.95))}  GB-s ${row.gb.toFixed(2)} of the grid  picks ${JSON.stringify(row.chosen)}`,
      )
    }
    const inTargets = run(strategy, sigma, WORKLOADS)
    console.log(`  the four target workloads together: GB-s ${inTargets.total.toFixed(3)} of the fixed grid's\n`)
  }
}

for (const [percentile, ms] of [['p95', null], ['p99', null]]) {
  if (process.argv.includes('--no-slo') || args.includes('--only')) break
  for (const sigma of [0.1, 0.3]) {
    // the limit sits between the true percentiles of 512 and 1024 MB on the cpu-bound curve: 1024 MB is the answer
    const curve = WORKLOADS['cpu-bound']
    const tr = truth(curve, sigma)
    const limit = ms ?? Math.round((tr.find((v) => v.m === 1024)[percentile] * 1.15))
    const max = sloInvocations(percentile, 0.95)
    const res = run('slo', sigma, { 'cpu-bound': curve }, { slo: { percentile, ms: limit }, max })
    const row = res.rows[0]
    console.log(`slo ${percentile} ≤ ${limit} ms, σ ${sigma} (true ${percentile}: ${tr.map((v) => `${v.m}: ${Math.round(v[percentile])}`).join(', ')} ms), up to ${max} invokes per value:`)
    console.log(`  the pick meets the limit in ${pct(row.sloMet ?? 0)} of the trials with a pick (target ≥ 95%); a pick in ${pct(row.picks).trim()} of trials; settled ${pct(row.settled).trim()}; picks ${JSON.stringify(row.chosen)}; GB-s ${row.gb.toFixed(2)} of a 6 × 20 grid`)
  }
}

// --memory all: 15 sizes searched coarse to fine, against the fixed 6 × 20 grid of the default list (target: no more GB-s).
if (!args.includes('--only')) {
  const { coarseSubset } = await import('../../dist/core/sweep/decide/search.js')
  const ALL = [128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 5307, 6144, 7076, 8192, 8845, 10240]
  const workloads = WORKLOADS
  console.log('\n--memory all (15 sizes, coarse to fine), cost: right on the 15-size truth; GB-s against the fixed 6 × 20 grid of the default 6 sizes')
  for (const sigma of [0.1, 0.3]) {
    for (const [name, curve] of Object.entries(workloads)) {
      const r = seededRandom(7 + Math.round(sigma * 100) + name.length)
      const tr = ALL.map((m) => ({ m, time: curve(m), cost: invokeCost(m, curve(m)) }))
      const best = Math.min(...tr.map((v) => v.cost))
      const band = tr.filter((v) => v.cost <= (1 + TOLERANCE) * best)
      const right = new Set(band.filter((p) => band.every((v) => v.time * (1 + TOLERANCE) >= p.time)).map((v) => v.m))
      let ok = 0
      let gb = 0
      let measured = 0
      const trials = Math.max(50, Math.round(TRIALS / 4))
      for (let t = 0; t < trials; t++) {
        const race = new SequentialSweep({
          memories: ALL, strategy: 'cost', tolerance: TOLERANCE, confidence: 0.95, weight: 0.5, trim: 0.1, allowedErrors: [], errorThreshold: 0.05,
          looks: lookSchedule(100), coldPerValue: 1, fixed: false, pricing: PRICING, coarse: coarseSubset(ALL, [1769]),
        })
        const counts = new Map()
        for (let round = race.nextRound(); round; round = race.nextRound()) {
          const samples = []
          for (const [m, target] of round.targets) {
            while ((counts.get(m) ?? 0) < target) {
              const d = curve(m) * noise(sigma, r)
              gb += (m / 1024) * (Math.ceil(d) / 1000)
              samples.push({ memory: m, phase: 'measure', coldStart: (counts.get(m) ?? 0) === 0, payload: 0, durationMs: d, billedDurationMs: Math.ceil(d), status: 'success', latencyMs: d, throttles: 0 })
              counts.set(m, (counts.get(m) ?? 0) + 1)
            }
          }
          race.record(samples)
        }
        if (right.has(race.outcome().assessment.pick)) ok++
        measured += race.measuredSizes().length
      }
      console.log(`  σ ${sigma} ${name.padEnd(20)} right ${pct(ok / trials)}  sizes measured ${(measured / trials).toFixed(1)} of 15  GB-s ${(gb / trials / gridGbSeconds(curve)).toFixed(2)} of the grid  (truth: ${[...right].join(', ')} MB)`)
    }
  }
}
