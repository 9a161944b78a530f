import type { CostComparison, CostScenario } from '../core/cost/compare-costs.js'
import { renderMarkdownTable } from './markdown.js'
import { formatCells, renderTable, type Cell } from './table.js'
import { fmtCount, formatCount, usd } from './format.js'

function gbSecondsLabel(n: number): string {
  return n >= 1e9 ? `${formatCount(n / 1e9)}B` : formatCount(n)
}

interface Row {
  label: string
  cell: (s: CostScenario) => Cell
}

function rows(result: CostComparison): Row[] {
  const any = (f: (s: CostScenario) => number) => result.scenarios.some((s) => f(s) !== 0)
  const money = (f: (s: CostScenario) => number) => (s: CostScenario) => usd(f(s))
  const out: Row[] = [
    { label: 'Billed duration (mean)', cell: (s) => `${formatCount(s.billedDurationMs)} ms` },
    { label: 'GB-seconds (on demand)', cell: (s) => formatCount(s.gbSeconds.onDemand) },
    { label: 'Requests', cell: money((s) => s.monthly.requests) },
    { label: 'Compute (duration)', cell: money((s) => s.monthly.compute) },
  ]
  const tiers = result.scenarios[0]!.monthly.computeTiers
  if (result.scenarios.some((s) => s.monthly.computeTiers.slice(1).some((t) => t.gbSeconds > 0))) {
    out.push({ label: 'Compute + INIT by tier:', cell: () => '' })
    tiers.forEach((t, i) => {
      const range = t.upToGbSeconds === null ? `over ${gbSecondsLabel(t.fromGbSeconds)}` : `${gbSecondsLabel(t.fromGbSeconds)}-${gbSecondsLabel(t.upToGbSeconds)}`
      out.push({ label: `  tier ${i + 1} (${range} GB-s @ $${t.pricePerGbSecond})`, cell: money((s) => s.monthly.computeTiers[i]!.usd) })
    })
  }
  if (any((s) => s.coldStarts)) out.push({ label: 'INIT (cold starts)', cell: (s) => (s.initBilled ? usd(s.monthly.init) : 'not billed') })
  if (any((s) => s.monthly.ephemeralStorage)) out.push({ label: 'Ephemeral storage', cell: money((s) => s.monthly.ephemeralStorage) })
  if (result.scenarios.some((s) => s.provisioned)) {
    out.push({ label: 'Provisioned concurrency', cell: money((s) => s.monthly.provisionedConcurrency) })
    out.push({ label: 'Provisioned duration', cell: money((s) => s.monthly.provisionedDuration) })
  }
  if (result.freeTier) out.push({ label: 'Free tier (already taken off)', cell: money((s) => -s.monthly.freeTierCredit.total) })
  out.push({ label: 'Total a month', cell: money((s) => s.monthly.total) })
  out.push({ label: 'Per million invokes', cell: (s) => (s.perMillion === null ? '-' : usd(s.perMillion)) })
  return out
}

function heading(result: CostComparison): string {
  const parts = [
    `${fmtCount(result.requestsPerMonth)} requests a month`,
    result.arch,
    result.region,
    result.freeTier ? 'free tier' : 'no free tier',
  ]
  return `Lambda cost: ${parts.join(', ')} (${result.prices.source} prices of ${result.prices.asOf})`
}

function footer(result: CostComparison): string[] {
  const lines: string[] = []
  if (result.scenarios.length > 1) lines.push(`Cheapest: ${result.cheapestMemoryMB} MB`)
  for (const w of result.warnings) lines.push(`Note: ${w}`)
  return lines
}

/** The cost breakdown as a terminal table, one column per memory size. */
export function renderCostTable(result: CostComparison): string {
  const headers = ['', ...result.scenarios.map((s) => `${s.memoryMB} MB`)]
  const body = rows(result).map((r) => [r.label, ...result.scenarios.map(r.cell)])
  return [heading(result), '', renderTable(headers, body), ...(footer(result).length ? ['', ...footer(result)] : [])].join('\n')
}

/** The cost breakdown as Markdown (for CI summaries and pull requests). */
export function renderCostMarkdown(result: CostComparison): string {
  const headers = ['', ...result.scenarios.map((s) => `${s.memoryMB} MB`)]
  const body = formatCells(rows(result).map((r) => [r.label.trim(), ...result.scenarios.map(r.cell)]))
  body[body.length - 2] = body[body.length - 2]!.map((c) => `**${c}**`)
  return [`### ${heading(result)}`, '', renderMarkdownTable(headers, body), ...footer(result).map((l) => `\n${l}`)].join('\n') + '\n'
}
