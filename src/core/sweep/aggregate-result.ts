import { costPerInvoke } from '../cost/index.js'
import { ExitCode, UserError } from '../errors.js'
import type { QualifierFigures } from '../report/qualifier-figures.js'
import type { ReportRecord } from '../report-log.js'
import { summarize } from '../stats/summary.js'
import { assess, emptyEvidence, type Assessment, type ValueData } from './decide/race.js'
import { decideOnce } from './decide/sequential.js'
import { monthlyCostOf, monthlySaving } from './monthly.js'
import { memoryList, ms, pct, perMillion, times } from './recommendation.js'
import { sampleCost, summarizeMemory } from './results.js'
import { buildSweepResult, type SweepResult, type SweepResultInput } from './sweep-result.js'
import type {
  FigureSources, InvokeSample, Measurement, MemoryResult, PricingContext, Recommendation, Strategy, SweepOptions, ValueDecision,
} from './types.js'

/**
 * A sweep measured from CloudWatch: the Invoke log tails held no REPORT line (a JSON log format whose system log
 * level filters platform.report, an endpoint that returns no tail), or --source cloudwatch asked for it. The Invoke
 * responses still give each invoke's status, error type and latency; durations, billed time, cold starts and memory
 * come from CloudWatch, read per alias after the invokes (src/core/report/qualifier-figures.ts).
 *
 * Two cases. When CloudWatch Logs holds every invoke's REPORT line, each is joined to its invoke by request id: the
 * samples are then as complete as the log tails' would have been, and the result is the usual one, decided once on
 * them (a fixed count has one look). Otherwise only CloudWatch's aggregates per alias are known (mean, percentiles,
 * count): the same rule picks on those point estimates, but nothing bounds them, so the pick is never settled.
 */

/** What CloudWatch gave for one memory value: its alias, and each of its forced cold starts' versions. */
export interface ValueFigures {
  memory: number
  alias: QualifierFigures
  cold: QualifierFigures[]
}

export interface CloudWatchResultInput extends Omit<SweepResultInput, 'decision' | 'measurement' | 'samples'> {
  /** the Invoke responses: status, error type, latency, request id; no REPORT figures */
  samples: readonly InvokeSample[]
  figures: readonly ValueFigures[]
  /** asked, reason, waitedSeconds and warnings; the source is decided here */
  measurement: Omit<Measurement, 'source'>
  /** the REPORT lines read back from CloudWatch Logs may stand for the log tails (not with --source cloudwatch) */
  perInvoke: boolean
}

/** Every figure from each invoke's REPORT line, read back from CloudWatch Logs. */
const PER_INVOKE_LOGS: FigureSources = {
  invocations: 'invoke', errors: 'invoke', duration: 'logs', cost: 'logs', coldStarts: 'logs', initDuration: 'logs', maxMemoryUsed: 'logs',
}

/** The sweep's result from what CloudWatch gave; exit 4 (UserError) when no value got any duration from it. */
export function cloudWatchResult(input: CloudWatchResultInput): SweepResult {
  if (!input.figures.some((f) => f.alias.duration.value !== null)) {
    const m = input.measurement
    const noLines = input.figures.every((f) => f.alias.reports.length === 0 && f.alias.failures.logs === null)
    const why = [...m.warnings, ...(noLines ? ['CloudWatch Logs holds no REPORT line of the run'] : [])].join('; ') || 'nothing arrived'
    throw new UserError(`${input.function}: nothing was measured: ${m.reason ?? 'no REPORT lines'}, and CloudWatch gave no durations (${why})`, ExitCode.runFailed)
  }
  const joined = input.perInvoke ? joinReports(input.samples, input.figures) : undefined
  return joined ? perInvokeResult(input, joined) : aggregateResult(input)
}

/**
 * Each invoke with its REPORT line from CloudWatch Logs, matched by request id; undefined unless every invoke that ran
 * has one (an invoke throttled until it gave up never ran, and has neither).
 */
