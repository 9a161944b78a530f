import { sum } from 'simple-statistics'
import type { CandidateResult, CanaryResult, Interval } from '../core/canary/result.js'
import type { CanaryDryRun, CanaryOutcome } from '../canary/service.js'
import { capitalise, fmtCount, fmtMs, fmtPct, formatUsd } from './format.js'
import { renderMarkdownTable } from './markdown.js'
import { renderTable } from './table.js'

export interface CanaryRenderOptions {
  /** wraps the pick's row, e.g. in bold; identity by default */
  highlight?: (text: string) => string
}

export const CANARY_HEADERS = ['Memory', 'Version', 'Invokes', 'Errors', 'Mean', 'p99', 'Duration vs current', 'Cost / 1M vs current', 'A month vs current', 'Cold starts', 'Status']
const ALIGN = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] as const

/** The canary as a terminal table: the current setting, each candidate with its intervals, the pick and its reason. */
export function renderCanaryTable(outcome: CanaryOutcome, options: CanaryRenderOptions = {}): string {
  if ('dryRun' in outcome) return renderDryRun(outcome).join('\n')
  const hl = options.highlight ?? ((t: string) => t)
  const rows = rowsOf(outcome).map(({ memory, cells }) => (memory === outcome.recommendation.memory ? cells.map(hl) : cells))
  return [headline(outcome), '', renderTable(CANARY_HEADERS, rows, { align: [...ALIGN] }), '', ...answer(outcome)].join('\n')
}

/** The same in GitHub-flavoured Markdown, e.g. for a pull request comment. */
export function renderCanaryMarkdown(outcome: CanaryOutcome): string {
  if ('dryRun' in outcome) {
    const [first, ...rest] = renderDryRun(outcome)
    return [`### lambda-tune canary --dry-run: ${outcome.function}:${outcome.alias}`, '', first, '', ...rest.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l))].join('\n')
  }
  const rows = rowsOf(outcome).map(({ memory, cells }) => (memory === outcome.recommendation.memory ? cells.map((c, i) => (i === 0 ? `**${c}**` : c)) : cells))
  return [
    `### lambda-tune canary: ${outcome.function}:${outcome.alias}`,
    '',
    headline(outcome),
    '',
    renderMarkdownTable(CANARY_HEADERS, rows, { align: [...ALIGN] }),
    '',
    ...answer(outcome).map((line, i) => (i === 0 ? `**${line}**` : line)),
  ].join('\n')
}

export function headline(r: CanaryResult): string {
  const s = r.settings
  return (
    `${r.function}:${r.alias} (version ${r.main.version}, ${r.main.memory} MB, ${r.architecture}, ${r.region}): ` +
    `${fmtPct(s.weight)} of its traffic to each candidate for ${seconds(s.durationSeconds)}, read per ${seconds(s.periodSeconds)}; ` +
    `${fmtCount(r.traffic.aliasInvocations)} invokes of the alias measured (about ${fmtCount(r.traffic.invocationsPerMonth)} a month); run ${r.runId}`
  )
}

export function rowsOf(r: CanaryResult): Array<{ memory: number; cells: string[] }> {
  const mainInvokes = sum(r.candidates.map((c) => c.main.invocations))
  const mainErrors = sum(r.candidates.map((c) => c.main.errors))
  const busiest = [...r.candidates].sort((a, b) => b.main.invocations - a.main.invocations)[0]
  const cold = r.candidates.map((c) => c.main.coldStarts).filter((x): x is number => x !== null)
  const pick = (m: number) => (m === r.recommendation.memory ? ' ◀' : '')
  const main = {
    memory: r.main.memory,
    cells: [
      `${r.main.memory} MB${pick(r.main.memory)}`,
      r.main.version,
      fmtCount(mainInvokes),
      mainInvokes ? fmtPct(mainErrors / mainInvokes) : '-',
      fmtMs(busiest?.main.duration.meanMs),
      fmtMs(busiest?.main.duration.p99Ms),
      '-',
      '-',
      '-',
      cold.length ? fmtCount(sum(cold)) : '-',
      'current',
    ],
  }
  return [main, ...r.candidates.map((c) => ({ memory: c.memory, cells: candidateRow(c, pick(c.memory)) }))]
}

