#!/usr/bin/env node
// The CI gates of `compare` on workloads with known truth: seeded lognormal sweeps of 6 memory values, read by
// readComparable and judged by decideGates, exactly as `compare` does with two files. The nightly runs are built by
// the real sweep core (buildSweepResult: summaries, costs per invoke, the pick); the grid, which gates durations only,
// uses sweep files with just the samples and warm summaries (the same parse, a fraction of the time). No AWS, no
// emulator, no timing.
//   1. false alarms and power: n in {5, 20, 100}, sigma in {0.1, 0.3}, slowdowns 0/5/10/20/30/50% of every value,
//      --fail-on-regression 10, 1,000 pairs each; plus the old rule (Mann-Whitney p < 0.05 per value and a point
//      change above the threshold) and a per-value-only design (Holm, no pooling), for comparison.
//   2. the documented nightly workflow (a pinned baseline of three sweeps, `compare --fail-on-regression 10
//      --fail-on-cost-increase 10` each night) over 90 nights of an unchanged function, with and without 5%
//      run-to-run drift, and the share of 30% regressions caught on their first night (200 runs of 90 nights).
// BENCH_PAIRS / BENCH_TRIALS scale the runs down for a quick look. Figures are printed, never asserted.
const { buildSweepResult, decideOnce } = await import(new URL('../../dist/core/sweep/index.js', import.meta.url).href)
const { readComparable } = await import(new URL('../../dist/core/compare/result-files.js', import.meta.url).href)
const { decideGates } = await import(new URL('../../dist/core/compare/gates.js', import.meta.url).href)
const { rankShiftTest } = await import(new URL('../../dist/core/compare/slowdown-tests.js', import.meta.url).href)
const { graphicalTest, holmEdges } = await import(new URL('../../dist/core/stats/graphical-test.js', import.meta.url).href)
const { mannWhitneyU, seededRandom } = await import(new URL('../../dist/core/stats/index.js', import.meta.url).href)

const PAIRS = Number(process.env.BENCH_PAIRS ?? 1000)
const TRIALS = Number(process.env.BENCH_TRIALS ?? 200)
const NIGHTS = 90
const MEMORIES = [128, 256, 512, 1024, 1769, 3008]
// a CPU-bound handler: time falls with the CPU share up to one vCPU (1,769 MB), then flattens
const MEDIAN_MS = { 128: 1400, 256: 700, 512: 350, 1024: 175, 1769: 101, 3008: 99 }
const THRESHOLD = 10
const ALPHA = 0.05

