import type { SweepResult } from '../../core/sweep/sweep-result.js'
import type { MemoryResult } from '../../core/sweep/types.js'
import type { SweepDryRun, SweepMulti, SweepOutcome } from '../../sweep/service.js'
import { fmtMs, formatUsd, formatUsdColumn } from '../format.js'
import { answer, hasMonthly, headline, notes } from '../sweep.js'
import { esc, htmlPage, htmlTable, legend } from './page.js'
import { band, circle, line, linear, niceTicks, path, rect, svg, text } from './svg.js'

/** What the page says made it: the tool's version and the time, given by the command. */
export interface PageStamp {
  toolVersion: string
  generatedAt: string
}

/**
 * The sweep as one self-contained HTML page: per function a chart of duration (warm p50 with its 95% interval band,
 * warm p99, a cold start) and cost per 1M invokes against memory, on two axes, with the pick marked and dropped or
 * failed values shown as such; then the table and the answer, as the terminal prints them.
 */
export function renderSweepHtml(outcome: SweepOutcome | SweepMulti, stamp: PageStamp): string {
  const sweeps = 'sweeps' in outcome ? outcome.sweeps : [outcome]
  const names = sweeps.map((s) => `${s.function}${s.qualifier ? `:${s.qualifier}` : ''}`)
  return htmlPage({
    title: `lambda-tune sweep: ${names.join(', ')}`,
    subtitle: sweeps.length > 1 ? `${sweeps.length} functions` : undefined,
    body: sweeps.map((s) => ('dryRun' in s ? dryRunSection(s, sweeps.length > 1) : sweepSection(s, sweeps.length > 1))).join('\n'),
    footer: `Made by lambda-tune ${stamp.toolVersion} at ${stamp.generatedAt}.`,
  })
}

function sweepSection(r: SweepResult, many: boolean): string {
  const name = `${r.function}${r.qualifier ? `:${r.qualifier}` : ''}`
  const [pickLine, ...rest] = answer(r)
  return [
    many ? `<h2>${esc(name)}</h2>` : '',
    `<p class="muted">${esc(headline(r))}</p>`,
    `<p class="answer">${esc(pickLine ?? '')}</p>`,
    '<figure>',
    sweepChart(r),
    legend([
      { colour: 'warm', label: 'warm p50 (ms)' },
      { colour: 'band', label: 'its 95% interval', kind: 'swatch' },
      { colour: 'p99', label: 'warm p99 (ms)', kind: 'dash' },
      { colour: 'cold', label: 'cold start: INIT + handler p50 (ms)', kind: 'dash' },
      { colour: 'cost', label: 'cost per 1M invokes (USD, right axis)' },
      { colour: 'pickband', label: 'the pick', kind: 'swatch' },
    ]),
    `<figcaption>Duration (left axis) and cost per 1M invokes (right axis) at each memory size. Grey points were dropped by the race; a red cross is a value that failed.</figcaption>`,
    '</figure>',
    resultTable(r),
    ...notesList(r),
    ...rest.map((l) => `<p>${esc(l)}</p>`),
  ].join('\n')
}

const W = 960
const H = 400
const M = { left: 64, right: 84, top: 34, bottom: 64 }

