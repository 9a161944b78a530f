import { SECONDS_PER_MONTH } from '../quantity.js'
import type { Arch } from '../cost/price-types.js'
import type { ReportWindow } from './lookback.js'
import type { FunctionMetrics } from './metric-queries.js'
import { productionCost } from './production-cost.js'
import type { SweepTraffic } from './sweep-traffic.js'
import type { BillingPart, DurationSummary, FunctionInfo, FunctionReport, LogSummary, ReportResult } from './types.js'

export { observedMonthlyCost, type ObservedCostInput } from './production-cost.js'

/** What the logs gave one function. */
export interface FunctionLogs {
  /** the REPORT-line summary (production only when sweep versions were left out); null when there was none */
  summary: LogSummary | null
  /** the REPORT lines by version and memory size; empty when none were read */
  parts: BillingPart[]
  /** read: the queries answered; skipped: not asked (--no-logs) or the function did not run; failed: see the warnings */
  state: 'read' | 'skipped' | 'failed'
}

export interface BuildReportInput {
  region: string
  window: ReportWindow
  functions: FunctionInfo[]
  metrics: FunctionMetrics[]
  /** per function, in the same order; absent: no logs read */
  logs?: (FunctionLogs | undefined)[]
  /** per function: lambda-tune's own sweep traffic found in the metrics and the run journal */
  sweeps?: (SweepTraffic | null)[]
  /** per function: the architecture of its published versions */
  versionArchitectures?: (ReadonlyMap<string, Arch> | undefined)[]
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
    summarizeFunction({
      fn,
      m: input.metrics[i] ?? { values: {}, traffic: [] },
      logs: input.logs?.[i],
      sweep: input.sweeps?.[i] ?? null,
      architectures: input.versionArchitectures?.[i],
      region: input.region,
      window,
      billingDate,
      warnings,
    }),
  )
  const known = (pick: (f: FunctionReport) => number | null) => functions.reduce((s, f) => s + (pick(f) ?? 0), 0)
  const totals = {
    invocations: known((f) => f.invocations),
    errors: known((f) => f.errors),
    throttles: known((f) => f.throttles),
    monthlyInvocations: known((f) => f.monthly.invocations),
    monthlyCost: known((f) => f.monthly.cost),
    excludedInvocations: known((f) => f.excluded?.invocations ?? 0),
  }
  if (functions.length && functions.every((f) => f.invocations === 0)) {
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
    warnings: [...new Set(warnings)],
  }
}

interface FunctionInput {
  fn: FunctionInfo
  m: FunctionMetrics
  logs: FunctionLogs | undefined
  sweep: SweepTraffic | null
  architectures: ReadonlyMap<string, Arch> | undefined
  region: string
  window: ReportWindow
  billingDate: string
  warnings: string[]
}

