import type { Align, TableOptions } from './table.js'

/** Escapes text for a Markdown table cell (pipes, backslashes and line breaks). */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** A GitHub-flavoured Markdown table; numbers right-aligned by default (first column left). */
export function renderMarkdownTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const columns = Math.max(headers.length, ...rows.map((r) => r.length))
  const align: Align[] = Array.from({ length: columns }, (_, i) => options.align?.[i] ?? (i === 0 ? 'left' : 'right'))
  const line = (cells: string[]) =>
    `| ${Array.from({ length: columns }, (_, i) => escapeMarkdownCell(cells[i] ?? '')).join(' | ')} |`
  const rule = `|${align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}
