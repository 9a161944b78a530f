import type { CompareResult, GroupComparison } from '../core/compare/compare-runs.js'
import { fmtMs, fmtSigned, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { renderTable, type Align, type Cell } from './table.js'

const HEADERS = ['function @ memory', 'baseline', 'current', 'change', '95% CI', 'p', 'effect', 'verdict', '$/1M now']

const ALIGN: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'right']

function row(c: GroupComparison): Cell[] {
  return [
    c.key,
    fmtMs(c.baseline),
    fmtMs(c.current),
    fmtSigned(c.change),
    c.changeCi95 ? `${fmtSigned(c.changeCi95[0])} .. ${fmtSigned(c.changeCi95[1])}` : '-',
    c.pValue === null ? '-' : c.pValue < 0.001 ? '<0.001' : c.pValue.toFixed(3),
    c.effectSize ? `${c.effectSize.name === "Cohen's d" ? 'd' : 'P(slower)'}=${c.effectSize.value.toFixed(2)}` : '-',
    c.status,
    c.costPerMillion.current === null ? '-' : usd(c.costPerMillion.current),
  ]
}

function gateLines(r: CompareResult, mark: (passed: boolean) => string): string[] {
  if (!r.gates.length) return ['no gates set (use --fail-on-regression, --max-cost-per-million, --max-monthly-cost)']
  return r.gates.map((g) => `${mark(g.passed)} --${g.gate} ${g.gate === 'fail-on-regression' ? `${g.limit}%` : `$${g.limit}`}: ${g.detail}`)
}

function intro(r: CompareResult): string {
  const what = r.comparisons.some((c) => c.measure === 'median') ? 'median warm duration' : 'mean duration'
  return `${r.inputs.baseline.file} -> ${r.inputs.current.file} (${r.inputs.current.kind}): ${what}; a regression is significant at p < ${r.alpha} and slower by more than ${r.thresholdPercent}%`
}

export function renderCompareTable(r: CompareResult): string {
  return [intro(r), '', renderTable(HEADERS, r.comparisons.map(row), { align: ALIGN }), '', ...gateLines(r, (p) => (p ? 'PASS' : 'FAIL')),
    '', r.passed ? 'result: pass' : 'result: FAIL (exit code 1)'].join('\n')
}

export function renderCompareMarkdown(r: CompareResult): string {
  const head = r.passed ? '## :white_check_mark: lambda-tune compare: pass' : '## :x: lambda-tune compare: gate failed'
  return [head, '', intro(r) + '.', '', ...gateLines(r, (p) => (p ? '- :white_check_mark:' : '- :x:')), '',
    renderMarkdownTable(HEADERS, r.comparisons.map((c) => {
      const cells = row(c)
      if (c.status === 'regression') cells[7] = `**${c.status}**`
      return cells
    }), { align: ALIGN })].join('\n')
}
