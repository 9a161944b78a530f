import { parseReport, type ReportRecord } from '../report-log.js'
import { trimmedMean } from '../stats/summary.js'
import { attempt, failureText, type CallFailure } from './call-failure.js'
import type { MetricQuery, MetricSeries } from './types.js'

/**
 * One alias's or version's figures over a time window, read back from CloudWatch instead of from the Invoke log tails:
 * what a sweep measures when the tails hold no REPORT line (a JSON log format whose system log level filters
 * platform.report, or an endpoint that returns no tail), or when asked to. Durations, invocations and errors come
 * from the AWS/Lambda metrics by `Resource` = function:qualifier; cold starts, INIT and Max Memory Used from the
 * REPORT lines in the log streams of the version(s) behind it. Lambda publishes metrics a minute at a time and a
 * datapoint may arrive minutes after the invoke, so the reader waits for the expected invocations to show up, with
 * a progress callback and a timeout, and says for every figure where it came from.
 */

/** What is read: an alias or a version of a function, and the versions whose log streams hold its REPORT lines. */
export interface QualifierRef {
  functionName: string
  /** the alias name or version number as invoked */
  qualifier: string
  /** the versions it ran on (an alias's version; a version itself) */
  versions: string[]
  logGroup: string
}

/**
 * Where durations come from. cloudwatch: the Duration metric by Resource (percentiles included); logs: the REPORT
 * lines in CloudWatch Logs, one per invoke; auto: the REPORT lines when they arrive, else the metric.
 */
export type FigureSourceChoice = 'cloudwatch' | 'logs' | 'auto'

export type Source = 'metrics' | 'logs'

export interface Sourced<T> {
  value: T | null
  /** null: no source gave it */
  source: Source | null
}

export interface QualifierFigures {
  /** function:qualifier, CloudWatch's Resource */
  resource: string
  window: { start: string; end: string }
  expected: number
  invocations: Sourced<number>
  errors: Sourced<number>
  /** ms */
  duration: Sourced<{
    avg: number
    /** the mean with `trim` of the durations cut at each end (CloudWatch's TM(a%:b%)); null without a trim or a value */
    trimmedMean: number | null
    p50: number | null
    p90: number | null
    p95: number | null
    p99: number | null
    max: number | null
  }>
  /** ms; the REPORT lines' Billed Duration (INIT inside it where Lambda bills INIT) */
  billedDuration: Sourced<{ avg: number; sum: number }>
  coldStarts: Sourced<number>
  /** ms, over the cold starts */
  initDuration: Sourced<{ avg: number; max: number }>
  maxMemoryUsedMB: Sourced<number>
  /** every REPORT line read from the logs, oldest first: per-invoke samples when the tails had none */
  reports: ReportRecord[]
  /** the expected invocations arrived in the sources the figures came from */
  complete: boolean
  waitedMs: number
  /** the reads that failed (their figures are null); also said in `warnings` */
  failures: { metrics: CallFailure | null; logs: CallFailure | null }
  warnings: string[]
}

/** One REPORT event as FilterLogEvents returns it. */
export interface ReportEvent {
  timestamp: number
  message: string
  logStreamName?: string
}

/** The reads the figures need (src/aws/qualifier-figures.ts implements them over the SDK). */
export interface QualifierPorts {
  getMetricData(queries: MetricQuery[], start: Date, end: Date): Promise<{ series: MetricSeries[]; failed: { ids: string[]; failure: CallFailure }[] }>
  /** REPORT events of the log group in the window whose stream name starts with one of the prefixes */
  reportEvents(logGroup: string, streamPrefixes: string[], start: Date, end: Date): Promise<ReportEvent[]>
}

export interface WaitProgress {
  resource: string
  /** what is being waited for */
  source: Source
  seen: number
  expected: number
  elapsedMs: number
  timeoutMs: number
}

export interface QualifierReadOptions {
  ref: QualifierRef
  /** the window the invokes ran in (a minute is added at either end: CloudWatch keeps whole minutes) */
  start: Date
  end: Date
  /** how many invokes were made: the figures are complete when that many arrived */
  expected: number
  source: FigureSourceChoice
  ports: QualifierPorts
  /** the clock and the wait; the core reads no clock it is not given */
  now(): number
  sleep(ms: number): Promise<void>
  /** the share of durations cut at each end for `duration.trimmedMean` (a sweep's --trim); none by default */
  trim?: number
  /** give up waiting after this long (DEFAULT_WAIT_TIMEOUT_MS) */
  timeoutMs?: number
  /** first wait between polls, doubling to at most 10 s (DEFAULT_POLL_MS) */
  pollMs?: number
  onProgress?(p: WaitProgress): void
}

/** Lambda's metrics usually arrive within one to three minutes; five is the documented limit of the wait. */
export const DEFAULT_WAIT_TIMEOUT_MS = 300_000
export const DEFAULT_POLL_MS = 2000
const MAX_POLL_MS = 10_000

