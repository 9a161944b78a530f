import { GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type { MetricQuery, MetricSeries } from '../core/report/types.js'
import { batchQueries, MAX_QUERIES_PER_CALL } from '../core/report/metric-queries.js'
import { toUserError } from './errors.js'

/** The CloudWatch metric reads a report makes, counting its calls (the bench prints them). */
export interface MetricsReader {
  getMetricData(queries: MetricQuery[], start: Date, end: Date): Promise<MetricSeries[]>
  /** functions that publish LambdaInsights metrics (enhanced monitoring) */
  insightsFunctions(): Promise<Set<string>>
  readonly calls: { getMetricData: number; listMetrics: number }
}

export interface MetricsReaderOptions {
  endpoint?: string
  /** batches in flight at once */
  parallel?: number
  /** datapoints per page (CloudWatch's default and maximum: 100,800); smaller only to exercise paging */
  maxDatapoints?: number
}

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
        .catch((err) => { throw toUserError(err, 'reading CloudWatch metrics (GetMetricData)', endpoint) })
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
  return {
    calls,
    async getMetricData(queries, start, end) {
      const batches = batchQueries(queries, MAX_QUERIES_PER_CALL)
      const out: MetricSeries[] = []
      for (let i = 0; i < batches.length; i += parallel) {
        const answers = await Promise.all(batches.slice(i, i + parallel).map((b) => oneBatch(b, start, end)))
        for (const a of answers) out.push(...a)
      }
      return out
    },
    async insightsFunctions() {
      const names = new Set<string>()
      let token: string | undefined
      do {
        calls.listMetrics++
        const page = await client
          .send(new ListMetricsCommand({ Namespace: 'LambdaInsights', MetricName: 'used_memory_max', NextToken: token }))
          .catch((err) => { throw toUserError(err, 'listing LambdaInsights metrics (ListMetrics)', endpoint) })
        for (const m of page.Metrics ?? []) {
          const name = m.Dimensions?.find((d) => d.Name === 'function_name')?.Value
          if (name) names.add(name)
        }
        token = page.NextToken
      } while (token)
      return names
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
