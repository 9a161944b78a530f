import type { FunctionInfo, MetricQuery, MetricSeries } from './types.js'
import type { ReportWindow } from './lookback.js'

/** GetMetricData takes at most 500 queries a call. */
export const MAX_QUERIES_PER_CALL = 500

interface QuerySpec {
  key: MetricKey
  metricName: string
  stat: string
  /** true: one datapoint per window period; false: one value over the whole window */
  series?: boolean
}

export type MetricKey =
  | 'invocations' | 'errors' | 'throttles' | 'durationAvg' | 'durationP50' | 'durationP90' | 'durationP99'
  | 'durationP999' | 'durationMax' | 'concurrencyMax' | 'pcUtilization' | 'pcSpillover' | 'traffic'

const LAMBDA_SPECS: QuerySpec[] = [
  { key: 'invocations', metricName: 'Invocations', stat: 'Sum' },
  { key: 'errors', metricName: 'Errors', stat: 'Sum' },
  { key: 'throttles', metricName: 'Throttles', stat: 'Sum' },
  { key: 'durationAvg', metricName: 'Duration', stat: 'Average' },
  { key: 'durationP50', metricName: 'Duration', stat: 'p50' },
  { key: 'durationP90', metricName: 'Duration', stat: 'p90' },
  { key: 'durationP99', metricName: 'Duration', stat: 'p99' },
  { key: 'durationP999', metricName: 'Duration', stat: 'p99.9' },
  { key: 'durationMax', metricName: 'Duration', stat: 'Maximum' },
  { key: 'concurrencyMax', metricName: 'ConcurrentExecutions', stat: 'Maximum' },
  { key: 'pcUtilization', metricName: 'ProvisionedConcurrencyUtilization', stat: 'Maximum' },
  { key: 'pcSpillover', metricName: 'ProvisionedConcurrencySpilloverInvocations', stat: 'Sum' },
  { key: 'traffic', metricName: 'Invocations', stat: 'Sum', series: true },
]

export type InsightsKey = 'initCount' | 'initAvg' | 'initP50' | 'initP99' | 'initMax' | 'memMax' | 'memAvg' | 'memP99'

const INSIGHTS_SPECS: { key: InsightsKey; metricName: string; stat: string }[] = [
  { key: 'initCount', metricName: 'init_duration', stat: 'SampleCount' },
  { key: 'initAvg', metricName: 'init_duration', stat: 'Average' },
  { key: 'initP50', metricName: 'init_duration', stat: 'p50' },
  { key: 'initP99', metricName: 'init_duration', stat: 'p99' },
  { key: 'initMax', metricName: 'init_duration', stat: 'Maximum' },
  { key: 'memMax', metricName: 'used_memory_max', stat: 'Maximum' },
  { key: 'memAvg', metricName: 'used_memory_max', stat: 'Average' },
  { key: 'memP99', metricName: 'used_memory_max', stat: 'p99' },
]

export const QUERIES_PER_FUNCTION = LAMBDA_SPECS.length

/** What a sweep qualifier's Resource metrics give, to be taken off the function's own figures. */
export type SweepKey = 'sweepTraffic' | 'sweepErrors' | 'sweepThrottles' | 'sweepDurationSum'

const SWEEP_SPECS: { key: SweepKey; metricName: string; stat: string; series?: boolean }[] = [
  { key: 'sweepTraffic', metricName: 'Invocations', stat: 'Sum', series: true },
  { key: 'sweepErrors', metricName: 'Errors', stat: 'Sum' },
  { key: 'sweepThrottles', metricName: 'Throttles', stat: 'Sum' },
  { key: 'sweepDurationSum', metricName: 'Duration', stat: 'Sum' },
]

/** With sweep traffic, the peak concurrency is read per period, so that the periods the sweep ran in can be left out. */
type SeriesKey = 'concurrencySeries'

export type QueryKey = MetricKey | InsightsKey | SweepKey | SeriesKey

/** Where each query's answer belongs. */
export interface QueryPlan {
  queries: MetricQuery[]
  owner: Map<string, { fn: number; key: QueryKey }>
}

