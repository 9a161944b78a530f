import { monthlyCost } from '../cost/monthly-cost.js'
import { provisionedPrices, firstTierPrice, resolveLambdaPrices } from '../cost/lambda-prices.js'
import { SECONDS_PER_MONTH } from '../quantity.js'
import { changeOf, money, NO_MONEY, pct, rateNotes, usd, type ObservedFunction, type Recommendation } from './types.js'

/** Since November 2023 each function can add 1,000 execution environments every 10 seconds. */
export const BURST_ENVIRONMENTS = 1000
export const BURST_SECONDS = 10
/** AWS keeps 100 of the account's concurrency unreserved. */
export const UNRESERVED_MINIMUM = 100
/** reserved concurrency = peak x this, so the cap protects downstreams without throttling normal peaks */
export const RESERVED_HEADROOM = 1.5
/**
 * A hard cap (reserved concurrency) throttles every request beyond it, so it is recommended only from a window that
 * has seen a weekly cycle and enough invokes for its peak to mean something: at least 7 days and 300 invokes.
 * `npm run bench -- 45-reserved-cap` prints how often a cap from less throttles the following two weeks: with a busy
 * weekday in the traffic, caps from one day throttled in 40% of trials at 1,500 invokes an hour, from three days in
 * 10%, from seven in none.
 */
export const MIN_CAP_WINDOW_SECONDS = 7 * 86_400
export const MIN_CAP_INVOKES = 300

export interface ConcurrencyInput {
  report: ObservedFunction
  region: string
  /** window period, seconds: the resolution of report.traffic */
  period: number
  /** the report window's length, seconds: a cap needs a day of evidence */
  windowSeconds: number
  /** recommend a cap from less evidence than MIN_CAP_WINDOW_SECONDS and MIN_CAP_INVOKES */
  allowCaps?: boolean
  /** undefined: the current reservation could not be read */
  reservedConcurrency: number | null | undefined
  accountLimit: number | null
  /** environments provisioned now; null: the read failed; absent: none unless the metrics show some */
  provisionedNow?: number | null
}

export interface ConcurrencyRecommendation {
  peak: { observed: number | null; fromArrivalRate: number; average: number; used: number }
  burst: { environmentsPer10s: number; secondsToPeak: number; accountLimit: number | null; note: string }
  reserved: Recommendation
  provisioned: Recommendation & {
    /** utilisation above which provisioned concurrency costs less than on-demand duration */
    breakEvenUtilization: number | null
    /** expected utilisation of the recommended environments (or of one, when none is recommended) */
    expectedUtilization: number | null
  }
}

export function recommendConcurrency(input: ConcurrencyInput): ConcurrencyRecommendation {
  const r = input.report
  const avgS = (r.duration?.avg ?? 0) / 1000
  const observed = r.concurrency.max
  const used = Math.max(observed ?? 0, r.concurrency.peakFromArrivalRate)
  const peak = { observed, fromArrivalRate: r.concurrency.peakFromArrivalRate, average: r.concurrency.average, used }
  const needed = Math.ceil(used)
  const secondsToPeak = Math.ceil(needed / BURST_ENVIRONMENTS) * BURST_SECONDS
  const burst = {
    environmentsPer10s: BURST_ENVIRONMENTS,
    secondsToPeak: needed > BURST_ENVIRONMENTS ? secondsToPeak : 0,
    accountLimit: input.accountLimit,
    note: needed > BURST_ENVIRONMENTS
      ? `a burst to ${needed} environments takes about ${secondsToPeak} s (1,000 new environments per 10 s); requests beyond that are throttled meanwhile`
      : `the peak of ${needed} environments is within one 10-second burst step of 1,000`,
  }
  return { peak, burst, reserved: reserved(input, used), provisioned: provisioned(input, avgS) }
}

