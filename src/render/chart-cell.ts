import type { MemoryResult } from '../core/sweep/types.js'
import { PLAIN, type Palette } from './palette.js'

/**
 * The sweep table's inline chart: a cost bar and a duration bar per value, each against the largest of the table.
 * On a terminal in block characters with eighths (and colour when colour is on); in a log, a file or Markdown in
 * plain characters ('#' for cost, '=' for duration), which read the same in any font.
 */
export type ChartStyle = 'unicode' | 'ascii'

/** Cells per bar. */
export const BAR_CELLS = 6
/** The header sits over the two bars: "Cost" over the first, "p50" over the second. */
export const CHART_HEADER = `${'Cost'.padEnd(BAR_CELLS + 1)}p50`

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

export function chartCell(
  r: Pick<MemoryResult, 'failed' | 'costPerMillion' | 'warm' | 'cold'>,
  scale: { cost: number; duration: number },
  style: ChartStyle,
  palette: Palette = PLAIN,
): string {
  if (r.failed) return ''
  const duration = (r.warm ?? r.cold)?.p50 ?? null
  const cost = r.costPerMillion
  const one = (value: number | null, max: number, fill: string, colour: (t: string) => string) =>
    value === null || !(max > 0) ? ' '.repeat(BAR_CELLS) : barCells(value / max, BAR_CELLS, style, fill, colour)
  return `${one(cost, scale.cost, '#', palette.cost)} ${one(duration, scale.duration, '=', palette.duration)}`
}

/**
 * `share` of `cells` cells, padded with `empty` (styled by `dim`) to the full width; at least a sliver for anything
 * above zero.
 */
export function barCells(
  share: number,
  cells: number,
  style: ChartStyle,
  fill: string,
  colour: (t: string) => string,
  empty = ' ',
  dim: (t: string) => string = (t) => t,
): string {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0))
  const pad = (n: number) => (n > 0 ? dim(empty.repeat(n)) : '')
  if (style === 'ascii') {
    const full = s > 0 ? Math.max(1, Math.round(s * cells)) : 0
    return (full ? colour(fill.repeat(full)) : '') + pad(cells - full)
  }
  const eighths = s > 0 ? Math.max(1, Math.round(s * cells * 8)) : 0
  const full = Math.floor(eighths / 8)
  const part = EIGHTHS[eighths % 8]!
  return (eighths ? colour('█'.repeat(full) + part) : '') + pad(cells - full - (part ? 1 : 0))
}