/**
 * Every metric a report reads, for every function, as flat queries: totals and percentiles over the whole window in
 * one datapoint, and invocations per period for the traffic shape. `withInsights` names the functions that publish
 * LambdaInsights metrics (found with ListMetrics), which get 8 more queries each. `sweeps` gives, per function index,
 * the qualifiers of lambda-tune's own sweeps (aliases and versions): each gets 4 queries by its Resource dimension,
 * and the function one more (concurrency per period).
 */
export function planMetricQueries(
  functions: FunctionInfo[],
  window: ReportWindow,
  withInsights: ReadonlySet<string> = new Set(),
  sweeps: ReadonlyMap<number, readonly string[]> = new Map(),
): QueryPlan {
  const queries: MetricQuery[] = []
  const owner: QueryPlan['owner'] = new Map()
  functions.forEach((fn, i) => {
    const add = (id: string, key: QueryKey, spec: { metricName: string; stat: string }, namespace: string, dimensions: MetricQuery['dimensions'], period: number) => {
      queries.push({ id, namespace, metricName: spec.metricName, dimensions, stat: spec.stat, period })
      owner.set(id, { fn: i, key })
    }
    const byName = [{ name: 'FunctionName', value: fn.name }]
    for (const spec of LAMBDA_SPECS) add(`f${i}_${spec.key}`, spec.key, spec, 'AWS/Lambda', byName, spec.series ? window.period : window.seconds)
    // LambdaInsights names its dimension function_name
    if (withInsights.has(fn.name)) {
      for (const spec of INSIGHTS_SPECS) add(`f${i}_${spec.key}`, spec.key, spec, 'LambdaInsights', [{ name: 'function_name', value: fn.name }], window.seconds)
    }
    const qualifiers = sweeps.get(i) ?? []
    if (qualifiers.length === 0) return
    add(`f${i}_concurrencySeries`, 'concurrencySeries', { metricName: 'ConcurrentExecutions', stat: 'Maximum' }, 'AWS/Lambda', byName, window.period)
    qualifiers.forEach((qualifier, j) => {
      const dims = [...byName, { name: 'Resource', value: `${fn.name}:${qualifier}` }]
      for (const spec of SWEEP_SPECS) add(`f${i}_s${j}_${spec.key}`, spec.key, spec, 'AWS/Lambda', dims, spec.series ? window.period : window.seconds)
    })
  })
  return { queries, owner }
}

/**
 * The family of a query, for a failed call to be retried one family at a time: an endpoint may refuse percentile
 * statistics, LambdaInsights or Resource dimensions while it answers the rest.
 */
export type QueryFamily = 'counts' | 'percentiles' | 'insights' | 'sweep'

export function queryFamily(q: MetricQuery): QueryFamily {
  if (/^(p|tm|tc|ts)\d|^IQM$/.test(q.stat)) return 'percentiles'
  if (q.namespace === 'LambdaInsights') return 'insights'
  if (q.dimensions.some((d) => d.name === 'Resource')) return 'sweep'
  return 'counts'
}

/** What a family's failure costs, for the warning. */
export const FAMILY_FIGURES: Record<QueryFamily, string> = {
  counts: 'invocations, errors, throttles, average and maximum duration, concurrency and cost are null',
  percentiles: 'percentiles from CloudWatch (of duration, and of Lambda Insights) are null',
  insights: 'Lambda Insights figures (cold starts, memory use) are null',
  sweep: "lambda-tune's own sweep traffic could not be measured, so it is not left out",
}

/** Splits queries into calls of at most `size`. */
export function batchQueries<T>(queries: T[], size = MAX_QUERIES_PER_CALL): T[][] {
  const batches: T[][] = []
  for (let i = 0; i < queries.length; i += size) batches.push(queries.slice(i, i + size))
  return batches
}

/** The sweep traffic of one function, summed over its sweep qualifiers. */
export interface SweepMetrics {
  invocations: number
  errors: number
  throttles: number
  durationSum: number
  /** invocations per period, as FunctionMetrics.traffic */
  traffic: number[]
}

