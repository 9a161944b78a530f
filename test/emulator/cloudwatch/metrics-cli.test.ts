import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { cliEnv, startHarness, type Harness } from './harness.js'

const run = promisify(execFile)
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0)
const MINUTE = 60_000
const START = '2026-01-01T00:00:00Z'
const END = '2026-01-01T00:10:00Z'

let h: Harness
/** an AWS_DATA_PATH holding botocore's CloudWatch model switched to awsQuery, as older CLIs speak it */
let queryModelDir: string

async function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('aws', ['--endpoint-url', h.endpoint, '--output', 'json', ...args], { env: cliEnv(extraEnv), timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

const awsQuery = (args: string[]) => aws(args, { AWS_DATA_PATH: queryModelDir })

async function botocoreDir(): Promise<string> {
  const { stdout } = await run('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'])
  return stdout.trim()
}

beforeAll(async () => {
  h = await startHarness()
  for (let i = 1; i <= 20; i++) {
    h.cloudWatch.sink.recordInvocation({ functionName: 'f', executedVersion: '$LATEST', timestamp: T0 + i * 1000, throttled: false, error: i % 10 === 0, durationMs: i })
  }
  for (let i = 1; i <= 10; i++) {
    h.cloudWatch.sink.recordInvocation({ functionName: 'f', executedVersion: '1', qualifier: '1', timestamp: T0 + MINUTE + i * 1000, throttled: false, error: false, durationMs: i * 10 })
  }
  queryModelDir = mkdtempSync(path.join(tmpdir(), 'lt-cw-model-'))
  const model = JSON.parse(gunzipSync(readFileSync(path.join(await botocoreDir(), 'data/cloudwatch/2010-08-01/service-2.json.gz'))).toString('utf8')) as {
    metadata: Record<string, unknown>
  }
  model.metadata['protocol'] = 'query'
  model.metadata['protocols'] = ['query']
  mkdirSync(path.join(queryModelDir, 'cloudwatch/2010-08-01'), { recursive: true })
  writeFileSync(path.join(queryModelDir, 'cloudwatch/2010-08-01/service-2.json'), JSON.stringify(model))
})

afterAll(async () => {
  await h.close()
  rmSync(queryModelDir, { recursive: true, force: true })
})

const statisticsArgs = [
  'cloudwatch', 'get-metric-statistics', '--namespace', 'AWS/Lambda', '--metric-name', 'Duration',
  '--dimensions', 'Name=FunctionName,Value=f', '--start-time', START, '--end-time', END, '--period', '60',
]

// AWS CLI v1 prints timestamps as they came over the wire: epoch seconds from JSON, the XML text from awsQuery
const epoch = (iso: string): number => Date.parse(iso) / 1000
const xmlTime = (iso: string): string => iso

describe.each([
  ['AWS JSON 1.0 (what this machine\'s CLI sends)', aws, epoch],
  ['awsQuery (form-encoded, XML responses)', awsQuery, xmlTime],
] as const)('the AWS CLI over %s', (_name, cli, ts) => {
  test('get-metric-statistics with statistics', async () => {
    const out = await cli([...statisticsArgs, '--statistics', 'Average', 'SampleCount', 'Maximum'])
    expect(out.stderr).toBe('')
    const parsed = JSON.parse(out.stdout) as { Label: string; Datapoints: Array<Record<string, unknown>> }
    expect(parsed.Label).toBe('Duration')
    expect(parsed.Datapoints.map((d) => [d['Timestamp'], d['Average'], d['SampleCount'], d['Maximum'], d['Unit']])).toEqual([
      [ts('2026-01-01T00:00:00Z'), 10.5, 20, 20, 'Milliseconds'],
      [ts('2026-01-01T00:01:00Z'), 55, 10, 100, 'Milliseconds'],
    ])
  })

  test('get-metric-statistics with extended statistics', async () => {
    const out = await cli([...statisticsArgs, '--extended-statistics', 'p50', 'p90', 'p99'])
    const parsed = JSON.parse(out.stdout) as { Datapoints: Array<{ ExtendedStatistics: Record<string, number> }> }
    expect(parsed.Datapoints.map((d) => d.ExtendedStatistics)).toEqual([
      { p50: 10, p90: 18, p99: 20 },
      { p50: 50, p90: 90, p99: 100 },
    ])
  })

  test('get-metric-data with a Resource dimension', async () => {
    const queries = JSON.stringify([
      { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'f' }] }, Period: 60, Stat: 'Sum' } },
      {
        Id: 'res',
        Label: 'by resource',
        MetricStat: {
          Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'f' }, { Name: 'Resource', Value: 'f:1' }] },
          Period: 60,
          Stat: 'p90',
        },
      },
      { Id: 'err', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'f' }] }, Period: 300, Stat: 'Sum' } },
    ])
    const out = await cli(['cloudwatch', 'get-metric-data', '--start-time', START, '--end-time', END, '--scan-by', 'TimestampAscending', '--metric-data-queries', queries])
    expect(out.stderr).toBe('')
    const parsed = JSON.parse(out.stdout) as { MetricDataResults: Array<Record<string, unknown>> }
    expect(parsed.MetricDataResults).toEqual([
      { Id: 'inv', Label: 'Invocations', Timestamps: [ts('2026-01-01T00:00:00Z'), ts('2026-01-01T00:01:00Z')], Values: [20, 10], StatusCode: 'Complete', Messages: [] },
      { Id: 'res', Label: 'by resource', Timestamps: [ts('2026-01-01T00:01:00Z')], Values: [90], StatusCode: 'Complete', Messages: [] },
      { Id: 'err', Label: 'Errors', Timestamps: [ts('2026-01-01T00:00:00Z')], Values: [2], StatusCode: 'Complete', Messages: [] },
    ])
  })

  test('put-metric-data then list-metrics', async () => {
    const ns = `Custom/Cli${cli === aws ? 'Json' : 'Query'}`
    const put = await cli(['cloudwatch', 'put-metric-data', '--namespace', ns, '--metric-data',
      JSON.stringify([{ MetricName: 'Items', Dimensions: [{ Name: 'Shop', Value: 'a' }], Timestamp: '2026-01-01T00:02:00Z', Values: [1, 2], Counts: [3, 1], Unit: 'Count' }])])
    expect(put).toMatchObject({ code: 0, stderr: '' })
    const list = await cli(['cloudwatch', 'list-metrics', '--namespace', ns])
    expect(JSON.parse(list.stdout)).toEqual({ Metrics: [{ Namespace: ns, MetricName: 'Items', Dimensions: [{ Name: 'Shop', Value: 'a' }] }] })
    const stats = await cli(['cloudwatch', 'get-metric-statistics', '--namespace', ns, '--metric-name', 'Items', '--dimensions', 'Name=Shop,Value=a',
      '--start-time', START, '--end-time', END, '--period', '300', '--statistics', 'Sum', 'SampleCount'])
    expect((JSON.parse(stats.stdout) as { Datapoints: unknown[] }).Datapoints).toEqual([
      { Timestamp: ts('2026-01-01T00:00:00Z'), Sum: 5, SampleCount: 4, Unit: 'Count' },
    ])
  })

  test('an invalid period is an InvalidParameterValue error and exit code 255', async () => {
    const out = await cli([...statisticsArgs.slice(0, -1), '7', '--statistics', 'Sum'])
    expect(out.code).toBe(255)
    expect(out.stderr).toContain('An error occurred (InvalidParameterValue) when calling the GetMetricStatistics operation: The parameter Period must be 1, 5, 10, 30 or a multiple of 60.')
  })
})