function summarizeFunction(input: FunctionInput): FunctionReport {
  const { fn, m, window, warnings } = input
  const v = m.values
  const failed = m.failed ?? new Set()
  const countsKnown = !failed.has('invocations')
  const s = m.sweep
  const excludedInvocations = s?.invocations ?? 0
  const total = countsKnown ? (v.invocations ?? 0) : null
  const invocations = total === null ? null : Math.max(0, total - excludedInvocations)
  const errors = countsKnown ? Math.max(0, (v.errors ?? 0) - (s?.errors ?? 0)) : null
  const throttles = countsKnown ? Math.max(0, (v.throttles ?? 0) - (s?.throttles ?? 0)) : null
  const logs = input.logs?.summary ?? null
  const clean = excludedInvocations === 0

  // Durations: CloudWatch's when no sweep traffic is mixed in; the average can be taken apart (sums subtract), the
  // percentiles and the maximum cannot, so with sweep traffic they come from the production REPORT lines.
  let duration: DurationSummary | null = null
  let durationSource: FunctionReport['sources']['duration'] = null
  let percentileSource: FunctionReport['sources']['percentiles'] = null
  if (invocations !== null && invocations > 0 && v.durationAvg !== undefined) {
    const avg = clean ? v.durationAvg : (v.durationAvg * total! - (s?.durationSum ?? 0)) / invocations
    const fromMetrics = clean && [v.durationP50, v.durationP90, v.durationP99, v.durationP999].some((p) => p !== undefined)
    const fromLogs = logs?.duration
    const pct = fromMetrics
      ? { p50: v.durationP50 ?? null, p90: v.durationP90 ?? null, p99: v.durationP99 ?? null, p999: v.durationP999 ?? null }
      : fromLogs
        ? { p50: fromLogs.p50, p90: fromLogs.p90, p99: fromLogs.p99, p999: fromLogs.p999 }
        : { p50: null, p90: null, p99: null, p999: null }
    percentileSource = fromMetrics ? 'metrics' : fromLogs ? 'logs' : null
    const max = clean ? (v.durationMax ?? null) : (fromLogs?.max ?? null)
    duration = { avg, ...pct, max }
    durationSource = 'metrics'
    if (clean && !fromMetrics && !failed.has('durationP99')) {
      warnings.push(
        `GetMetricData returned no datapoints for the duration percentiles (p50, p90, p99, p99.9) though it returned the average: ` +
          'this endpoint does not compute percentiles; they come from the REPORT lines where those were read, else are null',
      )
    }
    if (!clean && !fromLogs) {
      warnings.push(`${fn.name}: duration percentiles and maximum are null: CloudWatch's include ${excludedInvocations} invokes of lambda-tune sweeps, and no REPORT lines were read to leave them out`)
    }
  }
  const avgSeconds = (duration?.avg ?? 0) / 1000
  const traffic = s ? m.traffic.map((n, k) => Math.max(0, n - (s.traffic[k] ?? 0))) : m.traffic
  const peakPerPeriod = Math.max(0, ...traffic)
  const peakArrivalRate = peakPerPeriod / window.period
  const concurrencyMax = clean ? (v.concurrencyMax ?? null) : peakOutsideSweep(m.concurrencySeries, s?.traffic ?? [], traffic)
  if (!clean && concurrencyMax === null && (invocations ?? 0) > 0) {
    warnings.push(`${fn.name}: the peak concurrency is null: every period with production traffic also had sweep invokes`)
  }

  // Cold starts and memory: the REPORT lines, else Lambda Insights (whose figures cannot be split from sweep traffic).
  const insights = clean ? fromInsights(v, invocations ?? 0) : null
  const lines = logs ?? insights
  const coldStarts = lines
    ? {
        source: lines.source,
        count: lines.coldStarts,
        share: lines.invocations > 0 ? lines.coldStarts / lines.invocations : 0,
        init: { avg: lines.initAvgMs, p50: lines.initP50Ms, p99: lines.initP99Ms, max: lines.initMaxMs },
      }
    : null
  const memoryUsed = lines && lines.maxMemoryUsedMB !== null
    ? { maxMB: lines.maxMemoryUsedMB, avgMB: lines.avgMemoryUsedMB, p99MB: lines.p99MemoryUsedMB, utilization: lines.maxMemoryUsedMB / fn.memoryMB }
    : null

  const monthlyInvocations = invocations === null ? null : invocations * (SECONDS_PER_MONTH / window.seconds)
  let cost: number | null = invocations === null ? null : 0
  let basis: FunctionReport['monthly']['basis'] = null
  if (invocations !== null && invocations > 0) {
    const parts = input.logs?.parts ?? []
    if (!parts.length && !duration) {
      cost = null
    } else {
      try {
        const priced = productionCost({
          fn,
          region: input.region,
          requestsPerMonth: monthlyInvocations!,
          billingDate: input.billingDate,
          parts,
          versionArchitectures: input.architectures,
          averageDurationMs: duration?.avg,
          ...(coldStarts ? { coldStartShare: coldStarts.share, initDurationMs: coldStarts.init.avg } : {}),
        })
        cost = priced.total
        basis = priced.basis
        if (basis.billedDuration === 'average-duration' && input.logs?.state === 'read') {
          warnings.push(`${fn.name}: no REPORT lines in the window: the cost is priced from CloudWatch's average duration, rounded up${basis.init === 'unknown' ? ', without INIT (cold starts unknown)' : ''}`)
        }
      } catch (err) {
        cost = null
        warnings.push(`${fn.name}: no monthly cost: ${(err as Error).message}`)
      }
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
    errorRate: invocations === null ? null : invocations > 0 ? errors! / invocations : 0,
    throttles,
    throttleRate: invocations === null ? null : invocations + throttles! > 0 ? throttles! / (invocations + throttles!) : 0,
    duration,
    concurrency: {
      max: concurrencyMax,
      average: ((invocations ?? 0) * avgSeconds) / window.seconds,
      peakArrivalRate,
      peakFromArrivalRate: peakArrivalRate * avgSeconds,
    },
    provisioned: hasProvisioned ? { utilizationMax: v.pcUtilization ?? null, spilloverInvocations: v.pcSpillover ?? 0 } : null,
    coldStarts,
    memoryUsed,
    monthly: { invocations: monthlyInvocations, cost, basis },
    sources: {
      counts: countsKnown ? 'metrics' : null,
      duration: durationSource,
      percentiles: percentileSource,
      concurrency: concurrencyMax === null ? null : 'metrics',
      coldStarts: coldStarts?.source ?? null,
      memoryUsed: memoryUsed ? lines!.source : null,
    },
    excluded: input.sweep
      ? { invocations: excludedInvocations, errors: s?.errors ?? 0, throttles: s?.throttles ?? 0, runs: input.sweep.runIds, qualifiers: input.sweep.qualifiers, versions: input.sweep.versions }
      : null,
    traffic,
  }
}

/** The largest ConcurrentExecutions of the periods without sweep invokes (null when every busy period had some). */
function peakOutsideSweep(series: (number | null)[] | undefined, sweepTraffic: number[], production: number[]): number | null {
  if (!series) return null
  let peak: number | null = null
  series.forEach((value, k) => {
    if (value === null || (sweepTraffic[k] ?? 0) > 0 || (production[k] ?? 0) === 0) return
    peak = Math.max(peak ?? 0, value)
  })
  return peak
}

function fromInsights(v: FunctionMetrics['values'], invocations: number): LogSummary | null {
  if (v.initCount === undefined && v.memMax === undefined) return null
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
