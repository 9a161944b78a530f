// x86_64 against arm64 by simulation: runs the real sequential core (dist/core/sweep) over the (memory, architecture)
// values of `sweep --arch x86_64,arm64` on workloads whose true curves are known, arm64 faster, as fast, slower, or
// failing (code built for x86), with lognormal noise, 1% outliers and slow drift. Prints how often the pick is right
// under the rule, how often its architecture is, what the pick costs over the cheapest, that a failing architecture is
// never picked, and what the sampling spent against a fixed 12 × 20 grid. Seeded: the same figures on every run.
// `node scripts/bench.js 61` (add `--trials 1000` for tighter figures).
import { SequentialSweep, lookSchedule } from '../../dist/core/sweep/index.js'
import { sweepValues } from '../../dist/core/sweep/arch-values.js'
import { seededRandom } from '../../dist/core/stats/random.js'
import { CURVES as ALL_CURVES, invokeCost, MEMORY, noise, PRICING, TOLERANCE } from './lib/workloads.js'

const args = process.argv.slice(2)
const TRIALS = Number(args[args.indexOf('--trials') + 1]) || 200
const ARCHES = ['x86_64', 'arm64']
const VALUES = sweepValues(MEMORY, ARCHES)

const CURVES = { 'cpu-bound': ALL_CURVES['cpu-bound'], 'io-bound (flat)': ALL_CURVES['io-bound (flat)'] }
/** arm64's duration over x86_64's; null: every arm64 invoke fails (native code built for x86) */
const ARM = { 'arm64 0.85× (faster)': 0.85, 'arm64 1.0× (as fast)': 1, 'arm64 1.2× (slower)': 1.2, 'arm64 1.5× (slower)': 1.5, 'arm64 fails': null }

const duration = (curve, factor, v) => curve(v.memory) * (v.architecture === 'arm64' ? factor : 1)

/** True mean cost and duration per value (a failing value is out), by a large seeded Monte Carlo without drift. */
function truth(curve, factor, sigma) {
  const r = seededRandom(99)
  return VALUES.filter((v) => factor !== null || v.architecture === 'x86_64').map((v) => {
    const N = 20_000
    let c = 0
    for (let i = 0; i < N; i++) c += invokeCost(v.memory, duration(curve, factor, v) * noise(sigma, r), v.architecture)
    return { id: v.id, architecture: v.architecture, cost: c / N, time: duration(curve, factor, v) }
  })
}

/** The answers the rule accepts on the true curves (cost: within the tolerance of the cheapest, none of those faster by more). */
function rightAnswers(tr) {
  const best = Math.min(...tr.map((v) => v.cost))
  const band = tr.filter((v) => v.cost <= (1 + TOLERANCE) * best)
  return band.filter((p) => band.every((v) => v.time * (1 + TOLERANCE) >= p.time))
}

function simulate(curve, factor, sigma, r) {
  const race = new SequentialSweep({
    memories: MEMORY, values: VALUES, strategy: 'cost', tolerance: TOLERANCE, confidence: 0.95, weight: 0.5, trim: 0.1,
    allowedErrors: [], errorThreshold: 0.05, looks: lookSchedule(100), coldPerValue: 1, fixed: false, pricing: PRICING,
  })
  const phase = r() * 2 * Math.PI
  const counts = new Map(VALUES.map((v) => [v.id, 0]))
  const byId = new Map(VALUES.map((v) => [v.id, v]))
  let clock = 0
  const gb = { x86_64: 0, arm64: 0 }
  for (let round = race.nextRound(); round; round = race.nextRound()) {
    const samples = []
    while ([...round.targets].some(([id, t]) => counts.get(id) < t)) {
      for (const [id, t] of round.targets) {
        if (counts.get(id) >= t) continue
        const v = byId.get(id)
        const cold = counts.get(id) === 0
        counts.set(id, counts.get(id) + 1)
        const base = { memory: v.memory, architecture: v.architecture, phase: 'measure', coldStart: cold, payload: 0, latencyMs: 1, throttles: 0 }
        if (factor === null && v.architecture === 'arm64') {
          // fails while loading: a few ms billed, an error
          gb.arm64 += (v.memory / 1024) * 0.005
          samples.push({ ...base, durationMs: 5, billedDurationMs: 5, status: 'error', errorType: 'Error' })
          continue
        }
        const d = duration(curve, factor, v) * noise(sigma, r) * (1 + 0.05 * Math.sin((2 * Math.PI * clock) / 40 + phase))
        gb[v.architecture] += (v.memory / 1024) * (Math.ceil(d) / 1000)
        samples.push({ ...base, durationMs: d, billedDurationMs: Math.ceil(d), status: 'success' })
      }
      clock++
    }
    race.record(samples)
  }
  const out = race.outcome()
  return { pick: out.assessment.pick, settled: out.assessment.settled, gb }
}

