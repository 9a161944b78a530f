import type { Arch } from '../cost/price-types.js'
import type { Summary } from '../stats/summary.js'

export type Strategy = 'cost' | 'speed' | 'balanced' | 'slo'

/** One invoke as the sweep measured it. Fields the REPORT line did not carry are absent. */
export interface InvokeSample {
  memory: number
  /**
   * 'warmup' invokes are excluded from the statistics; 'cold' are the forced cold starts on fresh versions; 'confirm'
   * are the fresh invokes that confirm a failed gate (sweep --baseline), judged apart from the rest
   */
  phase: 'warmup' | 'measure' | 'cold' | 'confirm'
  /** the REPORT line had an Init Duration: this invoke started a new execution environment */
  coldStart: boolean
  /** index into the payload set */
  payload: number
  durationMs?: number
  billedDurationMs?: number
  initDurationMs?: number
  maxMemoryUsedMB?: number
  /** success, error or timeout */
  status: 'success' | 'error' | 'timeout'
  errorType?: string
  /** client-side latency of the Invoke call, ms */
  latencyMs: number
  /** throttled attempts retried before this invoke ran */
  throttles: number
  /** the architecture it ran on, in a sweep of more than the function's own (absent: the function's own) */
  architecture?: Arch
  /** the invoke's request id, which its REPORT line in CloudWatch Logs carries too */
  requestId?: string
}

export interface SweepOptions {
  /** share trimmed at each end for the trimmed mean */
  trim: number
  /** error types that still count as results */
  allowedErrors: readonly string[]
  /** a value whose error rate is above this share is failed */
  errorThreshold: number
  strategy: Strategy
  /** practical-equivalence tolerance: values within this share of the best count as equally good (0.1 = 10%) */
  tolerance: number
  /** confidence of the decisions together (0.95): the pick is settled only when the data prove it at this level */
  confidence: number
  /** balanced: weight of cost against speed, 0 (speed only) to 1 (cost only) */
  weight: number
  /** slo: the percentile and its limit in ms */
  slo?: { percentile: 'p95' | 'p99'; ms: number }
}

export interface PricingContext {
  region: string
  arch: 'x86_64' | 'arm64'
  /** whether INIT is billed for this function's cold starts (cost model's isInitBilled) */
  initBilled: boolean
  ephemeralStorageMB?: number
}

export interface MemoryResult {
  memory: number
  /** the architecture it ran on: the function's own, or another one's on a temporary copy (see arch-copy.ts) */
  architecture: Arch
  /** invokes counted (warm-up excluded) */
  invocations: number
  /** function errors not in --allowed-errors, throttles that never ran included */
  errors: number
  errorRate: number
  errorTypes: Record<string, number>
  throttles: number
  failed: boolean
  failureReason?: string
  /** Duration of warm invokes, ms */
  warm: Summary | null
  /** Duration of cold-start invokes (the handler's time, INIT not included), ms */
  cold: Summary | null
  /** Init Duration of cold starts, ms */
  initDuration: Summary | null
  /** client-side latency of all counted invokes, ms */
  latency: Summary | null
  maxMemoryUsedMB: number | null
  /** maxMemoryUsedMB / memory */
  memoryUtilization: number | null
  /** mean cost of a warm invoke (of a cold one when there are no warm ones), USD */
  costPerInvocation: number | null
  /** 95% confidence interval of that mean cost */
  costCi95: [number, number] | null
  /** sample standard deviation of the per-invoke cost, for telling costs apart (Welch) */
  costStddev: number | null
  costPerMillion: number | null
  /** mean cost of a cold start, INIT billed when the function's INIT is billed, USD */
  coldCostPerInvocation: number | null
  /** current warm p50 / this warm p50: above 1 is faster than the current setting */
  speedup: number | null
  /** 1 − cost / current cost: positive is cheaper than the current setting */
  saving: number | null
  /** what the sweep's decision concluded about this value, and after how many warm invokes */
  decision: ValueDecision
  /** distribution-free bounds of the warm percentiles at 95% (null: too few invokes for the bound) */
  percentileBounds: PercentileBounds | null
  /** warm percentiles shown from fewer invokes than a 95% upper bound needs: the largest seen, not a bound */
  fewSamples: Array<'p90' | 'p95' | 'p99'>
  /** at the sweep's traffic (--monthly-requests, or the function's Invocations): requests and USD a month; null when unknown or failed */
  monthly: { requests: number; cost: number } | null
  /** measured from CloudWatch: where each figure came from (the log tails gave every figure otherwise) */
  sources?: FigureSources
  /** measured from CloudWatch's aggregates (no per-invoke data): the alias's figures, which `warm` cannot hold */
  aggregate?: AggregateFigures
}

