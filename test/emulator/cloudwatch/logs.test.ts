import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  GetQueryResultsCommand,
  InvalidParameterException,
  MalformedQueryException,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartQueryCommand,
  StopQueryCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LogEvent } from '../../../src/emulator/types.js'
import { cliEnv, startHarness, type Harness } from './harness.js'

const run = promisify(execFile)
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0)
const MINUTE = 60_000
const GROUP = '/aws/lambda/f'
const STREAM_A = '2026/01/01/[$LATEST]aaaa'
const STREAM_B = '2026/01/01/[$LATEST]bbbb'

let h: Harness

const requestId = (k: number): string => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`

/** invoke k at minute k: Duration 10·k ms, Max Memory Used 40 + k MB; the first invoke of each stream is cold */
function textInvoke(k: number, initMs?: number): LogEvent[] {
  const t = T0 + k * MINUTE
  const id = requestId(k)
  const init = initMs === undefined ? '' : `\tInit Duration: ${initMs.toFixed(2)} ms`
  return [
    { timestamp: t, message: `START RequestId: ${id} Version: $LATEST` },
    { timestamp: t + 1, message: `2026-01-01T00:00:00.000Z\t${id}\tINFO\thandling ${k}` },
    { timestamp: t + 2, message: `END RequestId: ${id}` },
    {
      timestamp: t + 3,
      message: `REPORT RequestId: ${id}\tDuration: ${(10 * k).toFixed(2)} ms\tBilled Duration: ${10 * k} ms\tMemory Size: 128 MB\tMax Memory Used: ${40 + k} MB${init}\t`,
    },
  ]
}

function jsonReport(k: number, initMs?: number): LogEvent {
  const metrics: Record<string, number> = { durationMs: k + 0.5, billedDurationMs: k + 1, memorySizeMB: 256, maxMemoryUsedMB: 70 }
  if (initMs !== undefined) metrics['initDurationMs'] = initMs
  return {
    timestamp: T0 + k * 1000,
    message: JSON.stringify({ time: new Date(T0 + k * 1000).toISOString(), type: 'platform.report', record: { requestId: requestId(k), metrics, status: 'success' } }),
  }
}

async function insights(queryString: string, group = GROUP, range = { startTime: T0 / 1000, endTime: T0 / 1000 + 3600 }) {
  const { queryId } = await h.logs.send(new StartQueryCommand({ logGroupName: group, queryString, ...range }))
  const out = await h.logs.send(new GetQueryResultsCommand({ queryId }))
  return { ...out, rows: (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field, f.value]))) }
}

beforeAll(async () => {
  h = await startHarness(() => T0 + 2 * 3600_000)
  for (let k = 1; k <= 10; k++) {
    h.cloudWatch.sink.appendLogs(GROUP, k <= 6 ? STREAM_A : STREAM_B, textInvoke(k, k === 1 ? 150.5 : k === 7 ? 250 : undefined))
  }
  const jsonEvents = [1, 2, 3, 4].map((k) => jsonReport(k, k === 1 ? 12 : undefined))
  h.cloudWatch.sink.appendLogs('/aws/lambda/j', '2026/01/01/[$LATEST]jjjj', jsonEvents)
})

afterAll(async () => {
  await h.close()
})

describe('log groups and streams through the JS SDK (AWS JSON 1.1)', () => {
  test('the sink made a group per function and a stream per environment', async () => {
    const groups = await h.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }))
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/f', '/aws/lambda/j'])
    expect(groups.logGroups?.[0]).toMatchObject({ arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*', creationTime: T0 + 2 * 3600_000 })
    const streams = await h.logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true }))
    expect(streams.logStreams?.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp])).toEqual([
      [STREAM_B, T0 + 7 * MINUTE, T0 + 10 * MINUTE + 3],
      [STREAM_A, T0 + MINUTE, T0 + 6 * MINUTE + 3],
    ])
  })

  test('CreateLogGroup, CreateLogStream, PutLogEvents, GetLogEvents and their errors', async () => {
    await h.logs.send(new CreateLogGroupCommand({ logGroupName: '/custom/app' }))
    await expect(h.logs.send(new CreateLogGroupCommand({ logGroupName: '/custom/app' }))).rejects.toBeInstanceOf(ResourceAlreadyExistsException)
    await h.logs.send(new CreateLogStreamCommand({ logGroupName: '/custom/app', logStreamName: 's1' }))
    await expect(h.logs.send(new CreateLogStreamCommand({ logGroupName: '/custom/none', logStreamName: 's1' }))).rejects.toBeInstanceOf(ResourceNotFoundException)
    const events = [1, 2, 3, 4, 5].map((i) => ({ timestamp: T0 + i, message: `line ${i}` }))
    await h.logs.send(new PutLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 's1', logEvents: events }))
    const unordered = h.logs.send(new PutLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 's1', logEvents: [events[1]!, events[0]!] }))
    await expect(unordered).rejects.toBeInstanceOf(InvalidParameterException)
    const missingStream = h.logs.send(new PutLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 'nope', logEvents: events }))
    await expect(missingStream).rejects.toBeInstanceOf(ResourceNotFoundException)

    const head = await h.logs.send(new GetLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 's1', startFromHead: true, limit: 2 }))
    expect(head.events?.map((e) => e.message)).toEqual(['line 1', 'line 2'])
    const next = await h.logs.send(new GetLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 's1', limit: 2, nextToken: head.nextForwardToken }))
    expect(next.events?.map((e) => e.message)).toEqual(['line 3', 'line 4'])
    const tail = await h.logs.send(new GetLogEventsCommand({ logGroupName: '/custom/app', logStreamName: 's1', limit: 2 }))
    expect(tail.events?.map((e) => e.message)).toEqual(['line 4', 'line 5'])
    expect(tail.events?.[0]).toMatchObject({ timestamp: T0 + 4, ingestionTime: T0 + 2 * 3600_000 })
  })
})

describe('FilterLogEvents', () => {
  test('a plain term, a quoted phrase, the empty pattern and a stream filter', async () => {
    const reports = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'REPORT' }))
    expect(reports.events).toHaveLength(10)
    expect(reports.events?.map((e) => e.timestamp)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (i + 1) * MINUTE + 3))
    expect(reports.events?.[6]).toMatchObject({ logStreamName: STREAM_B, message: expect.stringContaining('Init Duration: 250.00 ms') })
    const cold = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"Init Duration"' }))
    expect(cold.events?.map((e) => e.logStreamName)).toEqual([STREAM_A, STREAM_B])
    const all = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '' }))
    expect(all.events).toHaveLength(40)
    const streamA = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, logStreamNames: [STREAM_A], filterPattern: 'REPORT' }))
    expect(streamA.events).toHaveLength(6)
    const window = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'REPORT -"Init Duration"', startTime: T0 + 2 * MINUTE, endTime: T0 + 4 * MINUTE + 3 }))
    expect(window.events?.map((e) => e.message?.split('\t')[0])).toEqual([2, 3, 4].map((k) => `REPORT RequestId: ${requestId(k)}`))
    const either = await h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '?START ?END' }))
    expect(either.events).toHaveLength(20)
  })

  test('pagination with limit and nextToken', async () => {
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateFilterLogEvents({ client: h.logs }, { logGroupName: GROUP, filterPattern: 'REPORT', limit: 4 })) {
      pages++
      seen.push(...(page.events ?? []).map((e) => e.message!))
    }
    expect(pages).toBe(3)
    expect(seen).toHaveLength(10)
    expect(new Set(seen).size).toBe(10)
  })

  test('an unknown group and an unsupported pattern', async () => {
    await expect(h.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nobody' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    })
    await expect(h.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = "ERROR" }' }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    )
  })
})

describe('Logs Insights', () => {
  test('stats over REPORT lines: counts, cold starts, averages and percentiles', async () => {
    const out = await insights(
      'filter @type = "REPORT" | stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@duration) as avgDuration, ' +
        'pct(@duration, 90) as p90, pct(@duration, 50), pct(@duration, 12) as p12, max(@maxMemoryUsed) as maxMem, min(@initDuration) as minInit, sum(@billedDuration) as billed, max(@memorySize)',
    )
    expect(out.status).toBe('Complete')
    // durations 10..100: avg 55; nearest rank p90 = 9th = 90, p50 = 5th = 50; memory in bytes (MB × 1,000,000)
    expect(out.results).toEqual([
      [
        { field: 'invocations', value: '10' },
        { field: 'coldStarts', value: '2' },
        { field: 'avgDuration', value: '55' },
        { field: 'p90', value: '90' },
        { field: 'pct(@duration, 50)', value: '50' },
        // rank ⌈0.12 × 10⌉ = 2
        { field: 'p12', value: '20' },
        { field: 'maxMem', value: '50000000' },
        { field: 'minInit', value: '150.5' },
        { field: 'billed', value: '550' },
        { field: 'max(@memorySize)', value: '128000000' },
      ],
    ])
    expect(out.statistics).toMatchObject({ recordsMatched: 10, recordsScanned: 40 })
  })

  test('stats by bin(5m) and by @logStream, sorted', async () => {
    const bins = await insights('filter @type = "REPORT" | stats count(*) as n, max(@duration) as slowest by bin(5m)')
    expect(bins.rows).toEqual([
      { 'bin(5m)': '2026-01-01 00:10:00.000', n: '1', slowest: '100' },
      { 'bin(5m)': '2026-01-01 00:05:00.000', n: '5', slowest: '90' },
      { 'bin(5m)': '2026-01-01 00:00:00.000', n: '4', slowest: '40' },
    ])
    const streams = await insights('filter @type = "REPORT" | stats count(*) as n, count(@initDuration) as cold by @logStream | sort n desc')
    expect(streams.rows).toEqual([
      { '@logStream': STREAM_A, n: '6', cold: '1' },
      { '@logStream': STREAM_B, n: '4', cold: '1' },
    ])
  })

  test('fields, like /regex/, sort and limit', async () => {
    const out = await insights('fields @timestamp, @requestId, @duration, @maxMemoryUsed | filter @message like /^REPORT/ | sort @duration desc | limit 3')
    expect(out.rows.map((r) => [r['@timestamp'], r['@requestId'], r['@duration'], r['@maxMemoryUsed']])).toEqual([
      ['2026-01-01 00:10:00.003', requestId(10), '100', '50000000'],
      ['2026-01-01 00:09:00.003', requestId(9), '90', '49000000'],
      ['2026-01-01 00:08:00.003', requestId(8), '80', '48000000'],
    ])
    expect(out.rows[0]?.['@ptr']).toEqual(expect.any(String))
    const cold = await insights('filter @type = "REPORT" and ispresent(@initDuration) | fields @initDuration, @logStream')
    expect(cold.rows.map((r) => [r['@initDuration'], r['@logStream']])).toEqual([
      ['250', STREAM_B],
      ['150.5', STREAM_A],
    ])
    const window = await insights('filter @type = "REPORT" | stats count(*) as n', GROUP, { startTime: T0 / 1000 + 120, endTime: T0 / 1000 + 300 })
    expect(window.rows).toEqual([{ n: '4' }])
    const none = await insights('filter @type = "REPORT" | stats count(*) as n, avg(@duration) as a', GROUP, { startTime: 0, endTime: 60 })
    expect(none.rows).toEqual([])
    expect(none.statistics).toMatchObject({ recordsMatched: 0, recordsScanned: 0 })
  })

  test('parse: a regular expression with named groups, or a glob with a name per *', async () => {
    const byVersion = await insights('filter @type = "REPORT" | parse @logStream /\\[(?<version>[^\\]]+)\\](?<env>[a-z]+)/ | stats count(*) as n by version, env | sort n desc')
    expect(byVersion.rows).toEqual([
      { version: '$LATEST', env: 'aaaa', n: '6' },
      { version: '$LATEST', env: 'bbbb', n: '4' },
    ])
    const glob = await insights('filter @message like /handling/ | parse @message "INFO\t* *" as verb, k | stats count(*) as n by verb | sort verb')
    expect(glob.rows).toEqual([{ verb: 'handling', n: '10' }])
    const excluded = await insights('filter @type = "REPORT" and @logStream not like /bbbb$/ | stats count(*) as n')
    expect(excluded.rows).toEqual([{ n: '6' }])
  })

  test('the JSON log format: platform.report records give the same fields', async () => {
    const out = await insights(
      'filter @type = "REPORT" | stats count(*) as n, count(@initDuration) as cold, pct(@duration, 50) as p50, max(@maxMemoryUsed) as mem, max(@memorySize) as size',
      '/aws/lambda/j',
    )
    // durations 1.5, 2.5, 3.5, 4.5: the 2nd is the nearest-rank median
    expect(out.rows).toEqual([{ n: '4', cold: '1', p50: '2.5', mem: '70000000', size: '256000000' }])
    const raw = await insights('filter type = "platform.report" | fields record.metrics.durationMs | sort record.metrics.durationMs asc | limit 1', '/aws/lambda/j')
    expect(raw.rows[0]?.['record.metrics.durationMs']).toBe('1.5')
  })

  test('queries outside the subset are MalformedQueryException; unknown groups ResourceNotFoundException', async () => {
    for (const bad of ['dedup @message', 'parse @message "* *" as a', 'parse @message /no named group/', 'stats median(@duration)', 'filter @type = ', 'fields @message | limit many', '']) {
      const error = await insights(bad).then(() => undefined, (e: unknown) => e)
      if (bad === '') expect(error).toBeInstanceOf(InvalidParameterException)
      else expect(error, bad).toBeInstanceOf(MalformedQueryException)
    }
    await expect(insights('fields @message', '/aws/lambda/nobody')).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(h.logs.send(new GetQueryResultsCommand({ queryId: 'no-such-query' }))).rejects.toBeInstanceOf(ResourceNotFoundException)
    const { queryId } = await h.logs.send(new StartQueryCommand({ logGroupName: GROUP, queryString: 'fields @message', startTime: 0, endTime: 1 }))
    expect((await h.logs.send(new StopQueryCommand({ queryId }))).success).toBe(false)
  })
})

describe('the AWS CLI', () => {
  async function aws(args: string[]) {
    const { stdout } = await run('aws', ['--endpoint-url', h.endpoint, '--output', 'json', ...args], { env: cliEnv(), timeout: 60_000 })
    return JSON.parse(stdout) as Record<string, unknown>
  }

  test('logs filter-log-events and an Insights query', async () => {
    const out = await aws(['logs', 'filter-log-events', '--log-group-name', GROUP, '--filter-pattern', '"Init Duration"'])
    expect((out['events'] as Array<{ logStreamName: string }>).map((e) => e.logStreamName)).toEqual([STREAM_A, STREAM_B])
    const started = await aws(['logs', 'start-query', '--log-group-name', GROUP, '--start-time', String(T0 / 1000), '--end-time', String(T0 / 1000 + 3600),
      '--query-string', 'filter @type = "REPORT" | stats count(*) as n, pct(@duration, 99) as p99'])
    const results = await aws(['logs', 'get-query-results', '--query-id', String(started['queryId'])])
    expect(results).toMatchObject({ status: 'Complete', results: [[{ field: 'n', value: '10' }, { field: 'p99', value: '100' }]] })
  })
})

describe('malformed Logs requests', () => {
  test('a body that is not JSON and an unknown operation', async () => {
    const post = (target: string, body: string) =>
      fetch(h.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body })
    const bad = await post('Logs_20140328.FilterLogEvents', '{"logGroupName":')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ __type: 'SerializationException' })
    const unknown = await post('Logs_20140328.PutDestinationOnTheMoon', '{}')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' })
  })
})