describe('awsQuery on the wire', () => {
  test('an XML response in the CloudWatch namespace, and an ErrorResponse', async () => {
    const form = new URLSearchParams({
      Action: 'GetMetricStatistics', Version: '2010-08-01', Namespace: 'AWS/Lambda', MetricName: 'Invocations',
      'Dimensions.member.1.Name': 'FunctionName', 'Dimensions.member.1.Value': 'f', StartTime: START, EndTime: END, Period: '600',
      'Statistics.member.1': 'Sum',
    })
    const res = await fetch(h.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/xml')
    expect(await res.text()).toMatch(
      /^<GetMetricStatisticsResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><GetMetricStatisticsResult><Label>Invocations<\/Label><Datapoints><member><Timestamp>2026-01-01T00:00:00Z<\/Timestamp><Sum>30<\/Sum><Unit>Count<\/Unit><\/member><\/Datapoints><\/GetMetricStatisticsResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/GetMetricStatisticsResponse>$/,
    )
    const tooMany = new URLSearchParams({ Action: 'GetMetricData', Version: '2010-08-01', StartTime: START, EndTime: END })
    for (let i = 1; i <= 501; i++) {
      tooMany.set(`MetricDataQueries.member.${i}.Id`, `q${i}`)
      tooMany.set(`MetricDataQueries.member.${i}.MetricStat.Metric.Namespace`, 'AWS/Lambda')
      tooMany.set(`MetricDataQueries.member.${i}.MetricStat.Metric.MetricName`, 'Invocations')
      tooMany.set(`MetricDataQueries.member.${i}.MetricStat.Period`, '60')
      tooMany.set(`MetricDataQueries.member.${i}.MetricStat.Stat`, 'Sum')
    }
    const error = await fetch(h.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tooMany.toString() })
    expect(error.status).toBe(400)
    expect(await error.text()).toMatch(
      /^<ErrorResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>ValidationError<\/Code><Message>The collection MetricDataQueries must not have a size greater than 500\.<\/Message><\/Error><RequestId>/,
    )
  })

  test('an unknown action is InvalidAction', async () => {
    const res = await fetch(h.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeAlarms&Version=2010-08-01' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>InvalidAction</Code>')
  })
})
