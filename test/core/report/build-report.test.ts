import { describe, expect, it } from 'vitest'
import { buildReport } from '../../../src/core/report/build-report.js'
import { parseReportLinesResult, REPORT_LINES_QUERY } from '../../../src/core/report/logs-query.js'
import type { FunctionInfo } from '../../../src/core/report/types.js'
import type { ReportWindow } from '../../../src/core/report/lookback.js'

const window: ReportWindow = { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z'), seconds: 86_400, period: 3600 }
const fn: FunctionInfo = { name: 'api', memoryMB: 1024, timeout: 10, architecture: 'x86_64', runtime: 'nodejs20.x', ephemeralStorageMB: 512, logGroup: '/aws/lambda/api' }

describe('parseReportLinesResult', () => {
  it('reads the Logs Insights row, memory in bytes as Logs Insights gives it', () => {
    const s = parseReportLinesResult([[
      { field: 'invocations', value: '1000' }, { field: 'coldStarts', value: '10' }, { field: 'initAvg', value: '250.5' },
      { field: 'initP99', value: '400' }, { field: 'memMax', value: '180000000' }, { field: 'billedAvg', value: '100.4' },
    ]])
    expect(s).toMatchObject({ invocations: 1000, coldStarts: 10, initAvgMs: 250.5, initP99Ms: 400, initP50Ms: null, maxMemoryUsedMB: 180, billedDurationAvgMs: 100.4 })
    expect(parseReportLinesResult([])).toBeNull()
    expect(parseReportLinesResult([[{ field: 'invocations', value: '0' }]])).toBeNull()
    expect(REPORT_LINES_QUERY).toMatch(/^filter @type = "REPORT" \| stats count\(\*\) as invocations, count\(@initDuration\) as coldStarts/)
  })
})

describe('buildReport', () => {
  it('shapes the metrics and prices the observed rate over a 730-hour month', () => {
    // 864,000 invokes in a day = 26,280,000 a month (x 2,628,000 / 86,400).
    // Billed 100.4 ms on average at 1 GB: 26,280,000 x 0.1004 s = 2,638,512 GB-s x 0.0000166667 = 43.9753
    // INIT: 1% cold x 250 ms: 262,800 x 0.25 s = 65,700 GB-s x 0.0000166667 = 1.0950; requests 26.28 x 0.2 = 5.256.
    // Total 50.3263 a month.
    const r = buildReport({
      region: 'us-east-1', window, functions: [fn],
      metrics: [{ values: { invocations: 864_000, errors: 8640, throttles: 0, durationAvg: 100, durationP50: 90, durationP99: 300, durationMax: 900, concurrencyMax: 9 }, traffic: [...new Array<number>(23).fill(36_000), 36_000] }],
      logs: [{ source: 'logs', invocations: 864_000, coldStarts: 8640, initAvgMs: 250, initP50Ms: 240, initP99Ms: 400, initMaxMs: 420, maxMemoryUsedMB: 256, avgMemoryUsedMB: 200, p99MemoryUsedMB: 250, billedDurationAvgMs: 100.4 }],
      calls: { getMetricData: 1, metricQueries: 13, logsQueries: 1 },
    })
    const f = r.functions[0]!
    expect(r.schemaVersion).toBe(1)
    expect(f.errorRate).toBeCloseTo(0.01, 10)
    expect(f.monthly.invocations).toBeCloseTo(26_280_000, 3)
    expect(f.monthly.cost).toBeCloseTo(50.3263, 3)
    expect(f.concurrency.average).toBeCloseTo(1, 10) // 864,000 x 0.1 s / 86,400 s
    expect(f.concurrency.peakArrivalRate).toBe(10) // 36,000 / 3,600 s
    expect(f.coldStarts).toMatchObject({ source: 'logs', count: 8640, share: 0.01 })
    expect(f.memoryUsed!.utilization).toBe(0.25)
    expect(r.totals.monthlyCost).toBeCloseTo(50.3263, 3)
  })

  it('reports a function without traffic as zero, with a warning when nothing ran at all', () => {
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [{ values: {}, traffic: [] }], logs: [null], calls: { getMetricData: 1, metricQueries: 13, logsQueries: 0 } })
    expect(r.functions[0]).toMatchObject({ invocations: 0, duration: null, coldStarts: null, monthly: { invocations: 0, cost: 0 } })
    expect(r.warnings[0]).toMatch(/no invocations in the window/)
  })
})
