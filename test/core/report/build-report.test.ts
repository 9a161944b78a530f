import { describe, expect, it } from 'vitest'
import { buildReport, type FunctionLogs } from '../../../src/core/report/build-report.js'
import { parseReportLinesResult, REPORT_LINES_QUERY } from '../../../src/core/report/logs-query.js'
import type { FunctionMetrics } from '../../../src/core/report/metric-queries.js'
import type { FunctionInfo, LogSummary } from '../../../src/core/report/types.js'
import type { ReportWindow } from '../../../src/core/report/lookback.js'

const window: ReportWindow = { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z'), seconds: 86_400, period: 3600 }
const fn: FunctionInfo = { name: 'api', memoryMB: 1024, timeout: 10, architecture: 'x86_64', runtime: 'nodejs20.x', ephemeralStorageMB: 512, logGroup: '/aws/lambda/api' }
const calls = { getMetricData: 1, metricQueries: 13, logsQueries: 2 }
/** us-east-1 x86 first-tier price per GB-s and per request */
const GBS = 0.0000166667
const REQ = 0.2 / 1e6

const summary = (over: Partial<LogSummary> = {}): LogSummary => ({
  source: 'logs', invocations: 864_000, coldStarts: 8640, initAvgMs: 250, initP50Ms: 240, initP99Ms: 400, initMaxMs: 420,
  maxMemoryUsedMB: 256, avgMemoryUsedMB: 200, p99MemoryUsedMB: 250, billedDurationAvgMs: 100.4, ...over,
})
const steady: FunctionMetrics = {
  values: { invocations: 864_000, errors: 8640, throttles: 0, durationAvg: 100, durationP50: 90, durationP99: 300, durationMax: 900, concurrencyMax: 9 },
  traffic: new Array<number>(24).fill(36_000),
}

describe('parseReportLinesResult', () => {
  it('reads the Logs Insights row, memory in bytes as Logs Insights gives it', () => {
    const s = parseReportLinesResult([[
      { field: 'invocations', value: '1000' }, { field: 'coldStarts', value: '10' }, { field: 'initAvg', value: '250.5' },
      { field: 'initP99', value: '400' }, { field: 'memMax', value: '180000000' }, { field: 'billedAvg', value: '100.4' },
      { field: 'durAvg', value: '90' }, { field: 'durP99', value: '300' }, { field: 'durMax', value: '950' },
    ]])
    expect(s).toMatchObject({ invocations: 1000, coldStarts: 10, initAvgMs: 250.5, initP99Ms: 400, initP50Ms: null, maxMemoryUsedMB: 180, billedDurationAvgMs: 100.4 })
    expect(s!.duration).toEqual({ avg: 90, p50: null, p90: null, p99: 300, p999: null, max: 950 })
    expect(parseReportLinesResult([])).toBeNull()
    expect(parseReportLinesResult([[{ field: 'invocations', value: '0' }]])).toBeNull()
    expect(REPORT_LINES_QUERY).toMatch(/^filter @type = "REPORT" \| stats count\(\*\) as invocations, count\(@initDuration\) as coldStarts/)
  })
})

describe('buildReport: the month as billed', () => {
  it('prices the REPORT lines\' billed durations and never adds INIT on top of them', () => {
    // 864,000 invokes in a day = 26,280,000 a month (x 2,628,000 / 86,400). The REPORT lines bill 100.4 ms on
    // average at 1 GB, INIT included where Lambda bills it: 26,280,000 x 0.1004 s = 2,638,512 GB-s x 0.0000166667
    // = 43.9753; requests 26.28 x 0.2 = 5.256. Total 49.2313. (Adding 1% cold x 250 ms again would give 50.3263.)
    const logs: FunctionLogs = { summary: summary(), parts: [{ version: '$LATEST', memoryMB: 1024, invocations: 1000, billedMs: 100_400 }], state: 'read' }
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [steady], logs: [logs], calls })
    const f = r.functions[0]!
    expect(r.schemaVersion).toBe(1)
    expect(f.errorRate).toBeCloseTo(0.01, 10)
    expect(f.monthly.invocations).toBeCloseTo(26_280_000, 3)
    expect(f.monthly.cost).toBeCloseTo(26_280_000 * 0.1004 * GBS + 26_280_000 * REQ, 6)
    expect(f.monthly.cost).toBeCloseTo(49.2313, 3)
    expect(f.monthly.basis).toMatchObject({ billedDuration: 'report-lines', init: 'in-billed-duration', parts: [{ version: '$LATEST', memoryMB: 1024, share: 1 }] })
    expect(r.totals.monthlyCost).toBe(f.monthly.cost)
    expect(f.concurrency.average).toBeCloseTo(1, 10) // 864,000 x 0.1 s / 86,400 s
    expect(f.concurrency.peakArrivalRate).toBe(10) // 36,000 / 3,600 s
    expect(f.coldStarts).toMatchObject({ source: 'logs', count: 8640, share: 0.01 })
    expect(f.memoryUsed!.utilization).toBe(0.25)
    expect(f.sources).toEqual({ counts: 'metrics', duration: 'metrics', percentiles: 'metrics', concurrency: 'metrics', coldStarts: 'logs', memoryUsed: 'logs' })
    expect(f.excluded).toBeNull()
  })

  it('prices each part of the window at its own memory and architecture', () => {
    // 3/4 of the invokes ran at 128 MB on $LATEST, 1/4 at 512 MB on version 7 (arm64), 10 ms billed each.
    // Month: 26,280,000 invokes. x86 128 MB: 19,710,000 x 0.01 s x 0.125 GB x 0.0000166667 + 19.71 x 0.2;
    // arm64 512 MB: 6,570,000 x 0.01 s x 0.5 GB x 0.0000133334 + 6.57 x 0.2.
    const parts = [
      { version: '$LATEST', memoryMB: 128, invocations: 750, billedMs: 7500 },
      { version: '7', memoryMB: 512, invocations: 250, billedMs: 2500 },
    ]
    const r = buildReport({
      region: 'us-east-1', window, functions: [fn], metrics: [steady], calls,
      logs: [{ summary: summary(), parts, state: 'read' }],
      versionArchitectures: [new Map([['7', 'arm64' as const]])],
    })
    const f = r.functions[0]!
    const x86 = 19_710_000 * 0.01 * 0.125 * GBS + 19_710_000 * REQ
    const arm = 6_570_000 * 0.01 * 0.5 * 0.0000133334 + 6_570_000 * REQ
    expect(f.monthly.cost).toBeCloseTo(x86 + arm, 8)
    expect(f.monthly.basis!.parts).toEqual([
      { version: '$LATEST', memoryMB: 128, architecture: 'x86_64', architectureFrom: 'current', share: 0.75, billedDurationMs: 10, cost: expect.closeTo(x86, 8) },
      { version: '7', memoryMB: 512, architecture: 'arm64', architectureFrom: 'version', share: 0.25, billedDurationMs: 10, cost: expect.closeTo(arm, 8) },
    ])
  })

  it('without REPORT lines: the average rounded up, INIT added only where billed and known, and says so', () => {
    const metricsOnly = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [steady], calls })
    expect(metricsOnly.functions[0]!.monthly.basis).toMatchObject({ billedDuration: 'average-duration', init: 'unknown', parts: [{ billedDurationMs: 100 }] })
    expect(metricsOnly.functions[0]!.monthly.cost).toBeCloseTo(26_280_000 * 0.1 * GBS + 26_280_000 * REQ, 6)
    // Lambda Insights gives the cold starts: 1% x 250 ms of INIT is added, once.
    const insights: FunctionMetrics = { ...steady, values: { ...steady.values, initCount: 8640, initAvg: 250, memMax: 256 } }
    const withInit = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [insights], calls })
    expect(withInit.functions[0]!.monthly.basis!.init).toBe('added')
    expect(withInit.functions[0]!.monthly.cost).toBeCloseTo(26_280_000 * (0.1 + 0.01 * 0.25) * GBS + 26_280_000 * REQ, 6)
    // Logs were read but held no REPORT lines: a warning says how the cost was priced instead.
    const empty = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [steady], logs: [{ summary: null, parts: [], state: 'read' }], calls })
    expect(empty.warnings).toEqual(["api: no REPORT lines in the window: the cost is priced from CloudWatch's average duration, rounded up, without INIT (cold starts unknown)"])
  })

  it('before August 2025 a managed runtime\'s INIT is not billed', () => {
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [steady], calls, billingDate: '2025-07-01' })
    expect(r.functions[0]!.monthly.basis!.init).toBe('not-billed')
  })

  it('reports a function without traffic as zero, with a warning when nothing ran at all', () => {
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [{ values: {}, traffic: [] }], logs: [undefined], calls })
    expect(r.functions[0]).toMatchObject({ invocations: 0, duration: null, coldStarts: null, monthly: { invocations: 0, cost: 0, basis: null } })
    expect(r.warnings[0]).toMatch(/no invocations in the window/)
  })
})

