import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateAliasCommand,
  DeleteFunctionCommand,
  GetProvisionedConcurrencyConfigCommand,
  PutProvisionedConcurrencyConfigCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvalidRequestContentException,
  InvokeCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch'
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js'

const FAST_WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 20 }
const ENGINE = { cpuLimit: 'none', memoryLimit: 'none' } as const

const HANDLER = `
const fs = require('node:fs')
exports.handler = async (event) => {
  console.log('hello from the handler')
  if (event && event.fail) throw new TypeError('asked to fail')
  if (event && event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs))
  if (event && event.marker) fs.writeFileSync(event.marker, 'ran')
  return { got: event, color: process.env.COLOR ?? null }
}`

let t: TestEmulator
let lambda: LambdaClient

async function deploy(name: string, extra: Record<string, unknown> = {}) {
  await createNodeFunction(lambda, name, HANDLER, { MemorySize: 1769, Timeout: 30, ...extra })
  await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: name })
}

function invoke(FunctionName: string, payload: unknown, extra: Record<string, unknown> = {}) {
  return lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(payload)), ...extra }))
}

/** waits until the emulator counts an invoke of `name` in flight, so that the next one meets a busy function */
async function untilRunning(emu: TestEmulator, name: string) {
  for (let i = 0; i < 500 && emu.emulator.inFlight(name) === 0; i++) await new Promise((r) => setTimeout(r, 5))
  expect(emu.emulator.inFlight(name)).toBe(1)
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8')

beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), engineOptions: ENGINE, faults: { updateDelayMs: 20 } })
  lambda = t.lambda
  await deploy('echo')
})
afterAll(() => t.stop())

describe('Invoke', () => {
  it('runs RequestResponse: 200, the payload, the executed version and a log tail', async () => {
    const out = await invoke('echo', { n: 1 }, { LogType: 'Tail' })
    expect(out.StatusCode).toBe(200)
    expect(out.ExecutedVersion).toBe('$LATEST')
    expect(out.FunctionError).toBeUndefined()
    expect(JSON.parse(text(out.Payload))).toEqual({ got: { n: 1 }, color: null })
    const tail = Buffer.from(out.LogResult!, 'base64').toString('utf8')
    const id = out.$metadata.requestId!
    expect(tail).toContain(`START RequestId: ${id} Version: $LATEST`)
    expect(tail).toContain('hello from the handler')
    expect(tail).toContain(`END RequestId: ${id}`)
    expect(tail).toMatch(new RegExp(`REPORT RequestId: ${id}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 1769 MB\\tMax Memory Used: \\d+ MB`))
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096)
  })

  it('leaves the log tail out unless asked', async () => {
    const out = await invoke('echo', {})
    expect(out.LogResult).toBeUndefined()
  })

  it('runs the version an alias or a version qualifier names', async () => {
    await lambda.send(new PublishVersionCommand({ FunctionName: 'echo' }))
    await waitUntilPublishedVersionActive({ client: lambda, ...FAST_WAIT }, { FunctionName: 'echo', Qualifier: '1' })
    await lambda.send(new CreateAliasCommand({ FunctionName: 'echo', Name: 'live', FunctionVersion: '1' }))
    expect((await invoke('echo', {}, { Qualifier: 'live' })).ExecutedVersion).toBe('1')
    expect((await invoke('echo:live', {})).ExecutedVersion).toBe('1')
    expect((await invoke('arn:aws:lambda:us-east-1:123456789012:function:echo:1', {})).ExecutedVersion).toBe('1')
    expect((await invoke('echo', {}, { Qualifier: '$LATEST' })).ExecutedVersion).toBe('$LATEST')
    const missing = await invoke('echo', {}, { Qualifier: 'nope' }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
  })

  it('reports a handler error with X-Amz-Function-Error and Lambda\'s error payload', async () => {
    const out = await invoke('echo', { fail: true }, { LogType: 'Tail' })
    expect(out.StatusCode).toBe(200)
    expect(out.FunctionError).toBe('Unhandled')
    const payload = JSON.parse(text(out.Payload))
    expect(payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'asked to fail' })
    expect(Array.isArray(payload.trace)).toBe(true)
  })

  it('answers DryRun with 204 and runs nothing', async () => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }))
    expect(out.StatusCode).toBe(204)
  })

  it('accepts an Event invoke with 202 and runs it in the background', async () => {
    const marker = join(await mkdtemp(join(tmpdir(), 'lambda-tune-event-')), 'ran')
    const out = await invoke('echo', { marker, sleepMs: 100 }, { InvocationType: 'Event' })
    expect(out.StatusCode).toBe(202)
    expect(out.ExecutedVersion).toBe('$LATEST')
    for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50))
    expect(readFileSync(marker, 'utf8')).toBe('ran')
  })

  it('reports a missing handler and a syntax error as Lambda does, and keeps serving', async () => {
    await deploy('no-handler', { Handler: 'missing.handler' })
    const missing = await invoke('no-handler', {})
    expect(missing.FunctionError).toBe('Unhandled')
    expect(JSON.parse(text(missing.Payload)).errorType).toMatch(/^Runtime\./)
    await createNodeFunction(lambda, 'syntax-error', 'exports.handler = async () => {', { MemorySize: 1769 })
    await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'syntax-error' })
    const broken = await invoke('syntax-error', {})
    expect(broken.FunctionError).toBe('Unhandled')
    expect(JSON.parse(text(broken.Payload)).errorType).toMatch(/^Runtime\.|SyntaxError/)
    expect((await invoke('echo', {})).StatusCode).toBe(200)
  })

  it('refuses a payload that is not JSON with InvalidRequestContentException', async () => {
    const err = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{nope') })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidRequestContentException)
  })

  it('runs new environments after a configuration change', async () => {
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Environment: { Variables: { COLOR: 'blue' } } }))
    await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'echo' })
    expect(JSON.parse(text((await invoke('echo', {})).Payload)).color).toBe('blue')
  })

  it('refuses to invoke a function that is still Pending', async () => {
    t.emulator.faults.updateDelayMs = 60_000
    try {
      await createNodeFunction(lambda, 'pending', HANDLER)
    } finally {
      t.emulator.faults.updateDelayMs = 20
    }
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pending' }))).State).toBe('Pending')
    const err = await invoke('pending', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ResourceConflictException)
  })
})

