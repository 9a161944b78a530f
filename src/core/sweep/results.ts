import { costPerInvoke } from '../cost/index.js'
import { quantileLowerBound, quantileUpperBound, samplesForUpperBound } from '../stats/quantile-bounds.js'
import { summarize, type Summary } from '../stats/summary.js'
import type { InvokeSample, MemoryResult, PercentileBounds, PricingContext, SweepOptions } from './types.js'

/** Confidence of the percentile bounds shown with each value. */
export const PERCENTILE_BOUND_CONFIDENCE = 0.95

/**
 * What one invoke cost, INIT included on a billed cold start (from Billed Duration when the REPORT already counts it,
 * added otherwise). Throttled invokes never ran and cost nothing.
 */
export function sampleCost(sample: InvokeSample, pricing: PricingContext): { usd: number; gbSeconds: number } {
  const billed = sample.billedDurationMs ?? (sample.durationMs === undefined ? undefined : Math.ceil(sample.durationMs))
  if (billed === undefined) return { usd: 0, gbSeconds: 0 }
  // Since INIT billing began, Lambda's REPORT counts INIT in Billed Duration; older lines (and unbilled INIT) do not.
  const initIncluded =
    sample.initDurationMs !== undefined && billed >= Math.ceil((sample.durationMs ?? 0) + sample.initDurationMs) - 1
  const init =
    sample.coldStart && pricing.initBilled && sample.initDurationMs !== undefined && !initIncluded ? Math.ceil(sample.initDurationMs) : 0
  const cost = costPerInvoke({
    memoryMB: sample.memory,
    billedDurationMs: Math.max(1, billed),
    arch: pricing.arch,
    region: pricing.region,
    initBilledMs: init,
    ...(pricing.ephemeralStorageMB ? { ephemeralStorageMB: pricing.ephemeralStorageMB } : {}),
  })
  return { usd: cost.totalUsd, gbSeconds: cost.gbSeconds }
}

/** Whether an invoke counts as a result: it succeeded, or failed with an error type the user allowed. */
export function isResult(sample: InvokeSample, allowedErrors: readonly string[]): boolean {
  return sample.status === 'success' || (sample.errorType !== undefined && allowedErrors.includes(sample.errorType))
}

/** Summarises one memory value's invokes (warm-up excluded); speed-up and saving are filled in by withBaseline. */
export function summarizeMemory(
  memory: number,
  samples: readonly InvokeSample[],
  options: Pick<SweepOptions, 'trim' | 'allowedErrors' | 'errorThreshold'>,
  pricing: PricingContext,
): MemoryResult {
  const counted = samples.filter((s) => s.memory === memory && (s.phase === 'measure' || s.phase === 'cold'))
  const results = counted.filter((s) => isResult(s, options.allowedErrors))
  const failures = counted.filter((s) => !isResult(s, options.allowedErrors))
  const errorTypes: Record<string, number> = {}
  for (const s of failures) {
    const type = s.errorType ?? (s.status === 'timeout' ? 'Sandbox.Timedout' : 'Unknown')
    errorTypes[type] = (errorTypes[type] ?? 0) + 1
  }
  const trim = { trim: options.trim }
  const warmSamples = results.filter((s) => !s.coldStart && s.durationMs !== undefined)
  const coldSamples = results.filter((s) => s.coldStart && s.durationMs !== undefined)
  const costBasis = warmSamples.length > 0 ? warmSamples : coldSamples
  const costs = summarize(costBasis.map((s) => sampleCost(s, pricing).usd), { trim: 0 })
  const coldCosts = summarize(coldSamples.map((s) => sampleCost(s, pricing).usd), { trim: 0 })
  const maxUsed = maxOf(counted.map((s) => s.maxMemoryUsedMB))
  const errorRate = counted.length > 0 ? failures.length / counted.length : 0
  const failed = counted.length === 0 || results.length === 0 || errorRate > options.errorThreshold
  return {
    memory,
    invocations: counted.length,
    errors: failures.length,
    errorRate,
    errorTypes,
    throttles: samples.filter((s) => s.memory === memory).reduce((n, s) => n + s.throttles, 0),
    failed,
    ...(failed ? { failureReason: failureReason(counted.length, errorRate, errorTypes, options.errorThreshold) } : {}),
    warm: summarize(warmSamples.map((s) => s.durationMs!), trim),
    cold: summarize(coldSamples.map((s) => s.durationMs!), trim),
    initDuration: summarize(
      results.filter((s) => s.initDurationMs !== undefined).map((s) => s.initDurationMs!),
      trim,
    ),
    latency: summarize(results.map((s) => s.latencyMs), trim),
    maxMemoryUsedMB: maxUsed,
    memoryUtilization: maxUsed === null ? null : maxUsed / memory,
    costPerInvocation: costs?.mean ?? null,
    costCi95: costs?.ci95 ?? null,
    costStddev: costs?.stddev ?? null,
    costPerMillion: costs ? costs.mean * 1e6 : null,
    coldCostPerInvocation: coldCosts?.mean ?? null,
    speedup: null,
    saving: null,
    decision: { status: 'open', reason: '', after: null },
    ...percentiles(warmSamples.map((s) => s.durationMs!)),
    monthly: null,
  }
}

