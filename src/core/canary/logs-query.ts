import type { LogFigures } from './result.js'

/**
 * The Logs Insights query over one version's REPORT lines: Lambda names each log stream with the version that wrote
 * it (`2024/01/01/[3]abc...`), so `[3]` in @logStream picks version 3's invokes out of the function's log group.
 * Logs Insights gives @maxMemoryUsed in bytes (MB × 1,000,000).
 */
export function versionReportQuery(version: string): string {
  if (!/^(\d+|\$LATEST)$/.test(version)) throw new Error(`not a version: ${version}`)
  return [
    `filter @type = "REPORT" and @logStream like "[${version}]"`,
    '| stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as initAvg, max(@maxMemoryUsed) as memMax',
  ].join(' ')
}

/** GetQueryResults' one row of that query; null when the version wrote no REPORT line in the window. */
export function parseVersionReport(rows: Array<Array<{ field?: string; value?: string }>>): LogFigures | null {
  const row = rows[0]
  if (!row) return null
  const get = (name: string): number | null => {
    const value = row.find((c) => c.field === name)?.value
    if (value === undefined || value === '') return null
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  const invocations = get('invocations') ?? 0
  if (invocations === 0) return null
  const coldStarts = get('coldStarts') ?? 0
  const memMax = get('memMax')
  return {
    invocations,
    coldStarts,
    initMeanMs: coldStarts > 0 ? get('initAvg') : null,
    maxMemoryUsedMB: memMax === null ? null : memMax / 1_000_000,
  }
}
