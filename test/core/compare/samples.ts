import { seededRandom } from '../../../src/core/stats/random.js'

/** Skewed latency-like samples: base x (1 + exponential noise), repeatable by seed. */
export function durations(count: number, base: number, seed: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => base * (1 + 0.1 * -Math.log(1 - random())))
}

/** Lognormal durations (median x e^(sigma Z)) at Lambda's 0.01 ms resolution, repeatable by seed. */
export function lognormal(count: number, median: number, sigma: number, seed: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    return Math.round(median * Math.exp(sigma * z) * 100) / 100
  })
}

/** us-east-1 x86_64 list prices: per request and per GB-second */
export const US_EAST_1 = { request: 0.2e-6, gbSecond: 0.0000166667 }

export interface SweepExtra {
  region?: string
  architecture?: 'x86_64' | 'arm64'
  /** prices the invokes are billed at when no cost per invocation is given */
  prices?: { request: number; gbSecond: number }
}

/**
 * A minimal `sweep --json` result with raw samples, as the sweep writes with --include-samples. Without
 * `costPerInvocation`, each value's cost is priced from its samples (billed duration rounded up to 1 ms), with its
 * standard deviation, as the sweep does.
 */
export function sweepResult(fn: string, perMemory: Record<number, number[]>, pick: number | null, costPerInvocation: Record<number, number> = {}, extra: SweepExtra = {}) {
  const memories = Object.keys(perMemory).map(Number)
  const prices = extra.prices ?? US_EAST_1
  return {
    schemaVersion: 1,
    function: fn,
    region: extra.region ?? 'us-east-1',
    architecture: extra.architecture ?? 'x86_64',
    strategy: 'cost',
    recommendation: { memory: pick, reason: 'test' },
    results: memories.map((memory) => {
      const values = perMemory[memory]!
      const costs = values.map((d) => prices.request + prices.gbSecond * (Math.max(1, Math.ceil(d)) / 1000) * (memory / 1024))
      const given = costPerInvocation[memory]
      return {
        memory, invocations: values.length, errors: 0, failed: false,
        warm: { count: values.length, mean: mean(values), stddev: sd(values), p50: mean(values), p90: mean(values), p99: mean(values) },
        cold: null,
        costPerInvocation: given ?? mean(costs),
        costStddev: given === undefined ? sd(costs) : 0,
      }
    }),
    samples: memories.flatMap((memory) => perMemory[memory]!.map((durationMs) => ({ memory, phase: 'measure', coldStart: false, status: 'success', durationMs }))),
  }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

function sd(values: number[]): number {
  if (values.length < 2) return 0
  const m = mean(values)
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1))
}
