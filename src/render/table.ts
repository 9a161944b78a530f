import Table from 'cli-table3'
import stringWidth from 'string-width'
import { formatUsdColumn, type Usd } from './format.js'

export type Align = 'left' | 'right'

/** A table cell: text, or an amount in USD (every amount in one table is shown with the same decimals). */
export type Cell = string | Usd

export interface TableOptions {
  /** per column; default: first column left, the rest right (labels, then numbers) */
  align?: Align[]
  /**
   * Columns of free text (reasons, failure messages). When the table is wider than `width`, their cells that do not
   * fit become a numbered mark and the full text goes under the table, wrapped: the table never widens for a sentence.
   */
  notes?: number[]
  /** the widest the table and its notes may be, in terminal columns (default 120) */
  width?: number
  /** rows (indexes into `rows`) whose every cell is wrapped by `style`, e.g. bold for a pick; several styles allowed */
  highlight?: RowStyle | RowStyle[]
  /** columns that are left out, the last listed first, while the table does not fit `width` (e.g. a chart) */
  optional?: number[]
}

export interface RowStyle {
  rows: number[]
  style: (text: string) => string
}

export const TABLE_WIDTH = 120
const GAP = '  '
// cli-table3 with every border blank except the rule under the header: today's plain look, in any terminal and log.
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', right: '', 'right-mid': '',
  mid: '-', 'mid-mid': GAP, middle: GAP,
}
const ANSI = /\u001b\[[0-9;]*m/g

/** Columns a string takes on screen: colour codes take none, East Asian wide characters and emoji take two. */
export function visibleWidth(text: string): number {
  return stringWidth(text)
}

/** Amounts in USD become text, all of one table with the same decimals (see formatUsdColumn). */
export function formatCells(rows: Cell[][]): string[][] {
  const amounts = rows.flatMap((r) => r.filter((c): c is Usd => typeof c !== 'string').map((c) => c.usd))
  const usd = formatUsdColumn(amounts)
  return rows.map((r) => r.map((c) => (typeof c === 'string' ? c : usd(c.usd))))
}

/**
 * A plain-text table: columns padded to their widest cell, a rule under the header, two spaces between columns,
 * no borders and no colours of its own, so it reads well in a terminal, a CI log and a file alike. Built on cli-table3,
 * which measures wide characters right. It never gets wider than `width`: free text moves under it as notes, and the
 * columns that still do not fit continue in a second block under the first, which repeats the first column (as
 * pandas and R print a wide data frame).
 */
export function renderTable(headers: string[], rows: Cell[][], options: TableOptions = {}): string {
  const optional = options.optional ?? []
  if (optional.length > 0 && naturalWidth(headers, formatCells(rows), options.notes ?? []) > (options.width ?? TABLE_WIDTH)) {
    const drop = optional[optional.length - 1]!
    const keep = (_: unknown, i: number) => i !== drop
    const shift = (cols: number[] | undefined) => cols?.filter((c) => c !== drop).map((c) => (c > drop ? c - 1 : c))
    return renderTable(headers.filter(keep), rows.map((r) => r.filter(keep)), {
      ...options,
      ...(options.align ? { align: options.align.filter(keep) } : {}),
      ...(options.notes ? { notes: shift(options.notes) } : {}),
      optional: shift(optional.slice(0, -1)),
    })
  }
  const columns = Math.max(headers.length, ...rows.map((r) => r.length))
  const head = Array.from({ length: columns }, (_, i) => headers[i] ?? '')
  const styles = options.highlight === undefined ? [] : Array.isArray(options.highlight) ? options.highlight : [options.highlight]
  const styleOf = (n: number) => styles.find((s) => s.rows.includes(n))?.style
  const filled = formatCells(rows).map((r, n) =>
    Array.from({ length: columns }, (_, i) => styleOf(n)?.(r[i] ?? '') ?? r[i] ?? ''),
  )
  const { body, notes } = moveLongText(head, filled, options)
  const align = Array.from({ length: columns }, (_, i) => options.align?.[i] ?? (i === 0 ? 'left' : 'right'))
  const blocks = columnBlocks(head, body, options.width ?? TABLE_WIDTH).map((cols) =>
    draw(cols.map((i) => head[i]!), body.map((r) => cols.map((i) => r[i]!)), cols.map((i) => align[i]!)),
  )
  return [...blocks.flatMap((b, i) => (i ? ['', ...b] : b)), ...(notes.length ? ['', ...notes] : [])].join('\n')
}

/**
 * How wide the table is once its free-text columns are as narrow as they can get (a mark such as "[1]", or their
 * header): what must fit the width for it to print as one block.
 */
function naturalWidth(headers: string[], rows: string[][], notes: number[]): number {
  const widths = headers.map((h, i) => {
    const cells = rows.map((r) => visibleWidth(r[i] ?? ''))
    return Math.max(visibleWidth(h), ...(notes.includes(i) ? cells.map((w) => Math.min(w, 4)) : cells))
  })
  return widths.reduce((a, b) => a + b, 0) + GAP.length * (headers.length - 1)
}

function draw(headers: string[], rows: string[][], align: Align[]): string[] {
  const table = new Table({
    head: headers,
    chars: CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: align,
  })
  // cli-table3 draws the rule under the header only when a row follows it.
  table.push(...(rows.length ? rows : [headers.map(() => '')]))
  const lines = table.toString().split('\n').map((l) => l.trimEnd())
  if (!rows.length) lines.pop()
  return lines
}

/** The columns of each block: as many as fit the width, every block after the first starting with column 0. */
function columnBlocks(headers: string[], rows: string[][], width: number): number[][] {
  const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i]!))))
  const blocks: number[][] = [[0]]
  for (let i = 1; i < headers.length; i++) {
    const block = blocks[blocks.length - 1]!
    const used = block.reduce((sum, c) => sum + widths[c]! + GAP.length, 0)
    if (block.length > 1 && used + widths[i]! > width) blocks.push([0, i])
    else block.push(i)
  }
  return blocks
}

