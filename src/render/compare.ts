import type { CompareResult, CostComparison, FunctionComparison, GroupComparison } from '../core/compare/compare-runs.js'
import { confidenceText } from '../core/compare/slowdown-tests.js'
import { fmtMs, fmtSigned, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { formatCells, renderTable, type Align, type Cell } from './table.js'

const DURATION_HEADERS = ['function @ memory', 'measure', 'baseline', 'current', 'change', 'lower bound', 'confidence', 'verdict']
const COST_HEADERS = ['cost', 'baseline', 'current', 'change', 'lower bound', 'confidence', 'verdict']
const DURATION_ALIGN: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left']
const COST_ALIGN: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'left']

function confidence(c: number | null): string {
  return c === null ? '-' : confidenceText(1 - c)
}

function pooledRow(f: FunctionComparison): string[] {
  return [`${f.function} (${f.values.length} values pooled)`, 'median', '', '', fmtSigned(f.change), fmtSigned(f.lowerBound), confidence(f.confidence), f.status]
}

function groupRow(c: GroupComparison): string[] {
  return [c.key, c.measure, fmtMs(c.baseline), fmtMs(c.current), fmtSigned(c.change), fmtSigned(c.lowerBound), confidence(c.confidence), c.status]
}

function costRow(c: CostComparison): Cell[] {
  // every amount of the table shares its decimals (a Usd cell); the unit is in the label
  const money = (v: number | null): Cell => (v === null ? '-' : usd(v))
  const label = c.key === 'total' ? (c.unit === 'USD a month' ? 'total (a month, current traffic)' : 'total (picks, per 1M)') : `${c.key} (per 1M)`
  return [label, money(c.baseline), money(c.current), fmtSigned(c.change), fmtSigned(c.lowerBound), confidence(c.confidence), c.status]
}

function durationRows(r: CompareResult): string[][] {
  return [...r.functions.map(pooledRow), ...r.comparisons.map(groupRow)]
}

function reasons(r: CompareResult): string[] {
  return [
    ...r.functions.map((f) => [`${f.function} (pooled)`, f.reason] as const),
    ...r.comparisons.map((c) => [c.key, c.reason] as const),
    ...r.costs.map((c) => [`${c.key} cost`, c.reason] as const),
  ]
    .filter(([, why]) => why)
    .map(([what, why]) => `${what}: ${why}`)
}

function gateLines(r: CompareResult, mark: (passed: boolean) => string): string[] {
  if (!r.gates.length) return ['no gates set: nothing can fail (use --fail-on-regression, --fail-on-cost-increase, --max-cost-per-million, --max-monthly-cost)']
  return r.gates.map((g) => `${mark(g.passed)} --${g.gate} ${g.gate.startsWith('fail-on') ? `${g.limit}%` : `$${g.limit}`}: ${g.detail}`)
}

/** One sentence saying exactly what a regression is in this comparison. */
export function compareRule(r: CompareResult): string {
  const files = `${r.inputs.baseline.file} -> ${r.inputs.current.file} (${r.inputs.current.kind})`
  if (r.inputs.current.kind === 'report') {
    return `${files}: CloudWatch aggregates, compared as points: a regression is an average duration more than ${r.thresholdPercent}% above the baseline's over at least 50 invokes a side`
  }
  const what = r.percentile === 'p50' ? 'slowdown' : `slowdown of ${r.percentile}`
  return `${files}: a regression is a ${what} whose lower confidence bound exceeds ${r.thresholdPercent}%, ` +
    `with a family-wise error of at most ${r.alpha} over all the values and functions compared`
}

export function renderCompareTable(r: CompareResult): string {
  const extra = reasons(r)
  return [
    compareRule(r), '',
    renderTable(DURATION_HEADERS, durationRows(r), { align: DURATION_ALIGN }), '',
    renderTable(COST_HEADERS, r.costs.map(costRow), { align: COST_ALIGN }),
    ...(extra.length ? ['', ...extra] : []),
    ...(r.notes.length ? ['', ...r.notes.map((n) => `note: ${n}`)] : []),
    '', ...gateLines(r, (p) => (p ? 'PASS' : 'FAIL')),
    '', r.passed ? 'result: pass' : 'result: FAIL (exit code 1)',
  ].join('\n')
}

export function renderCompareMarkdown(r: CompareResult): string {
  const head = r.passed ? '## :white_check_mark: lambda-tune compare: pass' : '## :x: lambda-tune compare: gate failed'
  const bold = (rows: string[][], column: number, words: string[]) => rows.map((cells) => (words.includes(cells[column]!) ? cells.map((c, i) => (i === column ? `**${c}**` : c)) : cells))
  const extra = reasons(r)
  return [
    head, '', compareRule(r) + '.', '',
    ...gateLines(r, (p) => (p ? '- :white_check_mark:' : '- :x:')), '',
    ...(r.notes.length ? [...r.notes.map((n) => `- :warning: ${n}`), ''] : []),
    renderMarkdownTable(DURATION_HEADERS, bold(durationRows(r), 7, ['regression']), { align: DURATION_ALIGN }), '',
    renderMarkdownTable(COST_HEADERS, bold(formatCells(r.costs.map(costRow)), 6, ['increase']), { align: COST_ALIGN }),
    ...(extra.length ? ['', ...extra.map((e) => `- ${e}`)] : []),
  ].join('\n')
}
