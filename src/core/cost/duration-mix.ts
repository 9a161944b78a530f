import { UsageError } from '../errors.js'
import { billedMs, checkNonNegative, checkPositive } from './limits.js'

/** One bar of a duration histogram: `count` invokes (or a relative `weight`) took `durationMs`. */
export interface DurationSample {
  durationMs: number
  count?: number
  weight?: number
}

/** A single duration in ms, a list of measured durations, or a histogram. */
export type DurationInput = number | readonly number[] | readonly DurationSample[]

/**
 * The mean billed duration of a mix: each duration rounded up to 1 ms first, since AWS rounds every invoke.
 * Cost is linear in billed duration, so the weighted mean prices a month of the mix exactly.
 */
export function meanBilledMs(duration: DurationInput): number {
  const samples: DurationSample[] =
    typeof duration === 'number'
      ? [{ durationMs: duration }]
      : duration.map((d) => (typeof d === 'number' ? { durationMs: d } : d))
  if (samples.length === 0) throw new UsageError('duration: give at least one value')
  let weighted = 0
  let total = 0
  for (const s of samples) {
    const w = checkNonNegative(s.count ?? s.weight ?? 1, 'duration weight')
    weighted += w * billedMs(checkPositive(s.durationMs, 'duration'))
    total += w
  }
  if (total === 0) throw new UsageError('duration: the histogram weights add up to 0')
  return weighted / total
}
