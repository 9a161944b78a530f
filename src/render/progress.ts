import { barCells } from './chart-cell.js'
import { visibleWidth } from './table.js'
import { PLAIN, type Palette } from './palette.js'

/** What the progress line shows; see src/sweep/progress.ts for where each figure comes from. */
export interface ProgressView {
  fn: string
  /** a step outside the invokes (publishing, restoring, deleting); null while invoking */
  phase: string | null
  /** invokes made, and the most the run can still make in all (shrinks as values are dropped) */
  done: number
  planned: number
  elapsedMs: number
  /** time left, ms: what the race asks for now (the round under way, then the forced cold starts), and at most */
  left: { now: number; most: number } | null
  /** the round under way, from 1 (0 before the first) */
  round: number
}

export interface ProgressStyle {
  /** block characters for the bar (a terminal); '#' and '.' otherwise */
  unicode: boolean
  palette?: Palette
}

/**
 * One line that fits `width` columns (so a terminal never wraps it): the function, an overall bar, invokes done /
 * planned, elapsed time and the time left. What does not fit is dropped, least useful first: the round, the upper
 * bound of the time left, the time left; a long function name is shortened.
 */
export function progressLine(view: ProgressView, width: number, style: ProgressStyle = { unicode: true }): string {
  const room = Math.max(20, width - 1)
  const p = style.palette ?? PLAIN
  const elapsed = clock(view.elapsedMs)
  if (view.phase !== null) {
    return fit([view.fn, view.phase, elapsed], room)
  }
  const counts = `${view.done}/${view.planned} invokes`
  const left = view.left ? `~${clock(view.left.now)} left` : ''
  const most = view.left && view.left.most > view.left.now + 999 ? ` (at most ${clock(view.left.most)})` : ''
  const round = view.round > 0 ? `round ${view.round}` : ''
  const share = view.planned > 0 ? Math.min(1, view.done / view.planned) : 0
  const tails = [
    [counts, elapsed, left + most, round],
    [counts, elapsed, left + most],
    [counts, elapsed, left],
    [counts, elapsed],
  ].map((parts) => parts.filter(Boolean).join('  '))
  const name = Math.min(visibleWidth(view.fn), 16)
  for (const tail of tails) {
    // name, two spaces, the bar and its two ends, two spaces, the tail
    const free = room - visibleWidth(tail) - name - 6
    if (free < 8) continue
    const cells = Math.min(30, free)
    return `${shorten(view.fn, room - visibleWidth(tail) - cells - 6)}  ${bar(share, cells, style.unicode, p)}  ${tail}`
  }
  return fit([view.fn, counts, elapsed], room)
}

/** m:ss, or h:mm:ss from an hour up. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`
}

/** The overall bar: eighth blocks on a light shade on a terminal, '#' on '.' in plain text, between two ends. */
export function bar(share: number, width: number, unicode: boolean, palette: Palette = PLAIN): string {
  return unicode
    ? `▕${barCells(share, width, 'unicode', '█', palette.cost, '░', palette.dim)}▏`
    : `[${barCells(share, width, 'ascii', '#', (t) => t, '.')}]`
}

/** The parts joined by two spaces, the first one shortened so that the whole fits. */
function fit(parts: string[], room: number): string {
  const rest = parts.slice(1).join('  ')
  const first = shorten(parts[0]!, Math.max(4, room - visibleWidth(rest) - 2))
  const line = `${first}  ${rest}`
  return visibleWidth(line) <= room ? line : shorten(line, room)
}

function shorten(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text
  let out = ''
  for (const ch of text) {
    if (visibleWidth(out + ch) > width - 1) break
    out += ch
  }
  return `${out}…`
}