/**
 * Where a figure came from: the Invoke responses (`invoke`), the REPORT lines of their log tails (`log-tail`), the
 * REPORT lines read back from CloudWatch Logs (`logs`), CloudWatch's AWS/Lambda metrics by alias (`metrics`).
 */
export type FigureSource = 'invoke' | 'log-tail' | 'logs' | 'metrics'

export interface FigureSources {
  invocations: FigureSource
  errors: FigureSource
  /** null: no source gave it */
  duration: FigureSource | null
  cost: FigureSource | null
  coldStarts: FigureSource | null
  initDuration: FigureSource | null
  maxMemoryUsed: FigureSource | null
}

/**
 * CloudWatch's figures of one value's alias when there is no per-invoke data: every invoke through the alias, the
 * warm-up and the first, cold invokes included (CloudWatch cannot tell them apart; Duration leaves INIT out), ms.
 */
export interface AggregateFigures {
  /** metrics: the Duration metric by Resource; logs: the REPORT lines in CloudWatch Logs */
  source: 'metrics' | 'logs'
  invocations: number | null
  mean: number
  /** the mean with --trim cut at each end (CloudWatch's TM(10%:90%) at the default), what the decision compares; null when unavailable */
  trimmedMean: number | null
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** --source: where a sweep reads its measurements. */
export type SourceChoice = 'auto' | 'logs' | 'cloudwatch'

/** How a sweep was measured. */
export interface Measurement {
  /** --source */
  asked: SourceChoice
  /**
   * log-tail: each invoke's REPORT line, from its Invoke log tail; logs: each invoke's REPORT line read back from
   * CloudWatch Logs by its request id; aggregates: CloudWatch's figures per alias, with no per-invoke data
   */
  source: 'log-tail' | 'logs' | 'aggregates'
  /** why the run measured from CloudWatch; null for the log tails */
  reason: string | null
  /** how long the figures took to arrive in CloudWatch, s; null for the log tails */
  waitedSeconds: number | null
  /** what CloudWatch could not give (a failed read, invokes that had not arrived within the wait) */
  warnings: string[]
}

export type DecisionStatus = 'pick' | 'tied' | 'settled' | 'ruled out' | 'failed' | 'open'

export interface ValueDecision {
  status: DecisionStatus
  /** one clause, e.g. "costs 2.1× 128 MB (at least 1.6× at 95%)" */
  reason: string
  /** warm invokes when it was decided (ruled out); null when it was not */
  after: number | null
}

export interface PercentileBounds {
  confidence: number
  p50: { lower: number | null; upper: number | null }
  p90: { lower: number | null; upper: number | null }
  p95: { lower: number | null; upper: number | null }
  p99: { lower: number | null; upper: number | null }
}

/**
 * A value in the recommendation's lists: its memory size when the sweep measured one architecture, the memory size and
 * the architecture when it measured several.
 */
export type ValueRef = number | { memory: number; architecture: Arch }

/** The pick's memory size on the other architecture of a sweep that measured two: what the other would cost, how fast. */
export interface ArchitectureComparison {
  architecture: Arch
  memory: number
  failed: boolean
  failureReason: string | null
  costPerMillion: number | null
  /** warm p50 (cold when it had no warm invoke), ms */
  p50: number | null
}

export interface Recommendation {
  memory: number | null
  /** the pick's architecture; null with no pick */
  architecture: Arch | null
  /** a sweep of two architectures: the pick's memory on the other one; null otherwise */
  otherArchitecture: ArchitectureComparison | null
  reason: string
  /** the data prove at the confidence that no value the rule could prefer to the pick remains */
  settled: boolean
  /** why the run stopped invoking */
  stoppedBy: 'settled' | 'max-invocations' | 'budget' | 'fixed'
  /** when not settled: the pick and every value that could still displace it */
  contenders: ValueRef[]
  /** values within the tolerance of the pick on both measures, by the estimates */
  ties: ValueRef[]
  /** the same values as `ties`, under the name the list had before sweeps had a tolerance */
  indistinguishable: ValueRef[]
  tolerance: number
  confidence: number
  /**
   * Where the pick stands in the band: its primary measure (cost; duration for speed; the score for balanced) over the
   * best value's (`ratio`, estimated without the winner's curse) and how high that may be (`upper`, the highest plain
   * 95% upper bound against any other value). `proven`: `upper` is within the tolerance. A settled pick that is not
   * proven rests on its estimate for its own place in the band; `best` is then the cautious alternative.
   */
  bandPosition: { measure: 'cost' | 'duration' | 'score'; best: ValueRef; ratio: number; upper: number; proven: boolean } | null
  /** USD a month the pick saves against the current setting at the sweep's traffic (negative: it costs more); null when unknown */
  monthlySaving: number | null
}
