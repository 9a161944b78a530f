import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateAliasCommand,
  GetAccountSettingsCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  PublishVersionCommand,
  TagResourceCommand,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda'
import { UserError } from '../../src/core/errors.js'
import { CallFailedError } from '../../src/core/report/call-failure.js'
import { describeFailure, toUserError } from '../../src/aws/errors.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricsReader } from '../../src/aws/cloudwatch.js'
import { lambdaInventory } from '../../src/aws/lambda-inventory.js'
import { logsReader } from '../../src/aws/logs.js'
import { REPORT_LINES_BY_GROUP_QUERY, parseReportLinesByGroup } from '../../src/core/report/logs-query.js'
import type { MetricQuery } from '../../src/core/report/types.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'

let emu: TestEmulator
const minute = 60_000
const end = new Date(Math.ceil(Date.now() / minute) * minute)
const start = new Date(end.getTime() - 60 * minute)

beforeAll(async () => {
  emu = await startTestEmulator()
  // five datapoints in five different minutes, values 1..5
  await emu.cloudwatch.send(new PutMetricDataCommand({
    Namespace: 'Test',
    MetricData: [1, 2, 3, 4, 5].map((v) => ({ MetricName: 'm', Value: v, Timestamp: new Date(end.getTime() - (v + 1) * minute), Dimensions: [{ Name: 'k', Value: 'a' }] })),
  }))
  for (let i = 0; i < 4; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: '{}' }))
})
afterAll(async () => {
  await emu?.stop()
})

const query = (id: string, period: number, stat = 'Sum'): MetricQuery => ({
  id, namespace: 'Test', metricName: 'm', dimensions: [{ name: 'k', value: 'a' }], stat, period,
})

describe('metricsReader (GetMetricData over the SDK)', () => {
  it('sends at most 500 queries a call: 1,001 queries take 3 calls, every one answered', async () => {
    const reader = metricsReader(emu.cloudwatch)
    const queries = Array.from({ length: 1001 }, (_, i) => query(`q${i}`, 3600))
    const { series, failed } = await reader.getMetricData(queries, start, end)
    expect(failed).toEqual([])
    expect(reader.calls.getMetricData).toBe(3)
    expect(series).toHaveLength(1001)
    expect(series.every((s) => s.values.reduce((a, b) => a + b, 0) === 15)).toBe(true)
  })

  it('follows NextToken and merges the pages of a series', async () => {
    const reader = metricsReader(emu.cloudwatch, { maxDatapoints: 2 })
    const [series] = (await reader.getMetricData([query('perMinute', 60)], start, end)).series
    expect(reader.calls.getMetricData).toBe(3) // 5 points, 2 a page
    expect([...series!.values].sort()).toEqual([1, 2, 3, 4, 5])
    expect(series!.timestamps).toHaveLength(5)
  })

  it('reads Lambda metrics by FunctionName and lists functions with LambdaInsights metrics', async () => {
    const reader = metricsReader(emu.cloudwatch)
    const [inv] = (await reader.getMetricData([{ id: 'inv', namespace: 'AWS/Lambda', metricName: 'Invocations', dimensions: [{ name: 'FunctionName', value: 'noop' }], stat: 'Sum', period: 3600 }], start, end)).series
    expect(inv!.values.reduce((a, b) => a + b, 0)).toBe(4)
    const insights = await reader.insightsFunctions()
    expect(insights.has('noop')).toBe(true)
  })
})

describe('logsReader (Logs Insights and FilterLogEvents over the SDK)', () => {
  it('runs the REPORT-lines query by log group and polls it to completion', async () => {
    const reader = logsReader(emu.logs)
    const rows = await reader.query(['/aws/lambda/noop'], REPORT_LINES_BY_GROUP_QUERY, start, end)
    const byGroup = parseReportLinesByGroup(rows!)
    expect(byGroup.get('/aws/lambda/noop')).toMatchObject({ source: 'logs', invocations: 4 })
    expect(reader.calls.startQuery).toBe(1)
    expect(reader.calls.getQueryResults).toBeGreaterThanOrEqual(1)
  })

  it('answers null for a log group that does not exist', async () => {
    expect(await logsReader(emu.logs).query(['/aws/lambda/never-ran'], REPORT_LINES_BY_GROUP_QUERY, start, end)).toBeNull()
  })

  it('filters log events', async () => {
    const events = await logsReader(emu.logs).filterEvents('/aws/lambda/noop', 'REPORT', start, end)
    expect(events).toHaveLength(4)
    expect(events.every((e) => e.message.startsWith('REPORT RequestId:'))).toBe(true)
  })
})