function sweepChart(r: SweepResult): string {
  const values = r.results
  const x = (i: number) => M.left + ((i + 0.5) * (W - M.left - M.right)) / values.length
  const durations = values.flatMap((v) => [v.warm?.p99, v.percentileBounds?.p50.upper, coldStart(v), (v.warm ?? v.cold)?.p50]).filter((d): d is number => typeof d === 'number' && d > 0)
  const msTicks = niceTicks(Math.max(1, ...durations))
  const costs = values.map((v) => v.costPerMillion ?? 0)
  const usdTicks = niceTicks(Math.max(1e-9, ...costs))
  const yMs = linear(0, msTicks[msTicks.length - 1]!, H - M.bottom, M.top)
  const yUsd = linear(0, usdTicks[usdTicks.length - 1]!, H - M.bottom, M.top)
  const usdText = formatUsdColumn(usdTicks)
  const live = (v: MemoryResult) => !v.failed
  const dropped = (v: MemoryResult) => v.decision.status === 'ruled out'
  const pickIndex = values.findIndex((v) => v.memory === r.recommendation.memory)
  const colWidth = (W - M.left - M.right) / values.length
  const body: string[] = []
  if (pickIndex >= 0) {
    body.push(rect(x(pickIndex) - colWidth / 2, M.top - 20, colWidth, H - M.bottom - M.top + 20, { class: 'pickband' }))
    body.push(text(x(pickIndex), M.top - 6, 'pick', { 'text-anchor': 'middle', class: 'pick', 'font-weight': 600 }))
  }
  // axes: duration on the left, cost on the right, memory along the bottom
  for (const t of msTicks) {
    body.push(line(M.left, yMs(t), W - M.right, yMs(t), { class: 'grid' }))
    body.push(text(M.left - 8, yMs(t) + 4, fmtTick(t), { 'text-anchor': 'end', class: 'muted' }))
  }
  for (const t of usdTicks) body.push(text(W - M.right + 8, yUsd(t) + 4, usdText(t), { class: 'muted' }))
  body.push(line(M.left, H - M.bottom, W - M.right, H - M.bottom, { class: 'axis', stroke: 'currentColor' }))
  body.push(text(16, (M.top + H - M.bottom) / 2, 'duration (ms)', { transform: `rotate(-90 16 ${(M.top + H - M.bottom) / 2})`, 'text-anchor': 'middle', class: 'muted' }))
  body.push(text(W - 12, (M.top + H - M.bottom) / 2, 'cost per 1M invokes', { transform: `rotate(90 ${W - 12} ${(M.top + H - M.bottom) / 2})`, 'text-anchor': 'middle', class: 'muted' }))
  values.forEach((v, i) => {
    const cls = v.failed ? 'failed' : dropped(v) ? 'dropped' : v.memory === r.recommendation.memory ? 'pick' : 'muted'
    body.push(text(x(i), H - M.bottom + 18, `${v.memory} MB`, { 'text-anchor': 'middle', ...(cls === 'muted' ? {} : { class: cls }) }))
    body.push(text(x(i), H - M.bottom + 34, status(v, r), { 'text-anchor': 'middle', class: cls === 'pick' ? 'pick' : cls === 'failed' ? 'failed' : 'muted', 'font-size': 11 }))
  })
  // the warm p50's interval, then the lines, then the points on top
  body.push(
    band(values.map((v, i) => {
      const b = v.percentileBounds?.p50
      return live(v) && b && b.lower !== null && b.upper !== null ? { x: x(i), low: yMs(b.lower), high: yMs(b.upper) } : null
    }), { class: 'band' }),
  )
  const at = (get: (v: MemoryResult) => number | null | undefined, y: (t: number) => number) =>
    values.map((v, i): [number, number] | null => {
      const d = live(v) ? get(v) : null
      return typeof d === 'number' ? [x(i), y(d)] : null
    })
  body.push(path(at((v) => v.warm?.p99, yMs), { class: 'line p99 dash' }))
  body.push(path(at(coldStart, yMs), { class: 'line cold dash' }))
  body.push(path(at((v) => (v.warm ?? v.cold)?.p50, yMs), { class: 'line warm' }))
  body.push(path(at((v) => v.costPerMillion, yUsd), { class: 'line cost' }))
  values.forEach((v, i) => {
    if (v.failed) {
      const y = H - M.bottom - 10
      body.push(line(x(i) - 7, y - 7, x(i) + 7, y + 7, { class: 'failed', 'stroke-width': 3 }))
      body.push(line(x(i) - 7, y + 7, x(i) + 7, y - 7, { class: 'failed', 'stroke-width': 3 }))
      return
    }
    const grey = dropped(v) ? 'dropped' : ''
    const warm = (v.warm ?? v.cold)?.p50
    if (warm !== undefined) body.push(circle(x(i), yMs(warm), 4.5, { class: `dot ${grey || 'warm'}` }))
    if (v.warm?.p99 !== undefined) body.push(circle(x(i), yMs(v.warm.p99), 3, { class: `dot ${grey || 'p99'}` }))
    const cold = coldStart(v)
    if (cold !== null) body.push(circle(x(i), yMs(cold), 3, { class: `dot ${grey || 'cold'}` }))
    if (v.costPerMillion !== null) body.push(rect(x(i) - 4, yUsd(v.costPerMillion) - 4, 8, 8, { class: `dot ${grey || 'cost'}` }))
  })
  const pick = r.recommendation.memory
  return svg(
    W,
    H,
    `${r.function}: duration and cost by memory`,
    `${values.length} memory sizes from ${values[0]?.memory} to ${values[values.length - 1]?.memory} MB; ${pick === null ? 'no pick' : `the pick is ${pick} MB`}.`,
    body,
  )
}

