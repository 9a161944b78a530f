import { gzipSync } from 'node:zlib'
import {
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  ListMetricsCommand,
  MissingRequiredParameterException,
  PutMetricDataCommand,
  paginateGetMetricData,
  paginateListMetrics,
  type Dimension,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { InvocationRecord } from '../../../src/emulator/types.js'
import { startHarness, type Harness } from './harness.js'

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0)
const MINUTE = 60_000
const fn = (name: string): Dimension[] => [{ Name: 'FunctionName', Value: name }]

let h: Harness

function record(r: Partial<InvocationRecord> & { timestamp: number }): void {
  h.cloudWatch.sink.recordInvocation({ functionName: 'f', executedVersion: '$LATEST', throttled: false, error: false, ...r })
}

function query(id: string, metricName: string, stat: string, dimensions: Dimension[] = fn('f'), namespace = 'AWS/Lambda', period = 60): MetricDataQuery {
  return { Id: id, MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: period, Stat: stat } }
}

async function getData(queries: MetricDataQuery[], extra: { ScanBy?: 'TimestampAscending' | 'TimestampDescending' } = {}) {
  const out = await h.cw.send(
    new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + 10 * MINUTE), MetricDataQueries: queries, ScanBy: 'TimestampAscending', ...extra }),
  )
  return Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id, r]))
}

beforeAll(async () => {
  h = await startHarness()
  // minute 0: 20 invokes of f, durations 1..20 ms; the first two are cold starts; every 5th is an error
  for (let i = 1; i <= 20; i++) {
    record({
      timestamp: T0 + i * 1000,
      durationMs: i,
      error: i % 5 === 0,
      concurrentExecutions: i <= 10 ? i : 3,
      unreservedConcurrentExecutions: 4,
      maxMemoryUsedMB: 64,
      memorySizeMB: 128,
      ...(i <= 2 ? { initDurationMs: 100 * i } : {}),
    })
  }
  // minute 1: 10 invokes of f through alias "live" (version 3), durations 10, 20, ..., 100 ms
  for (let i = 1; i <= 10; i++) {
    record({ timestamp: T0 + MINUTE + i * 1000, durationMs: i * 10, qualifier: 'live', executedVersion: '3', concurrentExecutions: 1 })
  }
  // two throttles of f and one invoke of g, in minute 1
  record({ timestamp: T0 + MINUTE + 500, throttled: true })
  record({ timestamp: T0 + MINUTE + 600, throttled: true, qualifier: 'live', executedVersion: '3' })
  record({ functionName: 'g', timestamp: T0 + MINUTE + 700, durationMs: 1000 })
  // one invoke of h's version 7 by its number
  record({ functionName: 'h', timestamp: T0 + MINUTE + 800, durationMs: 5, qualifier: '7', executedVersion: '7' })
})

afterAll(async () => {
  await h.close()
})

