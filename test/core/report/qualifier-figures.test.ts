import { describe, expect, it } from 'vitest'
import { CallFailedError } from '../../../src/core/report/call-failure.js'
import {
  metricWindow,
  readQualifierFigures,
  streamPrefixes,
  trimmedMeanStat,
  type QualifierPorts,
  type QualifierReadOptions,
  type ReportEvent,
  type WaitProgress,
} from '../../../src/core/report/qualifier-figures.js'
import type { MetricQuery } from '../../../src/core/report/types.js'

const start = new Date('2026-11-27T23:59:10Z')
const end = new Date('2026-11-28T00:00:20Z')
const ref = { functionName: 'api', qualifier: 'lambda-tune-ab12-512', versions: ['7'], logGroup: '/aws/lambda/api' }
const report = (ms: number, init?: number): ReportEvent => ({
  timestamp: start.getTime() + 1000,
  logStreamName: '2026/11/27/[7]abc',
  message: `REPORT RequestId: x\tDuration: ${ms.toFixed(2)} ms\tBilled Duration: ${Math.ceil(ms)} ms\tMemory Size: 512 MB\tMax Memory Used: ${60 + ms} MB${init ? `\tInit Duration: ${init} ms` : ''}`,
})

/** A fake clock and CloudWatch whose metrics arrive after `metricsAfterMs` and REPORT lines after `logsAfterMs`. */
function setup(o: { metricsAfterMs?: number; logsAfterMs?: number; lines?: ReportEvent[]; metrics?: Record<string, number>; failMetrics?: boolean }) {
  let clock = 0
  const asked: MetricQuery[][] = []
  const ports: QualifierPorts = {
    async getMetricData(queries) {
      asked.push(queries)
      if (o.failMetrics) throw new CallFailedError({ call: 'GetMetricData', status: 500, kind: 'other', code: 'an HTML page', message: '' })
      const arrived = clock >= (o.metricsAfterMs ?? 0)
      const values = o.metrics ?? {}
      return { series: queries.map((q) => ({ id: q.id, timestamps: arrived && values[q.id.slice(2)] !== undefined ? [0] : [], values: arrived && values[q.id.slice(2)] !== undefined ? [values[q.id.slice(2)]!] : [] })), failed: [] }
    },
    async reportEvents() {
      return clock >= (o.logsAfterMs ?? 0) ? (o.lines ?? []) : []
    },
  }
  const progress: WaitProgress[] = []
  const options = (over: Partial<QualifierReadOptions>): QualifierReadOptions => ({
    ref, start, end, expected: 3, source: 'auto', ports,
    now: () => clock,
    sleep: async (ms) => { clock += ms },
    onProgress: (p) => progress.push(p),
    ...over,
  })
  return { options, progress, asked, now: () => clock }
}

const threeInvokes = { invocations: 3, errors: 1, count: 3, avg: 20, p50: 10, p90: 40, p95: 40, p99: 40, max: 40 }

