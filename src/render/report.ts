import type { FunctionReport, ReportResult } from '../core/report/types.js'
import { fmtCount, fmtMs, fmtPct, formatUsd, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { formatCells, renderTable, TABLE_WIDTH, wrap, type Cell } from './table.js'

const HEADERS = ['function', 'memory', 'invokes', 'errors', 'throttles', 'avg', 'p50', 'p99', 'max', 'peak conc.', 'cold', 'init p99', 'mem used', '$/month']

function row(f: Omit<FunctionReport, 'traffic'>): Cell[] {
  const d = f.duration
  return [
    f.name,
    `${f.memoryMB} MB`,
    fmtCount(f.invocations),
    f.invocations ? fmtPct(f.errorRate) : '-',
    fmtCount(f.throttles),
    fmtMs(d?.avg),
    fmtMs(d?.p50),
    fmtMs(d?.p99),
    fmtMs(d?.max),
    f.concurrency.max === null ? '-' : fmtCount(f.concurrency.max),
    f.coldStarts ? fmtPct(f.coldStarts.share) : '-',
    fmtMs(f.coldStarts?.init.p99),
    f.memoryUsed?.maxMB != null ? `${f.memoryUsed.maxMB.toFixed(0)} MB (${fmtPct(f.memoryUsed.utilization)})` : '-',
    f.monthly.cost === null ? '-' : usd(f.monthly.cost),
  ]
}

function totalRow(r: ReportResult): Cell[] {
  return ['total', '', fmtCount(r.totals.invocations), r.totals.invocations ? fmtPct(r.totals.errors / r.totals.invocations) : '-', fmtCount(r.totals.throttles), '', '', '', '', '', '', '', '', usd(r.totals.monthlyCost)]
}

function windowLine(r: ReportResult): string {
  const days = r.window.seconds / 86_400
  const span = days >= 1 ? `${days.toFixed(days % 1 ? 1 : 0)} days` : `${(r.window.seconds / 3600).toFixed(1)} hours`
  return `${r.region}, ${r.window.start} to ${r.window.end} (${span}, ${r.window.period} s periods)`
}

/** How the cost was priced, in one sentence per rule in use. */
function costNotes(r: ReportResult): string[] {
  const bases = r.functions.map((f) => f.monthly.basis).filter((b) => b !== null)
  const notes = ['$/month: the observed rate over a 730-hour month, no free tier (it is account-wide).']
  if (bases.some((b) => b.billedDuration === 'report-lines')) {
    notes.push('From the REPORT lines: each invoke\'s Billed Duration (INIT inside it, once, where Lambda bills INIT), each memory and version at its own setting.')
  }
  if (bases.some((b) => b.billedDuration === 'average-duration')) {
    const init = new Set(bases.filter((b) => b.billedDuration === 'average-duration').map((b) => b.init))
    notes.push(`Without REPORT lines: CloudWatch's average duration rounded up to the next ms at the current memory${init.has('added') ? ', plus cold starts x INIT duration where INIT is billed' : ''}${init.has('unknown') ? ' (INIT not priced where the cold starts are unknown)' : ''}.`)
  }
  const split = r.functions.filter((f) => (f.monthly.basis?.parts.length ?? 0) > 1)
  for (const f of split) {
    const parts = f.monthly.basis!.parts.map((p) => `${fmtPct(p.share)} at ${p.memoryMB} MB${p.version && p.version !== '$LATEST' ? ` (version ${p.version}, ${p.architecture})` : ''} ${formatUsd(p.cost)}`)
    notes.push(`${f.name}: the setting changed in the window: ${parts.join(', ')}.`)
  }
  return notes
}

function excludedLine(r: ReportResult): string | undefined {
  if (r.totals.excludedInvocations === 0) return undefined
  const which = r.functions
    .filter((f) => (f.excluded?.invocations ?? 0) > 0)
    .map((f) => `${f.name}: ${fmtCount(f.excluded!.invocations)} (run${f.excluded!.runs.length === 1 ? '' : 's'} ${f.excluded!.runs.join(', ')})`)
  return `Left out: ${fmtCount(r.totals.excludedInvocations)} invokes of lambda-tune's own sweeps (${which.join('; ')}).`
}

export function renderReportTable(r: ReportResult): string {
  const rows = r.functions.map(row)
  if (r.functions.length > 1) rows.push(totalRow(r))
  const excluded = excludedLine(r)
  return [
    `Production report: ${windowLine(r)}`,
    '',
    renderTable(HEADERS, rows),
    '',
    // sentences under the table keep to its width
    ...[...(excluded ? [excluded] : []), ...costNotes(r)].flatMap((line) => wrap(line, TABLE_WIDTH)),
    `${r.calls.metricQueries} metric queries in ${r.calls.getMetricData} GetMetricData call(s), ${r.calls.logsQueries} Logs Insights quer${r.calls.logsQueries === 1 ? 'y' : 'ies'}.`,
  ].join('\n')
}

export function renderReportMarkdown(r: ReportResult): string {
  const rows = r.functions.map(row)
  if (r.functions.length > 1) rows.push(totalRow(r))
  const cells = formatCells(rows)
  if (r.functions.length > 1) cells[cells.length - 1] = cells[cells.length - 1]!.map((c) => (c ? `**${c}**` : ''))
  const excluded = excludedLine(r)
  const lines = [
    '## Lambda production report',
    '',
    `${windowLine(r)}. Monthly cost at the observed traffic: **${formatUsd(r.totals.monthlyCost)}** for ${fmtCount(r.totals.monthlyInvocations)} invokes a month.`,
    '',
    renderMarkdownTable(HEADERS, cells),
    '',
    ...(excluded ? [excluded, ''] : []),
    costNotes(r).join(' '),
  ]
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `> [!WARNING]\n> ${w}`))
  return lines.join('\n')
}
