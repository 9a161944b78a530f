import { quantileLowerBound, quantileUpperBound } from '../../stats/quantile-bounds.js'
import type { Strategy } from '../types.js'
import { logEstimate, lowerBound, scoreEstimate, type LogEstimate } from './estimates.js'
import { leastProbabilities } from './soft-min.js'

/**
 * The sweep's decision, made again at every look. Every strategy is one rule with a practical-equivalence
 * tolerance: values whose PRIMARY measure is within the tolerance of the best count as equally good, and among
 * them the best on the SECONDARY measure wins (values within the tolerance of that best count as equally good too,
 * and the better primary decides between them).
 *
 *   cost:     primary cost per invoke, secondary duration (cheapest, then fastest among the equally cheap)
 *   speed:    primary duration, secondary cost           (fastest, then cheapest among the equally fast)
 *   balanced: primary the score w·ln(cost) + (1−w)·ln(duration), secondary cost
 *   slo:      `cost`, among the values shown to meet the percentile limit
 *
 * The statistics never change what the rule means; they decide how sure the answer is. A statement about a value is
 * certified when a one-sided confidence bound proves it, with the error split over every look and every value
 * (below); a certified statement stays certified. A value stops being invoked once it cannot be the pick, and the
 * pick is settled when every value the rule might prefer to it has been ruled out by a certified statement.
 */

export interface ValueData {
  /** the value's key in every answer: its memory size when only memory is swept, else an id the caller maps back */
  id: number
  /** its memory size: orders the slo's fixed sequence */
  memory: number
  /** warm durations, ms */
  durations: readonly number[]
  /** cost of the same invokes, USD */
  costs: readonly number[]
  /** more of its invokes fail than the error threshold allows (see errors.ts) */
  failed: boolean
}

export interface RaceOptions {
  strategy: Strategy
  /** practical-equivalence tolerance, a share: 0.1 = values within 10% count as equal */
  tolerance: number
  /** confidence of every decision together, e.g. 0.95 */
  confidence: number
  /** balanced: weight of cost against speed */
  weight: number
  /** share trimmed at each end */
  trim: number
  /** the looks planned for the whole run (the error is split over them) */
  looks: number
  /** how many values the run measures (the error is split over them) */
  values: number
  slo?: { percentile: 'p95' | 'p99'; ms: number }
}

/** Statements proved so far; a proof made at one look holds for the rest of the run. */
export interface Evidence {
  /** value → why its primary measure is more than the tolerance above another value's */
  out: Map<number, Proof>
  /** `${v}>${u}` → v is worse than u on the secondary measure by more than the tolerance */
  worse: Map<string, Proof>
  /** `${v}>=${u}`: v is not better than u on the secondary measure by more than the tolerance */
  notBetter: Set<string>
  /** slo: values shown to meet the limit, and to break it */
  meets: Set<number>
  breaks: Map<number, number>
}

export interface Proof {
  /** the other value */
  than: number
  /** point ratio of the measure */
  ratio: number
  /** its lower confidence bound */
  bound: number
  /** warm invokes of the value when it was proved */
  after: number
}

export type ValueStatus =
  | { state: 'pick' }
  /** within the tolerance of the pick on both measures, by the estimates */
  | { state: 'tied' }
  /** shown not to beat the pick by more than the tolerance: can no longer be preferred to it */
  | { state: 'settled' }
  | { state: 'ruled out'; why: 'primary'; proof: Proof }
  | { state: 'ruled out'; why: 'secondary'; proof: Proof }
  | { state: 'ruled out'; why: 'slo'; bound: number; after: number }
  | { state: 'failed' }
  /** could still displace the pick, or (slo) not yet shown to meet or break the limit */
  | { state: 'open' }

