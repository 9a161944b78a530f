/**
 * Reading request members that arrive typed from JSON (numbers, booleans, epoch-second timestamps) or as strings
 * from awsQuery forms, so each operation is written once for both protocols.
 */

export type Input = Record<string, unknown>

export function asObject(value: unknown): Input | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Input) : undefined
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** NaN for something that is present but not a number */
export function asNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') return Number(value)
  return NaN
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}

/** epoch ms from epoch seconds (JSON) or an ISO 8601 / epoch-seconds string (awsQuery); NaN when unreadable */
export function asTimestampMs(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value * 1000
  if (typeof value === 'string') {
    if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
    return Date.parse(value)
  }
  return NaN
}
