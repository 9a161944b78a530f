import { samplesForUpperBound } from '../stats/quantile-bounds.js'
import { studentTQuantile } from '../stats/student-t.js'
import type { PairedRatio } from './paired.js'
import { boundStatistic, type RankStatistic } from './percentiles.js'
import { rateDifference } from './proportions.js'
import type { GuardLimits, StopReason } from './types.js'

/** A candidate needs this many periods in which both versions ran (after its warm-up) for the paired interval. */
export const MIN_PAIRED_PERIODS = 5
/** ...and at least this many invokes over its window: fewer cannot show an error rate or a mean worth comparing. */
export const MIN_CANDIDATE_INVOKES = 30
/** The periods right after routing are left out of the comparison: every environment of a new version starts cold. */
export const WARMUP_PERIODS = 1

// ---- before any change --------------------------------------------------------------------------------------------

export interface PreflightInput {
  mainMemory: number
  candidates: number[]
  /** the main version's Max Memory Used in production (REPORT lines over the lookback); null when unknown */
  maxMemoryUsedMB: number | null
  /** why it is unknown, for the message */
  maxMemoryUnknownWhy?: string
  /** share added to Max Memory Used: a candidate below used × (1 + margin) is refused */
  memoryMargin: number
  /** memory -> where a sweep of the function found it failing */
  sweepFailures: Map<number, string>
}

/**
 * Real users get a candidate's answers, so a candidate must be safe before it gets any: one line per refusal.
 * `--force` skips these (never the guards that stop a running candidate).
 */
export function preflightRefusals(input: PreflightInput): string[] {
  const out: string[] = []
  const floor = input.maxMemoryUsedMB === null ? null : Math.ceil(input.maxMemoryUsedMB * (1 + input.memoryMargin))
  for (const memory of input.candidates) {
    if (floor !== null && memory < floor) {
      out.push(
        `${memory} MB is below the main version's Max Memory Used in production (${Math.round(input.maxMemoryUsedMB!)} MB) plus ${Math.round(input.memoryMargin * 100)}% (${floor} MB)`,
      )
    }
    const failed = input.sweepFailures.get(memory)
    if (failed) out.push(`${memory} MB failed in ${failed}`)
  }
  if (floor === null && input.candidates.some((m) => m < input.mainMemory)) {
    out.push(`cannot check candidates below the current ${input.mainMemory} MB against the main version's Max Memory Used: ${input.maxMemoryUnknownWhy ?? 'unknown'}`)
  }
  return out
}

export interface TrafficNeed {
  /** the candidate invokes the window is expected to get */
  expectedCandidateInvokes: number
  /** the shortest --duration that gets MIN_CANDIDATE_INVOKES and MIN_PAIRED_PERIODS, seconds; null without traffic */
  minimumSeconds: number | null
  enough: boolean
}

/** From the alias's recent rate (invokes per second): whether a candidate at `weight` can gather the minimum in time. */
export function trafficNeed(aliasRatePerSecond: number, weight: number, durationSeconds: number, periodSeconds: number): TrafficNeed {
  const perSecond = aliasRatePerSecond * weight
  const minPeriodsSeconds = (MIN_PAIRED_PERIODS + WARMUP_PERIODS) * periodSeconds
  const minimumSeconds = perSecond > 0 ? Math.max(minPeriodsSeconds, Math.ceil(MIN_CANDIDATE_INVOKES / perSecond / periodSeconds) * periodSeconds + WARMUP_PERIODS * periodSeconds) : null
  const measured = Math.max(0, durationSeconds - WARMUP_PERIODS * periodSeconds)
  return {
    expectedCandidateInvokes: perSecond * measured,
    minimumSeconds,
    enough: minimumSeconds !== null && durationSeconds >= minimumSeconds,
  }
}

// ---- while a candidate serves traffic -------------------------------------------------------------------------------

/** Confidence of one guard test at one look: the union bound spreads the false-stop budget over both guards and all looks. */
export function lookConfidence(limits: GuardLimits): number {
  return 1 - limits.falseStop / (2 * Math.max(1, limits.looks))
}

/** The percentile statistics the p99 guard reads at a look: a lower bound of the candidate's p99, an upper one of main's. */
export function p99GuardStatistics(
  limits: GuardLimits,
  invocations: { main: number; candidate: number },
): { candidateLower: RankStatistic | null; mainUpper: RankStatistic | null } {
  // Two bounds make one statement: each at half of the look's error.
  const each = 1 - (1 - lookConfidence(limits)) / 2
  return {
    candidateLower: boundStatistic(invocations.candidate, 0.99, each, 'lower'),
    mainUpper: boundStatistic(invocations.main, 0.99, each, 'upper'),
  }
}

/** The main version's invokes before its p99 has an upper bound at a look (the p99 guard waits for them). */
export function p99GuardMinimum(limits: GuardLimits): number {
  return samplesForUpperBound(0.99, 1 - (1 - lookConfidence(limits)) / 2)
}

export interface Look {
  /** since the candidate got traffic */
  elapsedSeconds: number
  plannedSeconds: number
  periodSeconds: number
  /** counts over the window so far, warm-up included (a failing candidate is failing from its first invoke) */
  main: { invocations: number; errors: number }
  candidate: { invocations: number; errors: number }
  /** the bounds read with p99GuardStatistics, ms; null when not read (too few invokes) */
  p99: { candidateLower: number | null; mainUpper: number | null }
  /** the comparison so far, warm-up left out */
  paired: PairedRatio | null
  /** whether this look judges whether the traffic is enough (the first look after a third of the window) */
  judgeTraffic: boolean
  /** confidence of the comparison's interval */
  confidence: number
  /** tolerance of the pick, and the map from a duration ratio to the strategy's measure ratio (cost or duration) */
  tolerance: number
  toMeasure: (durationRatio: number) => number
}

