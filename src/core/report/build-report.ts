import { monthlyCost, type MonthlyCostBreakdown, type MonthlyCostInput } from '../cost/monthly-cost.js'
import { SECONDS_PER_MONTH } from '../quantity.js'
import type { ReportWindow } from './lookback.js'
import type { FunctionMetrics } from './metric-queries.js'
import type { FunctionInfo, FunctionReport, LogSummary, ReportResult } from './types.js'

export interface BuildReportInput {
  region: string
  window: ReportWindow
  functions: FunctionInfo[]
  metrics: FunctionMetrics[]
  /** per function, in the same order: the REPORT-line summary, or null when the logs had none */
  logs: (LogSummary | null)[]
  calls: ReportResult['calls']
  warnings?: string[]
  /** ISO date of the month modelled (INIT billing changed on 2025-08-01); the window's end by default */
  billingDate?: string
}

/** Shapes CloudWatch's answers into per-function summaries, with the monthly cost at the observed traffic. */
export function buildReport(input: BuildReportInput): ReportResult {
  const { window } = input
  const warnings = [...(input.warnings ?? [])]
  const billingDate = input.billingDate ?? window.end.toISOString().slice(0, 10)
  const functions = input.functions.map((fn, i) =>
    summarizeFunction(fn, input.metrics[i] ?? { values: {}, traffic: [] }, input.logs[i] ?? null, input.region, window, billingDate, warnings),
  )
  const totals = {
    invocations: sum(functions.map((f) => f.invocations)),
    errors: sum(functions.map((f) => f.errors)),
    throttles: sum(functions.map((f) => f.throttles)),
    monthlyInvocations: sum(functions.map((f) => f.monthly.invocations)),
    monthlyCost: sum(functions.map((f) => f.monthly.cost ?? 0)),
  }
  if (functions.length && totals.invocations === 0) {
    warnings.push(`no invocations in the window ${window.start.toISOString()} to ${window.end.toISOString()}: nothing to measure`)
  }
  return {
    schemaVersion: 1,
    kind: 'report',
    region: input.region,
    window: { start: window.start.toISOString(), end: window.end.toISOString(), seconds: window.seconds, period: window.period },
    functions,
    totals,
    calls: input.calls,
    warnings,
  }
}

function summarizeFunction(
  fn: FunctionInfo,
  m: FunctionMetrics,
  logs: LogSummary | null,
  region: string,
  window: ReportWindow,
  billingDate: string,
  warnings: string[],
): FunctionReport {
  const v = m.values
  const invocations = v.invocations ?? 0
  const errors = v.errors ?? 0
  const throttles = v.throttles ?? 0
  const duration =
    invocations > 0 && v.durationAvg !== undefined
      ? {
          avg: v.durationAvg,
          p50: v.durationP50 ?? null,
          p90: v.durationP90 ?? null,
          p99: v.durationP99 ?? null,
          p999: v.durationP999 ?? null,
          max: v.durationMax ?? v.durationAvg,
        }
      : null
  const avgSeconds = (duration?.avg ?? 0) / 1000
  const peakPerPeriod = Math.max(0, ...m.traffic)
  const peakArrivalRate = peakPerPeriod / window.period
  const insights = logs ?? fromInsights(v)
  const coldStarts = insights
    ? {
        source: insights.source,
        count: insights.coldStarts,
        share: insights.invocations > 0 ? insights.coldStarts / insights.invocations : 0,
        init: { avg: insights.initAvgMs, p50: insights.initP50Ms, p99: insights.initP99Ms, max: insights.initMaxMs },
      }
    : null
  const memoryUsed = insights && insights.maxMemoryUsedMB !== null
    ? {
        maxMB: insights.maxMemoryUsedMB,
        avgMB: insights.avgMemoryUsedMB,
        p99MB: insights.p99MemoryUsedMB,
        utilization: insights.maxMemoryUsedMB / fn.memoryMB,
      }
    : null
  const monthlyInvocations = invocations * (SECONDS_PER_MONTH / window.seconds)
  let cost: number | null = 0
  if (duration && monthlyInvocations > 0) {
    try {
      cost = observedMonthlyCost({
        fn,
        region,
        requestsPerMonth: monthlyInvocations,
        billedDurationMs: insights?.billedDurationAvgMs ?? Math.ceil(duration.avg),
        coldStartShare: coldStarts?.share,
        initDurationMs: coldStarts?.init.avg,
        billingDate,
      }).total
    } catch (err) {
      cost = null
      warnings.push(`${fn.name}: no monthly cost: ${(err as Error).message}`)
    }
  }
  const hasProvisioned = v.pcUtilization !== undefined || (v.pcSpillover ?? 0) > 0
  return {
    name: fn.name,
    memoryMB: fn.memoryMB,
    timeout: fn.timeout,
    architecture: fn.architecture,
    runtime: fn.runtime ?? null,
    invocations,
    errors,
    errorRate: invocations > 0 ? errors / invocations : 0,
    throttles,
    throttleRate: invocations + throttles > 0 ? throttles / (invocations + throttles) : 0,
    duration,
    concurrency: {
      max: v.concurrencyMax ?? null,
      average: (invocations * avgSeconds) / window.seconds,
      peakArrivalRate,
      peakFromArrivalRate: peakArrivalRate * avgSeconds,
    },
    provisioned: hasProvisioned ? { utilizationMax: v.pcUtilization ?? null, spilloverInvocations: v.pcSpillover ?? 0 } : null,
    coldStarts,
    memoryUsed,
    monthly: { invocations: monthlyInvocations, cost },
    traffic: m.traffic,
  }
}

