/**
 * oclif's parse errors as one plain line each. oclif writes them over several lines ("Parsing --invocations\n\tExpected
 * an integer but received: x\nSee more help with --help", "The following errors occurred:\n  Missing required flag
 * memory\n  Missing required flag duration"), which `Error: ...` on one line of stderr must not run together.
 */
const ANSI = /\u001b\[[0-9;]*m/g

export function parseErrorLine(message: string, command: string | undefined): string {
  const text = message
    .replace(ANSI, '')
    .replace(/^Error:\s*/, '')
    .replace(/\n?See more help with --help\s*$/, '')
  const help = command ? ` (see lambda-tune ${command} --help)` : ''
  return `${rewrite(text)}${help}`
}

function rewrite(text: string): string {
  const parsing = /^Parsing (--\S+)\s*\n\s*([\s\S]*)$/.exec(text)
  if (parsing) return `${parsing[1]}: ${received(oneLine(parsing[2]!))}`
  const failed = /^The following errors? occurred:\s*\n([\s\S]*)$/.exec(text)
  if (failed) return reasons(failed[1]!.split('\n').map((l) => l.trim()).filter(Boolean))
  const args = /^Missing \d+ required args?:?\s*\n?([\s\S]*)$/.exec(text)
  if (args) {
    const list = args[1]!.split('\n').map((l) => /^(\S+)\s+(.*)$/.exec(l.trim())).filter((m) => m !== null)
    const names = list.map((m) => `<${m![1]}>: ${m![2]}`)
    return names.length ? `missing required argument${names.length > 1 ? 's' : ''} ${names.join(', ')}` : 'missing a required argument'
  }
  const unknown = /^Nonexistent flags?: (.*)$/.exec(text)
  if (unknown) return `unknown flag${unknown[1]!.includes(',') ? 's' : ''} ${unknown[1]}`
  const option = /^Expected --([\w-]+)=(.*) to be one of: (.*)$/.exec(oneLine(text))
  if (option) return `--${option[1]}: "${option[2]}" is not one of ${option[3]}`
  return lowerFirst(oneLine(text))
}

/** The reasons of a failed flag validation: missing required flags together, the others as oclif words them. */
function reasons(lines: string[]): string {
  const missing = lines.map((l) => /^Missing required flag (\S+)$/.exec(l)?.[1]).filter((f): f is string => f !== undefined)
  const others = lines.filter((l) => !/^Missing required flag /.test(l)).map(lowerFirst)
  const parts = [
    ...(missing.length ? [`missing required flag${missing.length > 1 ? 's' : ''} ${missing.map((f) => `--${f}`).join(', ')}`] : []),
    ...others,
  ]
  return parts.join('; ')
}

/** "Expected an integer but received: x" -> "expected an integer, got x" */
function received(text: string): string {
  return lowerFirst(text.replace(/ but received: (.*)$/, ', got "$1"'))
}

function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}
