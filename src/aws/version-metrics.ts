import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { parseVersionReport, versionReportQuery } from '../core/canary/logs-query.js'
import type { CanaryMetricsPort, MetricsWindow } from '../core/canary/port.js'
import type { PeriodFigures } from '../core/canary/types.js'
import { toUserError } from './errors.js'
import { logsReader } from './logs.js'

type Dimensions = Array<{ Name: string; Value: string }>

/**
 * CloudWatch's figures of the versions behind one alias: AWS/Lambda metrics under FunctionName + Resource
 * (function:alias) + ExecutedVersion, the alias's own Invocations under FunctionName + Resource, and each version's
 * REPORT lines from CloudWatch Logs. Only the alias's traffic counts: another alias or a direct invoke of the same
 * version has another Resource.
 */
export function versionMetrics(cloudwatch: CloudWatchClient, logs: CloudWatchLogsClient, endpoint?: string): CanaryMetricsPort {
  const reader = logsReader(logs, { endpoint })
  const getMetricData = async (queries: MetricDataQuery[], startMs: number, endMs: number) => {
    const byId = new Map<string, { timestamps: number[]; values: number[] }>()
    let token: string | undefined
    do {
      const page = await cloudwatch
        .send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(startMs), EndTime: new Date(endMs), ScanBy: 'TimestampAscending', NextToken: token }))
        .catch((err) => {
          throw toUserError(err, 'reading the alias’s metrics (GetMetricData)', endpoint)
        })
      for (const r of page.MetricDataResults ?? []) {
        if (!r.Id) continue
        const series = byId.get(r.Id) ?? { timestamps: [], values: [] }
        series.timestamps.push(...(r.Timestamps ?? []).map((t) => new Date(t).getTime()))
        series.values.push(...(r.Values ?? []))
        byId.set(r.Id, series)
      }
      token = page.NextToken
    } while (token)
    return byId
  }
  const dims = (w: { functionName: string; alias: string }, version?: string): Dimensions => [
    { Name: 'FunctionName', Value: w.functionName },
    { Name: 'Resource', Value: `${w.functionName}:${w.alias}` },
    ...(version !== undefined ? [{ Name: 'ExecutedVersion', Value: version }] : []),
  ]
  const query = (id: string, metric: string, stat: string, dimensions: Dimensions, period: number): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dimensions }, Period: period, Stat: stat },
    ReturnData: true,
  })
  const FIELDS = [
    ['inv', 'Invocations', 'Sum'],
    ['err', 'Errors', 'Sum'],
    ['thr', 'Throttles', 'Sum'],
    ['dc', 'Duration', 'SampleCount'],
    ['ds', 'Duration', 'Sum'],
  ] as const
  return {
    async periods(w: MetricsWindow, versions) {
      const queries: MetricDataQuery[] = [query('alias', 'Invocations', 'Sum', dims(w), w.periodSeconds)]
      versions.forEach((v, i) => {
        for (const [id, metric, stat] of FIELDS) queries.push(query(`${id}${i}`, metric, stat, dims(w, v), w.periodSeconds))
      })
      const data = await getMetricData(queries, w.startMs, w.endMs)
      const byVersion = new Map<string, PeriodFigures[]>()
      versions.forEach((v, i) => {
        const periods = new Map<number, PeriodFigures>()
        const at = (t: number) => {
          let p = periods.get(t)
          if (!p) {
            p = { start: t, invocations: 0, errors: 0, throttles: 0, durationCount: 0, durationSum: 0 }
            periods.set(t, p)
          }
          return p
        }
        const fill = (id: string, set: (p: PeriodFigures, value: number) => void) => {
          const s = data.get(id)
          s?.timestamps.forEach((t, j) => set(at(t), s.values[j] ?? 0))
        }
        fill(`inv${i}`, (p, x) => (p.invocations = x))
        fill(`err${i}`, (p, x) => (p.errors = x))
        fill(`thr${i}`, (p, x) => (p.throttles = x))
        fill(`dc${i}`, (p, x) => (p.durationCount = x))
        fill(`ds${i}`, (p, x) => (p.durationSum = x))
        byVersion.set(v, [...periods.values()].sort((a, b) => a.start - b.start))
      })
      const alias = data.get('alias')
      return { byVersion, alias: (alias?.timestamps ?? []).map((t, j) => ({ start: t, invocations: alias!.values[j] ?? 0 })) }
    },
    async percentiles(w, version, stats) {
      const period = Math.round((w.endMs - w.startMs) / 1000)
      const queries = stats.map((stat, i) => query(`q${i}`, 'Duration', stat, dims(w, version), period))
      const data = await getMetricData(queries, w.startMs, w.endMs)
      return new Map(stats.map((stat, i) => [stat, data.get(`q${i}`)?.values[0] ?? null]))
    },
    async reportLines(logGroup, version, startMs, endMs) {
      const rows = await reader.query([logGroup], versionReportQuery(version), new Date(startMs), new Date(endMs))
      return rows === null ? null : parseVersionReport(rows)
    },
  }
}