export function joinReports(samples: readonly InvokeSample[], figures: readonly ValueFigures[]): InvokeSample[] | undefined {
  const byId = new Map<string, ReportRecord>()
  for (const f of figures) for (const q of [f.alias, ...f.cold]) for (const r of q.reports) if (r.requestId) byId.set(r.requestId, r)
  const out: InvokeSample[] = []
  for (const s of samples) {
    if (neverRan(s)) {
      out.push(s)
      continue
    }
    const report = s.requestId === undefined ? undefined : byId.get(s.requestId)
    if (!report || report.durationMs === undefined) return undefined
    out.push(withReport(s, report))
  }
  return out
}

function neverRan(s: InvokeSample): boolean {
  return s.requestId === undefined && s.errorType === 'TooManyRequestsException'
}

/** The sample as the log tail would have made it (src/sweep/invoke-values.ts): the REPORT line's figures and status. */
function withReport(s: InvokeSample, r: ReportRecord): InvokeSample {
  const status: InvokeSample['status'] = r.status === 'timeout' ? 'timeout' : s.status !== 'success' || r.status === 'error' ? 'error' : 'success'
  const errorType = status === 'success' ? undefined : (s.errorType ?? r.errorType ?? (status === 'timeout' ? 'Sandbox.Timedout' : undefined))
  const { errorType: _drop, ...rest } = s
  return {
    ...rest,
    coldStart: r.initDurationMs !== undefined,
    durationMs: r.durationMs!,
    ...(r.billedDurationMs !== undefined ? { billedDurationMs: r.billedDurationMs } : {}),
    ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
    ...(r.maxMemoryUsedMB !== undefined ? { maxMemoryUsedMB: r.maxMemoryUsedMB } : {}),
    status,
    ...(errorType ? { errorType } : {}),
  }
}

function perInvokeResult(input: CloudWatchResultInput, samples: InvokeSample[]): SweepResult {
  const o = input.options
  const decision = decideOnce(
    {
      memories: input.memories, strategy: o.strategy, tolerance: o.tolerance, confidence: o.confidence, weight: o.weight, trim: o.trim,
      ...(o.slo ? { slo: o.slo } : {}), allowedErrors: o.allowedErrors, errorThreshold: o.errorThreshold, pricing: input.pricing,
    },
    samples,
  )
  const { figures: _f, perInvoke: _p, ...rest } = input
  const result = buildSweepResult({ ...rest, decision, samples, measurement: { ...input.measurement, source: 'logs' } })
  return { ...result, results: result.results.map((r) => ({ ...r, sources: PER_INVOKE_LOGS })) }
}

/** A REPORT line as a sample, to price it as the log tail's would be. */
function lineSample(r: ReportRecord, memory: number): InvokeSample {
  return {
    memory, phase: 'measure', coldStart: r.initDurationMs !== undefined, payload: 0, status: 'success', latencyMs: 0, throttles: 0,
    ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
    ...(r.billedDurationMs !== undefined ? { billedDurationMs: r.billedDurationMs } : {}),
    ...(r.initDurationMs !== undefined ? { initDurationMs: r.initDurationMs } : {}),
  }
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null
}

/** Every REPORT line of the qualifier arrived: the logs hold all of its invokes. */
function allLines(q: QualifierFigures): boolean {
  return q.reports.length > 0 && q.reports.length >= q.expected
}

/** The cost of an average duration as the report prices one without REPORT lines: rounded up to the next ms. */
function averageCost(memory: number, ms: number, pricing: PricingContext): number {
  return costPerInvoke({
    memoryMB: memory, billedDurationMs: Math.max(1, Math.ceil(ms)), arch: pricing.arch, region: pricing.region,
    ...(pricing.ephemeralStorageMB ? { ephemeralStorageMB: pricing.ephemeralStorageMB } : {}),
  }).totalUsd
}

