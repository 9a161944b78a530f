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
  if (result.scenarios.some((s) => s.fargate)) {
    out.push({ label: 'Fargate, same load + ALB', cell: (s) => (s.fargate ? usd(s.fargate.monthly.total) : '-') })
    out.push({ label: '  tasks', cell: (s) => (s.fargate ? `${s.fargate.tasks} x ${s.fargate.taskSize.vcpu} vCPU, ${s.fargate.taskSize.memoryGB} GB` : '-') })
    out.push({ label: '  cheaper than Lambda from', cell: (s) => (!s.fargate ? '-' : s.fargate.breakEvenRequestsPerMonth === null ? 'never' : `${shortCount(s.fargate.breakEvenRequestsPerMonth)} req/month`) })
  }
  return out
}

/** 45,200,000 -> 45.2M: a break-even is an estimate, three digits say it. */
function shortCount(n: number): string {
  const [scale, unit] = n >= 1e9 ? [1e9, 'B'] : n >= 1e6 ? [1e6, 'M'] : n >= 1e3 ? [1e3, 'k'] : [1, '']
  return `${Number((n / scale).toPrecision(3))}${unit}`
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
  const f = result.scenarios.find((s) => s.fargate)?.fargate
  if (f) {
    lines.push(`Fargate: ${f.sizedFrom === 'flags' ? 'tasks of the size asked for' : "tasks sized from the function's memory and CPU share"}, ` +
      'one request at a time each, enough for the average load (at least 2), always on, behind a load balancer.')
  }
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
  const total = body.findIndex((r) => r[0] === 'Total a month')
  body[total] = body[total]!.map((c) => `**${c}**`)
  return [`### ${heading(result)}`, '', renderMarkdownTable(headers, body), ...footer(result).map((l) => `\n${l}`)].join('\n')
}