function reserved(input: ConcurrencyInput, peak: number): Recommendation {
  const r = input.report
  const current = input.reservedConcurrency ?? null
  const notes = rateNotes(r, {
    errors: 'retries of failed asynchronous invokes add to the peak a cap must hold',
    throttles: 'the observed peak is held down by throttling, so the real demand, and the cap it needs, are higher',
  })
  const warnings: string[] = [...notes.warnings]
  if (input.reservedConcurrency === undefined) warnings.push('the current reserved concurrency could not be read (see the warnings)')
  if (r.invocations === 0) {
    return { current, recommended: current, unit: 'environments', change: 'none', confidence: 'low', reason: 'no invocations in the window', evidence: notes.evidence, money: NO_MONEY, warnings }
  }
  const cap = input.accountLimit !== null ? input.accountLimit - UNRESERVED_MINIMUM : null
  let recommended = Math.max(1, Math.ceil(peak * RESERVED_HEADROOM))
  if (cap !== null && recommended > cap) {
    warnings.push(`the peak needs ${recommended} of an account limit of ${input.accountLimit}: ask AWS for a higher concurrency limit`)
    recommended = cap
  }
  const evidence = [
    `peak ${peak.toFixed(1)} concurrent environments (CloudWatch maximum ${r.concurrency.max ?? 'n/a'}, arrival rate ${r.concurrency.peakArrivalRate.toFixed(2)}/s x ${(r.duration?.avg ?? 0).toFixed(0)} ms = ${r.concurrency.peakFromArrivalRate.toFixed(1)})`,
    `${peak.toFixed(1)} x ${RESERVED_HEADROOM} headroom, rounded up = ${Math.ceil(peak * RESERVED_HEADROOM)}`,
    ...notes.evidence,
  ]
  if (current !== null && current < peak) warnings.push(`reserved concurrency ${current} is below the observed peak ${peak.toFixed(1)}: requests are being throttled`)
  const money_ = { ...NO_MONEY, note: 'reserved concurrency is free' }
  const confidence: Recommendation['confidence'] = r.invocations >= 1000 ? 'high' : r.invocations >= 50 ? 'medium' : 'low'
  const enough = input.windowSeconds >= MIN_CAP_WINDOW_SECONDS && r.invocations >= MIN_CAP_INVOKES
  const span = input.windowSeconds >= 86_400 ? `${(input.windowSeconds / 86_400).toFixed(1)} days` : `${(input.windowSeconds / 3600).toFixed(1)} hours`
  // Setting or tightening a cap from too little evidence risks throttling a peak not seen yet; raising one never does.
  if (!enough && !input.allowCaps && (current === null || recommended < current)) {
    evidence.push(`a cap of ${recommended} would rest on ${r.invocations} invokes over ${span}`)
    return {
      current, recommended: current, unit: 'environments', change: 'none', confidence: 'low',
      reason: `too little evidence for a hard cap (${r.invocations} invokes over ${span}; a cap needs at least ${MIN_CAP_WINDOW_SECONDS / 86_400} days and ${MIN_CAP_INVOKES} invokes, or --allow-caps): reserved concurrency throttles every request beyond it`,
      evidence, money: money_, warnings,
    }
  }
  const keep = current !== null && current >= peak && current <= recommended * 2
  if (!enough && !keep) warnings.push(`the cap rests on ${r.invocations} invokes over ${span}: a later, higher peak would be throttled`)
  return {
    current,
    recommended: keep ? current : recommended,
    unit: 'environments',
    change: keep ? 'none' : changeOf(current, recommended),
    confidence: enough ? confidence : 'low',
    reason: keep
      ? `the current ${current} covers the peak with headroom`
      : `caps the function at ${recommended} environments: room for the observed peak, a bound on runaway scaling, and protection for downstreams and the rest of the account`,
    evidence,
    money: money_,
    warnings,
  }
}

/**
 * Provisioned concurrency pays when its environments are busy enough: it costs a rate per GB-s enabled but cuts the
 * duration rate, so it breaks even at utilisation = concurrency rate / (on-demand rate - provisioned duration rate)
 * (60% in us-east-1 x86). Utilisation of N environments is estimated from invocations per period:
 * sum over periods of min(average concurrency, N) / N. Recommended only when it saves money and cold starts occur.
 */
