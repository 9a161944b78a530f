import type { Arch } from '../cost/price-types.js'
import type { InvokeSample, Measurement, MemoryResult, PricingContext, Recommendation, Strategy, SweepOptions } from './types.js'
import type { AmdahlFit } from './decide/search.js'
import type { RaceValue, SequentialOutcome } from './decide/sequential.js'
import { describeDecision } from './recommendation.js'
import { invokesForBound } from './sampling.js'
import { summarizeMemory, tuningCost, withBaseline } from './results.js'
import type { ApplyOutcome } from './apply.js'
import { monthlyCostOf, monthlySaving, type Traffic } from './monthly.js'

export const SWEEP_SCHEMA_VERSION = 1

/** The `--json` contract of `lambda-tune sweep` (schemas/sweep.json). */
export interface SweepResult {
  schemaVersion: typeof SWEEP_SCHEMA_VERSION
  function: string
  qualifier: string | null
  region: string
  /** the function's own architecture */
  architecture: Arch
  /** the architectures measured, the function's own first when it was measured */
  architectures: Arch[]
  /** another architecture is measured on a temporary copy of the function, deleted when the run ends (kept with --keep) */
  copy: { function: string; architecture: Arch } | null
  currentMemory: number
  runId: string
  seed: number
  strategy: Strategy
  settings: {
    /** sequential: rounds until the pick is settled; fixed: -n invokes per value */
    sampling: 'sequential' | 'fixed'
    /** the most warm invokes a value could get (the last look), or the fixed count */
    invocations: number
    /** the looks, in warm invokes per value */
    looks: number[]
    tolerance: number
    confidence: number
    /** the whole run's budget, when one was set */
    budget: { usd?: number; gbSeconds?: number } | null
    warmup: number
    concurrency: number
    coldStarts: number
    trim: number
    errorThreshold: number
    allowedErrors: string[]
    weight: number
    slo: { percentile: 'p95' | 'p99'; ms: number } | null
  }
  recommendation: Recommendation
  /** where the figures came from: the log tails, or CloudWatch when they hold no REPORT line (--source) */
  measurement: Measurement
  results: MemoryResult[]
  /** the requests a month that results[].monthly and recommendation.monthlySaving are priced at; null when unknown */
  traffic: Traffic | null
  tuningCost: { gbSeconds: number; usd: number }
  /** with --apply: what was set on the function (or why not); null without --apply */
  applied: ApplyOutcome | null
  /** with --keep: what the run left for the user to inspect and delete (`functions`: a copy, whole) */
  kept: Kept | null
  /**
   * A long list searched coarse to fine: every size asked for, and the duration curve fitted to the measured ones (with
   * its residuals). `results` holds the measured sizes only. Null when every size was measured.
   */
  search: { sizes: number[]; fit: AmdahlFit | null } | null
  samples?: InvokeSample[]
}

export interface Kept {
  aliases: string[]
  versions: string[]
  functions?: string[]
}

export interface SweepResultInput {
  function: string
  qualifier?: string
  currentMemory: number
  memories: readonly number[]
  /** with more than the function's own architecture: the values raced (see sweepValues); default the memories */
  values?: readonly RaceValue[]
  architectures?: readonly Arch[]
  copy?: { function: string; architecture: Arch }
  runId: string
  seed: number
  looks: readonly number[]
  fixed: boolean
  budget?: { usd?: number; gbSeconds?: number }
  decision: SequentialOutcome
  warmup: number
  concurrency: number
  coldStarts: number
  options: SweepOptions
  pricing: PricingContext
  samples: readonly InvokeSample[]
  kept?: Kept
  includeSamples?: boolean
  /** requests a month to price each value at */
  traffic?: Traffic | null
  search?: { sizes: readonly number[]; fit: AmdahlFit | null }
  /** how it was measured (default: each invoke's log tail, as asked by --source auto) */
  measurement?: Measurement
}

/** Each invoke's REPORT line from its log tail: the sweep's usual measurement. */
export const LOG_TAIL_MEASUREMENT: Measurement = { asked: 'auto', source: 'log-tail', reason: null, waitedSeconds: null, warnings: [] }

/** From the raw invokes to the answer: summaries per value, baseline comparison, the strategy's pick, the run's bill. */
export function buildSweepResult(input: SweepResultInput): SweepResult {
  const own = input.pricing.arch
  const architectures = input.architectures ? [...input.architectures] : [own]
  // the values of the sizes measured (a search coarse to fine leaves some out)
  const values = (input.values ?? input.memories.map((memory) => ({ id: memory, memory, architecture: own }))).filter((v) => input.memories.includes(v.memory))
  const perValue: MemoryResult[] = values.map((v) =>
    summarizeMemory(v.memory, input.samples.filter((s) => (s.architecture ?? own) === v.architecture), input.options, { ...input.pricing, arch: v.architecture }),
  )
  const measured = withBaseline(perValue, input.currentMemory, own)
  const allowed = input.looks[input.looks.length - 1] ?? 0
  const slo = input.options.slo
  const bound = slo ? { needs: invokesForBound(slo.percentile, input.options.confidence, allowed), allowed } : undefined
  const { recommendation, decisions } = describeDecision(input.decision, measured, input.options, bound, values, architectures.length > 1)
  const traffic = input.traffic ?? null
  const results = measured.map((r, i) => ({ ...r, decision: decisions.get(values[i]!.id) ?? r.decision, monthly: monthlyCostOf(r, traffic) }))
  recommendation.monthlySaving = monthlySaving(results, recommendation.memory, input.currentMemory, { pick: recommendation.architecture, own })
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    function: input.function,
    qualifier: input.qualifier ?? null,
    region: input.pricing.region,
    architecture: own,
    architectures,
    copy: input.copy ?? null,
    currentMemory: input.currentMemory,
    runId: input.runId,
    seed: input.seed,
    strategy: input.options.strategy,
    settings: {
      sampling: input.fixed ? 'fixed' : 'sequential',
      invocations: input.looks[input.looks.length - 1] ?? 0,
      looks: [...input.looks],
      tolerance: input.options.tolerance,
      confidence: input.options.confidence,
      budget: input.budget ?? null,
      warmup: input.warmup,
      concurrency: input.concurrency,
      coldStarts: input.coldStarts,
      trim: input.options.trim,
      errorThreshold: input.options.errorThreshold,
      allowedErrors: [...input.options.allowedErrors],
      weight: input.options.weight,
      slo: input.options.slo ?? null,
    },
    recommendation,
    measurement: input.measurement ?? LOG_TAIL_MEASUREMENT,
    results,
    traffic,
    tuningCost: tuningCost(input.samples, input.pricing),
    applied: null,
    kept: input.kept ?? null,
    search: input.search ? { sizes: [...input.search.sizes], fit: input.search.fit } : null,
    ...(input.includeSamples ? { samples: [...input.samples] } : {}),
  }
}
