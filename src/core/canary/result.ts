import { SECONDS_PER_MONTH } from '../quantity.js'
import type { Strategy } from '../sweep/types.js'
import { costAt, linearCost, type LinearCost, type VersionPricing } from './cost.js'
import { WARMUP_PERIODS } from './guards.js'
import { pairedRatio, type PairedRatio } from './paired.js'
import { pickMemory, type CanaryRecommendation, type PickOption } from './pick.js'
import { rateDifference } from './proportions.js'
import type { PeriodFigures, PickOptions, StopReason } from './types.js'

export const CANARY_SCHEMA_VERSION = 1

/** Percentiles of Duration over a whole window (one CloudWatch datapoint each), ms. */
export interface WindowPercentiles {
  p50: number | null
  p90: number | null
  p99: number | null
  /** slo: the strategy's percentile and its upper confidence bound */
  slo?: { point: number | null; upper: number | null }
}

/** REPORT lines of one version over a window, from CloudWatch Logs (the version is in each log stream's name). */
export interface LogFigures {
  invocations: number
  coldStarts: number
  initMeanMs: number | null
  maxMemoryUsedMB: number | null
}

export interface MeasuredVersion {
  version: string
  memory: number
  /** every period of the window, warm-up included */
  periods: PeriodFigures[]
  percentiles: WindowPercentiles
  /** null when the logs could not be read (see the result's warnings) */
  logs: LogFigures | null
}

export interface CandidateStop {
  reason: StopReason
  detail: string
  /** seconds of traffic the candidate got before it was stopped */
  afterSeconds: number
  /** thin traffic: about how long the comparison would need at this traffic and weight */
  needSeconds: number | null
}

export interface MeasuredCandidate {
  memory: number
  /** the measured window: whole periods while the candidate had its share, [startMs, endMs) */
  window: { startMs: number; endMs: number }
  stop: CandidateStop | null
  main: MeasuredVersion
  candidate: MeasuredVersion
  /** Invocations of the alias itself (Resource = function:alias) over the window */
  aliasInvocations: number
}

export interface VersionFigures {
  version: string
  memory: number
  invocations: number
  errors: number
  errorRate: number | null
  throttles: number
  duration: { meanMs: number | null; p50Ms: number | null; p90Ms: number | null; p99Ms: number | null }
  coldStarts: number | null
  initMeanMs: number | null
  maxMemoryUsedMB: number | null
  /** at the mean duration of the compared periods, INIT priced at the main version's cold-start share */
  costPerInvocation: number | null
}

export interface Interval {
  estimate: number
  ci: [number, number]
}

export interface CandidateResult {
  memory: number
  version: string
  status: 'completed' | 'stopped'
  stop: CandidateStop | null
  window: { start: string; end: string; seconds: number; periods: number; warmupPeriods: number }
  /** Invocations of the alias over the window: the two versions' counts add up to it */
  aliasInvocations: number
  main: VersionFigures
  candidate: VersionFigures
  comparison: {
    /** the test: invocation-weighted ratio of per-period means, periods as the units (see src/core/canary/paired.ts) */
    method: 'paired-periods-ratio'
    periods: number
    df: number | null
    /** of "the mean durations are equal" */
    pValue: number | null
    /** candidate mean duration / main's */
    durationRatio: Interval | null
    /** candidate − main, ms */
    durationMs: Interval | null
    /** candidate − main, USD per invoke */
    costPerInvocation: Interval | null
    /** candidate cost per invoke / main's */
    costRatio: Interval | null
    /** candidate − main, USD a month at the alias's observed traffic */
    costPerMonth: Interval | null
    /** candidate − main error rate, Newcombe's interval */
    errorRate: Interval | null
  }
}

export interface CanarySettings {
  memories: number[]
  /** share of the alias's traffic the candidate got */
  weight: number
  durationSeconds: number
  periodSeconds: number
  lookEverySeconds: number
  looks: number
  strategy: Strategy
  tolerance: number
  confidence: number
  costWeight: number
  slo: { percentile: 'p95' | 'p99'; ms: number } | null
  maxErrorIncrease: number
  maxP99Increase: number
  memoryMargin: number
  force: boolean
}

/** The `--json` contract of `lambda-tune canary` (schemas/canary.json). */
export interface CanaryResult {
  schemaVersion: typeof CANARY_SCHEMA_VERSION
  kind: 'canary'
  function: string
  alias: string
  region: string
  architecture: 'x86_64' | 'arm64'
  runId: string
  main: { version: string; memory: number }
  settings: CanarySettings
  traffic: { aliasInvocations: number; measuredSeconds: number; invocationsPerMonth: number }
  candidates: CandidateResult[]
  recommendation: CanaryRecommendation
  warnings: string[]
}