const METRICS: { key: string; metricName: string; stat: string }[] = [
  { key: 'invocations', metricName: 'Invocations', stat: 'Sum' },
  { key: 'errors', metricName: 'Errors', stat: 'Sum' },
  { key: 'count', metricName: 'Duration', stat: 'SampleCount' },
  { key: 'avg', metricName: 'Duration', stat: 'Average' },
  { key: 'p50', metricName: 'Duration', stat: 'p50' },
  { key: 'p90', metricName: 'Duration', stat: 'p90' },
  { key: 'p95', metricName: 'Duration', stat: 'p95' },
  { key: 'p99', metricName: 'Duration', stat: 'p99' },
  { key: 'max', metricName: 'Duration', stat: 'Maximum' },
]

/** The window as CloudWatch keeps it: whole minutes around the invokes, read as one period. */
export function metricWindow(start: Date, end: Date): { start: Date; end: Date; period: number } {
  const from = Math.floor(start.getTime() / 60_000) * 60_000 - 60_000
  const to = Math.ceil(end.getTime() / 60_000) * 60_000 + 60_000
  return { start: new Date(from), end: new Date(to), period: (to - from) / 1000 }
}

export function qualifierQueries(ref: QualifierRef, period: number, trim = 0): MetricQuery[] {
  const dimensions = [{ name: 'FunctionName', value: ref.functionName }, { name: 'Resource', value: `${ref.functionName}:${ref.qualifier}` }]
  const trimmed = trim > 0 ? [{ key: 'tm', metricName: 'Duration', stat: trimmedMeanStat(trim) }] : []
  return [...METRICS, ...trimmed].map((m) => ({ id: `q_${m.key}`, namespace: 'AWS/Lambda', metricName: m.metricName, dimensions, stat: m.stat, period }))
}

/** CloudWatch's trimmed mean with `trim` cut at each end: 0.1 is TM(10%:90%). */
export function trimmedMeanStat(trim: number): string {
  const pct = (x: number) => String(Math.round(x * 1e6) / 1e4)
  return `TM(${pct(trim)}%:${pct(1 - trim)}%)`
}

/** Log stream prefixes of the versions, one per UTC day of the window (`2026/01/01/[7]`). */
export function streamPrefixes(versions: readonly string[], start: Date, end: Date): string[] {
  const days: string[] = []
  for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t <= end.getTime(); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10).replaceAll('-', '/'))
  }
  return days.flatMap((d) => versions.map((v) => `${d}/[${v}]`))
}

interface MetricValues {
  invocations?: number
  errors?: number
  count?: number
  avg?: number
  p50?: number
  p90?: number
  p95?: number
  p99?: number
  max?: number
  tm?: number
}

function foldQualifier(series: MetricSeries[]): MetricValues {
  const out: Record<string, number> = {}
  for (const s of series) {
    const key = s.id.slice(2)
    if (!s.values.length) continue
    out[key] = key === 'max' ? Math.max(...s.values) : key === 'invocations' || key === 'errors' || key === 'count' ? s.values.reduce((a, b) => a + b, 0) : s.values[0]!
  }
  return out
}

/**
 * Reads the figures, waiting for them to arrive. Never throws for a failed read: a source that cannot be read gives
 * null figures and a warning, and the caller decides (a sweep with no durations from any source fails).
 */
