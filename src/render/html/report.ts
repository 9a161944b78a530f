import type { FunctionReport, ReportResult } from '../../core/report/types.js'
import { fmtCount, fmtMs, fmtPct, formatUsd, formatUsdColumn } from '../format.js'
import { esc, htmlPage, htmlTable, legend } from './page.js'
import { circle, clip, line, linear, niceTicks, rect, svg, text } from './svg.js'
import type { PageStamp } from './sweep.js'

type Fn = Omit<FunctionReport, 'traffic'>

/**
 * The production report as one self-contained HTML page: the functions by monthly cost (a bar each, dearest first),
 * beside their duration percentiles on one logarithmic axis (p50 to p99, and the largest) and their cold starts; then
 * the table.
 */
export function renderReportHtml(r: ReportResult, stamp: PageStamp): string {
  const functions = [...r.functions].sort((a, b) => (b.monthly.cost ?? -1) - (a.monthly.cost ?? -1) || a.name.localeCompare(b.name))
  const days = r.window.seconds / 86_400
  const span = days >= 1 ? `${days.toFixed(days % 1 ? 1 : 0)} days` : `${(r.window.seconds / 3600).toFixed(1)} hours`
  return htmlPage({
    title: `Lambda production report: ${r.region}`,
    subtitle: `${r.window.start} to ${r.window.end} (${span}, ${r.window.period} s periods)`,
    body: [
      `<p class="answer">${esc(`${formatUsd(r.totals.monthlyCost)} a month for ${fmtCount(r.totals.monthlyInvocations)} invokes, over ${functions.length} function${functions.length === 1 ? '' : 's'}.`)}</p>`,
      '<figure>',
      fleetChart(functions),
      legend([
        { colour: 'cost', label: 'USD a month at the observed traffic', kind: 'swatch' },
        { colour: 'warm', label: 'duration p50 to p99 (ms, log scale)' },
        { colour: 'p99', label: 'largest duration', kind: 'dash' },
        { colour: 'cold', label: 'cold starts: share and INIT p99', kind: 'swatch' },
      ]),
      '<figcaption>Each function\'s monthly cost (the observed rate over a 730-hour month, no free tier), its duration percentiles and its cold starts.</figcaption>',
      '</figure>',
      fleetTable(functions, r),
      ...(r.warnings.length ? ['<h2>Warnings</h2>', `<ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`] : []),
    ].join('\n'),
    footer: `Made by lambda-tune ${stamp.toolVersion} at ${stamp.generatedAt}.`,
  })
}

const W = 960
const ROW = 30
const TOP = 44
const LABEL = 190
// the cost bars leave room for their amount after them
const COST = { from: 200, to: 370 }
const TIME = { from: 450, to: 760 }
const COLD = 780

