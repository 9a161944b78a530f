#!/usr/bin/env node
// The reserved-concurrency rule of `recommend` (src/core/recommend/concurrency.ts) on traffic with a known truth.
// A cap is ceil(observed peak x 1.5); it throttles whenever a later peak goes above it. The rule sets (or tightens) a
// cap only from a window of at least 7 days and 300 invokes. For each traffic level and window this seeded simulation
// runs the real core on the window's figures and prints: how often the rule sets a cap; and, for the cap the naive
// rule (any evidence, --allow-caps) would set, how often the next 14 days of the same traffic exceed it, against the
// same for the caps the rule does set. Target: a cap the rule sets throttles the next two weeks in at most 10% of
// trials. Figures are printed, never asserted.
const { recommendConcurrency } = await import(new URL('../../dist/core/recommend/concurrency.js', import.meta.url).href)
const { seededRandom } = await import(new URL('../../dist/core/stats/random.js', import.meta.url).href)

const MINUTE = 60
const DAY = 86_400
const TRIALS = Number(process.env.BENCH_TRIALS ?? 100)
const PERIOD = 300

/**
 * Traffic: Poisson arrivals with a daily cycle (quiet nights, busy afternoons: x0.2 to x1.8 of the mean), one busy
 * weekday in seven (x1.5), and a rare burst (1 minute in 2,000 at x8). Duration lognormal around 200 ms (sigma 0.5).
 */
function traffic(perHour, random) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const poisson = (mean) => {
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
    let k = 0
    for (let p = Math.exp(-mean), s = p, u = random(); u > s; k++) { p *= mean / (k + 1); s += p }
    return k
  }
  const phase = random() * DAY
  const busyDay = Math.floor(random() * 7)
  return {
    /** arrivals of one minute starting at t (seconds), each with its duration in seconds */
    minute(t) {
      const daily = 1 + 0.8 * Math.sin((2 * Math.PI * (t + phase)) / DAY)
      const weekly = Math.floor(t / DAY) % 7 === busyDay ? 1.5 : 1
      const burst = random() < 1 / 2000 ? 8 : 1
      const n = poisson((perHour / 60) * daily * weekly * burst)
      return Array.from({ length: n }, () => ({ at: t + random() * MINUTE, seconds: 0.2 * Math.exp(0.5 * normal()) }))
    },
  }
}

/** Observes [from, to): what CloudWatch would report (invocations, per-period traffic, peak concurrency, average duration). */
function observe(source, from, to) {
  let invocations = 0
  let durationSum = 0
  let peak = 0
  const traffic = []
  let running = []
  for (let t = from; t < to; t += MINUTE) {
    const arrivals = source.minute(t).sort((a, b) => a.at - b.at)
    for (const a of arrivals) {
      running = running.filter((end) => end > a.at)
      running.push(a.at + a.seconds)
      peak = Math.max(peak, running.length)
      invocations++
      durationSum += a.seconds
    }
    const slot = Math.floor((t - from) / PERIOD)
    traffic[slot] = (traffic[slot] ?? 0) + arrivals.length
  }
  return { invocations, avgMs: invocations ? (durationSum / invocations) * 1000 : 0, peak, traffic: traffic.map((n) => n ?? 0) }
}

function report(o, windowSeconds) {
  const peakPerPeriod = Math.max(0, ...o.traffic)
  const peakArrivalRate = peakPerPeriod / PERIOD
  return {
    name: 'sim', memoryMB: 512, timeout: 10, architecture: 'x86_64', runtime: 'nodejs20.x',
    invocations: o.invocations, errors: 0, errorRate: 0, throttles: 0, throttleRate: 0,
    duration: { avg: o.avgMs, p50: null, p90: null, p99: null, p999: null, max: null },
    concurrency: { max: o.peak, average: (o.invocations * o.avgMs) / 1000 / windowSeconds, peakArrivalRate, peakFromArrivalRate: (peakArrivalRate * o.avgMs) / 1000 },
    provisioned: null, coldStarts: null, memoryUsed: null,
    monthly: { invocations: o.invocations * (2_628_000 / windowSeconds), cost: null },
    sources: { counts: 'metrics', duration: 'metrics', percentiles: null, concurrency: 'metrics', coldStarts: null, memoryUsed: null },
    excluded: null, traffic: o.traffic,
  }
}

const levels = [
  { perHour: 13, trials: TRIALS },
  { perHour: 120, trials: TRIALS },
  { perHour: 1500, trials: Math.max(10, Math.round(TRIALS / 10)) },
]
const windows = [['1 hour', 3600], ['6 hours', 6 * 3600], ['1 day', DAY], ['3 days', 3 * DAY], ['7 days', 7 * DAY], ['14 days', 14 * DAY]]
const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(7)
console.log('traffic    window    invokes (median)   rule sets a cap   naive cap throttles next 14 d   rule\'s cap throttles next 14 d')
let worst = 0
for (const level of levels) {
  for (const [label, seconds] of windows) {
    const random = seededRandom(level.perHour * 1000 + seconds)
    let set = 0
    let naiveThrottles = 0
    let ruleThrottles = 0
    const invokes = []
    for (let i = 0; i < level.trials; i++) {
      const source = traffic(level.perHour, random)
      const start = Math.floor(random() * 7) * DAY + Math.floor(random() * 24) * 3600
      const seen = observe(source, start, start + seconds)
      const future = observe(source, start + seconds, start + seconds + 14 * DAY)
      invokes.push(seen.invocations)
      const input = { report: report(seen, seconds), region: 'us-east-1', period: PERIOD, windowSeconds: seconds, reservedConcurrency: null, accountLimit: 1000 }
      const naive = recommendConcurrency({ ...input, allowCaps: true }).reserved.recommended
      const rule = recommendConcurrency(input).reserved.recommended
      if (naive !== null && future.peak > naive) naiveThrottles++
      if (rule !== null) {
        set++
        if (future.peak > rule) ruleThrottles++
      }
    }
    invokes.sort((a, b) => a - b)
    const ruleRate = set ? ruleThrottles / set : 0
    worst = Math.max(worst, ruleRate)
    console.log(`${`${level.perHour}/h`.padEnd(10)} ${label.padEnd(9)} ${String(invokes[Math.floor(invokes.length / 2)]).padStart(16)}   ${pct(set / level.trials)}${' '.repeat(10)}${pct(naiveThrottles / level.trials)}${' '.repeat(26)}${set ? pct(ruleRate) : '      -'}`)
  }
}
console.log(`\nthe worst throttle rate of a cap the rule sets: ${pct(worst).trim()} (target <= 10%): ${worst <= 0.1 ? 'MET' : 'MISSED'}`)
