import { UsageError } from '../errors.js'

/** The time range a report reads, aligned to whole minutes (CloudWatch's finest standard resolution). */
export interface ReportWindow {
  start: Date
  end: Date
  seconds: number
  /** the time-series resolution in seconds (peaks and traffic shape); totals use one period over the whole window */
  period: number
}

const UNIT_SECONDS: Record<string, number> = { m: 60, min: 60, h: 3600, d: 86_400, w: 604_800 }
/** CloudWatch keeps metrics for 15 months (455 days). */
const MAX_LOOKBACK_SECONDS = 455 * 86_400
/** Periods offered when none is asked for, finest first. */
const PERIOD_CHOICES = [60, 300, 900, 1800, 3600, 10_800, 21_600, 86_400]
/**
 * A GetMetricData call returns at most 100,800 datapoints. A report asks for one time series per function among
 * 13 queries, so about 40 series share a 500-query call: 1,000 points each keeps every call within one page.
 */
export const MAX_POINTS_PER_SERIES = 1000

/** `14d`, `12h`, `90m`, `2w` -> seconds. */
export function parseLookback(text: string, what = '--since'): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(m|min|h|d|w)\s*$/i.exec(text)
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2]!.toLowerCase()]! : NaN
  if (!Number.isFinite(seconds) || seconds < 60) {
    throw new UsageError(`${what}: cannot read '${text}' as a lookback (e.g. 14d, 12h, 90m, 2w; at least 1m)`)
  }
  return Math.round(seconds)
}

/** An ISO 8601 time or epoch seconds. */
export function parseTime(text: string, what: string): Date {
  const trimmed = text.trim()
  const date = /^[0-9]{9,11}$/.test(trimmed) ? new Date(Number(trimmed) * 1000) : new Date(trimmed)
  if (!trimmed || Number.isNaN(date.getTime())) {
    throw new UsageError(`${what}: cannot read '${text}' as a time (use ISO 8601, e.g. 2026-11-01T00:00:00Z, or epoch seconds)`)
  }
  return date
}

export interface WindowInput {
  since?: string
  start?: string
  end?: string
  period?: string | number
  /** the current time: the core reads no clock */
  now: Date
}

/** Resolves --since / --start / --end / --period into an aligned window. Default: the last 14 days (as Compute Optimizer). */
export function resolveWindow(input: WindowInput): ReportWindow {
  if (input.since !== undefined && input.start !== undefined) {
    throw new UsageError('give either --since or --start, not both')
  }
  // Without --end the window runs to the end of the current minute, so traffic of the last seconds counts.
  let end = input.end !== undefined ? floorTo(parseTime(input.end, '--end'), 60) : ceilTo(input.now, 60)
  if (end.getTime() > input.now.getTime() + 60_000) throw new UsageError('--end is in the future')
  let start: Date
  if (input.start !== undefined) start = floorTo(parseTime(input.start, '--start'), 60)
  else start = new Date(end.getTime() - parseLookback(input.since ?? '14d') * 1000)
  // Old data is only kept at coarser resolutions: align the window so one period can cover it exactly.
  const step = minimumPeriod(start, input.now)
  start = floorTo(start, step)
  end = input.end !== undefined ? floorTo(end, step) : ceilTo(end, step)
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000)
  if (seconds < 60) throw new UsageError('the report window must be at least one minute long (--start before --end)')
  if ((input.now.getTime() - start.getTime()) / 1000 > MAX_LOOKBACK_SECONDS) {
    throw new UsageError('CloudWatch keeps metrics for 455 days: choose a later --start or a shorter --since')
  }
  const period = choosePeriod(seconds, step, input.period)
  return { start, end, seconds, period }
}

/** CloudWatch: periods must be multiples of 60 s, of 300 s for data older than 15 days, of 3,600 s beyond 63 days. */
export function minimumPeriod(start: Date, now: Date): number {
  const ageDays = (now.getTime() - start.getTime()) / 86_400_000
  if (ageDays > 63) return 3600
  if (ageDays > 15) return 300
  return 60
}

export function choosePeriod(windowSeconds: number, step: number, requested?: string | number): number {
  if (requested !== undefined) {
    const period = typeof requested === 'number' ? requested : parsePeriod(requested)
    if (period % step !== 0) {
      throw new UsageError(`--period ${period}s: for this window CloudWatch needs a multiple of ${step} seconds`)
    }
    if (period > windowSeconds) throw new UsageError(`--period ${period}s is longer than the window (${windowSeconds}s)`)
    return period
  }
  const fit = PERIOD_CHOICES.find((p) => p % step === 0 && Math.ceil(windowSeconds / p) <= MAX_POINTS_PER_SERIES)
  return Math.min(fit ?? 86_400, Math.max(step, windowSeconds - (windowSeconds % step)))
}

function parsePeriod(text: string): number {
  const trimmed = text.trim()
  const plain = /^([0-9]+(?:\.[0-9]+)?)\s*(s|sec)?$/i.exec(trimmed)
  const seconds = plain ? Number(plain[1]) : parseLookback(trimmed, '--period')
  if (!Number.isInteger(seconds) || seconds < 60 || seconds % 60 !== 0) {
    throw new UsageError(
      `--period ${text}: CloudWatch keeps Lambda's metrics per minute, so a period must be a whole number of minutes, a multiple of 60 s (60, 300, 5m, 1h)`,
    )
  }
  return seconds
}

function ceilTo(date: Date, seconds: number): Date {
  const ms = seconds * 1000
  return new Date(Math.ceil(date.getTime() / ms) * ms)
}

function floorTo(date: Date, seconds: number): Date {
  const ms = seconds * 1000
  return new Date(Math.floor(date.getTime() / ms) * ms)
}
