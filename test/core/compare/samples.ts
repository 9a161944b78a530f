import { seededRandom } from '../../../src/core/stats/random.js'

/** Skewed latency-like samples: base x (1 + exponential noise), repeatable by seed. */
export function durations(count: number, base: number, seed: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => base * (1 + 0.1 * -Math.log(1 - random())))
}

/** A minimal `sweep --json` result with raw samples, as the sweep writes with --include-samples. */
export function sweepResult(fn: string, perMemory: Record<number, number[]>, pick: number, costPerInvocation: Record<number, number> = {}) {
  const memories = Object.keys(perMemory).map(Number)
  return {
    schemaVersion: 1,
    function: fn,
    strategy: 'cost',
    recommendation: { memory: pick, reason: 'test' },
    results: memories.map((memory) => {
      const values = perMemory[memory]!
      const mean = values.reduce((a, b) => a + b, 0) / values.length
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
      return {
        memory, invocations: values.length, errors: 0, failed: false,
        warm: { count: values.length, mean, stddev: sd, p50: mean, p90: mean, p99: mean },
        cold: null,
        costPerInvocation: costPerInvocation[memory] ?? 0.000001,
      }
    }),
    samples: memories.flatMap((memory) => perMemory[memory]!.map((durationMs) => ({ memory, phase: 'measure', coldStart: false, status: 'success', durationMs }))),
  }
}
