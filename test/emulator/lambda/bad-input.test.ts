import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  ServiceException,
  TooManyRequestsException,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js'

let t: TestEmulator
let lambda: LambdaClient

beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), faults: { updateDelayMs: 0 } })
  lambda = t.lambda
  await createNodeFunction(lambda, 'target', 'exports.handler = async () => 1')
})
afterAll(() => t.stop())

/** node:http, unlike fetch, sends the path exactly as written (no `..` normalisation). */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string | undefined; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.emulator.port, path, method, headers }, (res) => {
      let text = ''
      res.on('data', (d) => (text += d))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['x-amzn-errortype'] as string | undefined,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function stillServing() {
  const list = await lambda.send(new ListFunctionsCommand({}))
  expect(list.Functions!.map((f) => f.FunctionName)).toContain('target')
}

describe('bad input gets AWS-shaped errors and the emulator keeps serving', () => {
  it.each([
    ['a path separator', '/2015-03-31/functions/a%2Fb/configuration'],
    ['a parent reference', '/2015-03-31/functions/..%2F..%2Fetc/configuration'],
    ['a bare ..', '/2015-03-31/functions/../configuration'],
    ['a backslash', '/2015-03-31/functions/a%5Cb'],
    ['a name that is too long', `/2015-03-31/functions/${'x'.repeat(65)}`],
    ['bad percent-encoding', '/2015-03-31/functions/%E0%A4%A'],
  ])('refuses a function name with %s (400 ValidationException)', async (_what, path) => {
    const res = await raw('GET', path)
    expect(res.status).toBe(400)
    expect(res.type).toBe('ValidationException')
    expect(res.body).toMatchObject({ Type: 'User' })
    expect(String(res.body.Message)).toMatch(/validation error/)
    await stillServing()
  })

  it('refuses a name with a separator through the SDK too', async () => {
    const err = await lambda.send(new GetFunctionCommand({ FunctionName: 'a/b' })).then(
      () => undefined,
      (e: Error & { $metadata: { httpStatusCode: number } }) => e,
    )
    expect(err?.name).toBe('ValidationException')
    expect(err?.$metadata.httpStatusCode).toBe(400)
  })

  it('answers an unknown path or method with 404 UnknownOperationException', async () => {
    for (const [method, path] of [
      ['GET', '/2015-03-31/nothing-here'],
      ['PATCH', '/2015-03-31/functions/target'],
      ['GET', '/no/such/api'],
    ] as const) {
      const res = await raw(method, path)
      expect(res.status).toBe(404)
      expect(res.type).toBe('UnknownOperationException')
    }
    await stillServing()
  })

  it('answers a malformed JSON body with 400 InvalidRequestContentException', async () => {
    for (const body of ['{not json', '[1,2]', '"text"']) {
      const res = await raw('PUT', '/2015-03-31/functions/target/configuration', body, { 'content-type': 'application/json' })
      expect(res.status).toBe(400)
      expect(res.type).toBe('InvalidRequestContentException')
    }
    await stillServing()
  })

  it('answers an invoke payload over 6 MB (256 KB for Event) with 413 RequestTooLargeException', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024 + 10, 0x20)
    const sync = await raw('POST', '/2015-03-31/functions/target/invocations', big)
    expect(sync.status).toBe(413)
    expect(sync.type).toBe('RequestTooLargeException')
    const err = await lambda
      .send(new InvokeCommand({ FunctionName: 'target', InvocationType: 'Event', Payload: Buffer.alloc(300 * 1024, 0x20) }))
      .then(
        () => undefined,
        (e: Error & { $metadata: { httpStatusCode: number } }) => e,
      )
    expect(err?.name).toBe('RequestTooLargeException')
    expect(err?.$metadata.httpStatusCode).toBe(413)
    await stillServing()
  })

  it('answers an invoke of an unknown function with 404 and a bad invocation type with 400', async () => {
    const missing = await raw('POST', '/2015-03-31/functions/nobody/invocations', '{}')
    expect(missing.status).toBe(404)
    expect(missing.type).toBe('ResourceNotFoundException')
    const badType = await raw('POST', '/2015-03-31/functions/target/invocations', '{}', { 'x-amz-invocation-type': 'Sometimes' })
    expect(badType.status).toBe(400)
    expect(badType.type).toBe('ValidationException')
  })
})

describe('fault injection', () => {
  it('throttles a share of calls with 429 TooManyRequestsException, Reason and Retry-After', async () => {
    t.emulator.faults.throttleRate = 1
    try {
      const err = await lambda.send(new ListFunctionsCommand({})).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(TooManyRequestsException)
      expect((err as TooManyRequestsException).Reason).toBe('CallerRateLimitExceeded')
      expect((err as TooManyRequestsException).retryAfterSeconds).toBe('1')
      expect((err as TooManyRequestsException).$metadata.httpStatusCode).toBe(429)
    } finally {
      t.emulator.faults.throttleRate = 0
    }
    await stillServing()
  })

  it('fails a share of calls with 500 ServiceException, repeatably for a seed', async () => {
    t.emulator.faults.errorRate = 1
    try {
      const err = await lambda.send(new ListFunctionsCommand({})).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(ServiceException)
      expect((err as ServiceException).$metadata.httpStatusCode).toBe(500)
    } finally {
      t.emulator.faults.errorRate = 0
    }
    t.emulator.faults.errorRate = 0.5
    let failures = 0
    try {
      for (let i = 0; i < 40; i++) {
        await lambda.send(new ListFunctionsCommand({})).catch(() => failures++)
      }
    } finally {
      t.emulator.faults.errorRate = 0
    }
    expect(failures).toBeGreaterThan(5)
    expect(failures).toBeLessThan(35)
  })

  it('keeps an update InProgress for updateDelayMs', async () => {
    t.emulator.faults.updateDelayMs = 60_000
    try {
      const { UpdateFunctionConfigurationCommand, GetFunctionConfigurationCommand } = await import('@aws-sdk/client-lambda')
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'target', Description: 'slow' }))
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'target' }))
      expect(config.LastUpdateStatus).toBe('InProgress')
    } finally {
      t.emulator.faults.updateDelayMs = 0
    }
  })
})
