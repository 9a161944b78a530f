import type { LogSummary } from './types.js'

/**
 * The Logs Insights query over a function's REPORT lines: cold starts (a REPORT carries Init Duration only on the
 * first invoke of an environment), init percentiles, and memory used. Logs Insights gives @maxMemoryUsed and
 * @memorySize in bytes (MB x 1,000,000).
 */
export const REPORT_LINES_QUERY = [
  'filter @type = "REPORT"',
  '| stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as initAvg,',
  'pct(@initDuration, 50) as initP50, pct(@initDuration, 99) as initP99, max(@initDuration) as initMax,',
  'max(@maxMemoryUsed) as memMax, avg(@maxMemoryUsed) as memAvg, pct(@maxMemoryUsed, 99) as memP99,',
  'avg(@billedDuration) as billedAvg',
].join(' ')

/** StartQuery takes at most 50 log groups. */
export const MAX_LOG_GROUPS_PER_QUERY = 50

/** The same query over several log groups at once, one result row per group (@log is "account:group"). */
export const REPORT_LINES_BY_GROUP_QUERY = `${REPORT_LINES_QUERY} by @log`

const BYTES_PER_MB = 1_000_000

/** One row of GetQueryResults, as field/value pairs (values are strings on the wire). */
export type QueryRow = { field?: string; value?: string }[]

/** The summary from the query's single row; null when the log group had no REPORT lines in the window. */
export function parseReportLinesResult(rows: QueryRow[]): LogSummary | null {
  const row = rows[0]
  if (!row) return null
  const get = (name: string): number | null => {
    const cell = row.find((c) => c.field === name)
    if (cell?.value === undefined || cell.value === '') return null
    const n = Number(cell.value)
    return Number.isFinite(n) ? n : null
  }
  const invocations = get('invocations') ?? 0
  if (invocations === 0) return null
  const mb = (v: number | null) => (v === null ? null : v / BYTES_PER_MB)
  const coldStarts = get('coldStarts') ?? 0
  const init = (v: number | null) => (coldStarts > 0 ? v : null)
  return {
    source: 'logs',
    invocations,
    coldStarts,
    initAvgMs: init(get('initAvg')),
    initP50Ms: init(get('initP50')),
    initP99Ms: init(get('initP99')),
    initMaxMs: init(get('initMax')),
    maxMemoryUsedMB: mb(get('memMax')),
    avgMemoryUsedMB: mb(get('memAvg')),
    p99MemoryUsedMB: mb(get('memP99')),
    billedDurationAvgMs: get('billedAvg'),
  }
}

/** Splits a `by @log` result into one summary per log group name. */
export function parseReportLinesByGroup(rows: QueryRow[]): Map<string, LogSummary> {
  const out = new Map<string, LogSummary>()
  for (const row of rows) {
    const log = row.find((c) => c.field === '@log')?.value
    if (!log) continue
    const summary = parseReportLinesResult([row])
    if (summary) out.set(log.slice(log.lastIndexOf(':') + 1), summary)
  }
  return out
}