export async function readQualifierFigures(o: QualifierReadOptions): Promise<QualifierFigures> {
  const resource = `${o.ref.functionName}:${o.ref.qualifier}`
  const timeoutMs = o.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS
  const began = o.now()
  const window = metricWindow(o.start, o.end)
  const queries = qualifierQueries(o.ref, window.period, o.trim)
  const prefixes = streamPrefixes(o.ref.versions, window.start, window.end)
  const warnings: string[] = []
  let metrics: MetricValues = {}
  let reports: ReportRecord[] = []
  let metricsFailure: CallFailure | undefined
  let logsFailure: CallFailure | undefined

  const readMetrics = async () => {
    const answer = await attempt(() => o.ports.getMetricData(queries, window.start, window.end))
    if (!answer.ok) metricsFailure = answer.failure
    else {
      metrics = foldQualifier(answer.value.series)
      metricsFailure = answer.value.failed[0]?.failure
    }
  }
  const readLogs = async () => {
    const answer = await attempt(() => o.ports.reportEvents(o.ref.logGroup, prefixes, window.start, window.end))
    if (!answer.ok) logsFailure = answer.failure
    else {
      reports = answer.value
        .filter((e) => e.timestamp >= window.start.getTime() && e.timestamp < window.end.getTime())
        .sort((a, b) => a.timestamp - b.timestamp)
        .map((e) => parseReport(e.message))
        .filter((r): r is ReportRecord => r !== undefined && r.durationMs !== undefined)
    }
  }
  const metricsSeen = () => Math.min(metrics.invocations ?? 0, metrics.count ?? 0)
  // A source is settled when all the invokes arrived in it, or it cannot be read (waiting would not help).
  const logsSettled = () => reports.length >= o.expected || logsFailure !== undefined
  const metricsSettled = () => metricsSeen() >= o.expected || metricsFailure !== undefined
  // Logs arrive within seconds, metrics within minutes: once the metrics are in, an empty log means the REPORT
  // lines are filtered out (a system log level above INFO) and will not come.
  const logsGaveUp = () => logsSettled() || (reports.length === 0 && metricsSettled())
  const done = () => {
    if (o.source === 'logs') return logsSettled()
    if (o.source === 'cloudwatch') return metricsSettled() && logsGaveUp()
    return reports.length >= o.expected || (metricsSettled() && (logsFailure !== undefined || reports.length === 0))
  }

  let wait = o.pollMs ?? DEFAULT_POLL_MS
  for (;;) {
    // both are read every time: errors only the metrics give, cold starts and memory only the logs
    await readLogs()
    await readMetrics()
    if (done()) break
    const elapsedMs = o.now() - began
    const waitingFor: Source = o.source === 'logs' || (o.source === 'auto' && reports.length > 0) ? 'logs' : 'metrics'
    o.onProgress?.({ resource, source: waitingFor, seen: waitingFor === 'metrics' ? metricsSeen() : reports.length, expected: o.expected, elapsedMs, timeoutMs })
    if (elapsedMs + wait > timeoutMs) break
    await o.sleep(wait)
    wait = Math.min(MAX_POLL_MS, wait * 2)
  }

  if (metricsFailure) warnings.push(`${failureText(metricsFailure)}: ${resource}'s figures from the CloudWatch metrics are null`)
  if (logsFailure) warnings.push(`${failureText(logsFailure)}: ${resource}'s figures from the REPORT lines are null`)

  // auto: every invoke's REPORT line when they all came; else the metric; else what the logs have
  const fromLogs = o.source === 'logs' || (o.source === 'auto' && (reports.length >= o.expected || (metrics.avg === undefined && reports.length > 0)))
  const durationsFromLogs = fromLogs && reports.length > 0
  const durationsFromMetrics = !fromLogs && metrics.avg !== undefined
  const sourceUsed: Source | null = durationsFromLogs ? 'logs' : durationsFromMetrics ? 'metrics' : null
  const seen = sourceUsed === 'logs' ? reports.length : metricsSeen()
  const complete = sourceUsed !== null && seen >= o.expected
  if (sourceUsed !== null && !complete) {
    warnings.push(`only ${seen} of ${o.expected} invocations of ${resource} arrived in the ${sourceUsed === 'logs' ? 'REPORT lines' : 'CloudWatch metrics'} within ${Math.round(timeoutMs / 1000)} s`)
  }
  // (a failed read says why on its own)
  if (sourceUsed === null && !metricsFailure && !logsFailure) {
    warnings.push(`no durations of ${resource} arrived in the CloudWatch metrics or the REPORT lines within ${Math.round(timeoutMs / 1000)} s`)
  }

  const durations = reports.map((r) => r.durationMs!)
  const billed = reports.map((r) => r.billedDurationMs ?? Math.ceil(r.durationMs!))
  const inits = reports.map((r) => r.initDurationMs).filter((v): v is number => v !== undefined)
  const memory = reports.map((r) => r.maxMemoryUsedMB).filter((v): v is number => v !== undefined)
  const logValue = <T>(value: T | null): Sourced<T> => (reports.length > 0 && value !== null ? { value, source: 'logs' } : { value: null, source: null })
  const metricValue = <T>(value: T | undefined): Sourced<T> => (value !== undefined ? { value, source: 'metrics' } : { value: null, source: null })

  return {
    resource,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    expected: o.expected,
    invocations: durationsFromLogs ? { value: reports.length, source: 'logs' } : metricValue(metrics.invocations),
    errors: metricValue(metrics.errors),
    duration: durationsFromLogs
      ? { value: { avg: mean(durations), trimmedMean: o.trim ? trimmedMean(durations, o.trim) : null, p50: nearestRank(durations, 0.5), p90: nearestRank(durations, 0.9), p95: nearestRank(durations, 0.95), p99: nearestRank(durations, 0.99), max: Math.max(...durations) }, source: 'logs' }
      : durationsFromMetrics
        ? { value: { avg: metrics.avg!, trimmedMean: metrics.tm ?? null, p50: metrics.p50 ?? null, p90: metrics.p90 ?? null, p95: metrics.p95 ?? null, p99: metrics.p99 ?? null, max: metrics.max ?? null }, source: 'metrics' }
        : { value: null, source: null },
    billedDuration: logValue(billed.length ? { avg: mean(billed), sum: billed.reduce((a, b) => a + b, 0) } : null),
    coldStarts: logValue(reports.length ? inits.length : null),
    initDuration: logValue(inits.length ? { avg: mean(inits), max: Math.max(...inits) } : null),
    maxMemoryUsedMB: logValue(memory.length ? Math.max(...memory) : null),
    reports,
    complete,
    waitedMs: o.now() - began,
    failures: { metrics: metricsFailure ?? null, logs: logsFailure ?? null },
    warnings,
  }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

/** CloudWatch's percentile: the value at rank ceil(p x n), so both sources agree on the same durations. */
function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}
