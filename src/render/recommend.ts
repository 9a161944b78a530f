import type { RecommendResult } from '../core/recommend/recommend.js'
import type { Recommendation } from '../core/recommend/types.js'
import { fmtCount, fmtPct, formatUsd, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { renderTable, type Cell } from './table.js'

const HEADERS = ['setting', 'current', 'recommended', 'saving / month', 'confidence', 'why']

function value(v: number | string | null, unit: string): string {
  if (v === null) return 'not set'
  return typeof v === 'number' ? `${fmtCount(v)} ${unit}` : v
}

function rows(r: RecommendResult): [string, Recommendation<number | string>][] {
  return [
    ['memory', r.memory],
    ['timeout', r.timeout],
    ['reserved concurrency', r.concurrency.reserved],
    ['provisioned concurrency', r.concurrency.provisioned],
    ['platform', r.container.verdict],
    ['architecture', r.architecture],
  ]
}

function tableRows(r: RecommendResult): Cell[][] {
  return rows(r).map(([name, rec]) => [
    name,
    value(rec.current, rec.unit),
    rec.change === 'none' ? `keep` : value(rec.recommended, rec.unit),
    rec.money.monthlySaving === null ? '-' : usd(rec.money.monthlySaving),
    rec.confidence,
    rec.reason,
  ])
}

function observedLine(r: RecommendResult): string {
  const o = r.observed
  const days = r.window.seconds / 86_400
  const span = days >= 1 ? `${days.toFixed(days % 1 ? 1 : 0)} days` : `${(r.window.seconds / 3600).toFixed(1)} hours`
  const excluded = o.excluded?.invocations ? ` (${fmtCount(o.excluded.invocations)} invokes of lambda-tune sweeps left out)` : ''
  return `${r.function} (${r.region}): ${fmtCount(o.invocations)} invokes in ${span}${excluded}, ` +
    `${fmtCount(o.monthly.invocations)} a month, ${formatUsd(o.monthly.cost)} a month now; errors ${fmtPct(o.errorRate)}, ` +
    `throttles ${fmtPct(o.throttleRate)}, cold starts ${o.coldStarts ? fmtPct(o.coldStarts.share) : 'unknown'}; memory from ${r.source.memory}`
}

function details(r: RecommendResult): string[] {
  const out: string[] = []
  for (const [name, rec] of rows(r)) {
    out.push(`${name}:`)
    for (const e of rec.evidence) out.push(`  - ${e}`)
    if (rec.money.note) out.push(`  - money: ${rec.money.note}`)
    for (const w of rec.warnings) out.push(`  ! ${w}`)
  }
  const c = r.concurrency
  out.push(`burst: ${c.burst.note}`)
  if (c.provisioned.breakEvenUtilization !== null) out.push(`provisioned concurrency breaks even at ${fmtPct(c.provisioned.breakEvenUtilization)} utilisation`)
  if (r.container.breakEvenRequestsPerMonth !== null) out.push(`Fargate breaks even at ${fmtCount(r.container.breakEvenRequestsPerMonth)} requests a month`)
  return out
}

export function renderRecommendTable(r: RecommendResult): string {
  return [observedLine(r), '', renderTable(HEADERS, tableRows(r), { align: ['left', 'right', 'right', 'right', 'left', 'left'], notes: [5] }), '', ...details(r),
    ...(r.totalMonthlySaving !== null ? ['', `total saving: ${formatUsd(r.totalMonthlySaving)} a month`] : [])].join('\n')
}

export function renderRecommendMarkdown(r: RecommendResult): string {
  const lines = [`## Recommendations for \`${r.function}\``, '', observedLine(r) + '.', '',
    renderMarkdownTable(HEADERS, tableRows(r), { align: ['left', 'right', 'right', 'right', 'left', 'left'] })]
  if (r.totalMonthlySaving !== null) lines.push('', `**Total saving: ${formatUsd(r.totalMonthlySaving)} a month.**`)
  lines.push('', '<details><summary>Evidence</summary>', '', ...details(r).map((l) => (l.startsWith('  ') ? l : `- ${l}`)), '', '</details>')
  return lines.join('\n')
}
