import { describe, expect, it } from 'vitest'
import { CallFailedError, type CallFailure } from '../../../src/core/report/call-failure.js'
import { runReport, type LogsPort, type MetricsPort } from '../../../src/core/report/run-report.js'
import type { QualifiedMetric } from '../../../src/core/report/sweep-traffic.js'
import type { FunctionInfo, MetricQuery } from '../../../src/core/report/types.js'
import type { ReportWindow } from '../../../src/core/report/lookback.js'
import type { QueryRow } from '../../../src/core/report/logs-query.js'

const window: ReportWindow = { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z'), seconds: 86_400, period: 3600 }
const fn = (i: number): FunctionInfo => ({ name: `fn-${i}`, memoryMB: 128, timeout: 3, architecture: 'x86_64', ephemeralStorageMB: 512, logGroup: `/aws/lambda/fn-${i}` })
const html = (call: string, status: number): CallFailure => ({ call, status, kind: 'other', code: 'an HTML page', message: "Unexpected token '<'" })

interface Options {
  ran?: Set<string>
  missingGroups?: Set<string>
  /** answer GetMetricData's queries of this family with a failure */
  failPercentiles?: CallFailure
  failInsights?: CallFailure
  failLogs?: CallFailure
  rowsWithoutStats?: boolean
  qualified?: QualifiedMetric[]
}

/** Ports answering from tables, recording what they were asked: the orchestration is what is under test here. */
function ports(o: Options) {
  const metricCalls: MetricQuery[][] = []
  const logCalls: { groups: string[]; query: string }[] = []
  const ran = o.ran ?? new Set()
  const metrics: MetricsPort = {
    calls: { getMetricData: 0 },
    async insightsFunctions() {
      if (o.failInsights) throw new CallFailedError(o.failInsights)
      return new Set()
    },
    async qualifiedMetrics() { return o.qualified ?? [] },
    async getMetricData(queries) {
      metricCalls.push(queries)
      this.calls.getMetricData++
      const pct = queries.filter((q) => /^p/.test(q.stat))
      const answered = o.failPercentiles ? queries.filter((q) => !/^p/.test(q.stat)) : queries
      const resource = (q: MetricQuery) => q.dimensions.find((d) => d.name === 'Resource')
      return {
        series: answered.filter((q) => ran.has(q.dimensions[0]!.value)).map((q) => ({
          id: q.id, timestamps: [window.start.getTime()],
          values: [q.metricName === 'Duration' ? (resource(q) ? 10 * 20 : 10) : q.metricName === 'Invocations' ? (resource(q) ? 20 : 100) : 0],
        })),
        failed: o.failPercentiles && pct.length ? [{ ids: pct.map((q) => q.id), failure: o.failPercentiles }] : [],
      }
    },
  }
  const logs: LogsPort = {
    calls: { startQuery: 0 },
    async query(groups, query) {
      logCalls.push({ groups, query })
      this.calls.startQuery++
      if (o.failLogs) throw new CallFailedError(o.failLogs)
      if (groups.some((g) => o.missingGroups?.has(g))) return null
      const log = (g: string) => ({ field: '@log', value: `123456789012:${g}` })
      if (o.rowsWithoutStats) return groups.map((g): QueryRow => [log(g)])
      if (query.includes('billedSum')) {
        return groups.map((g): QueryRow => [log(g), { field: 'version', value: '$LATEST' }, { field: '@memorySize', value: '128000000' }, { field: 'invocations', value: '100' }, { field: 'billedSum', value: '1100' }])
      }
      return groups.map((g): QueryRow => [log(g), { field: 'invocations', value: '100' }, { field: 'coldStarts', value: '1' }, { field: 'initAvg', value: '200' }, { field: 'memMax', value: '64000000' }])
    },
  }
  return { metrics, logs, metricCalls, logCalls }
}

describe('runReport', () => {
  it('queries the logs only of functions that ran, 50 log groups a query (a summary and the billing parts)', async () => {
    const functions = Array.from({ length: 120 }, (_, i) => fn(i))
    const p = ports({ ran: new Set(functions.slice(0, 60).map((f) => f.name)) })
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    expect(p.metricCalls.flat()).toHaveLength(120 * 13)
    expect(p.logCalls.map((c) => c.groups.length)).toEqual([50, 10, 50, 10])
    expect(r.calls).toEqual({ getMetricData: 1, metricQueries: 1560, logsQueries: 4 })
    expect(r.functions[0]!.coldStarts).toMatchObject({ count: 1, share: 0.01 })
    expect(r.functions[0]!.memoryUsed!.maxMB).toBe(64)
    expect(r.functions[0]!.monthly.basis).toMatchObject({ billedDuration: 'report-lines', parts: [{ memoryMB: 128, billedDurationMs: 11 }] })
    expect(r.functions[100]!.coldStarts).toBeNull()
    expect(r.warnings).toEqual([])
  })

  it('isolates a missing log group by halving the batch, and warns about it alone', async () => {
    const functions = Array.from({ length: 8 }, (_, i) => fn(i))
    const p = ports({ ran: new Set(functions.map((f) => f.name)), missingGroups: new Set(['/aws/lambda/fn-5']) })
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    // [0..7] fails -> [0..3] ok, [4..7] fails -> [4,5] fails -> [4] ok, [5] missing; [6,7] ok; then the parts of the 7 found
    expect(p.logCalls.map((c) => c.groups.length)).toEqual([8, 4, 4, 2, 1, 1, 2, 7])
    expect(r.functions.map((f) => f.coldStarts === null)).toEqual([false, false, false, false, false, true, false, false])
    expect(r.warnings).toEqual(['fn-5: log group /aws/lambda/fn-5 not found: no cold-start or memory figures'])
  })
})

describe('runReport: a failed read costs only its own figures', () => {
  const functions = [fn(0), fn(1)]
  const ran = new Set(['fn-0', 'fn-1'])

  it('percentile statistics refused: the percentiles come from the REPORT lines, one warning names the call', async () => {
    const p = ports({ ran, failPercentiles: html('GetMetricData', 500) })
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    expect(r.functions.map((f) => f.invocations)).toEqual([100, 100])
    expect(r.warnings).toEqual(['GetMetricData answered HTTP 500 with an HTML page, not an AWS error: percentiles from CloudWatch (of duration, and of Lambda Insights) are null'])
  })

  it('Lambda Insights and the logs unreadable: the rest is reported', async () => {
    const p = ports({ ran, failInsights: html('ListMetrics', 502), failLogs: { call: 'StartQuery', status: 400, kind: 'aws', code: 'LimitExceededException', message: 'too many queries' } })
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    expect(r.functions.map((f) => [f.invocations, f.coldStarts, f.monthly.basis?.billedDuration])).toEqual([[100, null, 'average-duration'], [100, null, 'average-duration']])
    expect(r.warnings).toEqual([
      'ListMetrics answered HTTP 502 with an HTML page, not an AWS error: Lambda Insights figures are not read',
      'StartQuery answered HTTP 400 LimitExceededException: too many queries: cold starts, memory use and billed durations from the REPORT lines are null',
    ])
  })

  it('Insights rows without the stats fields: a warning, not a silent null', async () => {
    const p = ports({ ran, rowsWithoutStats: true })
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    expect(r.functions[0]!.coldStarts).toBeNull()
    expect(r.warnings).toEqual([
      'Logs Insights answered rows without the stats fields the query asked for (invocations, coldStarts, billedSum, ...): cold starts, memory use and billed durations from the REPORT lines are null',
    ])
  })
})

describe('runReport: sweep traffic', () => {
  it('measures a sweep\'s aliases by Resource, takes them off, and leaves its versions\' log streams out', async () => {
    const qualified: QualifiedMetric[] = [
      { functionName: 'fn-0', resource: 'fn-0:lambda-tune-1a2b3c4d-128' },
      { functionName: 'fn-0', resource: 'fn-0:lambda-tune-1a2b3c4d-128', executedVersion: '5' },
      { functionName: 'fn-0', resource: 'fn-0:live', executedVersion: '2' },
    ]
    const p = ports({ ran: new Set(['fn-0', 'fn-1']), qualified })
    const r = await runReport({ region: 'us-east-1', window, functions: [fn(0), fn(1)], metrics: p.metrics, logs: p.logs })
    const sweepQueries = p.metricCalls.flat().filter((q) => q.dimensions.some((d) => d.name === 'Resource'))
    expect(sweepQueries.map((q) => `${q.metricName}/${q.stat}`)).toEqual(['Invocations/Sum', 'Errors/Sum', 'Throttles/Sum', 'Duration/Sum'])
    expect(sweepQueries.every((q) => q.dimensions[1]!.value === 'fn-0:lambda-tune-1a2b3c4d-128')).toBe(true)
    expect(r.functions[0]!.invocations).toBe(80)
    expect(r.functions[0]!.excluded).toMatchObject({ invocations: 20, runs: ['1a2b3c4d'], versions: ['5'] })
    expect(r.functions[1]!.excluded).toBeNull()
    // fn-1 shares one query; fn-0 gets its own, leaving version 5's streams out
    const own = p.logCalls.filter((c) => c.groups.includes('/aws/lambda/fn-0'))
    expect(own.every((c) => c.groups.length === 1 && c.query.includes('@logStream not like /\\[(5)\\]/'))).toBe(true)
  })
})