/** What a cold request takes: INIT and the handler's run, each at its median. */
function coldStart(v: MemoryResult): number | null {
  return v.initDuration && v.cold ? v.initDuration.p50 + v.cold.p50 : null
}

function status(v: MemoryResult, r: SweepResult): string {
  if (v.failed) return 'failed'
  switch (v.decision.status) {
    case 'pick':
      return 'pick'
    case 'tied':
      return 'tied'
    case 'settled':
      return 'no better'
    case 'ruled out':
      return r.settings.sampling === 'fixed' ? 'ruled out' : `dropped after ${v.decision.after}`
    case 'failed':
      return 'failed'
    case 'open':
      return 'undecided'
  }
}

/** The decision and its reason, in one cell (the reason of an undecided value already says so). */
function decisionText(v: MemoryResult, r: SweepResult): string {
  if (v.failed) return `failed: ${v.failureReason ?? ''}`
  if (v.decision.status === 'pick') return 'pick'
  if (v.decision.status === 'open' || !v.decision.reason) return v.decision.reason || status(v, r)
  return `${status(v, r)}: ${v.decision.reason}`
}

function fmtTick(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms}`
}

function resultTable(r: SweepResult): string {
  const money = formatUsdColumn(r.results.flatMap((v) => [v.costPerMillion ?? 0, v.monthly?.cost ?? 0]))
  const monthly = hasMonthly(r)
  const headers = ['Memory', 'Invokes', 'Warm p50', '95% interval', 'Warm p99', 'Cold start', 'Max used', 'Cost / 1M', ...(monthly ? ['$/month'] : []), 'Decision']
  const rows = r.results.map((v) => {
    const b = v.percentileBounds?.p50
    const cells = [
      esc(`${v.memory} MB${v.memory === r.currentMemory ? ' (current)' : ''}`),
      esc(v.invocations),
      esc(fmtMs((v.warm ?? v.cold)?.p50)),
      esc(b && b.lower !== null && b.upper !== null ? `${fmtMs(b.lower)} – ${fmtMs(b.upper)}` : '-'),
      esc(`${fmtMs(v.warm?.p99)}${v.fewSamples.includes('p99') && v.warm ? '*' : ''}`),
      esc(fmtMs(coldStart(v))),
      esc(v.maxMemoryUsedMB === null ? '-' : `${v.maxMemoryUsedMB} MB`),
      esc(v.costPerMillion === null ? '-' : money(v.costPerMillion)),
      ...(monthly ? [esc(v.monthly === null ? '-' : money(v.monthly.cost))] : []),
      esc(decisionText(v, r)),
    ]
    const className = v.failed ? 'failed' : v.memory === r.recommendation.memory ? 'pick' : v.decision.status === 'ruled out' ? 'dropped' : undefined
    return { cells, ...(className ? { className } : {}) }
  })
  return htmlTable(headers, rows, [headers.length - 1])
}

/** Under the table: the notes the terminal prints there which the HTML table does not already carry. */
function notesList(r: SweepResult): string[] {
  const few = notes(r).filter((l) => l.trim().startsWith('*'))
  return few.length ? [`<ul class="notes">${few.map((l) => `<li>${esc(l.trim().replace(/^\* /, '* '))}</li>`).join('')}</ul>`] : []
}

function dryRunSection(d: SweepDryRun, many: boolean): string {
  return [
    many ? `<h2>${esc(d.function)}</h2>` : '',
    `<p class="answer">Dry run for ${esc(`${d.function}${d.qualifier ? `:${d.qualifier}` : ''}`)}: nothing was changed.</p>`,
    `<p>Memory values: ${esc(d.memories.join(', '))} MB; at most ${esc(d.invokesPerValue)} invokes each, ${esc(d.totalInvokes)} in all; seed ${esc(d.seed)}.</p>`,
    '<p>AWS calls it would make:</p>',
    `<ul>${d.calls.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`,
    `<p>Estimated cost of the run: at most ${esc(formatUsd(d.estimatedMaxCost.usd))} (${esc(d.estimatedMaxCost.gbSeconds.toFixed(1))} GB-s).</p>`,
  ].join('\n')
}