describe('buildReport: sweep traffic left out', () => {
  // 1,000 invokes in the window, 200 of them a sweep's (through its aliases): 800 are production.
  const mixed: FunctionMetrics = {
    values: { invocations: 1000, errors: 30, throttles: 2, durationAvg: 50, durationP50: 40, durationP99: 400, durationMax: 900, concurrencyMax: 12 },
    traffic: [600, 400, ...new Array<number>(22).fill(0)],
    concurrencySeries: [3, 12, ...new Array<number | null>(22).fill(null)],
    sweep: { invocations: 200, errors: 10, throttles: 2, durationSum: 200 * 150, traffic: [0, 200, ...new Array<number>(22).fill(0)] },
  }
  const sweep = { runIds: ['1a2b3c4d'], qualifiers: ['lambda-tune-1a2b3c4d-128', 'lambda-tune-1a2b3c4d-512'], versions: ['3', '4'] }

  it('takes the sweep off the counts, the average and the traffic; percentiles and maximum come from the production REPORT lines', () => {
    const logs: FunctionLogs = {
      summary: summary({ invocations: 800, duration: { avg: 25, p50: 20, p90: 40, p99: 80, p999: 95, max: 99 } }),
      parts: [{ version: '$LATEST', memoryMB: 1024, invocations: 800, billedMs: 800 * 26 }],
      state: 'read',
    }
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [mixed], logs: [logs], sweeps: [sweep], calls })
    const f = r.functions[0]!
    expect(f).toMatchObject({ invocations: 800, errors: 20, throttles: 0 })
    // (50 x 1,000 - 150 x 200) / 800 = 25 ms
    expect(f.duration).toEqual({ avg: 25, p50: 20, p90: 40, p99: 80, p999: 95, max: 99 })
    expect(f.sources).toMatchObject({ duration: 'metrics', percentiles: 'logs', concurrency: 'metrics' })
    // the busiest production period is the first (600); the second had the sweep in it: its peak of 12 is not production's
    expect(f.concurrency.max).toBe(3)
    expect(f.concurrency.peakArrivalRate).toBe(600 / 3600)
    expect(f.excluded).toEqual({ invocations: 200, errors: 10, throttles: 2, runs: ['1a2b3c4d'], qualifiers: sweep.qualifiers, versions: ['3', '4'] })
    expect(r.totals.excludedInvocations).toBe(200)
    expect(f.monthly.invocations).toBeCloseTo((800 * 2_628_000) / 86_400, 6)
  })

  it('without REPORT lines the percentiles are null and a warning says why', () => {
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [mixed], sweeps: [sweep], calls })
    const f = r.functions[0]!
    expect(f.duration).toEqual({ avg: 25, p50: null, p90: null, p99: null, p999: null, max: null })
    expect(r.warnings).toContain("api: duration percentiles and maximum are null: CloudWatch's include 200 invokes of lambda-tune sweeps, and no REPORT lines were read to leave them out")
  })
})