describe('environments', () => {
  it('serves an alias with provisioned concurrency from pre-warmed environments (no Init Duration)', async () => {
    await deploy('warm')
    await lambda.send(new PublishVersionCommand({ FunctionName: 'warm' }))
    await waitUntilPublishedVersionActive({ client: lambda, ...FAST_WAIT }, { FunctionName: 'warm', Qualifier: '1' })
    await lambda.send(new CreateAliasCommand({ FunctionName: 'warm', Name: 'pc', FunctionVersion: '1' }))
    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: 'pc', ProvisionedConcurrentExecutions: 1 }))
    expect(put.Status).toBe('IN_PROGRESS')
    let status: string | undefined = put.Status
    for (let i = 0; i < 200 && status === 'IN_PROGRESS'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'warm', Qualifier: 'pc' }))).Status
    }
    expect(status).toBe('READY')
    expect(t.emulator.engine.environmentCount('warm')).toBe(1)
    const out = await invoke('warm', {}, { Qualifier: 'pc', LogType: 'Tail' })
    const tail = Buffer.from(out.LogResult!, 'base64').toString('utf8')
    expect(tail).toContain('REPORT RequestId:')
    expect(tail).not.toContain('Init Duration')
  })

  it('retires a function\'s environments when it is deleted', async () => {
    await deploy('short-lived')
    await invoke('short-lived', {})
    expect(t.emulator.engine.environmentCount('short-lived')).toBe(1)
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'short-lived' }))
    for (let i = 0; i < 100 && t.emulator.engine.environmentCount('short-lived') > 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(t.emulator.engine.environmentCount('short-lived')).toBe(0)
  })
})

describe('CloudWatch sees every invoke', () => {
  it('records invocations, errors, throttles and Event invokes, and writes the log group', async () => {
    await deploy('counted')
    await invoke('counted', {})
    await invoke('counted', { fail: true })
    await invoke('counted', {}, { InvocationType: 'Event' })
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'counted', ReservedConcurrentExecutions: 0 }))
    await invoke('counted', {}).catch(() => undefined)
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'counted' }))

    const sum = async (MetricName: string) => {
      const out = await t.cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/Lambda',
          MetricName,
          Dimensions: [{ Name: 'FunctionName', Value: 'counted' }],
          StartTime: new Date(Date.now() - 600_000),
          EndTime: new Date(Date.now() + 60_000),
          Period: 3600,
          Statistics: ['Sum'],
        }),
      )
      return (out.Datapoints ?? []).reduce((s, d) => s + (d.Sum ?? 0), 0)
    }
    let invocations = 0
    for (let i = 0; i < 100 && invocations < 3; i++) {
      invocations = await sum('Invocations')
      if (invocations < 3) await new Promise((r) => setTimeout(r, 50))
    }
    expect(invocations).toBe(3)
    expect(await sum('Errors')).toBe(1)
    expect(await sum('Throttles')).toBe(1)

    const events = await t.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/counted', filterPattern: 'REPORT' }))
    expect(events.events?.length).toBe(3)
  })
})

describe('throttling', () => {
  it('throttles past reserved concurrency with 429 and Reason', async () => {
    await deploy('reserved')
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 1 }))
    await invoke('reserved', {}) // warm, so the slow invoke below is running when the second arrives
    const slow = invoke('reserved', { sleepMs: 1500 })
    await untilRunning(t, 'reserved')
    const second = await invoke('reserved', {}).catch((e: unknown) => e)
    expect(second).toBeInstanceOf(TooManyRequestsException)
    expect((second as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded')
    expect((second as TooManyRequestsException).$metadata.httpStatusCode).toBe(429)
    expect((await slow).StatusCode).toBe(200)

    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 0 }))
    const off = await invoke('reserved', {}).catch((e: unknown) => e)
    expect((off as TooManyRequestsException).Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded')
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'reserved' }))
    expect((await invoke('reserved', {})).StatusCode).toBe(200)
  })

  it('throttles past the account limit with ConcurrentInvocationLimitExceeded', async () => {
    const small = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), engineOptions: ENGINE, accountConcurrency: 1, faults: { updateDelayMs: 0 } })
    try {
      await createNodeFunction(small.lambda, 'one', HANDLER, { MemorySize: 1769 })
      const first = small.lambda.send(new InvokeCommand({ FunctionName: 'one', Payload: Buffer.from('{"sleepMs":1500}') }))
      await untilRunning(small, 'one')
      const second = await small.lambda.send(new InvokeCommand({ FunctionName: 'one' })).catch((e: unknown) => e)
      expect(second).toBeInstanceOf(TooManyRequestsException)
      expect((second as TooManyRequestsException).Reason).toBe('ConcurrentInvocationLimitExceeded')
      expect((await first).StatusCode).toBe(200)
    } finally {
      await small.stop()
    }
  })
})
