import { decideOnce } from '../../../src/core/sweep/decide/sequential.js'
import { buildSweepResult, type SweepResult } from '../../../src/core/sweep/sweep-result.js'
import type { Traffic } from '../../../src/core/sweep/monthly.js'
import type { InvokeSample, PricingContext, Strategy, SweepOptions } from '../../../src/core/sweep/types.js'

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

export const DECISION_DEFAULTS = { tolerance: 0.1, confidence: 0.95, trim: 0.1, allowedErrors: [] as string[], errorThreshold: 0.05, weight: 0.5 }

/** A whole sweep result from hand-made samples, decided at one look as a fixed-count sweep would be. */
export function resultFrom(
  samples: readonly InvokeSample[],
  input: { memories: number[]; currentMemory: number; strategy?: Strategy; slo?: SweepOptions['slo']; function?: string; tolerance?: number; traffic?: Traffic | null },
): SweepResult {
  const options: SweepOptions = { ...DECISION_DEFAULTS, strategy: input.strategy ?? 'cost', ...(input.slo ? { slo: input.slo } : {}), ...(input.tolerance !== undefined ? { tolerance: input.tolerance } : {}) }
  const invocations = Math.max(...input.memories.map((m) => samples.filter((s) => s.memory === m && s.phase === 'measure').length))
  return buildSweepResult({
    function: input.function ?? 'my-fn',
    currentMemory: input.currentMemory,
    memories: input.memories,
    runId: 'r1',
    seed: 9,
    looks: [invocations],
    fixed: true,
    decision: decideOnce({ ...options, memories: input.memories, pricing: US_EAST_X86 }, samples),
    warmup: 0,
    concurrency: 1,
    coldStarts: 0,
    options,
    pricing: US_EAST_X86,
    samples,
    traffic: input.traffic ?? null,
  })
}
