import { GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type { CallFailure } from '../core/report/call-failure.js'
import { CallFailedError } from '../core/report/call-failure.js'
import type { MetricQuery, MetricSeries } from '../core/report/types.js'
import { batchQueries, MAX_QUERIES_PER_CALL, queryFamily } from '../core/report/metric-queries.js'
import type { QualifiedMetric } from '../core/report/sweep-traffic.js'
import { toCallFailure } from './errors.js'

/** What GetMetricData answered: the series, and the queries whose call failed (with why). */
export interface MetricDataAnswer {
  series: MetricSeries[]
  failed: { ids: string[]; failure: CallFailure }[]
}

/** The CloudWatch metric reads a report makes, counting its calls (the bench prints them). */
export interface MetricsReader {
  getMetricData(queries: MetricQuery[], start: Date, end: Date): Promise<MetricDataAnswer>
  /** functions that publish LambdaInsights metrics (enhanced monitoring) */
  insightsFunctions(): Promise<Set<string>>
  /** AWS/Lambda metrics with a Resource dimension: the aliases and versions that were invoked by name */
  qualifiedMetrics(): Promise<QualifiedMetric[]>
  readonly calls: { getMetricData: number; listMetrics: number }
}

export interface MetricsReaderOptions {
  endpoint?: string
  /** batches in flight at once */
  parallel?: number
  /** datapoints per page (CloudWatch's default and maximum: 100,800); smaller only to exercise paging */
  maxDatapoints?: number
}

/**
 * GetMetricData in calls of at most 500 queries. A call that fails is tried again one query family at a time
 * (counts, percentiles, LambdaInsights, Resource dimensions), so that an endpoint refusing one kind of statistic costs
 * only those figures; a failure of one family alone is not retried.
 */
export function metricsReader(client: CloudWatchClient, options: MetricsReaderOptions = {}): MetricsReader {
  const { endpoint, parallel = 4, maxDatapoints } = options
  const calls = { getMetricData: 0, listMetrics: 0 }
  async function oneBatch(queries: MetricQuery[], start: Date, end: Date): Promise<MetricSeries[]> {
    const byId = new Map<string, MetricSeries>()
    let token: string | undefined
    do {
      calls.getMetricData++
      const page = await client
        .send(new GetMetricDataCommand({ MetricDataQueries: queries.map(toSdkQuery), StartTime: start, EndTime: end, NextToken: token, ScanBy: 'TimestampAscending', MaxDatapoints: maxDatapoints }))
        .catch((err) => { throw toCallFailure(err, 'GetMetricData', 'reading CloudWatch metrics', endpoint) })
      for (const r of page.MetricDataResults ?? []) {
        if (!r.Id) continue
        const series = byId.get(r.Id) ?? { id: r.Id, timestamps: [], values: [] }
        series.timestamps.push(...(r.Timestamps ?? []).map((t) => new Date(t).getTime()))
        series.values.push(...(r.Values ?? []))
        byId.set(r.Id, series)
      }
      token = page.NextToken
    } while (token)
    return [...byId.values()]
  }
  async function withRetryByFamily(queries: MetricQuery[], start: Date, end: Date, answer: MetricDataAnswer): Promise<void> {
    try {
      answer.series.push(...(await oneBatch(queries, start, end)))
      return
    } catch (err) {
      if (!(err instanceof CallFailedError)) throw err
      const families = new Map<string, MetricQuery[]>()
      for (const q of queries) families.set(queryFamily(q), [...(families.get(queryFamily(q)) ?? []), q])
      if (families.size === 1) {
        answer.failed.push({ ids: queries.map((q) => q.id), failure: err.failure })
        return
      }
      for (const part of families.values()) {
        try {
          answer.series.push(...(await oneBatch(part, start, end)))
        } catch (partErr) {
          if (!(partErr instanceof CallFailedError)) throw partErr
          answer.failed.push({ ids: part.map((q) => q.id), failure: partErr.failure })
        }
      }
    }
  }
  async function listMetrics(input: { Namespace: string; MetricName: string; Dimensions?: { Name: string }[] }) {
    const out: { Dimensions?: { Name?: string; Value?: string }[] }[] = []
    let token: string | undefined
    do {
      calls.listMetrics++
      const page = await client
        .send(new ListMetricsCommand({ ...input, NextToken: token }))
        .catch((err) => { throw toCallFailure(err, 'ListMetrics', `listing ${input.Namespace} metrics`, endpoint) })
      out.push(...(page.Metrics ?? []))
      token = page.NextToken
    } while (token)
    return out
  }
  return {
    calls,
    async getMetricData(queries, start, end) {
      const batches = batchQueries(queries, MAX_QUERIES_PER_CALL)
      const answer: MetricDataAnswer = { series: [], failed: [] }
      for (let i = 0; i < batches.length; i += parallel) {
        await Promise.all(batches.slice(i, i + parallel).map((b) => withRetryByFamily(b, start, end, answer)))
      }
      return answer
    },
    async insightsFunctions() {
      const names = new Set<string>()
      for (const m of await listMetrics({ Namespace: 'LambdaInsights', MetricName: 'used_memory_max' })) {
        const name = m.Dimensions?.find((d) => d.Name === 'function_name')?.Value
        if (name) names.add(name)
      }
      return names
    },
    async qualifiedMetrics() {
      const out: QualifiedMetric[] = []
      for (const m of await listMetrics({ Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'Resource' }] })) {
        const dim = (name: string) => m.Dimensions?.find((d) => d.Name === name)?.Value
        const functionName = dim('FunctionName')
        const resource = dim('Resource')
        if (!functionName || !resource) continue
        const executedVersion = dim('ExecutedVersion')
        out.push({ functionName, resource, ...(executedVersion ? { executedVersion } : {}) })
      }
      return out
    },
  }
}

function toSdkQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    MetricStat: {
      Metric: { Namespace: q.namespace, MetricName: q.metricName, Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
      Period: q.period,
      Stat: q.stat,
    },
    ReturnData: true,
  }
}
