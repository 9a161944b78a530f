import { refLabel, sameValue, valueLabel } from '../core/sweep/arch-values.js'
import type { SweepResult } from '../core/sweep/sweep-result.js'
import type { MemoryResult } from '../core/sweep/types.js'
import type { SweepGates } from '../sweep/baseline-gates.js'
import type { SweepDryRun, SweepMulti, SweepOutcome } from '../sweep/service.js'
import { chartCell, CHART_HEADER, type ChartStyle } from './chart-cell.js'
import { capitalise, formatCount, formatUsd, usd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { aggregatesSettlement, measurementNotes } from './sweep-measurement.js'
import { PLAIN, type Palette } from './palette.js'
import { renderTable, TABLE_WIDTH, type Align, type Cell } from './table.js'

export interface SweepRenderOptions {
  /** wraps the pick's row, e.g. in bold; the palette's pick by default */
  highlight?: (text: string) => string
  /** colours: the pick's row, a failed value's row, the chart's bars */
  palette?: Palette
  /** a column of cost and duration bars: block characters (a terminal), '#' and '=' (a log, a file), or none */
  chart?: ChartStyle | 'none'
  /** the widest the table may be (default 120); the chart is left out when it would not fit */
  width?: number
}

/** The sweep as a terminal table with the pick marked, its reason, and the run's own cost. */
export function renderSweepTable(outcome: SweepOutcome | SweepMulti, options: SweepRenderOptions = {}): string {
  if ('sweeps' in outcome) return outcome.sweeps.map((s) => renderSweepTable(s, options)).join('\n\n')
  if ('dryRun' in outcome) return renderDryRun(outcome)
  const palette = options.palette ?? PLAIN
  const hl = options.highlight ?? palette.pick
  const { headers, align, rows: plain, chart, notesColumn } = columns(outcome, options.chart ?? 'none', palette)
  const { rows, at } = grouped(outcome, plain, headers.length)
  const pick = at(outcome.results.findIndex((r) => isPick(r, outcome)))
  const failed = outcome.results.flatMap((r, i) => (r.failed ? [at(i)] : []))
  return [
    headline(outcome),
    '',
    renderTable(headers, rows, {
      align,
      notes: [notesColumn],
      highlight: [{ rows: [pick], style: hl }, { rows: failed, style: palette.failed }],
      width: options.width ?? TABLE_WIDTH,
      ...(chart === undefined ? {} : { optional: [chart] }),
    }),
    ...notes(outcome),
    '',
    ...answer(outcome),
  ].join('\n')
}

/** Several architectures: each its own group of rows, an empty row between them; `at` maps a result to its row. */
function grouped(outcome: SweepResult, plain: Cell[][], width: number): { rows: Cell[][]; at: (i: number) => number } {
  const rows: Cell[][] = []
  const index: number[] = []
  plain.forEach((row, i) => {
    if (i > 0 && outcome.results[i]!.architecture !== outcome.results[i - 1]!.architecture) rows.push(Array.from({ length: width }, () => ''))
    index.push(rows.length)
    rows.push(row)
  })
  return { rows, at: (i) => (i < 0 ? -1 : index[i]!) }
}

/** The table's columns: $/month when the traffic is known, the chart when asked for (before the decision). */
function columns(outcome: SweepResult, chart: ChartStyle | 'none', palette: Palette) {
  const monthly = hasMonthly(outcome)
  const headers = ['Memory', 'Invokes', 'Warm p50', 'Warm p99', 'Cold init p50', 'Max used', 'Cost / 1M', ...(monthly ? ['$/month'] : []), 'vs current', ...(chart === 'none' ? [] : [CHART_HEADER]), 'Decision']
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', ...(monthly ? ['right' as const] : []), 'left', ...(chart === 'none' ? [] : ['left' as const]), 'left']
  const scale = chartScale(outcome)
  const rows = outcome.results.map((r) => {
    const cells = row(r, outcome)
    const decisionCell = cells.pop()!
    return [...cells, ...(chart === 'none' ? [] : [chartCell(r, scale, chart, palette)]), decisionCell]
  })
  return { headers, align, rows, chart: chart === 'none' ? undefined : headers.length - 2, notesColumn: headers.length - 1 }
}

function chartScale(outcome: SweepResult): { cost: number; duration: number } {
  const live = outcome.results.filter((r) => !r.failed)
  return {
    cost: Math.max(0, ...live.map((r) => r.costPerMillion ?? 0)),
    duration: Math.max(0, ...live.map((r) => (r.warm ?? r.cold)?.p50 ?? 0)),
  }
}

/** The same in GitHub-flavoured Markdown, e.g. for a CI step summary. */
export function renderSweepMarkdown(outcome: SweepOutcome | SweepMulti): string {
  if ('sweeps' in outcome) return outcome.sweeps.map((s) => renderSweepMarkdown(s)).join('\n\n')
  if ('dryRun' in outcome) return `### lambda-tune sweep --dry-run: ${outcome.function}\n\n${outcome.calls.map((c) => `- ${c}`).join('\n')}\n\nEstimated cost: at most ${formatUsd(outcome.estimatedMaxCost.usd)}.`
  // the chart in plain characters: a Markdown table is read in a browser, an e-mail or as text alike
  const { headers, align, rows: cells } = columns(outcome, 'ascii', PLAIN)
  const rows = cells.map((c, n) => (isPick(outcome.results[n]!, outcome) ? c.map((x, i) => (i === 0 ? `**${x as string}**` : x)) : c))
  return [
    `### lambda-tune sweep: ${outcome.function}${outcome.qualifier ? `:${outcome.qualifier}` : ''}`,
    '',
    headline(outcome),
    '',
    renderMarkdownTable(headers, rows, { align }),
    ...notes(outcome),
    '',
    ...answer(outcome).map((line, i) => (i === 0 ? `**${line}**` : line)),
  ].join('\n')
}

export function headline(r: SweepResult): string {
  const s = r.settings
  const sampling =
    s.sampling === 'fixed'
      ? `${s.invocations} invokes per value`
      : `up to ${s.invocations} warm invokes per value, until the pick is settled at ${setting(s.confidence)} (tolerance ${setting(s.tolerance)})`
  const copy = r.copy ? `; ${r.copy.architecture} on a temporary copy, ${r.copy.function}${r.kept?.functions?.length ? ' (kept)' : ' (deleted)'}` : ''
  return (
    `${r.function}${r.qualifier ? `:${r.qualifier}` : ''} (current ${r.currentMemory} MB, ${r.architecture}, ${r.region}): ` +
    `${sampling}, concurrency ${s.concurrency}` +
    `${s.warmup ? `, ${s.warmup} warm-up` : ''}${s.coldStarts ? `, ${s.coldStarts} forced cold starts` : ''}${copy}; seed ${r.seed}, run ${r.runId}`
  )
}

/** Several architectures were measured: values are named with theirs. */
export function several(r: SweepResult): boolean {
  return (r.architectures ?? [r.architecture]).length > 1
}

export function isPick(v: MemoryResult, r: SweepResult): boolean {
  return v.memory === r.recommendation.memory && (r.recommendation.architecture == null || v.architecture === r.recommendation.architecture)
}

/** Under the table: why each value was dropped, and which percentiles rest on too few invokes to bound. */
export function notes(r: SweepResult): string[] {
  const lines = r.results
    .filter((v) => v.decision.status === 'ruled out' || v.decision.status === 'open' || v.decision.status === 'settled')
    .map((v) => `  ${valueLabel(v, several(r))}: ${v.decision.status === 'ruled out' ? (r.settings.sampling === 'fixed' ? 'ruled out: ' : `dropped after ${v.decision.after}: `) : ''}${v.decision.reason}`)
  const few = [...new Set(r.results.flatMap((v) => v.fewSamples))].filter((p) => p === 'p99' || p === 'p95')
  if (few.includes('p99')) lines.push('  * p99 from fewer than 299 warm invokes: the largest seen, not a bound of the true p99 (95%).')
  lines.push(...measurementNotes(r))
  return lines.length ? ['', ...lines] : []
}

export function answer(r: SweepResult): string[] {
  const rec = r.recommendation
  const picked = rec.memory === null ? null : { memory: rec.memory, architecture: rec.architecture ?? r.architecture }
  const lines = [
    picked === null ? `No pick (${r.strategy}): ${rec.reason}.` : `Pick (${r.strategy}): ${valueLabel(picked, several(r))}. ${capitalise(rec.reason)}.`,
  ]
  const band = rec.bandPosition
  if (picked !== null && band && !band.proven && !sameValue(band.best, picked)) {
    const what = { cost: 'cost', duration: 'duration', score: 'score' }[band.measure]
    lines.push(
      `Its ${what} is ${band.ratio.toFixed(2)}× ${refLabel(band.best)}'s by the estimates and up to ${band.upper.toFixed(2)}× at 95%: within the ` +
        `${setting(rec.tolerance)} tolerance by its estimate, not yet shown to be; ${refLabel(band.best)} is the cautious pick.`,
    )
  }
  lines.push(settlement(r))
  if (r.search) {
    const f = r.search.fit
    lines.push(
      `Searched coarse to fine: measured ${new Set(r.results.map((v) => v.memory)).size} of ${r.search.sizes.length} sizes${several(r) ? ` (each on ${r.architectures.join(' and ')}; the curve fitted on ${r.architectures[0]})` : ''}, the ones around the pick and around the optimum the fitted curve predicts` +
        (f ? ` (duration ≈ ${ms(f.serialMs)} + ${ms(f.parallelMs)} / min(memory / 1769 MB, ${f.parallelism.toFixed(1)} vCPU); residuals ${pct(f.rmsLogResidual)} rms).` : '.'),
    )
  }
  if ('gates' in r && r.gates) lines.push(...gateLines(r.gates as SweepGates))
  const saving = savingLine(r)
  if (saving) lines.push(saving)
  lines.push(`This tuning run cost ${formatUsd(r.tuningCost.usd)} (${r.tuningCost.gbSeconds.toFixed(1)} GB-s).`)
  lines.push(...appliedLines(r))
  if (r.kept) {
    const copies = r.kept.functions?.length ? `; the copy ${r.kept.functions.join(', ')} (delete it with aws lambda delete-function)` : ''
    lines.push(`Kept (--keep): aliases ${r.kept.aliases.join(', ') || 'none'}; versions ${r.kept.versions.join(', ') || 'none'}${copies}.`)
  }
  return lines
}

/** Whether the table has a $/month column: a traffic figure, and one above zero (at none every value costs $0). */
export function hasMonthly(r: SweepResult): boolean {
  return r.traffic !== null && r.traffic.monthlyRequests > 0
}

/** What the pick does to the bill at the function's traffic, and where that traffic figure comes from. */
function savingLine(r: SweepResult): string | undefined {
  const t = r.traffic
  if (!t) return undefined
  if (t.monthlyRequests === 0) {
    return t.observed
      ? `No Invocations (${t.observed.dimension}) in the last 30 days: no $/month figures; give --monthly-requests to price the traffic you expect.`
      : '--monthly-requests 0: no $/month figures.'
  }
  const requests = `${formatCount(Math.round(t.monthlyRequests))} requests a month`
  const source = t.source === 'flag' ? '--monthly-requests' : `${t.observed ? `${formatCount(t.observed.invocations)} Invocations (${t.observed.dimension})` : 'Invocations'} over the last 30 days`
  const saving = r.recommendation.monthlySaving
  if (r.recommendation.memory === null || saving === null) return `At ${requests} (${source}); the current setting has no cost to compare with.`
  if (r.recommendation.memory === r.currentMemory) return `At ${requests} (${source}) the current ${r.currentMemory} MB costs ${formatUsd(r.results.find((v) => v.memory === r.currentMemory)?.monthly?.cost)} a month.`
  const what = saving >= 0 ? `saves ${formatUsd(saving)} a month` : `costs ${formatUsd(-saving)} a month more`
  return `At ${requests} (${source}), ${r.recommendation.memory} MB ${what} against the current ${r.currentMemory} MB.`
}

/** What --apply did, and the command that puts the old value back. */
function appliedLines(r: SweepResult): string[] {
  const a = r.applied
  if (!a) return []
  if (a.status === 'refused') return [`${capitalise(a.reason)}.`]
  if (a.status === 'unchanged') return [`Applied nothing: ${a.reason}.`]
  return [
    `Applied: ${a.reason}.`,
    ...(a.undo ? [`To put it back: ${a.undo}`] : []),
    ...(a.awsCli ? [`${a.undo ? 'or' : 'To put it back'}: ${a.awsCli}`] : []),
  ]
}

function settlement(r: SweepResult): string {
  const rec = r.recommendation
  const most = Math.max(0, ...r.results.map((v) => v.warm?.count ?? 0))
  const aggregates = aggregatesSettlement(r)
  if (aggregates) return aggregates
  if (rec.settled) return `Settled at ${setting(rec.confidence)}: no value the rule could prefer remains (at most ${most} warm invokes per value).`
  const why =
    rec.stoppedBy === 'budget'
      ? 'the --budget ran out'
      : rec.stoppedBy === 'fixed'
        ? `a fixed count of ${r.settings.invocations} invokes (${r.measurement.source === 'log-tail' ? '-n' : 'measured from CloudWatch'}) was too few`
        : `${r.settings.invocations} warm invokes per value (--max-invocations) were too few`
  const picked = rec.memory === null ? null : { memory: rec.memory, architecture: rec.architecture ?? r.architecture }
  const contenders = rec.contenders.filter((m) => picked === null || !sameValue(m, picked))
  return `Not settled at ${setting(rec.confidence)}: ${why}${contenders.length ? `; still in contention: ${contenders.map(refLabel).join(', ')}` : ''}.`
}

function row(r: MemoryResult, outcome: SweepResult): Cell[] {
  const pick = isPick(r, outcome) ? ' ◀' : ''
  return [
    `${valueLabel(r, several(outcome))}${pick}`,
    String(r.invocations),
    // measured from CloudWatch's aggregates: its figures over every invoke through the alias
    ms(r.warm?.p50 ?? r.aggregate?.p50 ?? undefined),
    `${ms(r.warm?.p99 ?? r.aggregate?.p99 ?? undefined)}${r.fewSamples.includes('p99') && r.warm ? '*' : ''}`,
    ms(r.initDuration?.p50),
    r.maxMemoryUsedMB === null ? '-' : `${r.maxMemoryUsedMB} MB`,
    r.costPerMillion === null ? '-' : usd(r.costPerMillion),
    ...(hasMonthly(outcome) ? [r.monthly === null ? '-' : usd(r.monthly.cost)] : []),
    versus(r, outcome),
    decision(r, outcome.settings.sampling),
  ]
}

function decision(r: MemoryResult, sampling: SweepResult['settings']['sampling']): string {
  if (r.failed) return `failed: ${r.failureReason ?? ''}`
  const d = r.decision
  const errors = r.errors ? ` (${r.errors} errors)` : ''
  switch (d.status) {
    case 'pick':
      return `pick${errors}`
    case 'tied':
      return `tied with the pick${errors}`
    case 'settled':
      return `no better${errors}`
    case 'ruled out':
      return `${sampling === 'fixed' ? 'ruled out' : `dropped after ${d.after}`}${errors}`
    case 'failed':
      return `failed${errors}`
    case 'open':
      return `undecided${errors}`
  }
}

function versus(r: MemoryResult, outcome: SweepResult): string {
  if (r.memory === outcome.currentMemory && r.architecture === outcome.architecture) return 'current'
  const parts: string[] = []
  if (r.speedup !== null) parts.push(r.speedup >= 1 ? `${r.speedup.toFixed(2)}× faster` : `${(1 / r.speedup).toFixed(2)}× slower`)
  if (r.saving !== null) parts.push(r.saving >= 0 ? `${pct(r.saving)} cheaper` : `${pct(-r.saving)} dearer`)
  return parts.join(', ') || '-'
}

function renderDryRun(d: SweepDryRun): string {
  return [
    `Dry run for ${d.function}${d.qualifier ? `:${d.qualifier}` : ''} (current ${d.currentMemory} MB, ${d.region}): nothing was changed.`,
    d.sampling === 'fixed'
      ? `Memory values: ${d.memories.join(', ')} MB; ${d.invokesPerValue} invokes each, ${d.totalInvokes} in all; seed ${d.seed}.`
      : `Memory values: ${d.memories.join(', ')} MB; in rounds, looking after ${d.looks.join(', ')} warm invokes per value; at most ${d.invokesPerValue} invokes each, ${d.totalInvokes} in all; seed ${d.seed}.`,
    ...(d.architectures && d.architectures.length > 1 ? [`Architectures: ${d.architectures.join(', ')} (each memory value on each; ${d.architectures.slice(1).join(', ')} on a temporary copy of the function).`] : []),
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

/** a setting such as the tolerance or the confidence, to one decimal where it has one */
function setting(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

/** `sweep --baseline`: each gate on this run, and whether a failure was confirmed on fresh invokes. */
function gateLines(g: SweepGates): string[] {
  if (g.first.gates.length === 0) return [`Against ${g.baseline}: no gate set (--fail-on-regression, --fail-on-cost-increase): nothing can fail.`]
  const lines = g.first.gates.map((x) => `Gate --${x.gate} ${x.limit}% against ${g.baseline}: ${x.passed ? 'pass' : 'FAIL'}: ${x.detail}.`)
  if (g.confirmation) {
    const failing = g.confirmation.gates.filter((x) => !x.passed)
    lines.push(
      failing.length
        ? `Confirmed on fresh invokes of ${g.confirmedOn.map((m) => `${m} MB`).join(', ')}: ${failing.map((x) => `--${x.gate}: ${x.detail}`).join('; ')}.`
        : `Not confirmed: fresh invokes of ${g.confirmedOn.map((m) => `${m} MB`).join(', ')} pass every gate (the first failure was noise); the run passes.`,
    )
  }
  return lines
}

/** The one line on stderr when `sweep --baseline` fails (a gate failed twice). */
export function confirmedFailure(g: SweepGates): string {
  const failing = (g.confirmation ?? g.first).gates.filter((x) => !x.passed)
  return `${failing.map((x) => `--${x.gate} ${x.limit}%: ${x.detail}`).join('; ')} (against ${g.baseline}${g.confirmation ? ', confirmed on fresh invokes' : ''})`
}
