import { afterAll, describe, expect, test } from 'vitest'
import { createEngine } from '../../../src/emulator/engine/index.js'
import { body, fixture, request } from './fixtures.js'

const engine = createEngine()
afterAll(() => engine.stop())

describe('bundled fixtures', () => {
  test('cpu-hash computes the same chained SHA-256 digest every time', async () => {
    const snapshot = fixture('cpu-hash')
    const a = body(await engine.invoke(request(snapshot, { iterations: 1000 })))
    const b = body(await engine.invoke(request(snapshot, { iterations: 1000 })))
    expect(a.iterations).toBe(1000)
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(b.digest).toBe(a.digest)
  })

  test('cpu-parallel splits the work over worker threads', async () => {
    const outcome = await engine.invoke(request(fixture('cpu-parallel'), { iterations: 2000, threads: 2 }))
    expect(outcome.functionError).toBeUndefined()
    expect(body(outcome)).toMatchObject({ iterations: 2000, threads: 2 })
    const again = await engine.invoke(request(fixture('cpu-parallel'), { iterations: 2000, threads: 2 }))
    expect(body(again).digest).toBe(body(outcome).digest)
  })

  test('io-wait spends its time waiting', async () => {
    const snapshot = fixture('io-wait')
    await engine.invoke(request(snapshot, { waitMs: 1 }))
    const outcome = await engine.invoke(request(snapshot))
    expect(body(outcome)).toEqual({ waitedMs: 50 })
    expect(outcome.report.durationMs).toBeGreaterThanOrEqual(49)
  })

  test('flaky fails every 4th invoke of an environment', async () => {
    const snapshot = fixture('flaky')
    const results = []
    for (let i = 0; i < 8; i++) results.push((await engine.invoke(request(snapshot))).functionError ?? 'ok')
    expect(results).toEqual(['ok', 'ok', 'ok', 'Unhandled', 'ok', 'ok', 'ok', 'Unhandled'])
    const forced = await engine.invoke(request(snapshot, { fail: true }))
    expect(body(forced)).toMatchObject({ errorType: 'Error', errorMessage: 'flaky: invoke 9 of this environment failed' })
  })

  test('noop answers', async () => {
    expect(body(await engine.invoke(request(fixture('noop'))))).toEqual({ ok: true })
  })
})