/** Replaces the free-text cells that would make the table wider than allowed by [n], and returns them as notes. */
function moveLongText(headers: string[], rows: string[][], options: TableOptions): { body: string[][]; notes: string[] } {
  const width = options.width ?? TABLE_WIDTH
  const columns = headers.length
  const widthOf = (i: number) => Math.max(visibleWidth(headers[i] ?? ''), ...rows.map((r) => visibleWidth(r[i]!)))
  const total = () => Array.from({ length: columns }, (_, i) => widthOf(i)).reduce((a, b) => a + b, 0) + GAP.length * (columns - 1)
  const notes: string[] = []
  for (const col of options.notes ?? []) {
    const over = total() - width
    if (over <= 0) break
    const room = Math.max(visibleWidth(headers[col] ?? ''), 4, widthOf(col) - over)
    for (const row of rows) {
      const cell = row[col]!
      if (visibleWidth(cell) <= room) continue
      const plain = cell.replace(ANSI, '')
      const mark = `[${notes.length + 1}]`
      // "failed: 100% of invokes failed (...)" keeps "failed [1]" in the table when that fits
      const colon = plain.indexOf(': ')
      const head = colon > 0 && visibleWidth(`${plain.slice(0, colon)} ${mark}`) <= room ? plain.slice(0, colon) : ''
      const text = head ? plain.slice(colon + 2) : plain
      notes.push(...wrap(`${mark} ${row[0]!.replace(ANSI, '').trim()}: ${text}`, width, mark.length + 1))
      // the mark keeps the cell's colour (a highlighted row stays highlighted)
      row[col] = cell.replace(plain, head ? `${head} ${mark}` : mark)
    }
  }
  return { body: rows, notes }
}

/** Word-wraps `text` to `width` columns, continuation lines indented by `indent`; a word longer than a line is cut. */
export function wrap(text: string, width: number, indent = 0): string[] {
  const lines: string[] = []
  let line = ''
  const words = text.split(/\s+/).filter(Boolean).flatMap((w) => cut(w, width - indent))
  for (const word of words) {
    const next = line ? `${line} ${word}` : word
    if (line && visibleWidth(next) > width) {
      lines.push(line)
      line = `${' '.repeat(indent)}${word}`
    } else {
      line = next
    }
  }
  if (line) lines.push(line)
  return lines
}

function cut(word: string, size: number): string[] {
  if (visibleWidth(word) <= size) return [word]
  const parts: string[] = []
  let part = ''
  for (const ch of word) {
    if (visibleWidth(part + ch) > size) {
      parts.push(part)
      part = ''
    }
    part += ch
  }
  return [...parts, part]
}