function normal(random) {
  // Box-Muller; 1 - u keeps the logarithm finite
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Warm invokes of every memory value, Lambda's 0.01 ms resolution; `factor(memory)` multiplies that value's durations. */
function invokes(random, n, sigma, factor) {
  const samples = []
  for (const memory of MEMORIES) {
    for (let i = 0; i < n; i++) {
      const durationMs = Math.round(MEDIAN_MS[memory] * factor(memory) * Math.exp(sigma * normal(random)) * 100) / 100
      samples.push({ memory, phase: 'measure', coldStart: false, payload: 0, durationMs, billedDurationMs: Math.ceil(durationMs), status: 'success', latencyMs: durationMs + 5, throttles: 0 })
    }
  }
  return samples
}

/** A sweep file with just what the duration gate reads: the samples, and a warm summary per value. */
function lightSweep(random, n, sigma, factor = () => 1) {
  const samples = invokes(random, n, sigma, factor)
  return readComparable({
    schemaVersion: 1, function: 'api', region: 'us-east-1', architecture: 'x86_64', recommendation: { memory: 1024 },
    results: MEMORIES.map((memory) => ({ memory, failed: false, warm: { count: n, mean: 0, stddev: 0 } })),
    samples,
  }, 'bench.json')
}

/** A sweep as `sweep --json --include-samples` writes it, from the real sweep core, read as compare reads it. */
function sweep(random, n, sigma, factor = () => 1) {
  return readComparable(sweepJson(random, n, sigma, factor), 'tonight.json')
}

/** Several sweeps in one file (a JSON array), as the documented baseline is kept. */
function pooled(sweeps) {
  return readComparable(sweeps, 'baseline.json')
}

function sweepJson(random, n, sigma, factor = () => 1) {
  const samples = invokes(random, n, sigma, factor)
  const options = { trim: 0.1, allowedErrors: [], errorThreshold: 0.05, strategy: 'cost', weight: 0.5, tolerance: 0.1, confidence: 0.95 }
  const pricing = { region: 'us-east-1', arch: 'x86_64', initBilled: true }
  return buildSweepResult({
    function: 'api', currentMemory: 1024, memories: MEMORIES, runId: 'bench', seed: 1, looks: [n], fixed: true, warmup: 0,
    decision: decideOnce({ ...options, memories: MEMORIES, pricing }, samples),
    concurrency: 1, coldStarts: 0, samples, includeSamples: true, options, pricing,
  })
}

function newRule(base, cur) {
  return !decideGates(base, cur, { failOnRegression: THRESHOLD, alpha: ALPHA }).passed
}

// the rule compare used before: each value fails on p < alpha (two-sided Mann-Whitney) and a median change above the threshold
function oldRule(base, cur) {
  return base.groups.some((b, i) => {
    const c = cur.groups[i]
    const mw = mannWhitneyU(c.samples, b.samples)
    return mw.pValue < ALPHA && median(c.samples) / median(b.samples) - 1 > THRESHOLD / 100
  })
}

// the same per-value rank tests, Holm over the values, without the pooled test
function perValueOnly(base, cur) {
  const tests = base.groups.map((b, i) => rankShiftTest([{ baseline: b.samples, current: cur.groups[i].samples }], THRESHOLD / 100))
  const hypotheses = tests.map((t) => ({ weight: 1 / tests.length, rejects: (level) => (t.lowerBound(level) ?? -Infinity) > THRESHOLD / 100 }))
  return graphicalTest(hypotheses, holmEdges(tests.length), ALPHA).rejected.some(Boolean)
}

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function pct(k, n) {
  return `${((100 * k) / n).toFixed(1)}%`
}

/** 95% Wilson interval of a share, as text. */
function wilson(k, n) {
  const z = 1.96
  const p = k / n
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n)
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n)
  return `${(100 * Math.max(0, centre - half)).toFixed(1)}-${(100 * Math.min(1, centre + half)).toFixed(1)}%`
}

const started = performance.now()
console.log(`compare --fail-on-regression ${THRESHOLD} --alpha ${ALPHA}: ${MEMORIES.length} memory values, lognormal durations, every value slowed by the effect`)
console.log(`share of ${PAIRS} pairs of sweeps that fail the gate (a false alarm where the effect is at most ${THRESHOLD}%; power above it)\n`)
const effects = [0, 5, 10, 20, 30, 50]
const header = ['n', 'sigma', 'rule', ...effects.map((e) => `${e}%`)]
const rows = [header]
const cells = {}
for (const n of [5, 20, 100]) {
  for (const sigma of [0.1, 0.3]) {
    const counts = { new: effects.map(() => 0), old: effects.map(() => 0), perValue: effects.map(() => 0) }
    effects.forEach((effect, e) => {
      const random = seededRandom(1000 * n + 100 * sigma * 10 + effect)
      for (let p = 0; p < PAIRS; p++) {
        const base = lightSweep(random, n, sigma)
        const cur = lightSweep(random, n, sigma, () => 1 + effect / 100)
        if (newRule(base, cur)) counts.new[e]++
        if (oldRule(base, cur)) counts.old[e]++
        if (perValueOnly(base, cur)) counts.perValue[e]++
      }
    })
    cells[`${n}/${sigma}`] = counts.new
    rows.push([String(n), String(sigma), 'gate (pooled + values)', ...counts.new.map((k) => pct(k, PAIRS))])
    rows.push(['', '', 'values only (Holm)', ...counts.perValue.map((k) => pct(k, PAIRS))])
    rows.push(['', '', 'old rule', ...counts.old.map((k) => pct(k, PAIRS))])
  }
}
printTable(rows)
const aa = cells['20/0.3'][0]
const edge = cells['20/0.3'][2]
const power = cells['20/0.3'][4]
console.log(`\nA/A false alarms at defaults (n 20, 6 values, sigma 0.3): ${pct(aa, PAIRS)} (95% CI ${wilson(aa, PAIRS)}), target <= 5%: ${aa / PAIRS <= 0.05 ? 'MET' : 'MISSED'}`)
console.log(`a true slowdown equal to the threshold (10%) fails ${pct(edge, PAIRS)} (95% CI ${wilson(edge, PAIRS)}): the error bound alpha ${ALPHA} holds at the boundary`)
console.log(`30% slowdown at a 10% threshold (n 20, sigma 0.3) caught: ${pct(power, PAIRS)} (95% CI ${wilson(power, PAIRS)}), target >= 90%: ${power / PAIRS >= 0.9 ? 'MET' : 'MISSED'}`)