/** One value from CloudWatch's aggregates, with the Invoke responses' errors and latency. */
export function aggregateValue(f: ValueFigures, samples: readonly InvokeSample[], options: SweepOptions, pricing: PricingContext): MemoryResult {
  const base = summarizeMemory(f.memory, samples, options, pricing)
  const d = f.alias.duration
  const lines = [...f.alias.reports, ...f.cold.flatMap((c) => c.reports)]
  const coldLines = lines.filter((r) => r.initDurationMs !== undefined)
  const warmLines = f.alias.reports.filter((r) => r.initDurationMs === undefined)
  // A warm invoke's cost, as the log tails would price it, when every REPORT line of the alias arrived; else the average
  // duration rounded up (INIT left out, as it is of a warm invoke).
  const lineCost = allLines(f.alias) && warmLines.length ? mean(warmLines.map((r) => sampleCost(lineSample(r, f.memory), pricing).usd)) : null
  const cost = lineCost ?? (d.value ? averageCost(f.memory, d.value.avg, pricing) : null)
  const memoryUsed = lines.map((r) => r.maxMemoryUsedMB).filter((v): v is number => v !== undefined)
  const maxUsed = memoryUsed.length ? Math.max(...memoryUsed) : null
  const logs = lines.length > 0 ? 'logs' : null
  const noDurations = d.value === null
  const failed = base.failed || noDurations
  const trim = { trim: options.trim }
  return {
    ...base,
    failed,
    ...(failed ? { failureReason: noDurations ? 'no durations arrived from CloudWatch' : base.failureReason } : {}),
    warm: null,
    cold: summarize(coldLines.map((r) => r.durationMs!), trim),
    initDuration: summarize(coldLines.map((r) => r.initDurationMs!), trim),
    maxMemoryUsedMB: maxUsed,
    memoryUtilization: maxUsed === null ? null : maxUsed / f.memory,
    costPerInvocation: cost,
    costCi95: null,
    costStddev: null,
    costPerMillion: cost === null ? null : cost * 1e6,
    coldCostPerInvocation: mean(coldLines.map((r) => sampleCost(lineSample(r, f.memory), pricing).usd)),
    percentileBounds: null,
    fewSamples: [],
    sources: {
      invocations: 'invoke',
      errors: 'invoke',
      duration: d.source,
      cost: lineCost !== null ? 'logs' : cost !== null ? d.source : null,
      coldStarts: logs,
      initDuration: coldLines.length ? 'logs' : null,
      maxMemoryUsed: maxUsed === null ? null : 'logs',
    },
    ...(d.value && d.source
      ? { aggregate: { source: d.source, invocations: f.alias.invocations.value, mean: d.value.avg, trimmedMean: d.value.trimmedMean, p50: d.value.p50, p90: d.value.p90, p95: d.value.p95, p99: d.value.p99, max: d.value.max } }
      : {}),
  }
}

/** What the invokes cost: each REPORT line's Billed Duration where every line arrived, else count x the average. */
export function aggregateTuningCost(figures: readonly ValueFigures[], pricing: PricingContext): { gbSeconds: number; usd: number } {
  let usd = 0
  let gbSeconds = 0
  for (const f of figures) {
    for (const q of [f.alias, ...f.cold]) {
      if (allLines(q)) {
        for (const r of q.reports) {
          const c = sampleCost(lineSample(r, f.memory), pricing)
          usd += c.usd
          gbSeconds += c.gbSeconds
        }
      } else if (q.duration.value) {
        const n = q.invocations.value ?? q.expected
        const billed = Math.max(1, Math.ceil(q.duration.value.avg))
        usd += n * averageCost(f.memory, q.duration.value.avg, pricing)
        gbSeconds += (n * (f.memory / 1024) * billed) / 1000
      }
    }
  }
  return { usd, gbSeconds }
}

function aggregateResult(input: CloudWatchResultInput): SweepResult {
  const byMemory = new Map(input.figures.map((f) => [f.memory, f]))
  const values = input.memories.map((m) => aggregateValue(byMemory.get(m) ?? emptyFigures(m), input.samples, input.options, input.pricing))
  const current = values.find((r) => r.memory === input.currentMemory && !r.failed)
  const withBaseline = values.map((r) => ({ ...r, speedup: speedup(current, r), saving: current?.costPerInvocation && r.costPerInvocation !== null ? 1 - r.costPerInvocation / current.costPerInvocation : null }))
  const { assessment, recommendation, decisions } = decideOnAggregates(withBaseline, input.options, input.pricing)
  const { figures: _f, perInvoke: _p, samples: _s, ...rest } = input
  // the frame of the result (settings and the rest) as usual; the values, the decision and the bill from the aggregates
  const frame = buildSweepResult({ ...rest, samples: [], decision: { assessment, stoppedBy: 'fixed', looksMade: 1 }, measurement: { ...input.measurement, source: 'aggregates' } })
  const results = withBaseline.map((r) => ({ ...r, decision: decisions.get(r.memory) ?? r.decision, monthly: monthlyCostOf(r, frame.traffic) }))
  recommendation.monthlySaving = monthlySaving(results, recommendation.memory, input.currentMemory)
  return {
    ...frame,
    recommendation,
    results,
    tuningCost: aggregateTuningCost(input.figures, input.pricing),
    ...(input.includeSamples ? { samples: [...input.samples] } : {}),
  }
}