export interface CanaryResultInput {
  function: string
  alias: string
  runId: string
  pricing: Omit<VersionPricing, 'memoryMB'>
  main: { version: string; memory: number }
  settings: CanarySettings
  measured: MeasuredCandidate[]
  warnings: string[]
}

interface Analysed {
  m: MeasuredCandidate
  paired: PairedRatio | null
  mainLine: LinearCost
  candidateLine: LinearCost
}

/** From the measured windows to the answer: figures per version, the comparisons with intervals, the pick. */
export function buildCanaryResult(input: CanaryResultInput): CanaryResult {
  const s = input.settings
  const periodMs = s.periodSeconds * 1000
  const coldShare = mainColdShare(input.measured)
  const analysed: Analysed[] = input.measured.map((m) => {
    const after = m.window.startMs + WARMUP_PERIODS * periodMs
    const measuredOnly = (ps: PeriodFigures[]) => ps.filter((p) => p.start >= after && p.start < m.window.endMs)
    const paired = pairedRatio(measuredOnly(m.main.periods), measuredOnly(m.candidate.periods), s.confidence)
    const line = (v: MeasuredVersion) =>
      linearCost({ ...input.pricing, memoryMB: v.memory }, { share: coldShare, initMeanMs: v.logs?.initMeanMs ?? m.main.logs?.initMeanMs ?? null })
    return { m, paired, mainLine: line(m.main), candidateLine: line(m.candidate) }
  })
  const aliasInvocations = sum(input.measured.map((m) => m.aliasInvocations))
  const measuredSeconds = sum(input.measured.map((m) => (m.window.endMs - m.window.startMs) / 1000))
  const perMonth = measuredSeconds > 0 ? (aliasInvocations * SECONDS_PER_MONTH) / measuredSeconds : 0
  const candidates = analysed.map((a) => candidateResult(a, s, perMonth))

  // The main version's mean over every compared period: the common yardstick of the options' durations.
  const withPairs = analysed.filter((a) => a.paired)
  const totalWeight = sum(withPairs.map((a) => a.paired!.weight))
  const mainMeanMs = totalWeight > 0 ? sum(withPairs.map((a) => a.paired!.mainMeanMs * a.paired!.weight)) / totalWeight : null
  const recommendation = mainMeanMs === null ? noData(input) : pick(input, analysed, mainMeanMs, coldShare)
  return {
    schemaVersion: CANARY_SCHEMA_VERSION,
    kind: 'canary',
    function: input.function,
    alias: input.alias,
    region: input.pricing.region,
    architecture: input.pricing.arch,
    runId: input.runId,
    main: input.main,
    settings: s,
    traffic: { aliasInvocations, measuredSeconds, invocationsPerMonth: perMonth },
    candidates,
    recommendation,
    warnings: input.warnings,
  }
}

function pick(input: CanaryResultInput, analysed: Analysed[], mainMeanMs: number, coldShare: number | null): CanaryRecommendation {
  const s = input.settings
  const mainLine = linearCost(
    { ...input.pricing, memoryMB: input.main.memory },
    { share: coldShare, initMeanMs: analysed.find((a) => a.m.main.logs?.initMeanMs != null)?.m.main.logs?.initMeanMs ?? null },
  )
  const busiest = [...analysed].sort((a, b) => sum(b.m.main.periods.map((p) => p.invocations)) - sum(a.m.main.periods.map((p) => p.invocations)))[0]
  const options: PickOption[] = [
    {
      memory: input.main.memory,
      main: true,
      ratio: { value: 1, se: 0, df: Infinity },
      cost: mainLine,
      ...(busiest?.m.main.percentiles.slo ? { slo: busiest.m.main.percentiles.slo } : {}),
    },
  ]
  const undecided: number[] = []
  for (const a of analysed) {
    const stopped = a.m.stop
    if (stopped && stopped.reason !== 'thin-traffic') continue
    if (stopped || !a.paired) {
      undecided.push(a.m.memory)
      continue
    }
    options.push({
      memory: a.m.memory,
      main: false,
      ratio: { value: a.paired.ratio, se: a.paired.standardError, df: a.paired.df },
      cost: a.candidateLine,
      ...(a.m.candidate.percentiles.slo ? { slo: a.m.candidate.percentiles.slo } : {}),
    })
  }
  const options_: PickOptions = {
    strategy: s.strategy,
    tolerance: s.tolerance,
    costWeight: s.costWeight,
    confidence: s.confidence,
    ...(s.slo ? { slo: s.slo } : {}),
  }
  return pickMemory({ options, mainMeanMs, undecided, pick: options_ })
}

