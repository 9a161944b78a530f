import { seededRandom } from '../../../../src/core/stats/random.js'
import type { ValueData } from '../../../../src/core/sweep/decide/race.js'
import type { InvokeSample } from '../../../../src/core/sweep/types.js'

/** n warm durations around `ms` with lognormal spread `sigma`, seeded. */
export function durations(ms: number, n: number, sigma: number, seed: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => {
    const u = Math.max(1e-12, random())
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
    return ms * Math.exp(sigma * z)
  })
}

/** A value's data as the race sees it: cost proportional to memory × duration (us-east-1 x86 prices). */
export function value(memory: number, ds: readonly number[], failed = false): ValueData {
  return { memory, durations: ds, costs: ds.map((d) => 0.2e-6 + 0.0000166667 * (memory / 1024) * (Math.ceil(d) / 1000)), failed }
}

/** Samples of a sweep: the first invoke of each value cold, the rest warm. */
export function samples(memory: number, ds: readonly number[], extra: Partial<InvokeSample> = {}): InvokeSample[] {
  return ds.map((d, i) => ({
    memory, phase: 'measure', coldStart: false, payload: 0, durationMs: d, billedDurationMs: Math.ceil(d), status: 'success', latencyMs: d + 3, throttles: 0,
    ...(i === 0 ? {} : {}),
    ...extra,
  }))
}

export const OPTIONS = { tolerance: 0.1, confidence: 0.95, weight: 0.5, trim: 0.1, looks: 1, values: 2 }
