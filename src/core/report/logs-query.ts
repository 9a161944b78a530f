import type { BillingPart, LogSummary } from './types.js'

/**
 * The Logs Insights queries over a function's REPORT lines. The summary: cold starts (a REPORT carries Init Duration
 * only on the first invoke of an environment), init percentiles, memory used, and the durations (the fallback when
 * CloudWatch gives no percentiles, and the only clean source when sweep traffic is left out). Logs Insights gives
 * @maxMemoryUsed and @memorySize in bytes (MB x 1,000,000).
 */
export const REPORT_LINES_QUERY = [
  'filter @type = "REPORT"',
  '| stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as initAvg,',
  'pct(@initDuration, 50) as initP50, pct(@initDuration, 99) as initP99, max(@initDuration) as initMax,',
  'max(@maxMemoryUsed) as memMax, avg(@maxMemoryUsed) as memAvg, pct(@maxMemoryUsed, 99) as memP99,',
  'avg(@billedDuration) as billedAvg, avg(@duration) as durAvg, pct(@duration, 50) as durP50, pct(@duration, 90) as durP90,',
  'pct(@duration, 99) as durP99, pct(@duration, 99.9) as durP999, max(@duration) as durMax',
].join(' ')

/** StartQuery takes at most 50 log groups. */
export const MAX_LOG_GROUPS_PER_QUERY = 50

/** The same query over several log groups at once, one result row per group (@log is "account:group"). */
export const REPORT_LINES_BY_GROUP_QUERY = `${REPORT_LINES_QUERY} by @log`

/** The version of the environment, from the log stream name (`2026/01/01/[7]0123...`). */
const VERSION_PARSE = '| parse @logStream /\\[(?<version>[^\\]]+)\\]/'

/**
 * The REPORT lines split by version and memory size, each part with its billed milliseconds: what prices a month whose
 * memory (or architecture, which only changes with a new version or code) changed within the window.
 */
export const BILLING_PARTS_BY_GROUP_QUERY = [
  'filter @type = "REPORT"',
  VERSION_PARSE,
  '| stats count(*) as invocations, sum(@billedDuration) as billedSum by @log, version, @memorySize',
].join(' ')

/**
 * The filter that leaves out the log streams of lambda-tune's own sweep versions: inserted after the REPORT filter of
 * either query above, for one function's log group.
 */
export function excludingVersions(query: string, versions: readonly string[]): string {
  if (versions.length === 0) return query
  const alternatives = versions.map((v) => v.replace(/[^0-9A-Za-z$]/g, '').replace('$', '\\$')).join('|')
  return query.replace('filter @type = "REPORT"', `filter @type = "REPORT" and @logStream not like /\\[(${alternatives})\\]/`)
}

const BYTES_PER_MB = 1_000_000

/** One row of GetQueryResults, as field/value pairs (values are strings on the wire). */
export type QueryRow = { field?: string; value?: string }[]

/** The stats fields a summary row must carry; a row without them is an endpoint that did not run the query as asked. */
const SUMMARY_FIELDS = ['invocations', 'coldStarts']
const PARTS_FIELDS = ['invocations', 'billedSum']

/** Whether rows came back without the stats fields the query asked for (an endpoint that ignores `stats`). */
export function rowsLackStats(rows: QueryRow[], parts = false): boolean {
  const fields = parts ? PARTS_FIELDS : SUMMARY_FIELDS
  return rows.some((row) => fields.some((f) => !row.some((c) => c.field === f)))
}

function reader(row: QueryRow) {
  return (name: string): number | null => {
    const cell = row.find((c) => c.field === name)
    if (cell?.value === undefined || cell.value === '') return null
    const n = Number(cell.value)
    return Number.isFinite(n) ? n : null
  }
}

/** The summary from the query's single row; null when the log group had no REPORT lines in the window. */
export function parseReportLinesResult(rows: QueryRow[]): LogSummary | null {
  const row = rows[0]
  if (!row) return null
  const get = reader(row)
  const invocations = get('invocations') ?? 0
  if (invocations === 0) return null
  const mb = (v: number | null) => (v === null ? null : v / BYTES_PER_MB)
  const coldStarts = get('coldStarts') ?? 0
  const init = (v: number | null) => (coldStarts > 0 ? v : null)
  const durAvg = get('durAvg')
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
    ...(durAvg !== null
      ? { duration: { avg: durAvg, p50: get('durP50'), p90: get('durP90'), p99: get('durP99'), p999: get('durP999'), max: get('durMax') } }
      : {}),
  }
}

/** The group name of a `by @log` row ("account:group"). */
function groupOf(row: QueryRow): string | undefined {
  const log = row.find((c) => c.field === '@log')?.value
  return log ? log.slice(log.lastIndexOf(':') + 1) : undefined
}

/** Splits a `by @log` result into one summary per log group name. */
export function parseReportLinesByGroup(rows: QueryRow[]): Map<string, LogSummary> {
  const out = new Map<string, LogSummary>()
  for (const row of rows) {
    const group = groupOf(row)
    if (!group) continue
    const summary = parseReportLinesResult([row])
    if (summary) out.set(group, summary)
  }
  return out
}

/** Splits the billing-parts result into the parts of each log group. */
export function parseBillingPartsByGroup(rows: QueryRow[]): Map<string, BillingPart[]> {
  const out = new Map<string, BillingPart[]>()
  for (const row of rows) {
    const group = groupOf(row)
    const get = reader(row)
    const invocations = get('invocations') ?? 0
    const memoryBytes = get('@memorySize')
    if (!group || invocations === 0 || memoryBytes === null) continue
    const version = row.find((c) => c.field === 'version')?.value ?? '$LATEST'
    const parts = out.get(group) ?? []
    parts.push({ version, memoryMB: Math.round(memoryBytes / BYTES_PER_MB), invocations, billedMs: get('billedSum') ?? 0 })
    out.set(group, parts)
  }
  return out
}