function gridGbSeconds(curve, factor) {
  return VALUES.reduce((s, v) => s + 20 * (v.memory / 1024) * ((factor === null && v.architecture === 'arm64' ? 5 : duration(curve, factor, v)) / 1000), 0)
}

const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(6)
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]

console.log(`sweep --arch x86_64,arm64 by simulation: ${TRIALS} seeded trials per cell; cost strategy, tolerance 10%, confidence 95%,`)
console.log('12 values (128-3008 MB on each architecture), each priced at its architecture\'s rates; lognormal noise, 1% outliers 2-6× slower, ±5% drift.')
console.log('Targets (those of a memory sweep): right ≥ 95% at σ 0.3, ≥ 90% at σ 0.6; cost over the cheapest ≤ tolerance + 2 points at p95;')
console.log('a failing architecture never picked. GB-s = spent over what a fixed 12 × 20 grid spends.\n')
for (const sigma of [0.1, 0.3, 0.6]) {
  console.log(`σ ${sigma}`)
  for (const [curveName, curve] of Object.entries(CURVES)) {
    for (const [armName, factor] of Object.entries(ARM)) {
      const tr = truth(curve, factor, sigma)
      const right = rightAnswers(tr)
      const rightIds = new Set(right.map((v) => v.id))
      const rightArches = new Set(right.map((v) => v.architecture))
      const cheapest = Math.min(...tr.map((v) => v.cost))
      const r = seededRandom(Math.round(sigma * 1000) + curveName.length * 7919 + armName.length * 104729)
      let ok = 0
      let archOk = 0
      let failingPicked = 0
      let settledWrong = 0
      let gb = 0
      let armGb = 0
      const over = []
      for (let t = 0; t < TRIALS; t++) {
        const res = simulate(curve, factor, sigma, r)
        gb += res.gb.x86_64 + res.gb.arm64
        armGb += res.gb.arm64
        if (res.pick === null) continue
        const v = VALUES.find((x) => x.id === res.pick)
        if (factor === null && v.architecture === 'arm64') failingPicked++
        if (rightIds.has(res.pick)) ok++
        else if (res.settled) settledWrong++
        if (rightArches.has(v.architecture)) archOk++
        const picked = tr.find((x) => x.id === res.pick)
        if (picked) over.push(picked.cost / cheapest - 1)
      }
      over.sort((a, b) => a - b)
      const truthLabel = right.map((v) => `${VALUES.find((x) => x.id === v.id).memory} ${v.architecture}`).join(', ')
      const failing = factor === null ? `  arm64 picked ${pct(failingPicked / TRIALS)} (arm64 spent ${(armGb / gb * 100).toFixed(1)}% of the GB-s)` : ''
      console.log(
        `  ${curveName.padEnd(16)} ${armName.padEnd(21)} right ${pct(ok / TRIALS)}  architecture right ${pct(archOk / TRIALS)}  settled but wrong ${pct(settledWrong / TRIALS)}` +
          `  cost over the cheapest p95 ${pct(over.length ? quantile(over, 0.95) : 0)}  GB-s ${(gb / TRIALS / gridGbSeconds(curve, factor)).toFixed(2)} of the grid${failing}  (truth: ${truthLabel})`,
      )
    }
  }
  console.log('')
}