describe('GetMetricData through the JS SDK (AWS JSON 1.0, query-compatible)', () => {
  test('counts and duration statistics per period, worked out by hand', async () => {
    const r = await getData([
      query('inv', 'Invocations', 'Sum'),
      query('err', 'Errors', 'Sum'),
      query('thr', 'Throttles', 'Sum'),
      query('avg', 'Duration', 'Average'),
      query('min', 'Duration', 'Minimum'),
      query('max', 'Duration', 'Maximum'),
      query('n', 'Duration', 'SampleCount'),
      query('p50', 'Duration', 'p50'),
      query('p90', 'Duration', 'p90'),
      query('p99', 'Duration', 'p99'),
      query('p999', 'Duration', 'p99.9'),
      query('p12', 'Duration', 'p12'),
      query('tm90', 'Duration', 'tm90'),
      query('tmRange', 'Duration', 'TM(10%:90%)'),
      query('conc', 'ConcurrentExecutions', 'Maximum'),
    ])
    const minutes = [new Date(T0), new Date(T0 + MINUTE)]
    expect(r['inv']).toMatchObject({ Label: 'Invocations', StatusCode: 'Complete', Timestamps: minutes, Values: [20, 10] })
    expect(r['err']?.Values).toEqual([4, 0])
    expect(r['thr']?.Values).toEqual([0, 2])
    expect(r['avg']?.Values).toEqual([10.5, 55])
    expect(r['min']?.Values).toEqual([1, 10])
    expect(r['max']?.Values).toEqual([20, 100])
    expect(r['n']?.Values).toEqual([20, 10])
    // nearest rank: p50 of 1..20 is the 10th value, p90 the 18th, p99 the 20th; of 10..100 the 5th, 9th, 10th
    expect(r['p50']?.Values).toEqual([10, 50])
    expect(r['p90']?.Values).toEqual([18, 90])
    expect(r['p99']?.Values).toEqual([20, 100])
    expect(r['p999']?.Values).toEqual([20, 100])
    // rank ⌈0.12 × 20⌉ = ⌈2.4⌉ = 3 and ⌈0.12 × 10⌉ = 2: a rounded or interpolated rank would differ
    expect(r['p12']?.Values).toEqual([3, 20])
    // tm90: mean of the values up to p90: (1+...+18)/18 = 9.5 and (10+...+90)/9 = 50
    expect(r['tm90']?.Values).toEqual([9.5, 50])
    // TM(10%:90%): ranks above ⌈0.1 × 20⌉ = 2 up to 18: (3+...+18)/16 = 10.5; of 10..100, ranks 2..9: 55
    expect(r['tmRange']?.Values).toEqual([10.5, 55])
    expect(r['conc']?.Values).toEqual([10, 1])
    expect(r['p50']?.Timestamps).toEqual(minutes)
  })

  test('a 5-minute period aggregates both minutes; the default ScanBy is newest first', async () => {
    const r = await getData([query('avg', 'Duration', 'Average', fn('f'), 'AWS/Lambda', 300), query('p50', 'Duration', 'p50', fn('f'), 'AWS/Lambda', 300)], {
      ScanBy: 'TimestampDescending',
    })
    // (210 + 550) / 30; p50 of the 30 values is the 15th: 1..20 then 10,20,..: sorted 1..9,10,10,11..20 → 14
    expect(r['avg']).toMatchObject({ Timestamps: [new Date(T0)], Values: [760 / 30] })
    expect(r['p50']?.Values).toEqual([14])
    const desc = await getData([query('inv', 'Invocations', 'Sum')], { ScanBy: 'TimestampDescending' })
    expect(desc['inv']?.Values).toEqual([10, 20])
    expect(desc['inv']?.Timestamps).toEqual([new Date(T0 + MINUTE), new Date(T0)])
  })

  test('dimension sets: Resource, ExecutedVersion, account-wide, other functions', async () => {
    const r = await getData([
      query('res', 'Invocations', 'Sum', [...fn('f'), { Name: 'Resource', Value: 'f:live' }]),
      query('resThr', 'Throttles', 'Sum', [{ Name: 'Resource', Value: 'f:live' }, ...fn('f')]),
      query('v3', 'Duration', 'Maximum', [...fn('f'), { Name: 'Resource', Value: 'f:live' }, { Name: 'ExecutedVersion', Value: '3' }]),
      // Lambda publishes ExecutedVersion only with the Resource of an alias: never alone, never for unqualified invokes
      query('v3alone', 'Duration', 'Maximum', [...fn('f'), { Name: 'ExecutedVersion', Value: '3' }]),
      query('latest', 'Invocations', 'Sum', [...fn('f'), { Name: 'ExecutedVersion', Value: '$LATEST' }]),
      query('ver', 'Invocations', 'Sum', [...fn('h'), { Name: 'Resource', Value: 'h:7' }]),
      query('verExec', 'Invocations', 'Sum', [...fn('h'), { Name: 'Resource', Value: 'h:7' }, { Name: 'ExecutedVersion', Value: '7' }]),
      query('all', 'Invocations', 'Sum', []),
      query('allMax', 'Duration', 'Maximum', []),
      query('g', 'Duration', 'Average', fn('g')),
      query('unres', 'UnreservedConcurrentExecutions', 'Maximum', []),
      query('unresFn', 'UnreservedConcurrentExecutions', 'Maximum'),
      query('nobody', 'Invocations', 'Sum', fn('nobody')),
    ])
    expect(r['res']?.Values).toEqual([10])
    expect(r['res']?.Timestamps).toEqual([new Date(T0 + MINUTE)])
    expect(r['resThr']?.Values).toEqual([1])
    expect(r['v3']?.Values).toEqual([100])
    expect(r['v3alone']?.Values).toEqual([])
    expect(r['latest']?.Values).toEqual([])
    expect(r['ver']?.Values).toEqual([1])
    expect(r['verExec']?.Values).toEqual([])
    expect(r['all']?.Values).toEqual([20, 12])
    expect(r['allMax']?.Values).toEqual([20, 1000])
    expect(r['g']?.Values).toEqual([1000])
    expect(r['unres']?.Values).toEqual([4])
    expect(r['unresFn']).toMatchObject({ StatusCode: 'Complete', Values: [], Timestamps: [] })
    expect(r['nobody']).toMatchObject({ StatusCode: 'Complete', Values: [] })
  })

  test('LambdaInsights: init_duration on cold starts only, memory in MB and percent', async () => {
    const dims = [{ Name: 'function_name', Value: 'f' }]
    const r = await getData([
      query('initN', 'init_duration', 'SampleCount', dims, 'LambdaInsights'),
      query('initMax', 'init_duration', 'Maximum', dims, 'LambdaInsights'),
      query('used', 'used_memory_max', 'Maximum', dims, 'LambdaInsights'),
      query('total', 'total_memory', 'Average', dims, 'LambdaInsights'),
      query('util', 'memory_utilization', 'Average', dims, 'LambdaInsights'),
    ])
    expect(r['initN']?.Values).toEqual([2])
    expect(r['initMax']?.Values).toEqual([200])
    expect(r['used']?.Values).toEqual([64])
    expect(r['total']?.Values).toEqual([128])
    expect(r['util']?.Values).toEqual([50])
  })

  test('provisioned concurrency: invocations, spillovers and utilisation of the Resource', async () => {
    const at = T0 + 5 * MINUTE
    const pc = { functionName: 'pc', executedVersion: '2', qualifier: 'live', provisionedConcurrency: 4 }
    record({ ...pc, timestamp: at, provisioned: true, provisionedConcurrentExecutions: 1, durationMs: 5 })
    record({ ...pc, timestamp: at + 1, provisioned: true, provisionedConcurrentExecutions: 3, durationMs: 5 })
    record({ ...pc, timestamp: at + 2, provisioned: false, durationMs: 5 })
    const res = [{ Name: 'FunctionName', Value: 'pc' }, { Name: 'Resource', Value: 'pc:live' }]
    const r = await getData([
      query('pcInv', 'ProvisionedConcurrencyInvocations', 'Sum', res),
      query('spill', 'ProvisionedConcurrencySpilloverInvocations', 'Sum', res),
      query('util', 'ProvisionedConcurrencyUtilization', 'Maximum', res),
      query('busy', 'ProvisionedConcurrentExecutions', 'Maximum', res),
      query('inv', 'Invocations', 'Sum', res),
      query('fPc', 'ProvisionedConcurrencyInvocations', 'Sum'),
    ])
    expect(r['pcInv']?.Values).toEqual([2])
    expect(r['spill']?.Values).toEqual([1])
    expect(r['util']?.Values).toEqual([0.75])
    expect(r['busy']?.Values).toEqual([3])
    expect(r['inv']?.Values).toEqual([3])
    // a function without provisioned concurrency publishes none of these
    expect(r['fPc']?.Values).toEqual([])
  })

  test('a Unit in MetricStat selects datapoints of that unit only', async () => {
    const r = await getData([
      { Id: 'ms', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: fn('f') }, Period: 60, Stat: 'Sum', Unit: 'Milliseconds' } },
      { Id: 'sec', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: fn('f') }, Period: 60, Stat: 'Sum', Unit: 'Seconds' } },
    ])
    expect(r['ms']?.Values).toEqual([210, 550])
    expect(r['sec']?.Values).toEqual([])
  })

  test('ReturnData false hides a query; Label is kept', async () => {
    const out = await h.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 10 * MINUTE),
        MetricDataQueries: [{ ...query('hidden', 'Invocations', 'Sum'), ReturnData: false }, { ...query('shown', 'Errors', 'Sum'), Label: 'my errors' }],
      }),
    )
    expect(out.MetricDataResults?.map((r) => [r.Id, r.Label])).toEqual([['shown', 'my errors']])
  })

  test('metric math: arithmetic between queries, on the timestamps both have', async () => {
    const r = await getData([
      { ...query('inv', 'Invocations', 'Sum'), ReturnData: false },
      { ...query('err', 'Errors', 'Sum'), ReturnData: false },
      { Id: 'rate', Expression: '100 * err / inv', Label: 'error rate' },
      { Id: 'ok', Expression: '(inv - err) / inv * 100' },
      { ...query('resInv', 'Invocations', 'Sum', [...fn('f'), { Name: 'Resource', Value: 'f:live' }]), ReturnData: false },
      { Id: 'mixed', Expression: 'inv + resInv' },
    ])
    expect(Object.keys(r)).toEqual(['rate', 'ok', 'mixed'])
    expect(r['rate']).toMatchObject({ Label: 'error rate', Values: [20, 0], Timestamps: [new Date(T0), new Date(T0 + MINUTE)] })
    expect(r['ok']).toMatchObject({ Label: 'ok', Values: [80, 100] })
    // resInv has minute 1 only: 10 + 10
    expect(r['mixed']).toMatchObject({ Values: [20], Timestamps: [new Date(T0 + MINUTE)] })
    for (const expression of ['inv +', 'SUM(METRICS())', 'nosuch * 2', '2 * 3']) {
      const bad = getData([query('inv', 'Invocations', 'Sum'), { Id: 'e', Expression: expression }])
      await expect(bad, expression).rejects.toBeInstanceOf(InvalidParameterValueException)
    }
  })

  test('pagination: MaxDatapoints splits the datapoints over pages with NextToken', async () => {
    const queries = [query('inv', 'Invocations', 'Sum', fn('f'), 'AWS/Lambda', 1), query('dur', 'Duration', 'Maximum', fn('f'), 'AWS/Lambda', 1)]
    const pages = []
    for await (const page of paginateGetMetricData(
      { client: h.cw },
      { StartTime: new Date(T0), EndTime: new Date(T0 + 10 * MINUTE), MetricDataQueries: queries, MaxDatapoints: 7, ScanBy: 'TimestampAscending' },
    )) {
      pages.push(page)
    }
    // 30 one-second datapoints per query (invokes at distinct seconds) = 60 points in pages of 7 → 9 pages
    expect(pages).toHaveLength(9)
    const values: Record<string, number[]> = { inv: [], dur: [] }
    for (const page of pages) {
      const count = (page.MetricDataResults ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0)
      expect(count).toBeLessThanOrEqual(7)
      for (const r of page.MetricDataResults ?? []) values[r.Id!]!.push(...(r.Values ?? []))
    }
    expect(values['inv']).toEqual(new Array(30).fill(1))
    expect(values['dur']).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), ...Array.from({ length: 10 }, (_, i) => (i + 1) * 10)])
    expect(pages[0]?.MetricDataResults?.[0]?.StatusCode).toBe('PartialData')
    expect(pages.at(-1)?.NextToken).toBeUndefined()
  })

  test('more than 500 queries is a ValidationError', async () => {
    const queries = Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'Invocations', 'Sum'))
    const error = await h.cw
      .send(new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE), MetricDataQueries: queries }))
      .then(() => undefined, (e: unknown) => e)
    expect(error).toMatchObject({ Code: 'ValidationError', $fault: 'client', message: 'The collection MetricDataQueries must not have a size greater than 500.' })
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400)
    // 500 is allowed
    const ok = await h.cw.send(
      new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE), MetricDataQueries: queries.slice(0, 500) }),
    )
    expect(ok.MetricDataResults).toHaveLength(500)
    expect(ok.MetricDataResults?.[499]?.Values).toEqual([20])
  })

  test('bad statistics, periods and time ranges are InvalidParameterValueException', async () => {
    const bad = [
      [query('a', 'Duration', 'p101')],
      [query('a', 'Duration', 'Median')],
      [query('a', 'Duration', 'Sum', fn('f'), 'AWS/Lambda', 61)],
      [query('Upper', 'Duration', 'Sum')],
      [query('a', 'Duration', 'Sum'), query('a', 'Errors', 'Sum')],
    ]
    for (const queries of bad) {
      const error = await h.cw
        .send(new GetMetricDataCommand({ StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE), MetricDataQueries: queries }))
        .then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidParameterValueException)
      expect(error).toMatchObject({ Code: 'InvalidParameterValue', Type: 'Sender' })
    }
    const reversed = h.cw.send(new GetMetricDataCommand({ StartTime: new Date(T0 + MINUTE), EndTime: new Date(T0), MetricDataQueries: [query('a', 'Duration', 'Sum')] }))
    await expect(reversed).rejects.toBeInstanceOf(InvalidParameterValueException)
  })
})

