import type { ComparableRun } from '../compare/result-files.js'
import type { FunctionReport, ReportResult } from '../report/types.js'
import { recommendArchitecture, type ArchitectureRecommendation } from './architecture.js'
import { compareContainers, type ContainerComparison } from './container.js'
import { recommendConcurrency, type ConcurrencyRecommendation } from './concurrency.js'
import { recommendMemory } from './memory.js'
import { recommendTimeout } from './timeout.js'
import { NO_MONEY, type ObservedFunction, type Recommendation } from './types.js'

export interface RecommendInput {
  report: ReportResult
  /** the function recommended for (its entry in report.functions) */
  function: string
  /** null: none set; undefined: it could not be read */
  reservedConcurrency: number | null | undefined
  /** environments provisioned now over all qualifiers; null: the read failed; absent: none unless the metrics show some */
  provisionedConcurrency?: number | null
  accountLimit: number | null
  sweep?: ComparableRun
  sweepFile?: string
  /** recommend reserved concurrency even from less than a day or a few hundred invokes */
  allowCaps?: boolean
  /** warnings of the reads around the report (concurrency settings) */
  warnings?: string[]
  /** --monthly-requests: price the memory recommendation at this traffic instead of the observed one */
  monthlyRequests?: number
}

export interface RecommendResult {
  schemaVersion: 1
  kind: 'recommend'
  function: string
  region: string
  window: ReportResult['window']
  source: { memory: 'sweep' | 'production'; sweepFile: string | null }
  observed: Omit<FunctionReport, 'traffic'>
  memory: Recommendation
  timeout: Recommendation
  concurrency: ConcurrencyRecommendation
  container: ContainerComparison
  /** x86_64 or arm64: measured by a sweep of both, else estimated from production data (basis says which) */
  architecture: ArchitectureRecommendation
  /** monthly saving of memory + provisioned concurrency (+ an architecture switch a sweep measured) together, USD (null when unpriced) */
  totalMonthlySaving: number | null
  warnings: string[]
}

/** Memory, timeout, concurrency and platform for one function, each with current value, recommendation, evidence and money. */
export function recommend(input: RecommendInput): RecommendResult {
  const { report } = input
  const fn = report.functions.find((f) => f.name === input.function)
  if (!fn) throw new Error(`recommend: ${input.function} is not in the report`)
  const blind = fn.invocations === null
  const seen = observedOf(fn)
  const windowDays = report.window.seconds / 86_400
  let memory = recommendMemory({ report: atTraffic(seen, input.monthlyRequests), region: report.region, windowDays, sweep: input.sweep })
  let timeout = recommendTimeout(seen, report.region)
  const concurrency = recommendConcurrency({
    report: seen, region: report.region, period: report.window.period, windowSeconds: report.window.seconds, allowCaps: input.allowCaps,
    reservedConcurrency: input.reservedConcurrency, accountLimit: input.accountLimit, provisionedNow: input.provisionedConcurrency,
  })
  const container = compareContainers({ report: seen, region: report.region, peakConcurrency: concurrency.peak.used })
  let architecture = recommendArchitecture({ report: seen, region: report.region, ...(input.sweep ? { sweep: input.sweep } : {}) })
  if (blind) {
    // Without CloudWatch's counts nothing about production is known: every setting is kept (a sweep's memory stands).
    if (!input.sweep) memory = unknown(memory)
    timeout = unknown(timeout)
    concurrency.reserved = unknown(concurrency.reserved)
    concurrency.provisioned = { ...unknown(concurrency.provisioned), breakEvenUtilization: concurrency.provisioned.breakEvenUtilization, expectedUtilization: null }
    container.verdict = unknown(container.verdict)
    if (architecture.basis !== 'sweep') architecture = { ...unknown(architecture), basis: architecture.basis }
  }
  // an estimated architecture saving is shown, never added: only a measured one counts
  const savings = [memory.money.monthlySaving, concurrency.provisioned.money.monthlySaving, ...(architecture.basis === 'sweep' ? [architecture.money.monthlySaving] : [])]
  const { traffic: _traffic, ...observed } = fn
  const warnings = [
    ...report.warnings.filter((w) => w.startsWith(fn.name) || !report.functions.some((f) => w.startsWith(f.name))),
    ...(input.warnings ?? []),
  ]
  return {
    schemaVersion: 1,
    kind: 'recommend',
    function: fn.name,
    region: report.region,
    window: report.window,
    source: { memory: input.sweep ? 'sweep' : 'production', sweepFile: input.sweepFile ?? null },
    observed,
    memory,
    timeout,
    concurrency,
    container,
    architecture,
    totalMonthlySaving: savings.every((s) => s === null) ? null : savings.reduce<number>((a, s) => a + (s ?? 0), 0),
    warnings,
  }
}

/** The figures the recommenders weigh; unknown counts are read as none, and `unknown` then overrides what they say. */
function observedOf(fn: FunctionReport): ObservedFunction {
  return {
    ...fn,
    invocations: fn.invocations ?? 0,
    errors: fn.errors ?? 0,
    errorRate: fn.errorRate ?? 0,
    throttles: fn.throttles ?? 0,
    throttleRate: fn.throttleRate ?? 0,
    monthly: { ...fn.monthly, invocations: fn.monthly.invocations ?? 0 },
  }
}

function unknown<T>(rec: Recommendation<T>): Recommendation<T> {
  return {
    ...rec,
    recommended: rec.current,
    change: 'none',
    confidence: 'low',
    reason: 'production figures are unavailable (CloudWatch could not be read, see the warnings): keep the current setting',
    money: NO_MONEY,
  }
}

/**
 * The function as the memory recommendation prices it: at --monthly-requests when given (the observed cost scaled to
 * that traffic), else as observed. The result's `observed` stays what CloudWatch said.
 */
function atTraffic(fn: ObservedFunction, monthlyRequests: number | undefined): ObservedFunction {
  if (monthlyRequests === undefined) return fn
  const { invocations, cost } = fn.monthly
  return { ...fn, monthly: { ...fn.monthly, invocations: monthlyRequests, cost: cost !== null && invocations > 0 ? (cost * monthlyRequests) / invocations : null } }
}