export interface Assessment {
  pick: number | null
  settled: boolean
  /** values still worth invoking */
  active: number[]
  status: Map<number, ValueStatus>
  /** the pick and every value that could still displace it */
  contenders: number[]
  /** values the estimates put within the tolerance of the pick on both measures */
  ties: number[]
  /** the value with the best primary estimate (the cheapest, for cost) */
  best: { id: number } | null
  /** the pick's primary measure over the best's (the winner's-curse-free estimate), and its plain 95% upper bound */
  toBest: { ratio: number; upper: number } | null
  /** the upper bound is within the tolerance: the pick's own place in the band is shown, not only estimated */
  proven: boolean
}

/** A value whose estimate is beyond the tolerance by less than this many standard errors still counts as within it. */
export const BAND_SE = 0.5
/** The plain two-sided level of the pick's ratio to the best, as shown (not a decision: nothing is certified by it). */
const SHOWN_Z = 1.959964

export function emptyEvidence(): Evidence {
  return { out: new Map(), worse: new Map(), notBetter: new Set(), meets: new Set(), breaks: new Map() }
}

/** One-sided error of each certified statement: the confidence's complement split over looks and comparisons. */
export function statementAlpha(options: Pick<RaceOptions, 'confidence' | 'looks' | 'values' | 'slo'>): number {
  // A settled pick is wrong only if some statement about the rule's true answer v* was proved falsely: "v* is out"
  // (against one of the other values) or "v* is no better than the pick" (one of the other values). That is
  // 2 (values − 1) statements a look; slo gives half of its error to the percentile bounds.
  const share = options.slo ? 0.5 : 1
  return ((1 - options.confidence) * share) / (2 * Math.max(1, options.values - 1) * Math.max(1, options.looks))
}

/** Error of each percentile bound (slo): half the error, split over the looks (fixed-sequence over the values). */
export function sloAlpha(options: Pick<RaceOptions, 'confidence' | 'looks'>): number {
  return (1 - options.confidence) / 2 / Math.max(1, options.looks)
}

interface Measured {
  id: number
  primary: LogEstimate
  secondary: LogEstimate
  n: number
}

/**
 * Updates the evidence with what the data now prove, and names the pick. Pure: the same data and evidence give
 * the same answer, so the simulation benchmark runs exactly this.
 */