describe('GetMetricStatistics, ListMetrics and PutMetricData through the JS SDK', () => {
  test('GetMetricStatistics with Statistics and with ExtendedStatistics', async () => {
    const basic = await h.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: fn('f'),
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 10 * MINUTE),
        Period: 60,
        Statistics: ['Average', 'SampleCount', 'Sum', 'Minimum', 'Maximum'],
      }),
    )
    expect(basic.Label).toBe('Duration')
    expect(basic.Datapoints).toEqual([
      { Timestamp: new Date(T0), Average: 10.5, SampleCount: 20, Sum: 210, Minimum: 1, Maximum: 20, Unit: 'Milliseconds' },
      { Timestamp: new Date(T0 + MINUTE), Average: 55, SampleCount: 10, Sum: 550, Minimum: 10, Maximum: 100, Unit: 'Milliseconds' },
    ])
    const extended = await h.cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: fn('f'),
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 10 * MINUTE),
        Period: 60,
        ExtendedStatistics: ['p50', 'p99'],
      }),
    )
    expect(extended.Datapoints?.map((d) => d.ExtendedStatistics)).toEqual([
      { p50: 10, p99: 20 },
      { p50: 50, p99: 100 },
    ])
    const neither = h.cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/Lambda', MetricName: 'Duration', StartTime: new Date(T0), EndTime: new Date(T0 + MINUTE), Period: 60 }),
    )
    await expect(neither).rejects.toBeInstanceOf(MissingRequiredParameterException)
  })

  test('GetMetricStatistics refuses more than 1,440 datapoints', async () => {
    const tooMany = h.cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/Lambda', MetricName: 'Duration', StartTime: new Date(T0), EndTime: new Date(T0 + 1441 * MINUTE), Period: 60, Statistics: ['Sum'] }),
    )
    await expect(tooMany).rejects.toBeInstanceOf(InvalidParameterCombinationException)
    const enough = await h.cw.send(
      new GetMetricStatisticsCommand({ Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: fn('f'), StartTime: new Date(T0), EndTime: new Date(T0 + 1440 * MINUTE), Period: 60, Statistics: ['Sum'] }),
    )
    expect(enough.Datapoints?.map((d) => d.Sum)).toEqual([210, 550])
  })

  test('ListMetrics filters by namespace, name and dimensions', async () => {
    const byName = await h.cw.send(new ListMetricsCommand({ Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'f' }] }))
    const sets = byName.Metrics?.map((m) => m.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join(',')).sort()
    expect(sets).toEqual(['ExecutedVersion=3,FunctionName=f,Resource=f:live', 'FunctionName=f', 'FunctionName=f,Resource=f:live'])
    const resources = await h.cw.send(new ListMetricsCommand({ Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'Resource' }, { Name: 'FunctionName', Value: 'f' }] }))
    expect(new Set(resources.Metrics?.map((m) => m.MetricName))).toEqual(new Set(['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']))
    const insights = await h.cw.send(new ListMetricsCommand({ Namespace: 'LambdaInsights' }))
    expect(new Set(insights.Metrics?.map((m) => `${m.MetricName}/${m.Dimensions?.[0]?.Value}`))).toEqual(
      new Set(['init_duration/f', 'used_memory_max/f', 'total_memory/f', 'memory_utilization/f']),
    )
  })

  test('PutMetricData: values with counts, statistic sets, and ListMetrics pagination over 600 metrics', async () => {
    const at = new Date(T0 + 2 * MINUTE)
    await h.cw.send(
      new PutMetricDataCommand({
        Namespace: 'Custom/App',
        MetricData: [
          { MetricName: 'Latency', Unit: 'Milliseconds', Timestamp: at, Values: [5, 1, 3], Counts: [1, 2, 1] },
          { MetricName: 'Latency', Unit: 'Milliseconds', Timestamp: at, Value: 9 },
          { MetricName: 'Batch', Timestamp: at, StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 } },
        ],
      }),
    )
    const r = await getData([
      query('sum', 'Latency', 'Sum', [], 'Custom/App'),
      query('n', 'Latency', 'SampleCount', [], 'Custom/App'),
      query('p50', 'Latency', 'p50', [], 'Custom/App'),
      query('p80', 'Latency', 'p80', [], 'Custom/App'),
      query('bAvg', 'Batch', 'Average', [], 'Custom/App'),
      query('bP50', 'Batch', 'p50', [], 'Custom/App'),
    ])
    // samples 1, 1, 3, 5, 9: sum 19, p50 = 3rd = 3, p80 = 4th = 5; a statistic set has no percentiles
    expect(r['sum']?.Values).toEqual([19])
    expect(r['n']?.Values).toEqual([5])
    expect(r['p50']?.Values).toEqual([3])
    expect(r['p80']?.Values).toEqual([5])
    expect(r['bAvg']?.Values).toEqual([2.5])
    expect(r['bP50']?.Values).toEqual([])

    // 600 metrics in one namespace: the SDK gzips a body this large
    for (let batch = 0; batch < 6; batch++) {
      await h.cw.send(
        new PutMetricDataCommand({
          Namespace: 'Custom/Many',
          MetricData: Array.from({ length: 100 }, (_, i) => ({ MetricName: 'M', Dimensions: [{ Name: 'Index', Value: String(batch * 100 + i) }], Timestamp: at, Value: 1 })),
        }),
      )
    }
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateListMetrics({ client: h.cw }, { Namespace: 'Custom/Many' })) {
      pages++
      seen.push(...(page.Metrics ?? []).map((m) => m.Dimensions![0]!.Value!))
    }
    expect(pages).toBe(2)
    expect(new Set(seen).size).toBe(600)
  })

  test('PutMetricData refuses AWS/ namespaces and stores nothing from a bad request', async () => {
    const reserved = h.cw.send(new PutMetricDataCommand({ Namespace: 'AWS/Lambda', MetricData: [{ MetricName: 'Invocations', Value: 1 }] }))
    await expect(reserved).rejects.toBeInstanceOf(InvalidParameterValueException)
    const mixed = h.cw.send(
      new PutMetricDataCommand({ Namespace: 'Custom/Bad', MetricData: [{ MetricName: 'ok', Value: 1 }, { MetricName: 'bad', Values: [1, 2], Counts: [1] }] }),
    )
    await expect(mixed).rejects.toBeInstanceOf(InvalidParameterValueException)
    const listed = await h.cw.send(new ListMetricsCommand({ Namespace: 'Custom/Bad' }))
    expect(listed.Metrics).toEqual([])
  })
})

