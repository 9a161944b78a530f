import type { SweepResult } from '../core/sweep/sweep-result.js'
import type { MemoryResult } from '../core/sweep/types.js'
import type { SweepDryRun, SweepMulti, SweepOutcome } from '../sweep/service.js'
import { formatUsd, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { renderTable, type Cell } from './table.js'

export interface SweepRenderOptions {
  /** wraps the pick's row, e.g. in bold; identity by default */
  highlight?: (text: string) => string
}

const HEADERS = ['Memory', 'Warm p50', 'Warm p99', 'Cold init p50', 'Max used', 'Cost / 1M', 'vs current', 'Status']

/** The sweep as a terminal table with the pick marked, its reason, and the run's own cost. */
export function renderSweepTable(outcome: SweepOutcome | SweepMulti, options: SweepRenderOptions = {}): string {
  if ('sweeps' in outcome) return outcome.sweeps.map((s) => renderSweepTable(s, options)).join('\n\n')
  if ('dryRun' in outcome) return renderDryRun(outcome)
  const hl = options.highlight ?? ((t: string) => t)
  const rows = outcome.results.map((r) => row(r, outcome))
  const pick = outcome.results.findIndex((r) => r.memory === outcome.recommendation.memory)
  return [
    headline(outcome),
    '',
    renderTable(HEADERS, rows, { align: ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'], notes: [7], highlight: { rows: [pick], style: hl } }),
    '',
    ...answer(outcome),
  ].join('\n')
}

/** The same in GitHub-flavoured Markdown, e.g. for a CI step summary. */
export function renderSweepMarkdown(outcome: SweepOutcome | SweepMulti): string {
  if ('sweeps' in outcome) return outcome.sweeps.map(renderSweepMarkdown).join('\n\n')
  if ('dryRun' in outcome) return `### lambda-tune sweep --dry-run: ${outcome.function}\n\n${outcome.calls.map((c) => `- ${c}`).join('\n')}\n\nEstimated cost: at most ${formatUsd(outcome.estimatedMaxCost.usd)}.`
  const rows = outcome.results.map((r) => {
    const cells = row(r, outcome)
    return r.memory === outcome.recommendation.memory ? cells.map((c, i) => (i === 0 ? `**${c}**` : c)) : cells
  })
  return [
    `### lambda-tune sweep: ${outcome.function}${outcome.qualifier ? `:${outcome.qualifier}` : ''}`,
    '',
    headline(outcome),
    '',
    renderMarkdownTable(HEADERS, rows, { align: ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'] }),
    '',
    ...answer(outcome).map((line, i) => (i === 0 ? `**${line}**` : line)),
  ].join('\n')
}

function headline(r: SweepResult): string {
  const s = r.settings
  return (
    `${r.function}${r.qualifier ? `:${r.qualifier}` : ''} (current ${r.currentMemory} MB, ${r.architecture}, ${r.region}): ` +
    `${s.invocations} invokes per value, concurrency ${s.concurrency}` +
    `${s.warmup ? `, ${s.warmup} warm-up` : ''}${s.coldStarts ? `, ${s.coldStarts} forced cold starts` : ''}; seed ${r.seed}, run ${r.runId}`
  )
}

function answer(r: SweepResult): string[] {
  const rec = r.recommendation
  const lines = [
    rec.memory === null ? `No pick (${r.strategy}): ${rec.reason}.` : `Pick (${r.strategy}): ${rec.memory} MB. ${capitalise(rec.reason)}.`,
  ]
  if (rec.indistinguishable.length) lines.push(`Statistically indistinguishable from the pick: ${rec.indistinguishable.map((m) => `${m} MB`).join(', ')}.`)
  lines.push(`This tuning run cost ${formatUsd(r.tuningCost.usd)} (${r.tuningCost.gbSeconds.toFixed(1)} GB-s).`)
  if (r.kept) lines.push(`Kept (--keep): aliases ${r.kept.aliases.join(', ')}; versions ${r.kept.versions.join(', ')}.`)
  return lines
}

function row(r: MemoryResult, outcome: SweepResult): Cell[] {
  const pick = r.memory === outcome.recommendation.memory ? ' ◀' : ''
  return [
    `${r.memory} MB${pick}`,
    ms(r.warm?.p50),
    ms(r.warm?.p99),
    ms(r.initDuration?.p50),
    r.maxMemoryUsedMB === null ? '-' : `${r.maxMemoryUsedMB} MB`,
    r.costPerMillion === null ? '-' : usd(r.costPerMillion),
    versus(r, outcome.currentMemory),
    r.failed ? `failed: ${r.failureReason ?? ''}` : r.errors ? `${r.errors} errors` : 'ok',
  ]
}

function versus(r: MemoryResult, current: number): string {
  if (r.memory === current) return 'current'
  const parts: string[] = []
  if (r.speedup !== null) parts.push(r.speedup >= 1 ? `${r.speedup.toFixed(2)}× faster` : `${(1 / r.speedup).toFixed(2)}× slower`)
  if (r.saving !== null) parts.push(r.saving >= 0 ? `${pct(r.saving)} cheaper` : `${pct(-r.saving)} dearer`)
  return parts.join(', ') || '-'
}

function renderDryRun(d: SweepDryRun): string {
  return [
    `Dry run for ${d.function}${d.qualifier ? `:${d.qualifier}` : ''} (current ${d.currentMemory} MB, ${d.region}): nothing was changed.`,
    `Memory values: ${d.memories.join(', ')} MB; ${d.invokesPerValue} invokes each, ${d.totalInvokes} in all; seed ${d.seed}.`,
    'AWS calls it would make:',
    ...d.calls.map((c) => `  ${c}`),
    `Estimated cost of the run: at most ${formatUsd(d.estimatedMaxCost.usd)} (${d.estimatedMaxCost.gbSeconds.toFixed(1)} GB-s, every invoke at the function's timeout).`,
  ].join('\n')
}

function ms(value: number | undefined): string {
  if (value === undefined) return '-'
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