export function assess(values: readonly ValueData[], evidence: Evidence, options: RaceOptions): Assessment {
  const L = Math.log(1 + options.tolerance)
  const status = new Map<number, ValueStatus>()
  const measured: Measured[] = []
  for (const v of values) {
    if (v.failed) {
      status.set(v.id, { state: 'failed' })
      continue
    }
    const m = measure(v, options)
    if (m) measured.push(m)
    else status.set(v.id, { state: 'open' })
  }
  const unmeasured = values.filter((v) => !v.failed && !measured.some((m) => m.id === v.id)).map((v) => v.id)

  if (options.slo) updateSlo(values, evidence, options)
  // Under slo only values shown to meet the limit can be the cheapest a value is compared with.
  const eligible = (m: Measured) => !options.slo || evidence.meets.has(m.id)
  const breaks = (id: number) => evidence.breaks.has(id)

  certify(measured, evidence, eligible, L, statementAlpha(options))

  const candidates = measured.filter((m) => !evidence.out.has(m.id) && !breaks(m.id) && eligible(m))
  const assessment: Assessment = { pick: null, settled: false, active: [], status, contenders: [], ties: [], best: null, toBest: null, proven: false }
  const ruledOut = (v: Measured): ValueStatus | undefined => {
    if (breaks(v.id)) return { state: 'ruled out', why: 'slo', bound: evidence.breaks.get(v.id)!, after: v.n }
    const proof = evidence.out.get(v.id)
    return proof ? { state: 'ruled out', why: 'primary', proof } : undefined
  }

  if (candidates.length > 0) {
    // The band's anchor: the least primary measure, estimated without the winner's curse (soft-min.ts): the lowest of
    // several noisy estimates of equal values is biased low, and would push a tied value out of the band.
    const weights = leastProbabilities(candidates.map((m) => m.primary.log), candidates.map((m) => finite(m.primary.se)))
    const anchor = candidates.reduce((sum, m, i) => sum + m.primary.log * weights[i]!, 0)
    const anchorSe = Math.sqrt(candidates.reduce((sum, m, i) => sum + (weights[i]! * finite(m.primary.se)) ** 2, 0))
    const lowest = minBy(candidates, (m) => m.primary.log)
    // Within the tolerance, or beyond it by less than half a standard error (after Breiman's one-standard-error rule):
    // a tied value's estimate lands outside the band by chance as often as inside, and must not flicker out of it.
    const band = candidates.filter((m) => m === lowest || m.primary.log <= anchor + L + BAND_SE * Math.hypot(finite(m.primary.se), anchorSe))
    const bestSecondary = Math.min(...band.map((m) => m.secondary.log))
    const near = band.filter((m) => m.secondary.log <= bestSecondary + L)
    const pick = minBy(near, (m) => m.primary.log)
    assessment.pick = pick.id
    assessment.best = { id: lowest.id }
    assessment.ties = near.filter((m) => m !== pick).map((m) => m.id).sort((a, b) => a - b)

    // A value can no longer displace the pick once it is ruled out, or shown not to beat the pick on the secondary
    // measure by more than the tolerance. One that seems better on the primary measure (cheaper, for cost) displaces
    // the pick by merely tying it on the secondary, so it must be shown worse by more than the tolerance: else a pick
    // just past the band's edge settled whenever the cheaper value happened to measure slow (an arm64 twin of the
    // same speed, bench 61). Under slo a value not yet shown to meet the limit stays open: if it met it, it could
    // become the cheapest.
    const beaten = (v: Measured) =>
      v.primary.log < pick.primary.log ? evidence.worse.has(`${v.id}>${pick.id}`) : evidence.notBetter.has(`${v.id}>=${pick.id}`)
    const decided = (v: Measured) => ruledOut(v) !== undefined || (eligible(v) && beaten(v))
    const open = measured.filter((v) => v !== pick && !decided(v))
    assessment.settled = open.length === 0 && unmeasured.length === 0 && eligible(pick)
    // The pick's own place in the band rests on its estimate. Shown with it: how far above the cheapest the pick may
    // be, the highest plain 95% upper bound of its ratio to any other candidate (not a decision: nothing is certified
    // by it). When that passes the tolerance, the data have not shown the pick to be within it.
    const upper = Math.max(
      0,
      ...candidates.filter((j) => j !== pick).map((j) => pick.primary.log - j.primary.log + SHOWN_Z * Math.hypot(finite(pick.primary.se), finite(j.primary.se))),
    )
    assessment.toBest = { ratio: Math.max(1, Math.exp(pick.primary.log - anchor)), upper: Math.exp(upper) }
    assessment.proven = upper <= L
    assessment.contenders = [pick.id, ...(assessment.settled ? [] : [...open.map((v) => v.id), ...unmeasured])].sort((a, b) => a - b)

    for (const v of measured) {
      const out = ruledOut(v)
      if (v === pick) status.set(v.id, { state: 'pick' })
      else if (out) status.set(v.id, out)
      else if (decided(v)) status.set(v.id, { state: assessment.ties.includes(v.id) ? 'tied' : 'settled' })
      else {
        // worse than a value in the band by more than the tolerance: not the pick while that value stays in the band
        const proof = band.map((u) => evidence.worse.get(`${v.id}>${u.id}`)).find((p) => p !== undefined)
        status.set(v.id, proof && eligible(v) ? { state: 'ruled out', why: 'secondary', proof } : { state: 'open' })
      }
    }
  } else {
    for (const v of measured) status.set(v.id, ruledOut(v) ?? { state: 'open' })
    assessment.contenders = [...measured.filter((v) => !ruledOut(v)).map((v) => v.id), ...unmeasured].sort((a, b) => a - b)
  }

  // Keep invoking what can still matter: the open values, the pick, and the cheapest candidate (the band's anchor,
  // so that a pick near the band's edge is judged on fresh data). Never a failed or ruled-out value.
  if (!assessment.settled) {
    const keep = new Set<number>()
    for (const [id, s] of status) if (s.state === 'open') keep.add(id)
    if (assessment.pick !== null) keep.add(assessment.pick)
    if (assessment.best) keep.add(assessment.best.id)
    assessment.active = [...keep].sort((a, b) => a - b)
  }
  return assessment
}