describe('lambdaInventory', () => {
  it('selects functions by name, prefix and tag, reading nothing else', async () => {
    const inventory = lambdaInventory(emu.lambda)
    const arn = (await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'io-wait' }))).FunctionArn!
    await emu.lambda.send(new TagResourceCommand({ Resource: arn, Tags: { team: 'io' } }))
    expect((await inventory.select({ names: ['noop'] })).map((f) => f.name)).toEqual(['noop'])
    expect((await inventory.select({ prefix: 'cpu-' })).map((f) => f.name).sort()).toEqual(['cpu-hash', 'cpu-parallel'])
    const tagged = await inventory.select({ tag: { key: 'team', value: 'io' } })
    expect(tagged).toEqual([expect.objectContaining({ name: 'io-wait', memoryMB: 128, logGroup: '/aws/lambda/io-wait', architecture: 'x86_64' })])
    await expect(inventory.select({ tag: { key: 'team', value: 'nobody' } })).rejects.toThrow('no function matches tag team=nobody')
    expect(await inventory.accountConcurrencyLimit()).toBe(1000)
    expect(await inventory.reservedConcurrency('noop')).toBeNull()
    expect(await inventory.provisionedConcurrency('noop')).toBe(0)
  })
})

describe('failures: each read names the call, the HTTP status and whether the body was an AWS error', () => {
  const failureOf = async (work: () => Promise<unknown>) => {
    const err = await work().then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(CallFailedError)
    return (err as CallFailedError).failure
  }

  it('GetMetricData: a call refused for its percentile statistics is tried again per family, costing only those', async () => {
    emu.emulator.faults.percentiles = 500
    try {
      const reader = metricsReader(emu.cloudwatch)
      const answer = await reader.getMetricData([query('sum', 3600), query('pct', 3600, 'p99'), query('avg', 3600, 'Average')], start, end)
      expect(answer.series.map((s) => s.id).sort()).toEqual(['avg', 'sum'])
      expect(answer.failed).toEqual([{ ids: ['pct'], failure: { call: 'GetMetricData', status: 500, kind: 'other', code: 'an HTML page', message: expect.any(String) } }])
      expect(reader.calls.getMetricData).toBe(3) // the mixed batch, then counts and percentiles apart
    } finally {
      emu.emulator.faults.percentiles = 'keep'
    }
  })

  it('an AWS error is told from a page that is not one', async () => {
    const aws = await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' })).catch((e: unknown) => e)
    expect(describeFailure(aws, 'GetFunctionConfiguration')).toMatchObject({ status: 404, kind: 'aws', code: 'ResourceNotFoundException' })
    emu.emulator.faults.htmlErrors = { GetAccountSettings: 404 }
    try {
      const html = await emu.lambda.send(new GetAccountSettingsCommand({})).catch((e: unknown) => e)
      expect(describeFailure(html, 'GetAccountSettings')).toMatchObject({ status: 404, kind: 'other', code: 'an HTML page' })
      const user = toUserError(html, 'reading account settings', emu.endpoint, 'GetAccountSettings') as UserError
      expect(user).toBeInstanceOf(UserError)
      expect(user.message).toBe(`GetAccountSettings answered HTTP 404 with an HTML page, not an AWS error (while reading account settings at ${emu.endpoint})`)
      expect(await failureOf(() => lambdaInventory(emu.lambda).accountConcurrencyLimit())).toMatchObject({ call: 'GetAccountSettings', status: 404, kind: 'other' })
    } finally {
      emu.emulator.faults.htmlErrors = {}
    }
  })

  it('ListMetrics and StartQuery failures are CallFailedErrors', async () => {
    emu.emulator.faults.htmlErrors = { ListMetrics: 502, StartQuery: 503 }
    try {
      expect(await failureOf(() => metricsReader(emu.cloudwatch).insightsFunctions())).toMatchObject({ call: 'ListMetrics', status: 502, kind: 'other' })
      expect(await failureOf(() => logsReader(emu.logs).query(['/aws/lambda/noop'], REPORT_LINES_BY_GROUP_QUERY, start, end))).toMatchObject({ call: 'StartQuery', status: 503 })
    } finally {
      emu.emulator.faults.htmlErrors = {}
    }
  })
})

describe('qualified invokes in the metrics', () => {
  it('lists the Resource of an alias with the version behind it, and of a version invoked by number', async () => {
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'noop' }))
    await waitUntilPublishedVersionActive({ client: emu.lambda, maxWaitTime: 30, minDelay: 0.1, maxDelay: 0.2 }, { FunctionName: 'noop', Qualifier: v.Version })
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'noop', Name: 'live', FunctionVersion: v.Version }))
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Qualifier: 'live', Payload: '{}' }))
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Qualifier: v.Version, Payload: '{}' }))
    const found = (await metricsReader(emu.cloudwatch).qualifiedMetrics()).filter((m) => m.functionName === 'noop')
    expect(found).toEqual(expect.arrayContaining([
      { functionName: 'noop', resource: 'noop:live' },
      { functionName: 'noop', resource: 'noop:live', executedVersion: v.Version },
      { functionName: 'noop', resource: `noop:${v.Version}` },
    ]))
    expect(found).toHaveLength(3)
    expect((await lambdaInventory(emu.lambda).architectures('noop')).get(v.Version!)).toBe('x86_64')
  })
})