describe('buildReport: degraded reads', () => {
  it('counts that could not be read are null, not zero', () => {
    const r = buildReport({ region: 'us-east-1', window, functions: [fn], metrics: [{ values: {}, traffic: [], failed: new Set(['invocations', 'errors']) }], calls })
    expect(r.functions[0]).toMatchObject({ invocations: null, errors: null, errorRate: null, throttles: null, monthly: { invocations: null, cost: null } })
    expect(r.functions[0]!.sources.counts).toBeNull()
    expect(r.warnings).toEqual([])
  })

  it('percentiles CloudWatch answered without: from the REPORT lines, one warning for every function', () => {
    const noPct: FunctionMetrics = { ...steady, values: { invocations: 100, durationAvg: 10, durationMax: 30 } }
    const logs: FunctionLogs = { summary: summary({ invocations: 100, duration: { avg: 10, p50: 9, p90: 20, p99: 29, p999: 30, max: 30 } }), parts: [], state: 'read' }
    const r = buildReport({ region: 'us-east-1', window, functions: [fn, { ...fn, name: 'other' }], metrics: [noPct, noPct], logs: [logs, undefined], calls })
    expect(r.functions[0]!.duration).toMatchObject({ p50: 9, p99: 29 })
    expect(r.functions[0]!.sources.percentiles).toBe('logs')
    expect(r.functions[1]!.duration).toMatchObject({ p50: null, p99: null, max: 30 })
    expect(r.warnings.filter((w) => w.startsWith('GetMetricData returned no datapoints for the duration percentiles'))).toHaveLength(1)
  })
})
