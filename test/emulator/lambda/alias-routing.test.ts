import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateAliasCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda'
import { GetMetricDataCommand, InvalidParameterValueException } from '@aws-sdk/client-cloudwatch'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js'

const FAST_WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 20 }

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), metricsPeriodSeconds: 1, engineOptions: { cpuLimit: 'none', memoryLimit: 'none' } })
  const { lambda } = t
  await createNodeFunction(lambda, 'split', 'exports.handler = async () => ({ memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE })', { MemorySize: 256 })
  await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'split' })
  await lambda.send(new PublishVersionCommand({ FunctionName: 'split' }))
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'split', MemorySize: 512 }))
  await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'split' })
  await lambda.send(new PublishVersionCommand({ FunctionName: 'split' }))
  await waitUntilPublishedVersionActive({ client: lambda, ...FAST_WAIT }, { FunctionName: 'split', Qualifier: '2' })
  await lambda.send(new CreateAliasCommand({ FunctionName: 'split', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } } }))
})
afterAll(async () => {
  await t?.stop()
})

describe('a weighted alias picks a version per invoke', () => {
  it('sends about the weight to the additional version, says which ran, and counts each under Resource and ExecutedVersion', async () => {
    const start = Date.now()
    const executed: string[] = []
    const N = 400
    for (let i = 0; i < N; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, () => t.lambda.send(new InvokeCommand({ FunctionName: 'split', Qualifier: 'live', Payload: Buffer.from('{}') }))),
      )
      for (const r of batch) {
        const body = JSON.parse(new TextDecoder().decode(r.Payload)) as { memory: string }
        // the header names the version whose code and memory answered
        expect(body.memory).toBe(r.ExecutedVersion === '2' ? '512' : '256')
        executed.push(r.ExecutedVersion!)
      }
    }
    const toTwo = executed.filter((v) => v === '2').length
    expect(executed.filter((v) => v !== '1' && v !== '2')).toEqual([])
    // Binomial(400, 0.25): mean 100, sd 8.7; a 5-sd band fails once in millions of runs
    expect(toTwo).toBeGreaterThan(100 - 5 * 8.7)
    expect(toTwo).toBeLessThan(100 + 5 * 8.7)

    const sum = async (dimensions: Array<{ Name: string; Value: string }>) => {
      const out = await t.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start - 60_000),
          EndTime: new Date(Date.now() + 60_000),
          MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dimensions }, Period: 300, Stat: 'Sum' } }],
        }),
      )
      return (out.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0)
    }
    const fn = { Name: 'FunctionName', Value: 'split' }
    const live = { Name: 'Resource', Value: 'split:live' }
    expect(await sum([fn, live])).toBe(N)
    expect(await sum([fn, live, { Name: 'ExecutedVersion', Value: '2' }])).toBe(toTwo)
    expect(await sum([fn, live, { Name: 'ExecutedVersion', Value: '1' }])).toBe(N - toTwo)
  })

  it('routes everything to its version again once the weights are cleared', async () => {
    await t.lambda.send(new UpdateAliasCommand({ FunctionName: 'split', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } }))
    const versions = new Set<string>()
    for (let i = 0; i < 40; i++) versions.add((await t.lambda.send(new InvokeCommand({ FunctionName: 'split:live', Payload: Buffer.from('{}') }))).ExecutedVersion!)
    expect([...versions]).toEqual(['1'])
  })
})

describe('--metrics-period', () => {
  it('lets metrics be read at any multiple of it, StartTime aligned to it; CloudWatch’s periods stay valid', async () => {
    const read = (emu: TestEmulator, period: number) =>
      emu.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 60_000),
          EndTime: new Date(Date.now() + 1000),
          MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'split' }] }, Period: period, Stat: 'Sum' } }],
        }),
      )
    const seven = await read(t, 7)
    const values = seven.MetricDataResults?.[0]?.Values ?? []
    expect(values.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    for (const ts of seven.MetricDataResults?.[0]?.Timestamps ?? []) expect(new Date(ts).getTime() % 1000).toBe(0)
    expect((await read(t, 60)).MetricDataResults?.[0]?.Values?.length).toBeGreaterThan(0)

    const plain = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
    try {
      await expect(read(plain, 7)).rejects.toBeInstanceOf(InvalidParameterValueException)
    } finally {
      await plain.stop()
    }
  })
})
