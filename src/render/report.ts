import type { FunctionReport, ReportResult } from '../core/report/types.js'
import { fmtCount, fmtMs, fmtPct, formatUsd, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { formatCells, renderTable, type Cell } from './table.js'

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

export function renderReportTable(r: ReportResult): string {
  const rows = r.functions.map(row)
  if (r.functions.length > 1) rows.push(totalRow(r))
  return [
    `Production report: ${windowLine(r)}`,
    '',
    renderTable(HEADERS, rows),
    '',
    `$/month: the observed rate over a 730-hour month, priced with the cost model (no free tier). ${r.calls.metricQueries} metric queries in ${r.calls.getMetricData} GetMetricData call(s), ${r.calls.logsQueries} Logs Insights quer${r.calls.logsQueries === 1 ? 'y' : 'ies'}.`,
  ].join('\n')
}

export function renderReportMarkdown(r: ReportResult): string {
  const rows = r.functions.map(row)
  if (r.functions.length > 1) rows.push(totalRow(r))
  const cells = formatCells(rows)
  if (r.functions.length > 1) cells[cells.length - 1] = cells[cells.length - 1]!.map((c) => (c ? `**${c}**` : ''))
  const lines = [
    '## Lambda production report',
    '',
    `${windowLine(r)}. Monthly cost at the observed traffic: **${formatUsd(r.totals.monthlyCost)}** for ${fmtCount(r.totals.monthlyInvocations)} invokes a month.`,
    '',
    renderMarkdownTable(HEADERS, cells),
  ]
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `> [!WARNING]\n> ${w}`))
  return lines.join('\n')
}