export type Verdict =
  | { stop: false }
  | { stop: true; reason: Exclude<StopReason, 'alias-changed' | 'interrupted'>; detail: string; needSeconds: number | null }

/**
 * The guards at one look. errors: stop when the one-sided lower bound of rate(candidate) − rate(main) (Newcombe)
 * exceeds maxErrorIncrease. p99: stop when a lower bound of the candidate's p99 exceeds (1 + maxP99Increase) × an upper
 * bound of main's. Both at lookConfidence, so the chance of ever stopping a candidate that is no worse stays below
 * falseStop over the whole window. thin-traffic: at the look that judges traffic, stop when the interval expected at
 * the window's end is still wider than the tolerance and still overlaps the tolerance band around the current setting.
 */
export function judgeLook(look: Look, limits: GuardLimits): Verdict {
  const confidence = lookConfidence(limits)
  const errors = rateDifference(look.candidate, look.main, 1 - 2 * (1 - confidence))
  if (errors && errors.ci[0] > limits.maxErrorIncrease) {
    return {
      stop: true,
      reason: 'errors',
      detail:
        `error rate ${share(look.candidate.errors / look.candidate.invocations)} (${look.candidate.errors} of ${look.candidate.invocations}) against ` +
        `${share(look.main.errors / look.main.invocations)} for the main version: more than ${points(limits.maxErrorIncrease)} higher ` +
        `(at least ${points(errors.ci[0])} at ${pct(confidence)})`,
      needSeconds: null,
    }
  }
  const { candidateLower, mainUpper } = look.p99
  if (candidateLower !== null && mainUpper !== null && candidateLower > (1 + limits.maxP99Increase) * mainUpper) {
    return {
      stop: true,
      reason: 'p99',
      detail:
        `p99 at least ${ms(candidateLower)} against at most ${ms(mainUpper)} for the main version: more than ${pct(limits.maxP99Increase)} slower ` +
        `(bounds at ${pct(1 - (1 - confidence) / 2)} each)`,
      needSeconds: null,
    }
  }
  if (!look.judgeTraffic) return { stop: false }
  return judgeTraffic(look)
}

function judgeTraffic(look: Look): Verdict {
  const period = look.periodSeconds
  const measuredSoFar = Math.max(0, look.elapsedSeconds - WARMUP_PERIODS * period)
  const measuredPlanned = Math.max(period, look.plannedSeconds - WARMUP_PERIODS * period)
  const p = look.paired
  if (!p || p.periods < 3) {
    // Too little to judge the spread yet: judge the count. A Poisson count's 95% upper bound (x + 1.96√x + 2) keeps a
    // window whose first seconds were merely unlucky.
    const x = look.candidate.invocations
    const perSecondUpper = (x + 1.96 * Math.sqrt(x) + 2) / Math.max(period, look.elapsedSeconds)
    if (perSecondUpper * measuredPlanned >= MIN_CANDIDATE_INVOKES) return { stop: false }
    const perSecond = x / Math.max(period, look.elapsedSeconds)
    const need = perSecond > 0 ? Math.ceil(MIN_CANDIDATE_INVOKES / perSecond / period) * period + WARMUP_PERIODS * period : null
    return {
      stop: true,
      reason: 'thin-traffic',
      detail:
        `${x} invokes reached the candidate in ${look.elapsedSeconds} s, too few to compare in the window` +
        (need === null ? '' : `: at this rate it needs about ${duration(need)}`),
      needSeconds: need,
    }
  }
  // The interval narrows as 1/√(data), and the data grows with the time measured; at the end it has more periods too.
  const periodsAtEnd = Math.max(2, Math.floor(measuredPlanned / period))
  const tEnd = studentTQuantile(1 - (1 - look.confidence) / 2, periodsAtEnd - 1)
  const projected = tEnd * p.standardError * Math.sqrt(measuredSoFar / measuredPlanned)
  const atEnd: [number, number] = [look.toMeasure(p.ratio - projected), look.toMeasure(p.ratio + projected)]
  const width = (atEnd[1] - atEnd[0]) / 2
  const overlapsBand = atEnd[0] <= 1 + look.tolerance && atEnd[1] >= 1 - look.tolerance
  if (width <= look.tolerance || !overlapsBand) return { stop: false }
  // the time at which the projected half-width reaches the tolerance
  const half = tEnd * p.standardError
  const measureHalf = (look.toMeasure(p.ratio + half) - look.toMeasure(p.ratio - half)) / 2
  const need = Math.ceil((measuredSoFar * (measureHalf / look.tolerance) ** 2) / period) * period + WARMUP_PERIODS * period
  return {
    stop: true,
    reason: 'thin-traffic',
    detail:
      `after ${look.elapsedSeconds} s (${p.candidateInvocations} invokes in ${p.periods} periods) the comparison is expected to be ±${pct(width)} at the end ` +
      `of the window, wider than the tolerance of ${pct(look.tolerance)}: at this traffic and weight it needs about ${duration(need)}`,
    needSeconds: need,
  }
}

/** 3600 -> "1h", 90 -> "1m30s", 20 -> "20s" */
export function duration(seconds: number): string {
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  return [h ? `${h}h` : '', m ? `${m}m` : '', rest || s === 0 ? `${rest}s` : ''].join('')
}

function share(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

function points(x: number): string {
  return `${Number((x * 100).toFixed(2))} points`
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`
}

function ms(x: number): string {
  return `${x < 100 ? x.toFixed(1) : Math.round(x)} ms`
}
