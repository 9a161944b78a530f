import { writeFile } from 'node:fs/promises'

/** A result in each format a command prints: made only when asked for. */
export interface Renderings {
  json(): string
  md(): string
  table(): string
  html?(): string
}

/**
 * Prints the result in the chosen format and writes it to --out. An HTML page is for a browser, not a terminal: with
 * --out it goes to the file and the terminal gets the table; without, the page goes to stdout (for a redirect).
 * Under --json oclif prints the returned result itself.
 */
export async function writeOutput(
  command: { log(text: string): void },
  flags: { format: string; out?: string | undefined; json: boolean },
  r: Renderings,
): Promise<void> {
  const format = flags.json ? 'json' : flags.format
  const text = format === 'json' ? r.json() : format === 'md' ? r.md() : format === 'html' && r.html ? r.html() : r.table()
  if (!flags.json) command.log(format === 'html' && flags.out ? r.table() : text)
  if (flags.out) await writeFile(flags.out, text.endsWith('\n') ? text : `${text}\n`)
}
