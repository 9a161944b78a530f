import { UsageError } from '../errors.js'

const UNIT: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 }

/** `--duration`: 10m, 1h, 1h30m, 90s (whole seconds; a unit is required, so "10" is not read as ten of anything). */
export function parseCanaryDuration(text: string, flag = '--duration'): number {
  const parts = [...text.trim().matchAll(/([0-9]+)\s*(h|min|m|sec|s)/gi)]
  const joined = parts.map((p) => p[0]).join('')
  if (parts.length === 0 || joined.replace(/\s/g, '') !== text.trim().replace(/\s/g, '')) {
    throw new UsageError(`${flag}: cannot read '${text}' as a duration (e.g. 10m, 1h, 1h30m, 30s)`)
  }
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT[p[2]!.toLowerCase()]!, 0)
  if (!(seconds >= 1)) throw new UsageError(`${flag} must be at least 1s`)
  if (seconds > 24 * 3600) throw new UsageError(`${flag} is at most 24h per candidate`)
  return seconds
}

/**
 * `--period`: the resolution the canary reads CloudWatch at. Lambda publishes its metrics per minute, so on AWS it is
 * 60 s (or a multiple); shorter periods are for the emulator (`lambda-tune emulator --metrics-period`).
 */
export function parsePeriod(text: string, againstAws: boolean): number {
  const seconds = /^\s*[0-9]+\s*$/.test(text) ? Number(text) : parseCanaryDuration(text, '--period')
  if (!Number.isInteger(seconds) || seconds < 1) throw new UsageError(`--period must be a whole number of seconds, got '${text}'`)
  if (againstAws && seconds % 60 !== 0) {
    throw new UsageError(
      `--period ${seconds}s: Lambda publishes its metrics per minute, so on AWS the period is a multiple of 60 s (periods below that are for the emulator, with --endpoint-url)`,
    )
  }
  return seconds
}
