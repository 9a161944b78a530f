import { UsageError } from './errors.js'

/** AWS prices a month as 730 hours (8,760 / 12); per-second and per-day rates are scaled by it. */
export const HOURS_PER_MONTH = 730
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9 }

const PERIOD_PER_MONTH: Record<string, number> = {
  s: SECONDS_PER_MONTH, sec: SECONDS_PER_MONTH, second: SECONDS_PER_MONTH,
  min: SECONDS_PER_MONTH / 60, minute: SECONDS_PER_MONTH / 60,
  h: HOURS_PER_MONTH, hr: HOURS_PER_MONTH, hour: HOURS_PER_MONTH,
  d: DAYS_PER_MONTH, day: DAYS_PER_MONTH,
  mo: 1, month: 1,
}

/**
 * A count written by a human: `3000000`, `3,000,000`, `3_000_000`, `1e6`, `2.5k`, `3M`, `1B` (k/M/B are 10^3/6/9;
 * `m` is read as million, as AWS writes "3M requests").
 */
export function parseCount(text: string, what = 'value'): number {
  const m = /^([0-9][0-9,_]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([kmbg]?)$/i.exec(text.trim())
  const value = m ? Number(m[1]!.replace(/[,_]/g, '')) * MULTIPLIERS[m[2]!.toLowerCase()]! : NaN
  if (!Number.isFinite(value)) throw new UsageError(`${what}: cannot read '${text}' as a number (e.g. 3000000, 3M, 2.5k)`)
  return value
}

/**
 * A rate, returned per month: a plain count is already per month; `100000/day`, `100k/d`, `50/s`, `2M/month`,
 * `10/min`, `3k/h` (also written `per day`) are scaled by a 730-hour month.
 */
export function parsePerMonth(text: string, what = 'value'): number {
  const m = /^(.*?)\s*(?:\/|\bper\s+)\s*([a-z]+?)s?$/i.exec(text.trim())
  if (!m) return parseCount(text, what)
  const perMonth = PERIOD_PER_MONTH[m[2]!.toLowerCase()]
  if (perMonth === undefined) {
    throw new UsageError(`${what}: unknown period '/${m[2]}' in '${text}' (use /s, /min, /h, /day or /month)`)
  }
  return parseCount(m[1]!, what) * perMonth
}

/** A duration in milliseconds: `1000`, `1000ms`, `1.5s`, `2 min`; a bare number is milliseconds. */
export function parseDurationMs(text: string, what = 'duration'): number {
  // A sign is read so that "-5" is reported as "must be above 0" by the model rather than as unreadable.
  const m = /^(-?[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(text.trim())
  const scale = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[(m?.[2] ?? 'ms').toLowerCase()]
  const value = m && scale ? Number(m[1]) * scale : NaN
  if (!Number.isFinite(value)) throw new UsageError(`${what}: cannot read '${text}' as a duration (e.g. 250, 250ms, 1.5s)`)
  return value
}

/** A memory size in MB: `512`, `512MB`, `1GB` (= 1024 MB), `1.5 GB`; a bare number is MB. */
export function parseMemoryMB(text: string, what = 'memory'): number {
  const m = /^([0-9]*\.?[0-9]+)\s*(mb|m|mib|gb|g|gib)?$/i.exec(text.trim())
  const unit = (m?.[2] ?? 'mb').toLowerCase()
  const value = m ? Number(m[1]) * (unit.startsWith('g') ? 1024 : 1) : NaN
  if (!Number.isFinite(value)) throw new UsageError(`${what}: cannot read '${text}' as a memory size (e.g. 512, 1GB)`)
  return value
}

/** A share between 0 and 1: `0.01` or `1%`. */
export function parseFraction(text: string, what = 'value'): number {
  const m = /^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(%?)$/.exec(text.trim())
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`${what}: '${text}' is not a share between 0 and 1 (e.g. 0.01 or 1%)`)
  }
  return value
}

/** Splits a comma-separated list, so `--memory 512,1024` works; thousands separators are not allowed there. */
export function splitList(text: string): string[] {
  return text.split(/[,\s]+/).filter(Boolean)
}

/** "10" or "10%": a percent of 0 or more (a gate's threshold). */
export function parsePercent(text: string, what: string): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$/.exec(text)
  if (!m) throw new UsageError(`${what}: cannot read '${text}' as a percent (e.g. 10 or 10%)`)
  return Number(m[1])
}
