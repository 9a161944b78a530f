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
}

export interface DurationSummary {
  avg: number
  p50: number | null
  p90: number | null
  p99: number | null
  p999: number | null
  max: number
}

export interface FunctionReport {
  name: string
  memoryMB: number
  timeout: number
  architecture: Arch
  runtime: string | null
  invocations: number
  errors: number
  /** errors / invocations, 0..1 */
  errorRate: number
  throttles: number
  throttleRate: number
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
    invocations: number
    /** USD at that rate with the cost model (no free tier: it is account-wide) */
    cost: number | null
  }
  /** invocations per period over the window, oldest first (not in the JSON of `report`) */
  traffic?: number[]
}

export interface ReportResult {
  schemaVersion: 1
  kind: 'report'
  region: string
  window: { start: string; end: string; seconds: number; period: number }
  functions: FunctionReport[]
  totals: { invocations: number; errors: number; throttles: number; monthlyInvocations: number; monthlyCost: number }
  /** how many CloudWatch calls the report made */
  calls: { getMetricData: number; metricQueries: number; logsQueries: number }
  warnings: string[]
}
