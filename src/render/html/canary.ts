import type { CanaryOutcome } from '../../canary/service.js'
import type { Interval } from '../../core/canary/result.js'
import { fmtSigned } from '../format.js'
import { answer, CANARY_HEADERS, headline, renderDryRun, rowsOf, seconds } from '../canary.js'
import { esc, htmlPage, htmlTable, legend } from './page.js'
import { FOREST, forestFrame } from './forest.js'
import { circle, rect, svg, text } from './svg.js'
import type { PageStamp } from './sweep.js'

/** One candidate as a row of a forest plot: its change against the main version, with the interval. */
interface Row {
  label: string
  detail: string
  /** candidate / main − 1, and its interval; null when not measured */
  change: Interval | null
  kind: 'pick' | 'stopped' | 'other'
}

/**
 * The canary as one self-contained HTML page: the answer first, then per candidate its duration and its cost per
 * invoke against the main version over the same minutes, each as a forest plot of the change with its two-sided
 * interval and the tolerance band around "no change", then the table the terminal shows.
 */
export function renderCanaryHtml(outcome: CanaryOutcome, stamp: PageStamp): string {
  const footer = `Made by lambda-tune ${stamp.toolVersion} at ${stamp.generatedAt}.`
  if ('dryRun' in outcome) {
    const [first, ...rest] = renderDryRun(outcome)
    return htmlPage({
      title: `lambda-tune canary --dry-run: ${outcome.function}:${outcome.alias}`,
      body: [`<p class="answer">${esc(first!)}</p>`, `<ul>${rest.map((l) => `<li>${esc(l.trim())}</li>`).join('')}</ul>`].join('\n'),
      footer,
    })
  }
  const r = outcome
  const [verdict, ...notes] = answer(r)
  const tolerance = r.settings.tolerance
  const rows = (measure: 'durationRatio' | 'costRatio'): Row[] =>
    r.candidates.map((c) => ({
      label: `${c.memory} MB (version ${c.version})`,
      detail: c.stop ? `stopped (${c.stop.reason}) after ${seconds(c.stop.afterSeconds)}` : `${c.comparison.periods} periods`,
      change: shift(c.comparison[measure]),
      kind: c.memory === r.recommendation.memory ? 'pick' : c.stop ? 'stopped' : 'other',
    }))
  const table = rowsOf(r).map(({ memory, cells }) => {
    const stopped = r.candidates.find((c) => c.memory === memory)?.stop
    return { cells: cells.map((c) => esc(c)), ...(memory === r.recommendation.memory ? { className: 'pick' } : stopped ? { className: 'failed' } : {}) }
  })
  const key = legend([
    { colour: 'warm', label: 'estimated change against the main version' },
    { colour: 'band', label: `${Math.round(r.settings.confidence * 100)}% interval`, kind: 'swatch' },
    { colour: 'pickband', label: `within the tolerance (±${Math.round(tolerance * 100)}%): counted as no change`, kind: 'swatch' },
  ])
  return htmlPage({
    title: `lambda-tune canary: ${r.function}:${r.alias}`,
    subtitle: headline(r),
    body: [
      `<p class="answer" style="color:var(--${r.recommendation.memory === null ? 'failed' : 'pick'})">${esc(verdict!)}</p>`,
      `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
      '<h2>Duration</h2>',
      '<figure>',
      forest(rows('durationRatio'), tolerance, 'Mean duration, candidate against the main version'),
      key,
      '</figure>',
      '<h2>Cost per invoke</h2>',
      '<figure>',
      forest(rows('costRatio'), tolerance, 'Cost per invoke, candidate against the main version'),
      key,
      '</figure>',
      '<h2>Both versions, over the same minutes</h2>',
      htmlTable(CANARY_HEADERS, table, [CANARY_HEADERS.length - 1]),
    ].join('\n'),
    footer,
  })
}

/** A ratio interval as a change: 1.1 → +10%. */
function shift(i: Interval | null): Interval | null {
  return i ? { estimate: i.estimate - 1, ci: [i.ci[0] - 1, i.ci[1] - 1] } : null
}

const W = 1000

function forest(rows: readonly Row[], tolerance: number, title: string): string {
  const values = rows.flatMap((r) => (r.change ? [r.change.estimate, ...r.change.ci] : [])).filter(Number.isFinite)
  const { height, x, lo, hi, rowY, axis } = forestFrame(rows.length, Math.min(-tolerance * 1.5, ...values), Math.max(tolerance * 1.5, ...values))
  const { top, labelRight, plot } = FOREST
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v))
  const body: string[] = [rect(x(-tolerance), top - 6, x(tolerance) - x(-tolerance), height - top - 2, { class: 'pickband' }), ...axis]
  rows.forEach((r, i) => {
    const y = rowY(i)
    const cls = r.kind === 'pick' ? 'pick' : r.kind === 'stopped' ? 'failed' : 'warm'
    body.push(text(labelRight, y - 2, r.label, { 'text-anchor': 'end', ...(r.kind === 'other' ? {} : { class: cls }), 'font-weight': r.kind === 'pick' ? 700 : 400 }))
    body.push(text(labelRight, y + 12, r.detail, { 'text-anchor': 'end', class: 'muted', 'font-size': 11 }))
    if (!r.change) {
      body.push(text(plot.from, y + 4, 'not measured', { class: 'muted' }))
      return
    }
    const [from, to] = r.change.ci.map((v) => x(clamp(v))) as [number, number]
    body.push(rect(from, y - 5, Math.max(1, to - from), 10, { class: 'band' }))
    body.push(circle(x(clamp(r.change.estimate)), y, 5, { class: `dot ${cls}` }))
    body.push(text(plot.to + 12, y + 4, `${fmtSigned(r.change.estimate)} [${fmtSigned(r.change.ci[0])}, ${fmtSigned(r.change.ci[1])}]`, { class: r.kind === 'other' ? 'muted' : cls }))
  })
  return svg(W, height, title, `${rows.length} candidates; an interval inside the shaded band is no change beyond the tolerance.`, body)
}