// calibration where the null is tight: --fail-on-regression 0 on A/A pairs fails at most alpha
{
  const random = seededRandom(77)
  let fails = 0
  for (let p = 0; p < PAIRS; p++) {
    if (!decideGates(lightSweep(random, 20, 0.3), lightSweep(random, 20, 0.3), { failOnRegression: 0, alpha: ALPHA }).passed) fails++
  }
  console.log(`A/A with --fail-on-regression 0 (every null at its boundary; n 20, sigma 0.3): ${pct(fails, PAIRS)} fail (95% CI ${wilson(fails, PAIRS)}), bound ${ALPHA * 100}%`)
}
// one value slowed alone: the per-value tests still see it
{
  const random = seededRandom(78)
  let fails = 0
  for (let p = 0; p < PAIRS; p++) {
    if (newRule(lightSweep(random, 20, 0.3), lightSweep(random, 20, 0.3, (m) => (m === 512 ? 1.5 : 1)))) fails++
  }
  console.log(`one value of 6 slowed by 50% (n 20, sigma 0.3): caught ${pct(fails, PAIRS)} (95% CI ${wilson(fails, PAIRS)})`)
}

const gates = { failOnRegression: 10, failOnCostIncrease: 10, alpha: ALPHA }
// `compare`: the gates on tonight's sweep. `sweep --baseline`: when a gate fails, the same gates on fresh invokes of the
// same night (the run's drift is the run's, so it stays), and the night fails only when both do.
const workflows = {
  compare: (baseline, tonight) => !decideGates(baseline, tonight(), gates).passed,
  'sweep --baseline': (baseline, tonight) => !decideGates(baseline, tonight(), gates).passed && !decideGates(baseline, tonight(), gates).passed,
}
for (const [workflow, fails] of Object.entries(workflows)) {
console.log(`\nthe nightly workflow with ${workflow} (docs/report.md): a pinned baseline of three sweeps taken on different days,`)
console.log(`one sweep a night (n 20 each, 6 values, sigma 0.3), --fail-on-regression 10 --fail-on-cost-increase 10;`)
console.log(`${TRIALS} runs of ${NIGHTS} nights on an unchanged function, then one night 30% slower`)
for (const [drift, baselineSweeps, label] of [
  [0, 3, 'no drift'],
  [0.05, 3, '5% run-to-run drift (one lognormal factor per run, sigma 0.05, on all values)'],
  [0.05, 1, '5% drift, for comparison: a baseline of one sweep'],
]) {
  const random = seededRandom(9000 + drift * 100 + baselineSweeps)
  const runFactor = () => Math.exp(drift * normal(random))
  const perTrial = []
  let caught = 0
  for (let t = 0; t < TRIALS; t++) {
    const baseline = pooled(Array.from({ length: baselineSweeps }, () => {
      const f = runFactor()
      return sweepJson(random, 20, 0.3, () => f)
    }))
    let alarms = 0
    for (let night = 0; night < NIGHTS; night++) {
      const f = runFactor()
      if (fails(baseline, () => sweep(random, 20, 0.3, () => f))) alarms++
    }
    perTrial.push(alarms)
    const f = runFactor()
    if (fails(baseline, () => sweep(random, 20, 0.3, () => 1.3 * f))) caught++
  }
  const total = perTrial.reduce((a, b) => a + b, 0)
  const quiet = perTrial.filter((a) => a <= 1).length
  console.log(`  ${label}:`)
  console.log(`    false alarms: ${(total / TRIALS).toFixed(2)} per ${NIGHTS} nights (${pct(total, TRIALS * NIGHTS)} of nights); ` +
    `runs of ${NIGHTS} nights with at most 1: ${pct(quiet, TRIALS)}; worst run: ${Math.max(...perTrial)}` +
    (drift === 0 ? `; target <= 1 in ${NIGHTS} nights: ${total / TRIALS <= 1 ? 'MET' : 'MISSED'} (mean)` : ''))
  console.log(`    a 30% regression caught on its first night: ${pct(caught, TRIALS)} (95% CI ${wilson(caught, TRIALS)})` +
    (drift === 0 ? `, target >= 90%: ${caught / TRIALS >= 0.9 ? 'MET' : 'MISSED'}` : ''))
}
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`)

function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  for (const r of rows) console.log(r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
}