describe('readQualifierFigures', () => {
  it('reads the Resource metrics of the alias over whole minutes around the invokes, as one period', () => {
    expect(metricWindow(start, end)).toEqual({ start: new Date('2026-11-27T23:58:00Z'), end: new Date('2026-11-28T00:02:00Z'), period: 240 })
    expect(streamPrefixes(['7'], new Date('2026-11-27T23:58:00Z'), new Date('2026-11-28T00:02:00Z'))).toEqual(['2026/11/27/[7]', '2026/11/28/[7]'])
  })

  it('waits for the metrics to arrive, with progress, then says every figure came from them', async () => {
    const s = setup({ metricsAfterMs: 7000, metrics: threeInvokes })
    const f = await readQualifierFigures(s.options({ source: 'cloudwatch', pollMs: 2000 }))
    // polls at 0, 2 s, 6 s (waits double), then 14 s: the metrics are there
    expect(s.progress.map((p) => [p.elapsedMs, p.source, p.seen, p.expected])).toEqual([[0, 'metrics', 0, 3], [2000, 'metrics', 0, 3], [6000, 'metrics', 0, 3]])
    expect(s.progress[0]).toMatchObject({ resource: 'api:lambda-tune-ab12-512', timeoutMs: 300_000 })
    expect(f).toMatchObject({
      complete: true, waitedMs: 14_000,
      invocations: { value: 3, source: 'metrics' }, errors: { value: 1, source: 'metrics' },
      duration: { value: { avg: 20, p50: 10, p90: 40, p95: 40, p99: 40, max: 40 }, source: 'metrics' },
      coldStarts: { value: null, source: null }, maxMemoryUsedMB: { value: null, source: null },
    })
    expect(s.asked[0]!.map((q) => `${q.metricName}/${q.stat}`)).toEqual(['Invocations/Sum', 'Errors/Sum', 'Duration/SampleCount', 'Duration/Average', 'Duration/p50', 'Duration/p90', 'Duration/p95', 'Duration/p99', 'Duration/Maximum'])
    expect(s.asked[0]![0]!.dimensions).toEqual([{ name: 'FunctionName', value: 'api' }, { name: 'Resource', value: 'api:lambda-tune-ab12-512' }])
    expect(f.warnings).toEqual([])
  })

  it('auto prefers every invoke\'s REPORT line: durations, billed time, cold starts, INIT and memory from the logs, errors from the metrics', async () => {
    const s = setup({ metrics: threeInvokes, lines: [report(10.5, 200), report(20), report(40)] })
    const f = await readQualifierFigures(s.options({}))
    expect(f).toMatchObject({
      complete: true,
      invocations: { value: 3, source: 'logs' },
      errors: { value: 1, source: 'metrics' },
      duration: { value: { avg: 70.5 / 3, p50: 20, p90: 40, p95: 40, p99: 40, max: 40 }, source: 'logs' },
      billedDuration: { value: { avg: 71 / 3, sum: 71 }, source: 'logs' },
      coldStarts: { value: 1, source: 'logs' },
      initDuration: { value: { avg: 200, max: 200 }, source: 'logs' },
      maxMemoryUsedMB: { value: 100, source: 'logs' },
    })
    expect(f.reports.map((r) => r.durationMs)).toEqual([10.5, 20, 40])
  })

  it('with a trim, the durations\' trimmed mean: CloudWatch\'s TM(a%:b%), or the same cut of the REPORT lines', async () => {
    expect(trimmedMeanStat(0.1)).toBe('TM(10%:90%)')
    expect(trimmedMeanStat(0.05)).toBe('TM(5%:95%)')
    const m = setup({ metrics: { ...threeInvokes, tm: 15 } })
    const fromMetrics = await readQualifierFigures(m.options({ source: 'cloudwatch', trim: 0.1 }))
    expect(m.asked[0]!.at(-1)).toMatchObject({ id: 'q_tm', metricName: 'Duration', stat: 'TM(10%:90%)' })
    expect(fromMetrics.duration.value).toMatchObject({ avg: 20, trimmedMean: 15 })
    const lines = [10, 11, 12, 13, 14, 15, 16, 17, 18, 100].map((ms) => report(ms))
    const l = setup({ metrics: threeInvokes, lines })
    const fromLogs = await readQualifierFigures(l.options({ expected: 10, trim: 0.1 }))
    // a tenth cut at each end: 11..18
    expect(fromLogs.duration.value).toMatchObject({ trimmedMean: 14.5 })
    const untrimmed = await readQualifierFigures(l.options({ expected: 10 }))
    expect(untrimmed.duration.value?.trimmedMean).toBeNull()
    expect(l.asked.at(-1)!.map((q) => q.stat)).not.toContain('TM(10%:90%)')
  })

  it('auto falls back to the metrics when no REPORT line ever arrives (a system log level that filters them)', async () => {
    const s = setup({ metricsAfterMs: 3000, metrics: threeInvokes })
    const f = await readQualifierFigures(s.options({ pollMs: 1000 }))
    expect(f.duration.source).toBe('metrics')
    expect(f.coldStarts).toEqual({ value: null, source: null })
    expect(f.complete).toBe(true)
  })

  it('gives up at the timeout with what arrived, and says so', async () => {
    const s = setup({ metricsAfterMs: 0, metrics: { ...threeInvokes, invocations: 2, count: 2 } })
    const f = await readQualifierFigures(s.options({ source: 'cloudwatch', timeoutMs: 30_000, pollMs: 5000 }))
    expect(f.complete).toBe(false)
    expect(s.now()).toBeLessThanOrEqual(30_000)
    expect(f.warnings).toEqual(['only 2 of 3 invocations of api:lambda-tune-ab12-512 arrived in the CloudWatch metrics within 30 s'])
  })

  it('a source that cannot be read costs its figures, with a warning naming the call', async () => {
    const s = setup({ failMetrics: true })
    const f = await readQualifierFigures(s.options({ source: 'cloudwatch', timeoutMs: 10_000 }))
    expect(f.duration).toEqual({ value: null, source: null })
    expect(f.failures).toEqual({ metrics: { call: 'GetMetricData', status: 500, kind: 'other', code: 'an HTML page', message: '' }, logs: null })
    expect(f.warnings).toEqual([
      "GetMetricData answered HTTP 500 with an HTML page, not an AWS error: api:lambda-tune-ab12-512's figures from the CloudWatch metrics are null",
    ])
    // the metrics cannot be read, and no REPORT line: nothing to wait for
    expect(s.now()).toBe(0)
  })

  it('no durations from either source within the wait: says so', async () => {
    const s = setup({ metricsAfterMs: 60_000, metrics: threeInvokes })
    const f = await readQualifierFigures(s.options({ source: 'auto', timeoutMs: 10_000, pollMs: 5000 }))
    expect(f.duration).toEqual({ value: null, source: null })
    expect(f.failures).toEqual({ metrics: null, logs: null })
    expect(f.warnings).toEqual(['no durations of api:lambda-tune-ab12-512 arrived in the CloudWatch metrics or the REPORT lines within 10 s'])
    expect(s.progress.length).toBeGreaterThan(0)
    expect(s.now()).toBeLessThanOrEqual(10_000)
  })
})