function candidateRow(c: CandidateResult, mark: string): string[] {
  const cmp = c.comparison
  return [
    `${c.memory} MB${mark}`,
    c.version,
    fmtCount(c.candidate.invocations),
    c.candidate.errorRate === null ? '-' : fmtPct(c.candidate.errorRate),
    fmtMs(c.candidate.duration.meanMs),
    fmtMs(c.candidate.duration.p99Ms),
    ratio(cmp.durationRatio),
    money(cmp.costPerInvocation, 1e6),
    money(cmp.costPerMonth, 1),
    c.candidate.coldStarts === null ? '-' : fmtCount(c.candidate.coldStarts),
    c.stop ? `stopped (${c.stop.reason}) after ${seconds(c.stop.afterSeconds)}` : 'completed',
  ]
}

export function answer(r: CanaryResult): string[] {
  const rec = r.recommendation
  const lines = [
    rec.memory === null
      ? `No pick (${r.settings.strategy}): ${rec.reason}.`
      : `Pick (${r.settings.strategy}, tolerance ${fmtPct(r.settings.tolerance)}): ${rec.memory} MB${rec.settled ? '' : ' (not settled)'}. ${capitalise(rec.reason)}.`,
  ]
  for (const c of r.candidates) if (c.stop) lines.push(`${c.memory} MB stopped after ${seconds(c.stop.afterSeconds)}: ${c.stop.detail}.`)
  lines.push(
    `Intervals at ${fmtPct(r.settings.confidence)}: per-${seconds(r.settings.periodSeconds)} CloudWatch aggregates compared period by period ` +
      `(invocation-weighted ratio of the two versions' means), the first period of each window left out as warm-up.`,
  )
  for (const w of r.warnings) lines.push(`Warning: ${w}.`)
  lines.push(`The alias routes everything to version ${r.main.version} again; the candidate versions are deleted.`)
  return lines
}

export function renderDryRun(d: CanaryDryRun): string[] {
  const t = d.traffic
  return [
    `Dry run for ${d.function}:${d.alias} (version ${d.main.version}, ${d.main.memory} MB, ${d.region}): nothing was changed.`,
    `Candidates ${d.memories.join(', ')} MB, each getting ${fmtPct(d.weight)} of the alias's traffic for ${seconds(d.durationSeconds)} ` +
      `(guards looked at every ${seconds(d.lookEverySeconds)}, ${d.looks} looks); about ${seconds(d.estimatedSeconds)} in all.`,
    `Traffic: about ${t.aliasPerSecond.toFixed(2)} invokes/s to the alias, so about ${Math.floor(t.expectedCandidateInvokes)} invokes per candidate` +
      (t.enough ? '.' : `: too few${t.minimumSeconds !== null ? `; it needs --duration ${seconds(t.minimumSeconds)} or more` : ' (no traffic)'}.`),
    d.guards.maxMemoryUsedMB === null ? 'Max Memory Used of the main version: unknown.' : `Max Memory Used of the main version: ${Math.round(d.guards.maxMemoryUsedMB)} MB.`,
    ...(d.guards.refusals.length ? [`Refused without --force: ${d.guards.refusals.join('; ')}.`] : []),
    'AWS calls it would make:',
    ...d.calls.map((c) => `  ${c}`),
  ]
}

function ratio(i: Interval | null): string {
  if (!i) return '-'
  const p = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`
  return `${p(i.estimate)} [${p(i.ci[0])}, ${p(i.ci[1])}]`
}

function money(i: Interval | null, scale: number): string {
  if (!i) return '-'
  const m = (x: number) => `${x >= 0 ? '+' : ''}${formatUsd(x * scale)}`
  return `${m(i.estimate)} [${m(i.ci[0])}, ${m(i.ci[1])}]`
}

export function seconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600}h`
  if (s % 60 === 0) return `${s / 60}m`
  return s > 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`
}
