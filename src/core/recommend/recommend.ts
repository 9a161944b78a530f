import type { ComparableRun } from '../compare/result-files.js'
import type { FunctionReport, ReportResult } from '../report/types.js'
import { recommendArchitecture, type ArchitectureRecommendation } from './architecture.js'
import { compareContainers, type ContainerComparison } from './container.js'
import { recommendConcurrency, type ConcurrencyRecommendation } from './concurrency.js'
import { recommendMemory } from './memory.js'
import { recommendTimeout } from './timeout.js'
import type { Recommendation } from './types.js'

export interface RecommendInput {
  report: ReportResult
  /** the function recommended for (its entry in report.functions) */
  function: string
  reservedConcurrency: number | null
  /** environments provisioned now over all qualifiers; unknown when absent */
  provisionedConcurrency?: number
  accountLimit: number | null
  sweep?: ComparableRun
  sweepFile?: string
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
  const windowDays = report.window.seconds / 86_400
  const memory = recommendMemory({ report: atTraffic(fn, input.monthlyRequests), region: report.region, windowDays, sweep: input.sweep })
  const timeout = recommendTimeout(fn, report.region)
  const concurrency = recommendConcurrency({
    report: fn, region: report.region, period: report.window.period,
    reservedConcurrency: input.reservedConcurrency, accountLimit: input.accountLimit, provisionedNow: input.provisionedConcurrency,
  })
  const container = compareContainers({ report: fn, region: report.region, peakConcurrency: concurrency.peak.used })
  const architecture = recommendArchitecture({ report: fn, region: report.region, ...(input.sweep ? { sweep: input.sweep } : {}) })
  // an estimated architecture saving is shown, never added: only a measured one counts
  const savings = [memory.money.monthlySaving, concurrency.provisioned.money.monthlySaving, ...(architecture.basis === 'sweep' ? [architecture.money.monthlySaving] : [])]
  const { traffic: _traffic, ...observed } = fn
  const warnings = [...report.warnings.filter((w) => w.startsWith(fn.name) || !report.functions.some((f) => w.startsWith(f.name)))]
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

/**
 * The function as the memory recommendation prices it: at --monthly-requests when given (the observed cost scaled to
 * that traffic), else as observed. The result's `observed` stays what CloudWatch said.
 */
function atTraffic(fn: FunctionReport, monthlyRequests: number | undefined): FunctionReport {
  if (monthlyRequests === undefined) return fn
  const { invocations, cost } = fn.monthly
  return { ...fn, monthly: { invocations: monthlyRequests, cost: cost !== null && invocations > 0 ? (cost * monthlyRequests) / invocations : null } }
}