function emptyFigures(memory: number): ValueFigures {
  const none = { value: null, source: null }
  return {
    memory,
    cold: [],
    alias: {
      resource: '', window: { start: '', end: '' }, expected: 0, invocations: none, errors: none, duration: none, billedDuration: none,
      coldStarts: none, initDuration: none, maxMemoryUsedMB: none, reports: [], complete: false, waitedMs: 0, failures: { metrics: null, logs: null }, warnings: [],
    },
  }
}

function speedup(current: MemoryResult | undefined, r: MemoryResult): number | null {
  const a = current?.aggregate
  const b = r.aggregate
  if (!a || !b) return null
  return a.p50 !== null && b.p50 !== null && b.p50 > 0 ? a.p50 / b.p50 : b.mean > 0 ? a.mean / b.mean : null
}

const BEST: Record<Strategy, string> = { cost: 'the cheapest', slo: 'the cheapest', speed: 'the fastest', balanced: 'the best balance of cost and speed' }

/**
 * The sweep's rule (decide/race.ts) on point estimates: one "invoke" per value holding CloudWatch's trimmed mean
 * duration (the race compares trimmed means too; the plain mean when CloudWatch gives no trimmed one) and its cost,
 * rounded up as billed. With no spread nothing is certified, so the pick and the ties follow the rule on the estimates
 * and every other value stays undecided; under --p99/--p95 CloudWatch's percentile says whether a value meets the
 * limit. The pick is never settled: no per-invoke data, no bound.
 */
