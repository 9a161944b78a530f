// A sweep measured from CloudWatch's aggregates (no REPORT line in the log tails: sweep --source): the real core
// (dist/core/sweep/aggregate-result.js, decideOnAggregates) picks on each alias's mean duration and the cost of that mean
// rounded up, as CloudWatch gives them: every invoke through the alias, its first (cold) one included. Simulated on
// workloads whose true curves are known, against the same rule on the same invokes with per-invoke data (decideOnce,
// what the log tails or the REPORT lines read back from CloudWatch Logs give). Issue 12 sets no target for this pick;
// it is never settled, and this says how often it is right all the same. Seeded. `node scripts/bench.js 65`
// (`node scripts/bench/65-cloudwatch-pick.js --plain-mean` decides on the Average instead of the trimmed mean).
import { decideOnAggregates } from '../../dist/core/sweep/aggregate-result.js'
import { decideOnce } from '../../dist/core/sweep/index.js'
import { seededRandom } from '../../dist/core/stats/random.js'
import { AMDAHL, CURVES, invokeCost, MEMORY, noise, PRICING, TOLERANCE } from './lib/workloads.js'

const args = process.argv.slice(2)
const TRIALS = Number(args[args.indexOf('--trials') + 1]) || 400
/** measured invokes per value when a sweep measures from CloudWatch (CLOUDWATCH_INVOCATIONS), plus the first, cold one */
const N = 20
/** a cold invoke's handler time (INIT aside) over a warm one's: lazy loading and a cold JIT */
const COLD_FACTOR = 2

const WORKLOADS = { ...CURVES, 'amdahl (edge case)': AMDAHL }


/** True warm mean cost and duration per value (a large seeded Monte Carlo), and the answers the rule accepts on them. */
function truth(curve, sigma) {
  const r = seededRandom(99)
  return MEMORY.map((m) => {
    let c = 0
    const K = 40_000
    for (let i = 0; i < K; i++) c += invokeCost(m, curve(m) * noise(sigma, r))
    return { m, cost: c / K, time: curve(m) }
  })
}
function rightAnswers(tr, strategy) {
  const [primary, secondary] = strategy === 'speed' ? ['time', 'cost'] : ['cost', 'time']
  const best = Math.min(...tr.map((v) => v[primary]))
  const band = tr.filter((v) => v[primary] <= (1 + TOLERANCE) * best)
  return new Set(band.filter((p) => band.every((v) => v[secondary] * (1 + TOLERANCE) >= p[secondary])).map((v) => v.m))
}

/** CloudWatch's TM(a%:b%): the mean of the values ranked above pA up to pB (nearest rank) */
function cloudWatchTrimmedMean(values, a, b) {
  const sorted = [...values].sort((x, y) => x - y)
  const rank = (p) => Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9))
  const kept = sorted.slice(rank(a), rank(b))
  return kept.reduce((s, v) => s + v, 0) / kept.length
}
/** --plain-mean: decide on CloudWatch's Average, as when the endpoint gives no TM statistic */
const USE_TM = !args.includes('--plain-mean')

const options = (strategy) => ({ strategy, tolerance: TOLERANCE, confidence: 0.95, weight: 0.5, trim: 0.1, allowedErrors: [], errorThreshold: 0.05 })

/** One run: N + 1 invokes per value (the first cold), decided on the aggregates and on the invokes themselves. */
function once(curve, sigma, r, strategy) {
  const samples = []
  const results = []
  for (const m of MEMORY) {
    const durations = Array.from({ length: N + 1 }, (_, i) => curve(m) * noise(sigma, r) * (i === 0 ? COLD_FACTOR : 1))
    durations.forEach((d, i) => samples.push({ memory: m, phase: 'measure', coldStart: i === 0, payload: 0, durationMs: d, billedDurationMs: Math.ceil(d), status: 'success', latencyMs: d, throttles: 0 }))
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length
    const cost = invokeCost(m, mean)
    const tm = cloudWatchTrimmedMean(durations, 10, 90)
    results.push({ memory: m, failed: false, costPerInvocation: cost, costPerMillion: cost * 1e6, aggregate: { source: 'metrics', invocations: N + 1, mean, trimmedMean: USE_TM ? tm : null, p50: null, p90: null, p95: null, p99: null, max: null } })
  }
  const aggregate = decideOnAggregates(results, options(strategy), PRICING).recommendation.memory
  const perInvoke = decideOnce({ ...options(strategy), memories: MEMORY, pricing: PRICING }, samples).assessment
  return { aggregate, perInvoke: perInvoke.pick, settled: perInvoke.settled }
}

const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(6)
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
console.log(`A sweep measured from CloudWatch's aggregates: ${N} invokes + 1 cold per value (a cold invoke ${COLD_FACTOR}× a warm one), 6 values, tolerance 10%, ${TRIALS} seeded trials a cell.`)
console.log(`Decided on ${USE_TM ? "CloudWatch's TM(10%:90%) of each alias's durations" : "CloudWatch's Average (--plain-mean)"}; noise lognormal σ with 1% outliers 2-6× slower.`)
console.log('Right = an answer the rule accepts on the true warm curves. Per-invoke = the same rule on the same invokes with each one\'s duration.\n')
for (const strategy of ['cost', 'speed']) {
  for (const sigma of [0.1, 0.3, 0.6]) {
    console.log(`${strategy}, σ ${sigma}:`)
    for (const [name, curve] of Object.entries(WORKLOADS)) {
      const tr = truth(curve, sigma)
      const right = rightAnswers(tr, strategy)
      const r = seededRandom(Math.round(sigma * 1000) + name.length * 7919)
      let okAgg = 0
      let okPer = 0
      let settled = 0
      const over = []
      const best = strategy === 'speed' ? Math.min(...tr.map((v) => v.time)) : Math.min(...tr.map((v) => v.cost))
      for (let t = 0; t < TRIALS; t++) {
        const res = once(curve, sigma, r, strategy)
        if (right.has(res.aggregate)) okAgg++
        if (right.has(res.perInvoke)) okPer++
        if (res.settled) settled++
        const pick = tr.find((v) => v.m === res.aggregate)
        if (pick) over.push((strategy === 'speed' ? pick.time : pick.cost) / best - 1)
      }
      over.sort((a, b) => a - b)
      console.log(
        `  ${name.padEnd(20)} right: aggregates ${pct(okAgg / TRIALS)} (never settled), per-invoke ${pct(okPer / TRIALS)} (settled ${pct(settled / TRIALS).trim()})` +
          `  aggregates' pick ${strategy === 'speed' ? 'slower than the fastest' : 'dearer than the cheapest'}: median ${pct(quantile(over, 0.5))}, p95 ${pct(quantile(over, 0.95))}`,
      )
    }
  }
}
