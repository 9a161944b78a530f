export type Align = 'left' | 'right'

export interface TableOptions {
  /** per column; default: first column left, the rest right (labels, then numbers) */
  align?: Align[]
}

// Colour codes take no room on screen, so widths are measured without them.
const ANSI = /\u001b\[[0-9;]*m/g

export function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length
}

function alignments(columns: number, options: TableOptions): Align[] {
  return Array.from({ length: columns }, (_, i) => options.align?.[i] ?? (i === 0 ? 'left' : 'right'))
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)))
  return align === 'left' ? text + fill : fill + text
}

/**
 * A plain-text table: columns padded to their widest cell, a rule under the header, two spaces between columns.
 * No borders and no colours of its own, so it reads well in a terminal, a CI log and a file alike.
 */
export function renderTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const all = [headers, ...rows]
  const columns = Math.max(...all.map((r) => r.length))
  const align = alignments(columns, options)
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...all.map((r) => visibleWidth(r[i] ?? ''))))
  const line = (cells: string[]) =>
    widths.map((w, i) => pad(cells[i] ?? '', w, align[i]!)).join('  ').trimEnd()
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