export function decideOnAggregates(
  results: readonly MemoryResult[],
  options: SweepOptions,
  pricing: PricingContext,
): { assessment: Assessment; recommendation: Recommendation; decisions: Map<number, ValueDecision> } {
  const compared = new Map(
    results.map((r) => {
      const tm = r.aggregate?.trimmedMean ?? null
      const duration = tm ?? r.aggregate?.mean ?? null
      const cost = tm !== null ? averageCost(r.memory, tm, pricing) : r.costPerInvocation
      return [r.memory, { duration, cost }] as const
    }),
  )
  const data: ValueData[] = results.map((r) => {
    const c = compared.get(r.memory)!
    return {
      id: r.memory,
      memory: r.memory,
      durations: c.duration !== null ? [c.duration] : [],
      costs: c.cost !== null ? [c.cost] : [],
      failed: r.failed || c.duration === null || c.cost === null,
    }
  })
  const evidence = emptyEvidence()
  const slo = options.slo
  if (slo) {
    for (const r of results) {
      const p = r.aggregate?.[slo.percentile]
      if (r.failed || p === null || p === undefined) continue
      if (p <= slo.ms) evidence.meets.add(r.memory)
      else evidence.breaks.set(r.memory, p)
    }
  }
  const a = assess(data, evidence, {
    strategy: options.strategy, tolerance: options.tolerance, confidence: options.confidence, weight: options.weight, trim: options.trim,
    looks: 1, values: results.length, ...(slo ? { slo } : {}),
  })
  const at = (m: number) => results.find((r) => r.memory === m)
  const tol = pct(options.tolerance)
  const decisions = new Map<number, ValueDecision>()
  const open: number[] = []
  for (const r of results) {
    const s = a.status.get(r.memory)
    if (r.failed || s?.state === 'failed' || !r.aggregate) decisions.set(r.memory, { status: 'failed', reason: r.failureReason ?? 'no durations arrived from CloudWatch', after: null })
    else if (r.memory === a.pick) decisions.set(r.memory, { status: 'pick', reason: 'the pick', after: null })
    else if (a.ties.includes(r.memory)) decisions.set(r.memory, { status: 'tied', reason: `within ${tol} of the pick on both measures by CloudWatch's figures`, after: null })
    else if (s?.state === 'ruled out' && s.why === 'slo') {
      decisions.set(r.memory, { status: 'ruled out', reason: `${slo!.percentile} ${ms(s.bound)} by CloudWatch, above the ${ms(slo!.ms)} limit`, after: null })
    } else if (slo && !evidence.meets.has(r.memory)) {
      open.push(r.memory)
      decisions.set(r.memory, { status: 'open', reason: `CloudWatch gave no ${slo.percentile}: not shown to meet the limit`, after: null })
    } else {
      open.push(r.memory)
      const mine = compared.get(r.memory)!
      const pick = a.pick === null ? undefined : compared.get(a.pick)
      const versus = pick ? `${times(mine.cost! / pick.cost!)} the pick's cost, ${times(mine.duration! / pick.duration!)} its duration by CloudWatch's figures` : "by CloudWatch's figures"
      decisions.set(r.memory, { status: 'open', reason: `${versus}; no per-invoke data to decide on`, after: null })
    }
  }
  const common = {
    settled: false,
    stoppedBy: 'fixed' as const,
    contenders: a.pick === null ? [] : [a.pick, ...open].sort((x, y) => x - y),
    ties: a.ties,
    indistinguishable: a.ties,
    tolerance: options.tolerance,
    confidence: options.confidence,
    bandPosition: null,
    monthlySaving: null,
    // measured from CloudWatch: only the function's own architecture (a copy's is measured from its log tails)
    otherArchitecture: null,
  }
  const unsettled = "; not settled: CloudWatch's aggregates hold no per-invoke data to bound the decision"
  if (a.pick === null) return { assessment: a, recommendation: { memory: null, architecture: null, reason: noPick(results, options), ...common }, decisions }
  const p = at(a.pick)!
  const best = a.best?.id ?? a.pick
  const sloWords = slo ? ` among the values whose ${slo.percentile} meets ${ms(slo.ms)} by CloudWatch` : ''
  const figures = `${perMillion(p.costPerMillion)} per 1M invokes, mean ${ms(p.aggregate?.mean)}`
  const tied = a.ties.length ? `; ${memoryList(a.ties)} ${a.ties.length > 1 ? 'are' : 'is'} tied with it within ${tol}` : ''
  const reason =
    a.pick === best
      ? `${a.pick} MB is ${BEST[options.strategy]}${sloWords} by CloudWatch's figures (${figures})${tied}${unsettled}`
      : `${a.pick} MB is within ${tol} of ${BEST[options.strategy]} (${best} MB)${sloWords} by CloudWatch's figures, and preferred on the other measure (${figures})${tied}${unsettled}`
  return { assessment: a, recommendation: { memory: a.pick, architecture: pricing.arch, reason, ...common }, decisions }
}

function noPick(results: readonly MemoryResult[], options: SweepOptions): string {
  const ok = results.filter((r) => !r.failed && r.aggregate)
  if (ok.length === 0) return `no memory value can be recommended: every value failed (${results.map((r) => `${r.memory} MB`).join(', ') || 'none measured'})`
  const slo = options.slo
  if (slo) {
    const seen = ok.filter((r) => r.aggregate![slo.percentile] !== null)
    if (seen.length === 0) return `no memory value is shown to meet ${slo.percentile} ≤ ${ms(slo.ms)}: CloudWatch gave no ${slo.percentile}`
    const lowest = seen.reduce((x, y) => (x.aggregate![slo.percentile]! <= y.aggregate![slo.percentile]! ? x : y))
    return `no memory value meets ${slo.percentile} ≤ ${ms(slo.ms)} by CloudWatch: the lowest is ${ms(lowest.aggregate![slo.percentile])} at ${lowest.memory} MB`
  }
  return 'no memory value could be compared'
}