export interface ObservedCostInput {
  fn: Pick<FunctionInfo, 'memoryMB' | 'architecture' | 'ephemeralStorageMB' | 'packageType' | 'runtime'>
  region: string
  requestsPerMonth: number
  /** average billed duration, ms (may be fractional: the mean of whole-ms bills) */
  billedDurationMs: number
  coldStartShare?: number
  initDurationMs?: number | null
  billingDate?: string
  provisioned?: MonthlyCostInput['provisioned']
}

/**
 * A month at the observed rate with the cost model: the average billed duration (kept exact when fractional, as a
 * two-bar histogram of whole milliseconds), the observed cold-start share and init duration, no free tier
 * (it is account-wide).
 */
export function observedMonthlyCost(input: ObservedCostInput): MonthlyCostBreakdown {
  const billed = Math.max(1, input.billedDurationMs)
  const whole = Math.floor(billed)
  const frac = billed - whole
  return monthlyCost({
    requestsPerMonth: input.requestsPerMonth,
    memoryMB: input.fn.memoryMB,
    duration: frac > 1e-9 ? [{ durationMs: whole, weight: 1 - frac }, { durationMs: whole + 1, weight: frac }] : whole,
    arch: input.fn.architecture,
    region: input.region,
    coldStartRate: input.initDurationMs ? Math.min(1, input.coldStartShare ?? 0) : 0,
    initDurationMs: input.initDurationMs ?? 0,
    packageType: input.fn.packageType,
    runtime: input.fn.runtime,
    billingDate: input.billingDate,
    ephemeralStorageMB: input.fn.ephemeralStorageMB,
    provisioned: input.provisioned,
  })
}

function fromInsights(v: FunctionMetrics['values']): LogSummary | null {
  if (v.initCount === undefined && v.memMax === undefined) return null
  const invocations = v.invocations ?? 0
  if (invocations === 0) return null
  return {
    source: 'insights',
    invocations,
    coldStarts: v.initCount ?? 0,
    initAvgMs: v.initAvg ?? null,
    initP50Ms: v.initP50 ?? null,
    initP99Ms: v.initP99 ?? null,
    initMaxMs: v.initMax ?? null,
    maxMemoryUsedMB: v.memMax ?? null,
    avgMemoryUsedMB: v.memAvg ?? null,
    p99MemoryUsedMB: v.memP99 ?? null,
    billedDurationAvgMs: null,
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}
