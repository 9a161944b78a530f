import type { Summary } from '../stats/summary.js'

export type Strategy = 'cost' | 'speed' | 'balanced' | 'slo'

/** One invoke as the sweep measured it. Fields the REPORT line did not carry are absent. */
export interface InvokeSample {
  memory: number
  /** 'warmup' invokes are excluded from the statistics; 'cold' are the forced cold starts on fresh versions */
  phase: 'warmup' | 'measure' | 'cold'
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
}

export interface SweepOptions {
  /** share trimmed at each end for the trimmed mean */
  trim: number
  /** error types that still count as results */
  allowedErrors: readonly string[]
  /** a value whose error rate is above this share is failed */
  errorThreshold: number
  strategy: Strategy
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
}

export interface Recommendation {
  memory: number | null
  reason: string
  /** values the data cannot tell apart from the pick on the strategy's measure */
  indistinguishable: number[]
}
