import { formatCells, type Align, type Cell, type TableOptions } from './table.js'

/** Escapes text for a Markdown table cell (pipes, backslashes and line breaks). */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** A GitHub-flavoured Markdown table; numbers right-aligned by default (first column left), amounts as in renderTable. */
export function renderMarkdownTable(headers: string[], rows: Cell[][], options: Pick<TableOptions, 'align'> = {}): string {
  const columns = Math.max(headers.length, ...rows.map((r) => r.length))
  const align: Align[] = Array.from({ length: columns }, (_, i) => options.align?.[i] ?? (i === 0 ? 'left' : 'right'))
  const line = (cells: string[]) =>
    `| ${Array.from({ length: columns }, (_, i) => escapeMarkdownCell(cells[i] ?? '')).join(' | ')} |`
  const rule = `|${align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`
  return [line(headers), rule, ...formatCells(rows).map(line)].join('\n')
}
