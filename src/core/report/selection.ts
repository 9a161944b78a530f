import { UsageError } from '../errors.js'

export interface SelectionFlags {
  prefix?: string
  tag?: string
  all?: boolean
}

/** Which functions a command covers, checked before any AWS call. */
export function parseSelection(names: string[], flags: SelectionFlags) {
  const tag = flags.tag === undefined ? undefined : parseTag(flags.tag)
  if (names.length && flags.all) throw new UsageError('give function names or --all, not both')
  if (names.length && flags.prefix) throw new UsageError('give function names or --prefix, not both')
  if (!names.length && !flags.prefix && !tag && !flags.all) {
    throw new UsageError('name the functions: function names, --prefix, --tag key=value or --all')
  }
  return { names, prefix: flags.prefix, tag, all: flags.all }
}

export function parseTag(text: string): { key: string; value: string } {
  const i = text.indexOf('=')
  if (i <= 0) throw new UsageError(`--tag: '${text}' is not key=value`)
  return { key: text.slice(0, i), value: text.slice(i + 1) }
}
