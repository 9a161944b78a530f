import type { InvokeSample, PricingContext } from '../../../src/core/sweep/types.js'

export const US_EAST_X86: PricingContext = { region: 'us-east-1', arch: 'x86_64', initBilled: true }

const JITTER = [0.98, 1.01, 1, 1.02, 0.99, 1.005, 0.995, 1.015, 0.985, 1]

/** Ten warm invokes around `ms` (±2%), plus an optional cold start, for hand-made result sets. */
export function samplesAround(memory: number, ms: number, extra: Partial<InvokeSample> = {}): InvokeSample[] {
  return JITTER.map((j) => {
    const durationMs = ms * j
    return {
      memory,
      phase: 'measure',
      coldStart: false,
      payload: 0,
      durationMs,
      billedDurationMs: Math.ceil(durationMs),
      maxMemoryUsedMB: 60,
      status: 'success',
      latencyMs: durationMs + 5,
      throttles: 0,
      ...extra,
    }
  })
}

export function failing(memory: number, count: number, errorType = 'Runtime.OutOfMemory'): InvokeSample[] {
  return Array.from({ length: count }, () => ({
    memory,
    phase: 'measure' as const,
    coldStart: false,
    payload: 0,
    durationMs: 50,
    billedDurationMs: 50,
    maxMemoryUsedMB: memory,
    status: 'error' as const,
    errorType,
    latencyMs: 60,
    throttles: 0,
  }))
}
