import { afterAll, describe, expect, test } from 'vitest'
import { createEngine } from '../../../src/emulator/engine/index.js'
import { body, fixture, messages, request } from './fixtures.js'

const engine = createEngine()
afterAll(() => engine.stop())

const handlers = (handler: string, overrides = {}) =>
  fixture('node-handlers', { functionName: `errors-${handler}`, handler: `index.${handler}`, ...overrides })

describe('handler errors', () => {
  test('a thrown error becomes the Lambda error payload with an Unhandled function error', async () => {
    const outcome = await engine.invoke(request(handlers('throws')))
    expect(outcome.functionError).toBe('Unhandled')
    const payload = body(outcome)
    expect(payload.errorType).toBe('TypeError')
    expect(payload.errorMessage).toBe('boom')
    expect(payload.trace[0]).toBe('TypeError: boom')
    expect(outcome.report.status).toBe('error')
    expect(outcome.report.errorType).toBe('TypeError')
    const log = messages(outcome)
    expect(log.some((m) => /^\S+Z\t[0-9a-f-]{36}\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom","stack":\[/.test(m))).toBe(true)
    // a handler error keeps the environment: the next invoke is warm
    const again = await engine.invoke(request(handlers('throws')))
    expect(again.coldStart).toBe(false)
  })

  test('callback-style handlers answer through the callback, errors included', async () => {
    const ok = await engine.invoke(request(handlers('callback'), { a: 1 }))
    expect(ok.functionError).toBeUndefined()
    expect(body(ok)).toEqual({ style: 'callback', event: { a: 1 } })
    const failed = await engine.invoke(request(handlers('callbackError')))
    expect(failed.functionError).toBe('Unhandled')
    expect(body(failed)).toMatchObject({ errorType: 'RangeError', errorMessage: 'callback failed' })
  })

  test('a handler that exits the process fails with Runtime.ExitError and the environment is replaced', async () => {
    const snapshot = handlers('exit')
    const outcome = await engine.invoke(request(snapshot))
    expect(outcome.functionError).toBe('Unhandled')
    expect(body(outcome)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 3`,
    })
    expect(messages(outcome).at(-1)).toMatch(/\tStatus: error\tError Type: Runtime.ExitError\n$/)
    const next = await engine.invoke(request(snapshot))
    expect(next.coldStart).toBe(true)
  })
})

describe('uncaught exceptions', () => {
  test('fail the invoke with the error and end the environment, as Lambda\'s Node.js runtime does', async () => {
    const snapshot = handlers('uncaught')
    const outcome = await engine.invoke(request(snapshot))
    expect(outcome.functionError).toBe('Unhandled')
    expect(body(outcome)).toMatchObject({ errorType: 'Error', errorMessage: 'thrown from a timer' })
    expect(messages(outcome).some((m) => m.includes('\tERROR\tUncaught Exception \t{"errorType":"Error","errorMessage":"thrown from a timer"'))).toBe(true)
    const next = await engine.invoke(request(snapshot))
    expect(next.coldStart).toBe(true)
  })
})

describe('timeouts', () => {
  test('an invoke over the timeout is stopped, logged and reported as Lambda does', async () => {
    const snapshot = handlers('sleep', { timeout: 1 })
    const started = Date.now()
    const outcome = await engine.invoke(request(snapshot, { ms: 5000 }))
    expect(Date.now() - started).toBeLessThan(4000)
    expect(outcome.functionError).toBe('Unhandled')
    expect(body(outcome)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${outcome.requestId} Error: Task timed out after 1.00 seconds`,
    })
    expect(outcome.report.status).toBe('timeout')
    expect(outcome.report.durationMs).toBe(1000)
    const log = messages(outcome)
    expect(log).toContainEqual(expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${outcome.requestId} Task timed out after 1\\.00 seconds\\n$`)))
    expect(log.at(-1)).toMatch(/\tStatus: timeout\n$/)
    expect(engine.environmentCount(snapshot.functionName)).toBe(0)
    // the next invoke gets a fresh environment
    const next = await engine.invoke(request(snapshot, { ms: 1 }))
    expect(next.coldStart).toBe(true)
    expect(body(next)).toEqual({ slept: 1 })
  })
})

describe('INIT failures', () => {
  test('a missing module is a Runtime.ImportModuleError reported through /runtime/init/error', async () => {
    const outcome = await engine.invoke(request(fixture('import-error')))
    expect(outcome.functionError).toBe('Unhandled')
    expect(outcome.coldStart).toBe(true)
    const payload = body(outcome)
    expect(payload.errorType).toBe('Runtime.ImportModuleError')
    expect(payload.errorMessage).toContain("Cannot find module 'a-module-that-does-not-exist'")
    expect(outcome.report).toMatchObject({ status: 'error', errorType: 'Runtime.ImportModuleError' })
    const log = messages(outcome)
    expect(log[0]).toMatch(/^INIT_START /)
    expect(log).toContainEqual(expect.stringMatching(/^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\n$/))
    expect(log.at(-1)).toMatch(/\tStatus: error\tError Type: Runtime.ImportModuleError\n$/)
    expect(engine.environmentCount('import-error')).toBe(0)
  })

  test('a syntax error is a Runtime.UserCodeSyntaxError', async () => {
    const outcome = await engine.invoke(request(fixture('syntax-error')))
    expect(body(outcome).errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(body(outcome).errorMessage).toMatch(/^SyntaxError: /)
  })

  test('a handler that is not exported is a Runtime.HandlerNotFound', async () => {
    const outcome = await engine.invoke(request(fixture('no-handler')))
    expect(body(outcome)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' })
  })

  test('a custom runtime without an executable bootstrap is a Runtime.InvalidEntrypoint', async () => {
    const outcome = await engine.invoke(request(fixture('no-bootstrap')))
    expect(outcome.functionError).toBe('Unhandled')
    expect(body(outcome).errorType).toBe('Runtime.InvalidEntrypoint')
  })

  test('provisioning a function whose INIT fails rejects', async () => {
    await expect(engine.provision(fixture('import-error', { functionName: 'provision-broken' }), 1)).rejects.toThrow(/Runtime.ImportModuleError/)
    expect(engine.environmentCount('provision-broken')).toBe(0)
  })
})
