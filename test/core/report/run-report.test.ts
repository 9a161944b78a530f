import { describe, expect, it } from 'vitest'
import { runReport, type LogsPort, type MetricsPort } from '../../../src/core/report/run-report.js'
import type { FunctionInfo, MetricQuery } from '../../../src/core/report/types.js'
import type { ReportWindow } from '../../../src/core/report/lookback.js'
import type { QueryRow } from '../../../src/core/report/logs-query.js'

const window: ReportWindow = { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z'), seconds: 86_400, period: 3600 }
const fn = (i: number): FunctionInfo => ({ name: `fn-${i}`, memoryMB: 128, timeout: 3, architecture: 'x86_64', ephemeralStorageMB: 512, logGroup: `/aws/lambda/fn-${i}` })

/** Ports answering from tables, recording what they were asked: the orchestration is what is under test here. */
function ports(ran: Set<string>, missingGroups: Set<string>) {
  const metricCalls: MetricQuery[][] = []
  const logCalls: string[][] = []
  const metrics: MetricsPort = {
    calls: { getMetricData: 0 },
    async insightsFunctions() { return new Set() },
    async getMetricData(queries) {
      metricCalls.push(queries)
      this.calls.getMetricData++
      return queries.filter((q) => ran.has(q.dimensions[0]!.value)).map((q) => ({
        id: q.id, timestamps: [window.start.getTime()], values: [q.metricName === 'Duration' ? 10 : q.metricName === 'Invocations' ? 100 : 0],
      }))
    },
  }
  const logs: LogsPort = {
    calls: { startQuery: 0 },
    async query(groups) {
      logCalls.push(groups)
      this.calls.startQuery++
      if (groups.some((g) => missingGroups.has(g))) return null
      return groups.map((g): QueryRow => [{ field: '@log', value: `123456789012:${g}` }, { field: 'invocations', value: '100' }, { field: 'coldStarts', value: '1' }, { field: 'initAvg', value: '200' }, { field: 'memMax', value: '64000000' }])
    },
  }
  return { metrics, logs, metricCalls, logCalls }
}

describe('runReport', () => {
  it('queries the logs only of functions that ran, 50 log groups a query', async () => {
    const functions = Array.from({ length: 120 }, (_, i) => fn(i))
    const ran = new Set(functions.slice(0, 60).map((f) => f.name))
    const p = ports(ran, new Set())
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    expect(p.metricCalls.flat()).toHaveLength(120 * 13)
    expect(p.logCalls.map((g) => g.length)).toEqual([50, 10])
    expect(r.calls).toEqual({ getMetricData: 1, metricQueries: 1560, logsQueries: 2 })
    expect(r.functions[0]!.coldStarts).toMatchObject({ count: 1, share: 0.01 })
    expect(r.functions[0]!.memoryUsed!.maxMB).toBe(64)
    expect(r.functions[100]!.coldStarts).toBeNull()
  })

  it('isolates a missing log group by halving the batch, and warns about it alone', async () => {
    const functions = Array.from({ length: 8 }, (_, i) => fn(i))
    const p = ports(new Set(functions.map((f) => f.name)), new Set(['/aws/lambda/fn-5']))
    const r = await runReport({ region: 'us-east-1', window, functions, metrics: p.metrics, logs: p.logs })
    // [0..7] fails -> [0..3] ok, [4..7] fails -> [4,5] fails -> [4] ok, [5] missing; [6,7] ok
    expect(p.logCalls.map((g) => g.length)).toEqual([8, 4, 4, 2, 1, 1, 2])
    expect(r.functions.map((f) => f.coldStarts === null)).toEqual([false, false, false, false, false, true, false, false])
    expect(r.warnings).toEqual(['fn-5: log group /aws/lambda/fn-5 not found: no cold-start or memory figures'])
  })
})
