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

/** Where each query's answer belongs. */
export interface QueryPlan {
  queries: MetricQuery[]
  owner: Map<string, { fn: number; key: MetricKey | InsightsKey }>
}

/**
 * Every metric a report reads, for every function, as flat queries: totals and percentiles over the whole window in
 * one datapoint, and invocations per period for the traffic shape. `withInsights` names the functions that publish
 * LambdaInsights metrics (found with ListMetrics), which get 8 more queries each.
 */
export function planMetricQueries(functions: FunctionInfo[], window: ReportWindow, withInsights: ReadonlySet<string> = new Set()): QueryPlan {
  const queries: MetricQuery[] = []
  const owner: QueryPlan['owner'] = new Map()
  functions.forEach((fn, i) => {
    const add = (spec: { key: MetricKey | InsightsKey; metricName: string; stat: string }, namespace: string, dimension: string, period: number) => {
      const id = `f${i}_${spec.key}`
      queries.push({ id, namespace, metricName: spec.metricName, dimensions: [{ name: dimension, value: fn.name }], stat: spec.stat, period })
      owner.set(id, { fn: i, key: spec.key })
    }
    for (const spec of LAMBDA_SPECS) add(spec, 'AWS/Lambda', 'FunctionName', spec.series ? window.period : window.seconds)
    // LambdaInsights names its dimension function_name
    if (withInsights.has(fn.name)) for (const spec of INSIGHTS_SPECS) add(spec, 'LambdaInsights', 'function_name', window.seconds)
  })
  return { queries, owner }
}

/** Splits queries into calls of at most `size`. */
export function batchQueries<T>(queries: T[], size = MAX_QUERIES_PER_CALL): T[][] {
  const batches: T[][] = []
  for (let i = 0; i < queries.length; i += size) batches.push(queries.slice(i, i + size))
  return batches
}

/** The answers of one function, by key: whole-window values folded into one number, the traffic series in time order. */
export interface FunctionMetrics {
  values: Partial<Record<MetricKey | InsightsKey, number>>
  traffic: number[]
}

const SUMMED = new Set<string>(['invocations', 'errors', 'throttles', 'pcSpillover', 'initCount'])
const MAXED = new Set<string>(['durationMax', 'concurrencyMax', 'pcUtilization', 'initMax', 'memMax'])

/**
 * Folds the answers into per-function values. A whole-window query normally returns one datapoint; should CloudWatch
 * split it at a period boundary, sums add, maxima take the largest and other statistics the first point.
 * A metric with no datapoints stays absent (not zero): the caller decides what absence means.
 */
export function foldMetricResults(plan: QueryPlan, results: MetricSeries[], functionCount: number, window: ReportWindow): FunctionMetrics[] {
  const out: FunctionMetrics[] = Array.from({ length: functionCount }, () => ({ values: {}, traffic: [] }))
  const slots = Math.ceil(window.seconds / window.period)
  for (const series of results) {
    const where = plan.owner.get(series.id)
    if (!where) continue
    const target = out[where.fn]!
    if (where.key === 'traffic') {
      const traffic = new Array<number>(slots).fill(0)
      series.timestamps.forEach((t, j) => {
        const slot = Math.floor((t - window.start.getTime()) / 1000 / window.period)
        if (slot >= 0 && slot < slots) traffic[slot]! += series.values[j] ?? 0
      })
      target.traffic = traffic
      continue
    }
    if (!series.values.length) continue
    const ordered = series.timestamps.map((t, j) => [t, series.values[j]!] as const).sort((a, b) => a[0] - b[0])
    const values = ordered.map(([, v]) => v)
    const previous = target.values[where.key]
    let value: number
    if (SUMMED.has(where.key)) value = values.reduce((a, b) => a + b, 0)
    else if (MAXED.has(where.key)) value = Math.max(...values)
    else value = values[0]!
    if (previous !== undefined) value = SUMMED.has(where.key) ? previous + value : MAXED.has(where.key) ? Math.max(previous, value) : previous
    target.values[where.key] = value
  }
  for (const fn of out) if (!fn.traffic.length) fn.traffic = new Array<number>(slots).fill(0)
  return out
}
