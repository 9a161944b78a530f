import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda'
import { FilterLogEventsCommand, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHtmlErrors } from '../../../src/emulator/lambda/faults.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js'

let emu: TestEmulator
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 }
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createNodeFunction(emu.lambda, 'f', 'exports.handler = async () => { console.log("hello"); return "ok" }')
  await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'f' })
})
afterAll(async () => {
  await emu?.stop()
})

const tail = async (fn: string) => {
  const r = await emu.lambda.send(new InvokeCommand({ FunctionName: fn, Payload: '{}', LogType: 'Tail' }))
  return r.LogResult === undefined ? undefined : Buffer.from(r.LogResult, 'base64').toString('utf8')
}

describe('fault flags of the Lambda API', () => {
  it('no log tail: Invoke answers without X-Amz-Log-Result, the log group still gets the lines', async () => {
    emu.emulator.faults.noLogTail = true
    try {
      expect(await tail('f')).toBeUndefined()
    } finally {
      emu.emulator.faults.noLogTail = false
    }
    expect(await tail('f')).toMatch(/REPORT RequestId/)
    const events = await emu.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/f', filterPattern: 'REPORT' }))
    expect(events.events).toHaveLength(2)
  })

  it('no RevisionId: no response carries one, at any depth', async () => {
    emu.emulator.faults.noRevisionId = true
    try {
      expect((await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'f' }))).RevisionId).toBeUndefined()
      const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'f' }))
      expect(v.Version).toBe('1')
      expect(v.RevisionId).toBeUndefined()
      const listed = await emu.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'f' }))
      expect(listed.Versions!.map((x) => x.RevisionId)).toEqual([undefined, undefined])
    } finally {
      emu.emulator.faults.noRevisionId = false
    }
    expect((await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'f' }))).RevisionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('HTML error pages per operation; the operation names are AWS\'s', () => {
    expect(parseHtmlErrors('GetMetricData=500, ListProvisionedConcurrencyConfigs=404')).toEqual({ GetMetricData: 500, ListProvisionedConcurrencyConfigs: 404 })
    expect(() => parseHtmlErrors('GetMetricData')).toThrow(/is not Operation=status/)
    expect(() => parseHtmlErrors('GetMetricData=5000')).toThrow(/is not Operation=status/)
  })
})

describe('CloudWatch fault flags', () => {
  const since = new Date(Date.now() - 3_600_000)
  const until = new Date(Date.now() + 60_000)
  const data = (stat: string) =>
    emu.cloudwatch.send(new GetMetricDataCommand({
      StartTime: since, EndTime: until,
      MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'f' }] }, Period: 3600, Stat: stat } }],
    }))

  it('percentiles dropped: pNN answers no datapoints while Average still does', async () => {
    emu.emulator.faults.percentiles = 'drop'
    try {
      expect((await data('p99')).MetricDataResults![0]!.Values).toEqual([])
      expect((await data('Average')).MetricDataResults![0]!.Values!.length).toBeGreaterThan(0)
    } finally {
      emu.emulator.faults.percentiles = 'keep'
    }
    expect((await data('p99')).MetricDataResults![0]!.Values!.length).toBeGreaterThan(0)
  })

  it('Insights rows without stats keep only their group-by fields', async () => {
    const run = async () => {
      const { queryId } = await emu.logs.send(new StartQueryCommand({
        logGroupNames: ['/aws/lambda/f'], startTime: Math.floor(since.getTime() / 1000), endTime: Math.ceil(until.getTime() / 1000),
        queryString: 'filter @type = "REPORT" | stats count(*) as n by @log',
      }))
      return (await emu.logs.send(new GetQueryResultsCommand({ queryId }))).results!
    }
    emu.emulator.faults.insightsWithoutStats = true
    try {
      expect(await run()).toEqual([[{ field: '@log', value: '123456789012:/aws/lambda/f' }]])
    } finally {
      emu.emulator.faults.insightsWithoutStats = false
    }
    expect((await run())[0]!.map((c) => c.field)).toEqual(['@log', 'n'])
  })
})

describe('SystemLogLevel of the JSON log format', () => {
  it('WARN filters the INFO platform records (platform.start, platform.report) from the logs and the tail; metrics still count', async () => {
    await createNodeFunction(emu.lambda, 'quiet', 'exports.handler = async () => "ok"', { LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } })
    await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'quiet' })
    const text = await tail('quiet')
    expect(text ?? '').not.toContain('platform.report')
    expect(text ?? '').not.toContain('platform.start')
    const events = await emu.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/quiet' })).catch(() => ({ events: [] }))
    expect((events.events ?? []).filter((e) => e.message?.includes('platform.'))).toEqual([])
    const inv = await emu.cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(Date.now() + 60_000),
      MetricDataQueries: [{ Id: 'd', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'quiet' }] }, Period: 3600, Stat: 'SampleCount' } }],
    }))
    expect(inv.MetricDataResults![0]!.Values).toEqual([1])
    // INFO (the default) keeps them
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'quiet', LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'INFO' } }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'quiet' })
    expect(await tail('quiet')).toContain('"type":"platform.report"')
  })
})
