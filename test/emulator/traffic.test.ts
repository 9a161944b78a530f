import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateAliasCommand, PublishVersionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { parseTrafficSpec } from '../../src/emulator/traffic.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { until } from '../reliability/helpers.js'

describe('parseTrafficSpec', () => {
  it('reads <function>[:<qualifier>]=<rate>/s[,<payload file>]', () => {
    expect(parseTrafficSpec('cpu-hash=20/s')).toEqual({ functionName: 'cpu-hash', rate: 20 })
    expect(parseTrafficSpec('shop:live=0.5/s,event.json')).toEqual({ functionName: 'shop', qualifier: 'live', rate: 0.5, payloadFile: 'event.json' })
    expect(parseTrafficSpec('shop:3=120/min')).toEqual({ functionName: 'shop', qualifier: '3', rate: 2 })
    for (const bad of ['shop', 'shop=fast', 'shop=5', 'shop=0/s', 'sh op=1/s', 'shop=20000/s']) expect(() => parseTrafficSpec(bad)).toThrow(/--traffic/)
  })
})

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({
    functionsDir: await emptyFunctionsDir(),
    traffic: [{ functionName: 'gen', qualifier: 'live', rate: 40, payload: Buffer.from('{"fail":true}') }],
    engineOptions: { cpuLimit: 'none', memoryLimit: 'none' },
  })
})
afterAll(async () => {
  await t?.stop()
})

describe('the traffic generator', () => {
  it('tries a qualifier that does not exist yet at every arrival, then sends at the rate with the payload', async () => {
    const stats = t.emulator.traffic[0]!
    expect(stats.target).toBe('gen:live')
    await until(async () => stats.missing >= 10, 'arrivals before the function exists', 200, 25)
    await createNodeFunction(t.lambda, 'gen', 'exports.handler = async (e) => { if (e.fail) throw new Error("asked to"); return {} }')
    await waitUntilFunctionActiveV2({ client: t.lambda, minDelay: 0.05, maxWaitTime: 20 }, { FunctionName: 'gen' })
    await t.lambda.send(new PublishVersionCommand({ FunctionName: 'gen' }))
    await t.lambda.send(new CreateAliasCommand({ FunctionName: 'gen', Name: 'live', FunctionVersion: '1' }))
    const from = stats.sent
    const started = Date.now()
    await until(async () => stats.functionErrors >= 60, 'invokes of the alias', 400, 25)
    const seconds = (Date.now() - started) / 1000
    // Poisson arrivals at 40/s: the count in the time waited is within a wide band of 40 × seconds
    const arrived = stats.sent - from
    expect(arrived).toBeGreaterThan(40 * seconds * 0.5)
    expect(arrived).toBeLessThan(40 * seconds * 1.5 + 20)
    // the payload asked every invoke to fail: none succeeded
    expect(stats.ok).toBe(0)
    const out = await t.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 120_000),
        EndTime: new Date(Date.now() + 60_000),
        MetricDataQueries: ['Invocations', 'Errors'].map((name, i) => ({
          Id: `m${i}`,
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: name, Dimensions: [{ Name: 'FunctionName', Value: 'gen' }, { Name: 'Resource', Value: 'gen:live' }] },
            Period: 300,
            Stat: 'Sum',
          },
        })),
      }),
    )
    const [invocations, errors] = (out.MetricDataResults ?? []).map((r) => (r.Values ?? []).reduce((a, b) => a + b, 0))
    expect(invocations).toBeGreaterThanOrEqual(60)
    expect(errors).toBe(invocations)
  })
})