/**
 * What the data now prove, added to the evidence: a value is out (its primary measure more than the tolerance above
 * another's), worse than another (its secondary measure more than the tolerance worse), or not better than another
 * (not better by more than the tolerance). Each is a one-sided bound at `alpha`; a proof stays.
 */
function certify(measured: readonly Measured[], evidence: Evidence, eligible: (m: Measured) => boolean, L: number, alpha: number): void {
  for (const v of measured) {
    if (!evidence.out.has(v.id)) {
      for (const j of measured) {
        if (j === v || !eligible(j)) continue
        const bound = lowerBound(v.primary, j.primary, alpha)
        if (bound > L) {
          evidence.out.set(v.id, { than: j.id, ratio: Math.exp(v.primary.log - j.primary.log), bound: Math.exp(bound), after: v.n })
          break
        }
      }
    }
    for (const u of measured) {
      if (u === v) continue
      const key = `${v.id}>${u.id}`
      if (evidence.worse.has(key) && evidence.notBetter.has(`${v.id}>=${u.id}`)) continue
      const bound = lowerBound(v.secondary, u.secondary, alpha)
      if (bound >= -L) evidence.notBetter.add(`${v.id}>=${u.id}`)
      if (bound > L && !evidence.worse.has(key)) {
        evidence.worse.set(key, { than: u.id, ratio: Math.exp(v.secondary.log - u.secondary.log), bound: Math.exp(bound), after: v.n })
      }
    }
  }
}

function measure(v: ValueData, options: RaceOptions): Measured | undefined {
  const cost = logEstimate(v.costs, options.trim)
  const time = logEstimate(v.durations, options.trim)
  if (!cost || !time) return undefined
  const n = Math.min(cost.n, time.n)
  switch (options.strategy) {
    case 'speed':
      return { id: v.id, primary: time, secondary: cost, n }
    case 'balanced':
      return { id: v.id, primary: scoreEstimate(cost, time, options.weight), secondary: cost, n }
    case 'cost':
    case 'slo':
      return { id: v.id, primary: cost, secondary: time, n }
  }
}

/**
 * slo: a value meets the limit when a distribution-free upper bound of its percentile is within it, and breaks it
 * when the lower bound is above it. "Meets" is tested from the largest memory down, stopping at the first value not
 * shown to meet (a fixed-sequence test: its error is that of one test, not one per value).
 */
function updateSlo(values: readonly ValueData[], evidence: Evidence, options: RaceOptions): void {
  const slo = options.slo!
  const p = slo.percentile === 'p99' ? 0.99 : 0.95
  const confidence = 1 - sloAlpha(options)
  const bySize = [...values].filter((v) => !v.failed).sort((a, b) => b.memory - a.memory || a.id - b.id)
  let sequenceOpen = true
  for (const v of bySize) {
    const sorted = [...v.durations].sort((a, b) => a - b)
    if (!evidence.meets.has(v.id) && sequenceOpen) {
      const upper = quantileUpperBound(sorted, p, confidence).value
      if (upper !== null && upper <= slo.ms) evidence.meets.add(v.id)
    }
    if (!evidence.meets.has(v.id)) sequenceOpen = false
    if (!evidence.breaks.has(v.id) && !evidence.meets.has(v.id)) {
      const lower = quantileLowerBound(sorted, p, confidence).value
      if (lower !== null && lower > slo.ms) evidence.breaks.set(v.id, lower)
    }
  }
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T {
  let best = items[0] as T
  for (const item of items) if (key(item) < key(best)) best = item
  return best
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0
}
