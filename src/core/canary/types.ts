import type { Strategy } from '../sweep/types.js'

/**
 * One period of one version behind the alias, as CloudWatch aggregates it (AWS/Lambda, dimensions FunctionName,
 * Resource = function:alias, ExecutedVersion = the version). Periods without data are absent, as CloudWatch omits them.
 */
export interface PeriodFigures {
  /** period start, epoch ms */
  start: number
  /** Invocations Sum */
  invocations: number
  /** Errors Sum */
  errors: number
  /** Throttles Sum */
  throttles: number
  /** Duration SampleCount and Sum: the period's mean duration is durationSum / durationCount */
  durationCount: number
  durationSum: number
}

/** What the canary compares: the alias's own version against one candidate. */
export type Role = 'main' | 'candidate'

/** How the pick is made: the sweep's strategies, with a practical-equivalence tolerance. */
export interface PickOptions {
  strategy: Strategy
  /** share: options whose measure is within this share of the best count as tied */
  tolerance: number
  /** balanced: weight of cost against speed, 0 (speed only) to 1 (cost only) */
  costWeight: number
  /** slo: the percentile and its limit, ms */
  slo?: { percentile: 'p95' | 'p99'; ms: number }
  /** of the statements a settled pick rests on, all together (Bonferroni over them) */
  confidence: number
}

/** The guards that stop a candidate while it serves real traffic. */
export interface GuardLimits {
  /** stop when the candidate's error rate exceeds the main version's by more than this share (0.01 = 1 point) */
  maxErrorIncrease: number
  /** stop when the candidate's p99 exceeds the main version's by more than this share (0.5 = +50%) */
  maxP99Increase: number
  /** chance of stopping a candidate that is no worse, over all looks and both guards together */
  falseStop: number
  /** looks planned per candidate: each guard test runs at falseStop / (2 × looks) (a union bound over the looks) */
  looks: number
}

export type StopReason = 'errors' | 'p99' | 'thin-traffic' | 'alias-changed' | 'interrupted'
