import { logsErrors } from './api-error.js'

/**
 * CloudWatch Logs filter patterns for unstructured events: terms (all must appear, case-sensitive), "quoted phrases",
 * `?term` (at least one of the ?-terms), `-term` (must not appear). JSON (`{ $.x = ... }`) and space-delimited
 * (`[a, b]`) patterns are not supported and are refused.
 */
export type EventMatcher = (message: string) => boolean

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim()
  if (text === '' || text === '""') return () => true
  if (text.startsWith('{') || text.startsWith('[')) {
    throw logsErrors.invalidParameter(`Invalid filter pattern: JSON and space-delimited patterns are not supported by the lambda-tune emulator: ${text}`)
  }
  const all: string[] = []
  const any: string[] = []
  const none: string[] = []
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g
  let m: RegExpExecArray | null
  let consumed = 0
  while ((m = token.exec(text)) !== null) {
    if (text.slice(consumed, m.index).trim() !== '') break
    consumed = m.index + m[0].length
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!
    if (m[3] !== undefined && m[3].includes('"')) throw logsErrors.invalidParameter(`Invalid filter pattern: unbalanced quote in ${text}`)
    if (m[1] === '?') any.push(term)
    else if (m[1] === '-') none.push(term)
    else all.push(term)
  }
  if (text.slice(consumed).trim() !== '') throw logsErrors.invalidParameter(`Invalid filter pattern: ${text}`)
  return (message) =>
    all.every((t) => message.includes(t)) &&
    !none.some((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t)))
}