/** Distribution-free bounds of the warm percentiles, and which percentiles rest on too few invokes to bound. */
function percentiles(durations: readonly number[]): Pick<MemoryResult, 'percentileBounds' | 'fewSamples'> {
  if (durations.length === 0) return { percentileBounds: null, fewSamples: [] }
  const sorted = [...durations].sort((a, b) => a - b)
  const c = PERCENTILE_BOUND_CONFIDENCE
  const bound = (p: number) => ({ lower: quantileLowerBound(sorted, p, c).value, upper: quantileUpperBound(sorted, p, c).value })
  const percentileBounds: PercentileBounds = { confidence: c, p50: bound(0.5), p90: bound(0.9), p95: bound(0.95), p99: bound(0.99) }
  const few = ([['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const).filter(([, p]) => sorted.length < samplesForUpperBound(p, c)).map(([k]) => k)
  return { percentileBounds, fewSamples: few }
}

/** The duration summary a value is compared on: warm invokes, or cold ones when a value had no warm invoke. */
export function speedBasis(result: MemoryResult): Summary | null {
  return result.warm ?? result.cold
}

/** Fills in speed-up and saving against the function's current memory, when that value was measured and did not fail. */
export function withBaseline(results: readonly MemoryResult[], currentMemory: number): MemoryResult[] {
  const current = results.find((r) => r.memory === currentMemory && !r.failed)
  const currentTime = current ? speedBasis(current)?.p50 : undefined
  const currentCost = current?.costPerInvocation ?? undefined
  return results.map((r) => {
    const time = speedBasis(r)?.p50
    return {
      ...r,
      speedup: currentTime !== undefined && time ? currentTime / time : null,
      saving: currentCost && r.costPerInvocation !== null ? 1 - r.costPerInvocation / currentCost : null,
    }
  })
}

/** The bill of the tuning run itself, warm-up and failed invokes included. */
export function tuningCost(samples: readonly InvokeSample[], pricing: PricingContext): { gbSeconds: number; usd: number } {
  let gbSeconds = 0
  let usd = 0
  for (const s of samples) {
    const c = sampleCost(s, pricing)
    gbSeconds += c.gbSeconds
    usd += c.usd
  }
  return { gbSeconds, usd }
}

function failureReason(count: number, rate: number, types: Record<string, number>, threshold: number): string {
  if (count === 0) return 'no invoke completed'
  const top = Object.entries(types).sort((a, b) => b[1] - a[1])[0]
  const what = top ? ` (mostly ${top[0]})` : ''
  return `${Math.round(rate * 100)}% of invokes failed${what}, above the ${Math.round(threshold * 100)}% threshold`
}

function maxOf(values: ReadonlyArray<number | undefined>): number | null {
  let max: number | null = null
  for (const v of values) if (v !== undefined && (max === null || v > max)) max = v
  return max
}