/** The answers of one function, by key: whole-window values folded into one number, the traffic series in time order. */
export interface FunctionMetrics {
  values: Partial<Record<MetricKey | InsightsKey, number>>
  traffic: number[]
  /** ConcurrentExecutions Maximum per period (null where CloudWatch had no datapoint); read only with sweep traffic */
  concurrencySeries?: (number | null)[]
  sweep?: SweepMetrics
  /** the keys whose queries failed (the call failed, not "no data") */
  failed?: Set<QueryKey>
}

const SUMMED = new Set<string>(['invocations', 'errors', 'throttles', 'pcSpillover', 'initCount'])
const MAXED = new Set<string>(['durationMax', 'concurrencyMax', 'pcUtilization', 'initMax', 'memMax'])

/**
 * Folds the answers into per-function values. A whole-window query normally returns one datapoint; should CloudWatch
 * split it at a period boundary, sums add, maxima take the largest and other statistics the first point.
 * A metric with no datapoints stays absent (not zero): the caller decides what absence means. `failedIds` are the
 * queries whose call failed: their keys are marked, so that a failure is never read as "no traffic".
 */
export function foldMetricResults(
  plan: QueryPlan,
  results: MetricSeries[],
  functionCount: number,
  window: ReportWindow,
  failedIds: Iterable<string> = [],
): FunctionMetrics[] {
  const out: FunctionMetrics[] = Array.from({ length: functionCount }, () => ({ values: {}, traffic: [] }))
  const slots = Math.ceil(window.seconds / window.period)
  const slotOf = (t: number) => Math.floor((t - window.start.getTime()) / 1000 / window.period)
  const perPeriod = (series: MetricSeries, into: number[], combine: (a: number, b: number) => number) => {
    series.timestamps.forEach((t, j) => {
      const slot = slotOf(t)
      if (slot >= 0 && slot < slots) into[slot] = combine(into[slot]!, series.values[j] ?? 0)
    })
  }
  for (const id of failedIds) {
    const where = plan.owner.get(id)
    if (where) (out[where.fn]!.failed ??= new Set()).add(where.key)
  }
  for (const series of results) {
    const where = plan.owner.get(series.id)
    if (!where) continue
    const target = out[where.fn]!
    const key = where.key
    if (key === 'traffic') {
      const traffic = new Array<number>(slots).fill(0)
      perPeriod(series, traffic, (a, b) => a + b)
      target.traffic = traffic
      continue
    }
    if (key === 'concurrencySeries') {
      const peaks = new Array<number>(slots).fill(-1)
      perPeriod(series, peaks, Math.max)
      target.concurrencySeries = peaks.map((v) => (v < 0 ? null : v))
      continue
    }
    if (key.startsWith('sweep')) {
      const sweep = (target.sweep ??= { invocations: 0, errors: 0, throttles: 0, durationSum: 0, traffic: new Array<number>(slots).fill(0) })
      const total = series.values.reduce((a, b) => a + b, 0)
      if (key === 'sweepTraffic') {
        perPeriod(series, sweep.traffic, (a, b) => a + b)
        sweep.invocations += total
      } else if (key === 'sweepErrors') sweep.errors += total
      else if (key === 'sweepThrottles') sweep.throttles += total
      else sweep.durationSum += total
      continue
    }
    if (!series.values.length) continue
    const ordered = series.timestamps.map((t, j) => [t, series.values[j]!] as const).sort((a, b) => a[0] - b[0])
    const values = ordered.map(([, v]) => v)
    const valueKey = key as MetricKey | InsightsKey
    const previous = target.values[valueKey]
    let value: number
    if (SUMMED.has(key)) value = values.reduce((a, b) => a + b, 0)
    else if (MAXED.has(key)) value = Math.max(...values)
    else value = values[0]!
    if (previous !== undefined) value = SUMMED.has(key) ? previous + value : MAXED.has(key) ? Math.max(previous, value) : previous
    target.values[valueKey] = value
  }
  for (const fn of out) if (!fn.traffic.length) fn.traffic = new Array<number>(slots).fill(0)
  return out
}