function provisioned(input: ConcurrencyInput, avgS: number): ConcurrencyRecommendation['provisioned'] {
  const r = input.report
  // undefined: not asked (none unless the metrics show some); null: the read failed
  const current = input.provisionedNow === undefined ? (r.provisioned ? null : 0) : input.provisionedNow
  const head = { current, unit: 'environments', evidence: [] as string[], warnings: [] as string[] }
  let rates: { concurrency: number; duration: number; onDemand: number }
  try {
    const p = resolveLambdaPrices(input.region, r.architecture)
    rates = { ...provisionedPrices(p), onDemand: firstTierPrice(p) }
  } catch (err) {
    return { ...head, recommended: current, change: 'none', confidence: 'low', reason: (err as Error).message, money: NO_MONEY, breakEvenUtilization: null, expectedUtilization: null }
  }
  const breakEven = rates.concurrency / (rates.onDemand - rates.duration)
  const evidence = [`break-even utilisation ${pct(breakEven)} = $${rates.concurrency} / ($${rates.onDemand} - $${rates.duration}) per GB-s`]
  if (r.invocations === 0 || !r.duration || avgS === 0) {
    return { ...head, evidence, recommended: current, change: 'none', confidence: 'low', reason: 'no invocations in the window', money: NO_MONEY, breakEvenUtilization: breakEven, expectedUtilization: null }
  }
  const concurrencySeries = (r.traffic?.length ? r.traffic : [r.invocations]).map((n) => (n * avgS) / (r.traffic?.length ? input.period : 1))
  const utilization = (n: number) => concurrencySeries.reduce((s, c) => s + Math.min(c, n), 0) / (n * concurrencySeries.length)
  const coldShare = r.coldStarts?.share ?? 0
  const costAt = (n: number) =>
    n === 0 ? costWith(r, input.region, 0, 0)
      : costWith(r, input.region, n, Math.min(1, (utilization(n) * n * SECONDS_PER_MONTH) / (r.monthly.invocations * avgS)))
  const onDemand = costAt(0)
  // Prices are the report's monthly figure plus what the model says provisioned concurrency changes, so that the
  // on-demand price here is the one figure the report and the header show.
  const base = r.monthly.cost ?? onDemand
  const priced = (n: number) => base + (costAt(n) - onDemand)
  let best = { n: 0, cost: onDemand, utilization: 0 }
  const maxN = Math.ceil(Math.max(...concurrencySeries))
  for (let n = 1; n <= Math.min(maxN, 10_000); n++) {
    const cost = costAt(n)
    if (cost < best.cost) best = { n, cost, utilization: utilization(n) }
  }
  const one = utilization(1)
  evidence.push(`average concurrency ${r.concurrency.average.toFixed(2)}; one provisioned environment would be ${pct(one)} utilised`)
  evidence.push(`cold starts: ${r.coldStarts ? `${r.coldStarts.count} (${pct(coldShare)})` : 'unknown (no REPORT lines)'}`)
  // With provisioned concurrency in place, few cold starts are left to see: keeping it is judged on money alone.
  const pays = best.n > 0 && (coldShare > 0 || (current ?? 0) > 0)
  const recommended = pays ? best.n : 0
  if (pays) evidence.push(`${best.n} environment(s) at ${pct(best.utilization)} utilisation: ${usd(priced(best.n))} a month against ${usd(base)} on demand`)
  const notes = rateNotes(r, {
    errors: 'failing invokes keep provisioned environments busy without doing useful work; the utilisation is overstated',
    throttles: 'throttled requests are demand the utilisation does not show',
  })
  evidence.push(...notes.evidence)
  const reason = pays
    ? `${best.n} provisioned environment(s) would be busy ${pct(best.utilization)} of the time, above the ${pct(breakEven)} break-even, and remove most of the ${pct(coldShare)} cold starts`
    : best.n > 0
      ? 'it would pay, but no cold starts were seen: on-demand is already warm'
      : `utilisation would be ${pct(one)} at best, below the ${pct(breakEven)} break-even: cold starts are cheaper than keeping environments warm`
  return {
    ...head,
    evidence,
    warnings: notes.warnings,
    recommended,
    change: changeOf(current ?? 0, recommended),
    confidence: r.invocations >= 1000 ? 'medium' : 'low',
    reason,
    money: money(current === null ? null : priced(current), priced(recommended), `estimated from invocations per ${input.period} s period; short bursts lower the real utilisation`),
    breakEvenUtilization: breakEven,
    expectedUtilization: pays ? best.utilization : one,
  }
}

function costWith(r: ObservedFunction, region: string, environments: number, shareOfInvokes: number): number {
  return monthlyCost({
    requestsPerMonth: r.monthly.invocations,
    memoryMB: r.memoryMB,
    duration: Math.max(1, Math.ceil(r.duration?.avg ?? 1)),
    arch: r.architecture,
    region,
    coldStartRate: r.coldStarts?.init.avg ? r.coldStarts.share : 0,
    initDurationMs: r.coldStarts?.init.avg ?? 0,
    runtime: r.runtime ?? undefined,
    ...(environments > 0 ? { provisioned: { environments, shareOfInvokes } } : {}),
  }).total
}