function fleetChart(functions: readonly Fn[]): string {
  const H = TOP + Math.max(1, functions.length) * ROW + 12
  const costTicks = niceTicks(Math.max(0.01, ...functions.map((f) => f.monthly.cost ?? 0)), 4)
  const xCost = linear(0, costTicks[costTicks.length - 1]!, COST.from, COST.to)
  const usd = formatUsdColumn(costTicks)
  const durations = functions.flatMap((f) => [f.duration?.p50, f.duration?.p99, f.duration?.max, f.duration?.avg]).filter((d): d is number => typeof d === 'number' && d > 0)
  const lo = 10 ** Math.floor(Math.log10(Math.min(1, ...durations)))
  const hi = 10 ** Math.ceil(Math.log10(Math.max(10, ...durations)))
  const xTime = (ms: number) => linear(Math.log10(lo), Math.log10(hi), TIME.from, TIME.to)(Math.log10(Math.max(lo, ms)))
  const body: string[] = [
    text(COST.from, 16, '$/month', { 'font-weight': 600 }),
    text(TIME.from, 16, 'duration', { 'font-weight': 600 }),
    text(COLD, 16, 'cold starts', { 'font-weight': 600 }),
  ]
  for (const t of costTicks) {
    body.push(line(xCost(t), TOP - 8, xCost(t), H - 12, { class: 'grid' }))
    body.push(text(xCost(t), TOP - 14, usd(t), { 'text-anchor': 'middle', class: 'muted', 'font-size': 11 }))
  }
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    body.push(line(xTime(t), TOP - 8, xTime(t), H - 12, { class: 'grid' }))
    body.push(text(xTime(t), TOP - 14, t >= 1000 ? `${t / 1000} s` : `${t} ms`, { 'text-anchor': 'middle', class: 'muted', 'font-size': 11 }))
  }
  functions.forEach((f, i) => {
    const y = TOP + i * ROW + ROW / 2
    body.push(text(LABEL, y + 4, clip(f.name, 26), { 'text-anchor': 'end' }))
    const cost = f.monthly.cost
    if (cost !== null && cost !== undefined) {
      body.push(rect(COST.from, y - 8, xCost(cost) - COST.from, 16, { class: 'cost', rx: 2 }))
      body.push(text(xCost(cost) + 6, y + 4, formatUsd(cost), { 'font-size': 11 }))
    } else {
      body.push(text(COST.from, y + 4, 'not priced', { class: 'muted', 'font-size': 11 }))
    }
    const d = f.duration
    if (d && d.p50 !== null && d.p50 !== undefined) {
      const p99 = d.p99 ?? d.p50
      body.push(line(xTime(d.p50), y, xTime(p99), y, { class: 'warm', 'stroke-width': 4, 'stroke-linecap': 'round' }))
      body.push(circle(xTime(d.p50), y, 4.5, { class: 'dot warm' }))
      if (d.max !== null && d.max !== undefined && d.max > p99) {
        body.push(line(xTime(p99), y, xTime(d.max), y, { class: 'p99 dash', 'stroke-width': 1.5 }))
        body.push(line(xTime(d.max), y - 5, xTime(d.max), y + 5, { class: 'p99', 'stroke-width': 2 }))
      }
    } else {
      body.push(text(TIME.from, y + 4, 'no invokes', { class: 'muted', 'font-size': 11 }))
    }
    const cold = f.coldStarts
    if (cold) {
      body.push(rect(COLD, y - 6, Math.max(1, Math.min(1, cold.share) * 40), 12, { class: 'cold', rx: 2 }))
      body.push(text(COLD + 46, y + 4, `${fmtPct(cold.share)}${cold.init.p99 !== null ? `, INIT ${fmtMs(cold.init.p99)}` : ''}`, { 'font-size': 11 }))
    } else {
      body.push(text(COLD, y + 4, '-', { class: 'muted', 'font-size': 11 }))
    }
  })
  return svg(W, H, 'Functions by monthly cost', `${functions.length} functions, dearest first, with duration percentiles and cold starts.`, body)
}

function fleetTable(functions: readonly Fn[], r: ReportResult): string {
  const usd = formatUsdColumn([...functions.map((f) => f.monthly.cost ?? 0), r.totals.monthlyCost])
  const headers = ['Function', 'Memory', 'Invokes', 'Errors', 'Throttles', 'p50', 'p99', 'Max', 'Cold', 'INIT p99', 'Memory used', '$/month']
  const rows = functions.map((f) => ({
    cells: [
      f.name,
      `${f.memoryMB} MB`,
      fmtCount(f.invocations),
      f.invocations ? fmtPct(f.errorRate) : '-',
      fmtCount(f.throttles),
      fmtMs(f.duration?.p50),
      fmtMs(f.duration?.p99),
      fmtMs(f.duration?.max),
      f.coldStarts ? fmtPct(f.coldStarts.share) : '-',
      fmtMs(f.coldStarts?.init.p99),
      f.memoryUsed?.maxMB != null ? `${f.memoryUsed.maxMB.toFixed(0)} MB (${fmtPct(f.memoryUsed.utilization)})` : '-',
      f.monthly.cost === null || f.monthly.cost === undefined ? '-' : usd(f.monthly.cost),
    ].map((c) => esc(c)),
  }))
  if (functions.length > 1) {
    rows.push({ cells: ['total', '', fmtCount(r.totals.invocations), '', fmtCount(r.totals.throttles), '', '', '', '', '', '', usd(r.totals.monthlyCost)].map((c) => esc(c)), className: 'total' } as { cells: string[]; className: string })
  }
  return htmlTable(headers, rows)
}
