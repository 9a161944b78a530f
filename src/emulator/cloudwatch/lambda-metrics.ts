import type { InvocationRecord } from '../types.js'
import type { Dimension, MetricStore, Series } from './metric-store.js'

export const LAMBDA_NAMESPACE = 'AWS/Lambda'
export const INSIGHTS_NAMESPACE = 'LambdaInsights'

type LambdaMetricName =
  | 'Invocations'
  | 'Errors'
  | 'Throttles'
  | 'Duration'
  | 'ConcurrentExecutions'
  | 'UnreservedConcurrentExecutions'
  | 'ProvisionedConcurrencyInvocations'
  | 'ProvisionedConcurrencySpilloverInvocations'
  | 'ProvisionedConcurrentExecutions'
  | 'ProvisionedConcurrencyUtilization'

const UNITS: Record<LambdaMetricName, string> = {
  Invocations: 'Count',
  Errors: 'Count',
  Throttles: 'Count',
  Duration: 'Milliseconds',
  ConcurrentExecutions: 'Count',
  UnreservedConcurrentExecutions: 'Count',
  ProvisionedConcurrencyInvocations: 'Count',
  ProvisionedConcurrencySpilloverInvocations: 'Count',
  ProvisionedConcurrentExecutions: 'Count',
  ProvisionedConcurrencyUtilization: 'None',
}

type InsightsMetricName = 'init_duration' | 'used_memory_max' | 'total_memory' | 'memory_utilization'

const INSIGHTS_UNITS: Record<InsightsMetricName, string> = {
  init_duration: 'Milliseconds',
  used_memory_max: 'Megabytes',
  total_memory: 'Megabytes',
  memory_utilization: 'Percent',
}

/** The series one invoke writes to, resolved once per (function, qualifier, version) so a record is only appends. */
type Targets = Record<LambdaMetricName, Series[]> & { insights: Record<InsightsMetricName, Series> }

function put(series: Series[], at: number, value: number): void {
  for (let i = 0; i < series.length; i++) series[i]!.add(at, value)
}

/**
 * Turns invocation records into AWS/Lambda and LambdaInsights datapoints, under the dimension sets Lambda publishes:
 * none (account-wide) and [FunctionName] for every invoke; [FunctionName, Resource] (Resource = name:qualifier) when
 * invoked with an alias or a version; and [FunctionName, Resource, ExecutedVersion] when invoked through an alias, so
 * that the versions behind a weighted alias can be told apart. An unqualified invoke has no Resource.
 */
export class LambdaMetricsRecorder {
  private readonly targets = new Map<string, Targets>()
  constructor(private readonly store: MetricStore) {}

  record(r: InvocationRecord): void {
    const t = this.targetsFor(r)
    const at = r.timestamp
    if (r.throttled) {
      put(t.Throttles, at, 1)
      return
    }
    put(t.Invocations, at, 1)
    put(t.Errors, at, r.error ? 1 : 0)
    put(t.Throttles, at, 0)
    if (r.durationMs !== undefined) put(t.Duration, at, r.durationMs)
    if (r.concurrentExecutions !== undefined) put(t.ConcurrentExecutions, at, r.concurrentExecutions)
    if (r.unreservedConcurrentExecutions !== undefined) put(t.UnreservedConcurrentExecutions, at, r.unreservedConcurrentExecutions)
    if (r.provisioned === true) {
      put(t.ProvisionedConcurrencyInvocations, at, 1)
      if (r.provisionedConcurrentExecutions !== undefined) {
        put(t.ProvisionedConcurrentExecutions, at, r.provisionedConcurrentExecutions)
        if (r.provisionedConcurrency) put(t.ProvisionedConcurrencyUtilization, at, r.provisionedConcurrentExecutions / r.provisionedConcurrency)
      }
    } else if (r.provisioned === false) {
      put(t.ProvisionedConcurrencySpilloverInvocations, at, 1)
    }
    const insights = t.insights
    if (r.initDurationMs !== undefined) insights.init_duration.add(at, r.initDurationMs)
    if (r.maxMemoryUsedMB !== undefined) insights.used_memory_max.add(at, r.maxMemoryUsedMB)
    if (r.memorySizeMB !== undefined) {
      insights.total_memory.add(at, r.memorySizeMB)
      if (r.maxMemoryUsedMB !== undefined) insights.memory_utilization.add(at, (r.maxMemoryUsedMB / r.memorySizeMB) * 100)
    }
  }

  private targetsFor(r: InvocationRecord): Targets {
    const key = r.functionName + '\u0000' + (r.qualifier ?? '') + '\u0000' + r.executedVersion
    const cached = this.targets.get(key)
    if (cached) return cached
    const fn: Dimension = { Name: 'FunctionName', Value: r.functionName }
    const dimensionSets: Dimension[][] = [[], [fn]]
    if (r.qualifier !== undefined) {
      const resource: Dimension = { Name: 'Resource', Value: `${r.functionName}:${r.qualifier}` }
      dimensionSets.push([fn, resource])
      // an alias: the qualifier names no version itself ($LATEST and version numbers execute as themselves)
      if (r.qualifier !== r.executedVersion) dimensionSets.push([fn, resource, { Name: 'ExecutedVersion', Value: r.executedVersion }])
    }
    const lambda = {} as Record<LambdaMetricName, Series[]>
    for (const name of Object.keys(UNITS) as LambdaMetricName[]) {
      // Lambda publishes UnreservedConcurrentExecutions account-wide only
      const sets = name === 'UnreservedConcurrentExecutions' ? [dimensionSets[0]!] : dimensionSets
      lambda[name] = sets.map((dimensions) => this.store.metric(LAMBDA_NAMESPACE, name, dimensions).seriesFor(UNITS[name]))
    }
    const insights = {} as Record<InsightsMetricName, Series>
    for (const name of Object.keys(INSIGHTS_UNITS) as InsightsMetricName[]) {
      const metric = this.store.metric(INSIGHTS_NAMESPACE, name, [{ Name: 'function_name', Value: r.functionName }])
      insights[name] = metric.seriesFor(INSIGHTS_UNITS[name])
    }
    const created: Targets = { ...lambda, insights }
    this.targets.set(key, created)
    return created
  }
}
