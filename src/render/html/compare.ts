import type { CompareResult } from '../../core/compare/compare-runs.js'
import { fmtMs, fmtSigned, formatUsdColumn } from '../format.js'
import { compareRule } from '../compare.js'
import { esc, htmlPage, htmlTable, legend } from './page.js'
import { FOREST, forestFrame } from './forest.js'
import { circle, clip, line, rect, svg, text } from './svg.js'
import type { PageStamp } from './sweep.js'

/** One row of a forest plot: what was compared, the two figures, the change and its lower bound, the verdict. */
interface Row {
  label: string
  detail: string
  change: number | null
  lowerBound: number | null
  status: string
  bad: boolean
}

/**
 * The comparison as one self-contained HTML page: the gates and the verdict first, then per group (function @ memory,
 * a function pooled, a cost) baseline against current as a forest plot of the change, with its one-sided lower
 * confidence bound drawn as the interval [bound, ∞) and the threshold it is gated on, each row with its verdict.
 */
export function renderCompareHtml(r: CompareResult, stamp: PageStamp): string {
  const durations: Row[] = [
    ...r.functions.map((f) => ({ label: `${f.function} (pooled)`, detail: `${f.values.length} values, median`, change: f.change, lowerBound: f.lowerBound, status: f.status, bad: f.status === 'regression' })),
    ...r.comparisons.map((c) => ({
      label: c.key,
      detail: `${c.measure}: ${fmtMs(c.baseline)} → ${fmtMs(c.current)}`,
      change: c.change,
      lowerBound: c.lowerBound,
      status: c.status,
      bad: c.status === 'regression',
    })),
  ]
  const money = formatUsdColumn(r.costs.flatMap((c) => [c.baseline ?? 0, c.current ?? 0]))
  const costs: Row[] = r.costs.map((c) => ({
    label: c.key === 'total' ? 'total' : c.key,
    detail: `${c.baseline === null ? '-' : money(c.baseline)} → ${c.current === null ? '-' : money(c.current)} ${c.unit === 'USD a month' ? 'a month' : 'per 1M'}`,
    change: c.change,
    lowerBound: c.lowerBound,
    status: c.status,
    bad: c.status === 'increase',
  }))
  return htmlPage({
    title: `lambda-tune compare: ${r.passed ? 'pass' : 'gate failed'}`,
    subtitle: compareRule(r),
    body: [
      `<p class="answer" style="color:var(--${r.passed ? 'pick' : 'failed'})">${esc(r.passed ? 'Every gate passed.' : 'A gate failed (exit code 1).')}</p>`,
      `<ul>${(r.gates.length ? r.gates.map((g) => `${g.passed ? 'PASS' : 'FAIL'} --${g.gate} ${g.gate.startsWith('fail-on') ? `${g.limit}%` : `$${g.limit}`}: ${g.detail}`) : ['no gates set: nothing can fail']).map((g) => `<li>${esc(g)}</li>`).join('')}</ul>`,
      ...(r.notes.length ? [`<ul class="notes">${r.notes.map((n) => `<li>${esc(`note: ${n}`)}</li>`).join('')}</ul>`] : []),
      '<h2>Durations</h2>',
      '<figure>',
      forest(durations, r.thresholdPercent / 100, 'Duration change, baseline to current'),
      legend([
        { colour: 'warm', label: 'estimated change' },
        { colour: 'band', label: `lower confidence bound and above (the change is at least this)`, kind: 'swatch' },
        { colour: 'failed', label: `the regression threshold (+${r.thresholdPercent}%)`, kind: 'dash' },
      ]),
      '</figure>',
      table(durations),
      '<h2>Costs</h2>',
      '<figure>',
      forest(costs, r.costThresholdPercent / 100, 'Cost change, baseline to current'),
      legend([
        { colour: 'warm', label: 'estimated change' },
        { colour: 'band', label: 'lower confidence bound and above', kind: 'swatch' },
        { colour: 'failed', label: `the cost threshold (+${r.costThresholdPercent}%)`, kind: 'dash' },
      ]),
      '</figure>',
      table(costs),
    ].join('\n'),
    footer: `Made by lambda-tune ${stamp.toolVersion} at ${stamp.generatedAt}.`,
  })
}

const W = 960

function forest(rows: readonly Row[], threshold: number, title: string): string {
  const values = rows.flatMap((r) => [r.change, r.lowerBound]).filter((v): v is number => v !== null && Number.isFinite(v))
  const { height, x, lo, hi, rowY, axis } = forestFrame(rows.length, Math.min(-0.1, ...values), Math.max(threshold * 1.5, 0.1, ...values))
  const { top, labelRight, plot } = FOREST
  const body: string[] = [...axis, line(x(threshold), top - 6, x(threshold), height - 8, { class: 'failed dash', 'stroke-width': 1.5 })]
  rows.forEach((r, i) => {
    const y = rowY(i)
    body.push(text(labelRight, y - 2, clip(r.label, 40), { 'text-anchor': 'end' }))
    body.push(text(labelRight, y + 12, clip(r.detail, 46), { 'text-anchor': 'end', class: 'muted', 'font-size': 11 }))
    const cls = r.bad ? 'failed' : r.status.startsWith('no ') ? 'pick' : 'muted'
    if (r.lowerBound !== null && Number.isFinite(r.lowerBound)) {
      const from = x(Math.max(lo, r.lowerBound))
      body.push(rect(from, y - 5, plot.to - from, 10, { class: 'band' }))
      body.push(line(from, y - 8, from, y + 8, { class: 'warm', 'stroke-width': 2 }))
    }
    if (r.change !== null && Number.isFinite(r.change)) body.push(circle(x(Math.min(hi, Math.max(lo, r.change))), y, 5, { class: `dot ${r.bad ? 'failed' : 'warm'}` }))
    body.push(text(plot.to + 12, y + 4, r.status, { class: cls, 'font-weight': r.bad ? 700 : 400 }))
  })
  return svg(W, height, title, `${rows.length} comparisons; a change whose lower bound passes the dashed threshold is a regression.`, body)
}

function table(rows: readonly Row[]): string {
  return htmlTable(
    ['Compared', 'Baseline → current', 'Change', 'Lower bound', 'Verdict'],
    rows.map((r) => ({
      cells: [r.label, r.detail, fmtSigned(r.change), fmtSigned(r.lowerBound), r.status].map((c) => esc(c)),
      ...(r.bad ? { className: 'regression' } : {}),
    })),
    [1],
  )
}