describe('malformed requests get AWS-shaped errors', () => {
  async function post(target: string, body: Buffer | string, headers: Record<string, string> = {}) {
    const res = await fetch(h.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, 'x-amzn-query-mode': 'true', ...headers },
      body,
    })
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
  }

  test('a body that is not JSON', async () => {
    const res = await post('GraniteServiceVersion20100801.GetMetricData', '{"MetricDataQueries": [')
    expect(res.status).toBe(400)
    expect(res.body['__type']).toBe('com.amazon.coral.service#SerializationException')
    expect(res.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender')
  })

  test('an unknown operation', async () => {
    const res = await post('GraniteServiceVersion20100801.DescribeAlarmsForTheMoon', '{}')
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-query-error')).toBe('InvalidAction;Sender')
  })

  test('wrong member types', async () => {
    const res = await post('GraniteServiceVersion20100801.GetMetricData', JSON.stringify({ MetricDataQueries: 'all', StartTime: 0, EndTime: 60 }))
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ __type: 'com.amazonaws.cloudwatch#InvalidParameterValueException' })
  })

  test('a gzipped body is read', async () => {
    const body = gzipSync(JSON.stringify({ Namespace: 'AWS/Lambda', MetricName: 'Invocations' }))
    const res = await post('GraniteServiceVersion20100801.ListMetrics', body, { 'content-encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect((res.body['Metrics'] as unknown[]).length).toBeGreaterThan(0)
  })

  test('requests for other services are left to the caller', async () => {
    const res = await fetch(`${h.endpoint}/2015-03-31/functions/f/invocations`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(404)
  })
})
