/**
 * JSON.parse with an error a person can act on: the line and column of the mistake and, when quoting is safe (result
 * files, configuration without secrets), the text around it. V8's own message gives a character position at best,
 * and for an unexpected token quotes the start of the text rather than the place that is wrong.
 */
export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly near: string,
  ) {
    super(`not valid JSON at line ${line}, column ${column}: ${reason}`)
    this.name = 'JsonTextError'
  }

  /** The message with the text around the mistake quoted (never for text that may hold secrets, e.g. payloads). */
  get quoted(): string {
    return this.near ? `${this.message} (near '${this.near}')` : this.message
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    const message = (err as Error).message
    const at = errorPosition(text, message)
    const before = text.slice(0, at)
    const line = before.split('\n').length
    const column = at - (before.lastIndexOf('\n') + 1) + 1
    throw new JsonTextError(reason(message), line, column, near(text, at))
  }
}

function reason(message: string): string {
  const text = message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** Where the parse went wrong: V8's position when it gives one, else the shortest prefix that is already wrong. */
function errorPosition(text: string, message: string): number {
  const given = /at position (\d+)/.exec(message)
  if (given) return Math.min(Number(given[1]), text.length)
  if (/Unexpected end of JSON input/.test(message)) return text.length
  let lo = 0
  let hi = text.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (wrongBy(text.slice(0, mid + 1))) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Whether a prefix is already wrong, rather than merely cut short. */
function wrongBy(prefix: string): boolean {
  try {
    JSON.parse(prefix)
    return false
  } catch (err) {
    const message = (err as Error).message
    if (/Unexpected end of JSON input|Unterminated string/.test(message)) return false
    const at = /at position (\d+)/.exec(message)
    return !at || Number(at[1]) < prefix.length
  }
}

/** The line of the mistake, cut to 40 characters around it. */
function near(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1
  const end = text.indexOf('\n', at)
  const line = text.slice(start, end === -1 ? undefined : end)
  const col = at - start
  const from = Math.max(0, Math.min(col - 20, line.length - 40))
  return line.slice(from, from + 40).trim()
}