function noData(input: CanaryResultInput): CanaryRecommendation {
  const stopped = input.measured.filter((m) => m.stop && m.stop.reason !== 'thin-traffic').map((m) => m.memory)
  return {
    memory: input.main.memory,
    reason:
      `keep ${input.main.memory} MB (the current setting): no candidate was compared` +
      (stopped.length ? ` (${stopped.map((m) => `${m} MB`).join(', ')} stopped by a guard)` : ''),
    settled: input.measured.every((m) => m.stop && m.stop.reason !== 'thin-traffic'),
    tied: [],
    contenders: input.measured.filter((m) => !m.stop || m.stop.reason === 'thin-traffic').map((m) => m.memory),
  }
}

function candidateResult(a: Analysed, s: CanarySettings, perMonth: number): CandidateResult {
  const { m, paired } = a
  const periodMs = s.periodSeconds * 1000
  const mainMean = paired?.mainMeanMs ?? null
  const candidateMean = paired?.candidateMeanMs ?? null
  const main = figures(m.main, mainMean, a.mainLine)
  const candidate = figures(m.candidate, candidateMean, a.candidateLine)
  const errors = rateDifference(
    { errors: candidate.errors, invocations: candidate.invocations },
    { errors: main.errors, invocations: main.invocations },
    s.confidence,
  )
  let durationRatio: Interval | null = null
  let durationMs: Interval | null = null
  let costPerInvocation: Interval | null = null
  let costRatio: Interval | null = null
  let costPerMonth: Interval | null = null
  if (paired && mainMean !== null) {
    const [lo, hi] = paired.ci
    durationRatio = { estimate: paired.ratio, ci: [lo, hi] }
    durationMs = { estimate: (paired.ratio - 1) * mainMean, ci: [(lo - 1) * mainMean, (hi - 1) * mainMean] }
    const base = costAt(a.mainLine, mainMean)
    const at = (r: number) => costAt(a.candidateLine, r * mainMean) - base
    costPerInvocation = { estimate: at(paired.ratio), ci: [at(lo), at(hi)] }
    costRatio = { estimate: 1 + at(paired.ratio) / base, ci: [1 + at(lo) / base, 1 + at(hi) / base] }
    costPerMonth = { estimate: at(paired.ratio) * perMonth, ci: [at(lo) * perMonth, at(hi) * perMonth] }
  }
  return {
    memory: m.memory,
    version: m.candidate.version,
    status: m.stop ? 'stopped' : 'completed',
    stop: m.stop,
    window: {
      start: new Date(m.window.startMs).toISOString(),
      end: new Date(m.window.endMs).toISOString(),
      seconds: (m.window.endMs - m.window.startMs) / 1000,
      periods: Math.round((m.window.endMs - m.window.startMs) / periodMs),
      warmupPeriods: WARMUP_PERIODS,
    },
    aliasInvocations: m.aliasInvocations,
    main,
    candidate,
    comparison: {
      method: 'paired-periods-ratio',
      periods: paired?.periods ?? 0,
      df: paired?.df ?? null,
      pValue: paired?.pValue ?? null,
      durationRatio,
      durationMs,
      costPerInvocation,
      costRatio,
      costPerMonth,
      errorRate: errors ? { estimate: errors.estimate, ci: errors.ci } : null,
    },
  }
}

function figures(v: MeasuredVersion, meanMs: number | null, line: LinearCost): VersionFigures {
  const invocations = sum(v.periods.map((p) => p.invocations))
  const errors = sum(v.periods.map((p) => p.errors))
  return {
    version: v.version,
    memory: v.memory,
    invocations,
    errors,
    errorRate: invocations > 0 ? errors / invocations : null,
    throttles: sum(v.periods.map((p) => p.throttles)),
    duration: { meanMs, p50Ms: v.percentiles.p50, p90Ms: v.percentiles.p90, p99Ms: v.percentiles.p99 },
    coldStarts: v.logs?.coldStarts ?? null,
    initMeanMs: v.logs?.initMeanMs ?? null,
    maxMemoryUsedMB: v.logs?.maxMemoryUsedMB ?? null,
    costPerInvocation: meanMs === null ? null : costAt(line, meanMs),
  }
}

/** The main version's share of cold starts over every window: the rate the alias's real traffic has. */
function mainColdShare(measured: MeasuredCandidate[]): number | null {
  const logs = measured.map((m) => m.main.logs).filter((l): l is LogFigures => l !== null)
  const invocations = sum(logs.map((l) => l.invocations))
  return invocations > 0 ? sum(logs.map((l) => l.coldStarts)) / invocations : null
}

function sum(values: number[]): number {
  let total = 0
  for (const v of values) total += v
  return total
}
