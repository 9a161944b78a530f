import { fmtSigned } from '../format.js'
import { line, linear, niceRange, text } from './svg.js'

/**
 * The frame of a forest plot (compare, canary): one row per comparison, a label column on the left, a relative change
 * along the bottom (0 = no change) with a grid line at each tick, and room on the right for the row's figure.
 */
export const FOREST = { rowHeight: 34, top: 30, labelRight: 300, plot: { from: 320, to: 820 } } as const

export interface ForestFrame {
  height: number
  /** change → x */
  x: (change: number) => number
  /** the axis's ends, for clamping what falls outside */
  lo: number
  hi: number
  /** y of the middle of row i */
  rowY: (i: number) => number
  /** the grid and its labels */
  axis: string[]
}

/** A frame for `rows` rows whose changes span at least [min, max]. */
export function forestFrame(rows: number, min: number, max: number): ForestFrame {
  const { rowHeight, top, plot } = FOREST
  const height = top + Math.max(1, rows) * rowHeight + 10
  const ticks = niceRange(min, max, 6)
  const lo = ticks[0]!
  const hi = ticks[ticks.length - 1]!
  const x = linear(lo, hi, plot.from, plot.to)
  const axis = ticks.flatMap((t) => [
    line(x(t), top - 6, x(t), height - 8, { class: t === 0 ? 'axis' : 'grid', ...(t === 0 ? { stroke: 'currentColor' } : {}) }),
    text(x(t), top - 12, fmtSigned(t).replace('.0%', '%'), { 'text-anchor': 'middle', class: 'muted', 'font-size': 11 }),
  ])
  return { height, x, lo, hi, rowY: (i) => top + i * rowHeight + rowHeight / 2, axis }
}
