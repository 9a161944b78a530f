import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createEngine } from '../../../src/emulator/engine/index.js'
import { body, fixture, messages, request } from './fixtures.js'

const SECRET = 'host-secret-that-must-not-leak'
const engine = createEngine()
beforeAll(() => {
  process.env['AWS_SECRET_ACCESS_KEY'] = SECRET
  process.env['LAMBDA_TUNE_HOST_ONLY'] = 'yes'
})
afterAll(async () => {
  delete process.env['AWS_SECRET_ACCESS_KEY']
  delete process.env['LAMBDA_TUNE_HOST_ONLY']
  await engine.stop()
})

describe('nodejs runtime', () => {
  test('handlers see the Lambda variables and their own, never the host environment', async () => {
    const snapshot = fixture('node-handlers', { functionName: 'env-node', handler: 'index.env', environment: { OWN_VARIABLE: 'mine' } })
    const env = body(await engine.invoke(request(snapshot)))
    expect(env['AWS_SECRET_ACCESS_KEY']).toBeUndefined()
    expect(env['LAMBDA_TUNE_HOST_ONLY']).toBeUndefined()
    expect(env).toMatchObject({
      OWN_VARIABLE: 'mine',
      AWS_LAMBDA_FUNCTION_NAME: 'env-node',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env-node',
      _HANDLER: 'index.env',
      LAMBDA_TASK_ROOT: snapshot.codeDir,
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    })
    expect(env['AWS_LAMBDA_RUNTIME_API']).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(env['AWS_LAMBDA_LOG_STREAM_NAME']).toMatch(/\[\$LATEST\][0-9a-f]{32}$/)
  })

  test('the context object and a private TMPDIR', async () => {
    const snapshot = fixture('node-handlers', { functionName: 'context-node', handler: 'index.context' })
    const a = await engine.invoke(request(snapshot))
    const ctx = body(a)
    expect(ctx).toMatchObject({
      awsRequestId: a.requestId,
      functionName: 'context-node',
      functionVersion: '$LATEST',
      memoryLimitInMB: '512',
      invokedFunctionArn: snapshot.functionArn,
      logGroupName: '/aws/lambda/context-node',
      logStreamName: a.logStream,
    })
    expect(ctx.remaining).toBeGreaterThan(4000)
    expect(ctx.remaining).toBeLessThanOrEqual(5000)
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: 'a' } })).toString('base64')
    const withContext = body(await engine.invoke({ ...request(snapshot), clientContext }))
    expect(withContext.clientContext).toEqual({ custom: { tenant: 'a' } })
    const [b] = await Promise.all([engine.invoke(request(snapshot)), engine.invoke(request(snapshot))])
    expect(ctx.tmpdir).not.toBe('/tmp')
    const other = body(b!)
    if (other.pid !== ctx.pid) expect(other.tmpdir).not.toBe(ctx.tmpdir)
  })

  test('console output is logged as Lambda formats it, one event per message', async () => {
    const outcome = await engine.invoke(request(fixture('node-handlers', { functionName: 'log-node', handler: 'index.log' })))
    const app = messages(outcome).filter((m) => !/^(START|END|REPORT|INIT_START) /.test(m))
    const id = outcome.requestId
    expect(app[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${id}\\tINFO\\thello { n: 1 }\\n$`))
    expect(app[1]).toMatch(new RegExp(`\\t${id}\\tERROR\\ttwo\\nlines\\n$`))
    expect(app[2]).toBe('raw line\n')
  })

  test('JSON log format: platform records and JSON application logs', async () => {
    const snapshot = fixture('node-handlers', { functionName: 'json-node', handler: 'index.log', logFormat: 'JSON' })
    const outcome = await engine.invoke(request(snapshot))
    const records = messages(outcome).filter((m) => m.startsWith('{')).map((m) => JSON.parse(m))
    expect(records[0]).toMatchObject({ type: 'platform.initStart', record: { initializationType: 'on-demand', phase: 'init', functionName: 'json-node', functionVersion: '$LATEST' } })
    expect(records[1]).toMatchObject({ type: 'platform.start', record: { requestId: outcome.requestId, version: '$LATEST' } })
    expect(records[2]).toMatchObject({ level: 'INFO', requestId: outcome.requestId, message: 'hello { n: 1 }' })
    const report = records.at(-1)
    expect(report.type).toBe('platform.report')
    expect(report.record).toEqual({
      requestId: outcome.requestId,
      status: 'success',
      metrics: {
        durationMs: outcome.report.durationMs,
        billedDurationMs: outcome.report.billedDurationMs,
        memorySizeMB: 512,
        maxMemoryUsedMB: outcome.report.maxMemoryUsedMB,
        initDurationMs: outcome.report.initDurationMs,
      },
    })
    expect(Date.parse(report.time)).toBeGreaterThan(0)
    expect(messages(outcome).some((m) => m.startsWith('END '))).toBe(false)
  })

  test('ES modules in a .js file of a "type": "module" package', async () => {
    const outcome = await engine.invoke(request(fixture('esm-js'), { x: 1 }))
    expect(body(outcome)).toEqual({ module: 'esm', platform: 'linux', event: { x: 1 } })
  })
})

describe('python runtime', () => {
  test('runs a Python handler with the host python3', async () => {
    const outcome = await engine.invoke(request(fixture('python-cpu', { functionName: 'py' }), { iterations: 500 }))
    expect(outcome.functionError).toBeUndefined()
    const result = body(outcome)
    expect(result.iterations).toBe(500)
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(result.remainingMs).toBeGreaterThan(25_000)
    expect(messages(outcome)).toContain('hashed 500 blocks\n')
    expect(messages(outcome)[0]).toMatch(/^INIT_START Runtime Version: python:3\.12\./)
    expect(outcome.report.maxMemoryUsedMB).toBeGreaterThan(1)
  })

  test('no host environment, a private TMPDIR and the context', async () => {
    const outcome = await engine.invoke(request(fixture('py-handlers')))
    const result = body(outcome)
    expect(result.env['AWS_SECRET_ACCESS_KEY']).toBeUndefined()
    expect(result.env['LAMBDA_TUNE_HOST_ONLY']).toBeUndefined()
    expect(result.env['AWS_LAMBDA_FUNCTION_NAME']).toBe('py-handlers')
    expect(result.tmp).not.toBe('/tmp')
    expect(result.request).toBe(outcome.requestId)
    expect(result.memory).toBe('256')
  })

  test('a Python exception is the Lambda error payload', async () => {
    const outcome = await engine.invoke(request(fixture('py-handlers', { functionName: 'py-raises', handler: 'app.raises' })))
    expect(outcome.functionError).toBe('Unhandled')
    const payload = body(outcome)
    expect(payload).toMatchObject({ errorType: 'ValueError', errorMessage: 'python boom', requestId: outcome.requestId })
    expect(payload.stackTrace.join('')).toContain('raise ValueError')
    expect(messages(outcome).some((m) => m.startsWith('[ERROR] ValueError: python boom\nTraceback'))).toBe(true)
  })

  test('a failed import is Runtime.ImportModuleError', async () => {
    const outcome = await engine.invoke(request(fixture('py-import-error')))
    expect(body(outcome)).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Unable to import module 'app': No module named 'module_that_does_not_exist'",
    })
  })
})

describe('custom runtime', () => {
  test('an executable bootstrap speaking the Runtime API', async () => {
    const snapshot = fixture('custom-runtime')
    const first = await engine.invoke(request(snapshot, { hello: 'world' }))
    expect(first.functionError).toBeUndefined()
    expect(body(first)).toEqual({ echo: { hello: 'world' }, runtime: 'custom' })
    expect(first.coldStart).toBe(true)
    expect(messages(first)).toContain(`custom runtime: handling ${first.requestId}\n`)
    const second = await engine.invoke(request(snapshot, [1, 2]))
    expect(second.coldStart).toBe(false)
    expect(body(second)).toEqual({ echo: [1, 2], runtime: 'custom' })
  })
})
