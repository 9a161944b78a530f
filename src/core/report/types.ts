import type { Arch } from '../cost/price-types.js'

/** What a report needs to know about a function, from ListFunctions / GetFunctionConfiguration. */
export interface FunctionInfo {
  name: string
  arn?: string
  memoryMB: number
  /** seconds */
  timeout: number
  architecture: Arch
  runtime?: string
  packageType?: 'Zip' | 'Image'
  ephemeralStorageMB: number
  /** the function's log group (LoggingConfig.LogGroup, default /aws/lambda/<name>) */
  logGroup: string
}

/** One CloudWatch metric query, independent of the SDK's shapes. */
export interface MetricQuery {
  /** unique in a call; starts with a lower-case letter */
  id: string
  namespace: string
  metricName: string
  dimensions: { name: string; value: string }[]
  /** Sum, Average, Maximum, SampleCount, p99, p99.9 ... */
  stat: string
  /** seconds */
  period: number
}

/** One answered query: timestamps (epoch ms) and values, in any order. */
export interface MetricSeries {
  id: string
  timestamps: number[]
  values: number[]
}

/** The aggregated REPORT lines of one log group (Logs Insights), or the LambdaInsights metrics. */
export interface LogSummary {
  source: 'logs' | 'insights'
  invocations: number
  coldStarts: number
  initAvgMs: number | null
  initP50Ms: number | null
  initP99Ms: number | null
  initMaxMs: number | null
  /** MB */
  maxMemoryUsedMB: number | null
  avgMemoryUsedMB: number | null
  p99MemoryUsedMB: number | null
  billedDurationAvgMs: number | null
  /** ms, from the REPORT lines' Duration (logs only): the fallback for percentiles CloudWatch did not give */
  duration?: { avg: number | null; p50: number | null; p90: number | null; p99: number | null; p999: number | null; max: number | null }
}

/** One part of a function's REPORT lines with its own setting: a version at a memory size (Logs Insights, by version and @memorySize). */
export interface BillingPart {
  /** '$LATEST' or a version number, from the log stream name */
  version: string
  memoryMB: number
  invocations: number
  /** sum of Billed Duration, ms */
  billedMs: number
}

export interface DurationSummary {
  avg: number
  p50: number | null
  p90: number | null
  p99: number | null
  p999: number | null
  max: number | null
}

/** Where a figure came from. */
export type FigureSource = 'metrics' | 'logs' | 'insights'

/** How the monthly cost was priced (docs/report.md). */
export interface CostBasis {
  /**
   * report-lines: each part of the REPORT lines' Billed Duration at its own memory and architecture; average-duration:
   * CloudWatch's average Duration, rounded up to the next ms, at the current memory (no REPORT lines were read)
   */
  billedDuration: 'report-lines' | 'average-duration'
  /**
   * in-billed-duration: Lambda bills INIT and the REPORT lines' Billed Duration holds it, so it is counted once;
   * added: the cold-start share x the INIT duration, priced on top of average durations; not-billed: INIT is free for
   * this function in this month; unknown: INIT is billed but the cold starts are unknown, so it is not priced
   */
  init: 'in-billed-duration' | 'added' | 'not-billed' | 'unknown'
  parts: {
    version: string | null
    memoryMB: number
    architecture: Arch
    /** where the architecture came from: the version's configuration, or the function's current one */
    architectureFrom: 'version' | 'current'
    /** share 0..1 of the invokes */
    share: number
    /** mean billed duration of one invoke, ms */
    billedDurationMs: number
    /** USD a month */
    cost: number
  }[]
}

/** lambda-tune's own sweep traffic, left out of every figure. */
export interface ExcludedTraffic {
  invocations: number
  errors: number
  throttles: number
  /** the sweep runs it came from */
  runs: string[]
  /** the aliases and versions whose metrics and logs were left out */
  qualifiers: string[]
  versions: string[]
}

export interface FunctionReport {
  name: string
  memoryMB: number
  timeout: number
  architecture: Arch
  runtime: string | null
  /** null when CloudWatch could not be read (see the warnings) */
  invocations: number | null
  errors: number | null
  /** errors / invocations, 0..1 */
  errorRate: number | null
  throttles: number | null
  throttleRate: number | null
  /** ms; null without invocations */
  duration: DurationSummary | null
  concurrency: {
    /** CloudWatch ConcurrentExecutions Maximum over the window */
    max: number | null
    /** average busy environments: invocations x average duration / window (Little's law) */
    average: number
    /** invocations per second in the busiest period */
    peakArrivalRate: number
    /** peakArrivalRate x average duration: busy environments that peak implies */
    peakFromArrivalRate: number
  }
  provisioned: { utilizationMax: number | null; spilloverInvocations: number } | null
  coldStarts: {
    source: 'logs' | 'insights'
    count: number
    /** 0..1 of the invocations seen in the logs */
    share: number
    init: { avg: number | null; p50: number | null; p99: number | null; max: number | null }
  } | null
  memoryUsed: { maxMB: number | null; avgMB: number | null; p99MB: number | null; utilization: number | null } | null
  monthly: {
    /** the observed rate scaled to a 730-hour month */
    invocations: number | null
    /** USD at that rate with the cost model (no free tier: it is account-wide): the one monthly figure everywhere */
    cost: number | null
    basis: CostBasis | null
  }
  /** where each figure came from; null when nothing gave it */
  sources: {
    counts: FigureSource | null
    duration: FigureSource | null
    percentiles: FigureSource | null
    concurrency: FigureSource | null
    coldStarts: FigureSource | null
    memoryUsed: FigureSource | null
  }
  /** lambda-tune's own sweep traffic in the window, left out of every figure above; null when there was none */
  excluded: ExcludedTraffic | null
  /** invocations per period over the window, oldest first (not in the JSON of `report`) */
  traffic?: number[]
}

export interface ReportResult {
  schemaVersion: 1
  kind: 'report'
  region: string
  window: { start: string; end: string; seconds: number; period: number }
  functions: FunctionReport[]
  totals: {
    invocations: number
    errors: number
    throttles: number
    monthlyInvocations: number
    monthlyCost: number
    /** invokes of lambda-tune's own sweeps left out */
    excludedInvocations: number
  }
  /** how many CloudWatch calls the report made */
  calls: { getMetricData: number; metricQueries: number; logsQueries: number }
  warnings: string[]
}
