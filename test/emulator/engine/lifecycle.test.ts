import { afterAll, describe, expect, test } from 'vitest'
import { createEngine } from '../../../src/emulator/engine/index.js'
import { alive, body, fixture, messages, processState, request, waitFor } from './fixtures.js'

const engine = createEngine({ idleTimeoutMs: 60_000 })
afterAll(() => engine.stop())

describe('cold and warm starts', () => {
  const snapshot = fixture('node-handlers', { functionName: 'lifecycle', handler: 'index.counter' })

  test('the first invoke is a cold start with an Init Duration; the next reuses the environment without one', async () => {
    const cold = await engine.invoke(request(snapshot))
    expect(cold.coldStart).toBe(true)
    expect(cold.report.initDurationMs).toBeGreaterThan(0)
    expect(cold.report.status).toBe('success')
    const first = body(cold)
    expect(first.count).toBe(1)
    const log = messages(cold)
    expect(log[0]).toMatch(/^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n$/)
    expect(log[1]).toBe(`START RequestId: ${cold.requestId} Version: $LATEST\n`)
    expect(log.at(-2)).toBe(`END RequestId: ${cold.requestId}\n`)
    expect(log.at(-1)).toMatch(
      new RegExp(`^REPORT RequestId: ${cold.requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 512 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\n$`),
    )
    // INIT is billed on on-demand cold starts
    expect(cold.report.billedDurationMs).toBe(Math.ceil(cold.report.durationMs + cold.report.initDurationMs!))
    expect(cold.logStream).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/)

    const warm = await engine.invoke(request(snapshot))
    expect(warm.coldStart).toBe(false)
    expect(warm.report.initDurationMs).toBeUndefined()
    expect(messages(warm).some((m) => m.startsWith('INIT_START'))).toBe(false)
    expect(messages(warm).at(-1)).not.toContain('Init Duration')
    expect(warm.report.billedDurationMs).toBe(Math.max(1, Math.ceil(warm.report.durationMs)))
    expect(warm.logStream).toBe(cold.logStream)
    const second = body(warm)
    expect(second.pid).toBe(first.pid)
    expect(second.count).toBe(2)
    expect(engine.environmentCount('lifecycle')).toBe(1)
  })

  test('an environment is frozen between invokes and resumes where it stopped', async () => {
    const out = body(await engine.invoke(request(snapshot)))
    // once the runtime asks for its next event it is stopped: a timer set by the handler cannot fire meanwhile
    expect(await waitFor(() => processState(out.pid) === 'T')).toBe(true)
    await new Promise((r) => setTimeout(r, 100))
    expect(processState(out.pid)).toBe('T')
    const resumed = Date.now()
    const next = body(await engine.invoke(request(snapshot)))
    expect(next.pid).toBe(out.pid)
    // the handler's 30 ms timer could only fire once the environment was thawed for the next invoke
    expect(next.timerFiredAt).toBeGreaterThanOrEqual(resumed)
  })

  test('a configuration change (another revision) gets a new environment', async () => {
    const changed = fixture('node-handlers', { functionName: 'lifecycle', handler: 'index.counter', memorySize: 640 })
    const outcome = await engine.invoke(request(changed))
    expect(outcome.coldStart).toBe(true)
    expect(body(outcome).count).toBe(1)
    expect(engine.environmentCount('lifecycle')).toBe(2)
  })

  test('concurrent invokes get one environment each', async () => {
    const sleepy = fixture('node-handlers', { functionName: 'concurrent', handler: 'index.sleep' })
    const outcomes = await Promise.all([1, 2, 3].map(() => engine.invoke(request(sleepy, { ms: 150 }))))
    expect(outcomes.every((o) => o.coldStart)).toBe(true)
    expect(new Set(outcomes.map((o) => o.logStream)).size).toBe(3)
    expect(engine.environmentCount('concurrent')).toBe(3)
  })

  test('retire stops every environment of a function', async () => {
    const pids = engine.pids('concurrent')
    expect(pids.length).toBe(3)
    await engine.retire('concurrent')
    expect(engine.environmentCount('concurrent')).toBe(0)
    expect(await waitFor(() => pids.every((p) => !alive(p)))).toBe(true)
  })
})

describe('provisioned concurrency', () => {
  test('provisioned environments finish INIT up front and serve invokes without cold starts', async () => {
    const snapshot = fixture('heavy-init', { functionName: 'provisioned' })
    await engine.provision(snapshot, 2)
    expect(engine.environmentCount('provisioned')).toBe(2)
    const outcomes = await Promise.all([1, 2].map(() => engine.invoke(request(snapshot))))
    for (const o of outcomes) {
      expect(o.coldStart).toBe(false)
      expect(o.provisioned).toBe(true)
      expect(o.report.initDurationMs).toBeUndefined()
    }
    expect(engine.environmentCount('provisioned')).toBe(2)
    await engine.deprovision(snapshot)
    expect(engine.environmentCount('provisioned')).toBe(0)
  })

  test('a heavy INIT shows in the Init Duration of a cold start', async () => {
    const outcome = await engine.invoke(request(fixture('heavy-init', { functionName: 'heavy' })))
    expect(outcome.coldStart).toBe(true)
    expect(outcome.report.initDurationMs).toBeGreaterThanOrEqual(300)
  })
})

describe('idle environments', () => {
  test('are reaped after the idle timeout', async () => {
    const quick = createEngine({ idleTimeoutMs: 200 })
    try {
      await quick.invoke(request(fixture('noop', { functionName: 'reaped' })))
      const [pid] = quick.pids('reaped')
      expect(quick.environmentCount('reaped')).toBe(1)
      expect(await waitFor(() => quick.environmentCount('reaped') === 0, 3000)).toBe(true)
      expect(await waitFor(() => !alive(pid!))).toBe(true)
    } finally {
      await quick.stop()
    }
  })
})

describe('stop()', () => {
  test('invokes still waiting for admission fail instead of hanging', async () => {
    const small = createEngine({ maxCores: 0.2 })
    const snapshot = fixture('node-handlers', { functionName: 'queued', handler: 'index.sleep' })
    const invokes = [1, 2, 3].map(() => small.invoke(request(snapshot, { ms: 3000 })))
    const settled = Promise.allSettled(invokes)
    await waitFor(() => small.pids().length === 1)
    expect((await small.status()).waiting).toBe(2)
    await small.stop()
    const results = await settled
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThanOrEqual(2)
    expect(small.pids()).toEqual([])
  })

  test('kills every runtime process, frozen or busy, and leaves no cgroup or tmp folder', async () => {
    const other = createEngine()
    const status = await other.status()
    await other.invoke(request(fixture('noop', { functionName: 'stopped-a' })))
    await other.invoke(request(fixture('python-cpu', { functionName: 'stopped-b' }), { iterations: 10 }))
    const busy = other.invoke(request(fixture('node-handlers', { functionName: 'stopped-c', handler: 'index.sleep' }), { ms: 5000 }))
    busy.catch(() => undefined)
    await waitFor(() => other.pids().length === 3)
    const pids = other.pids()
    expect(pids.length).toBe(3)
    expect(pids.every(alive)).toBe(true)
    await other.stop()
    expect(pids.filter(alive)).toEqual([])
    expect(other.pids()).toEqual([])
    const { readdir } = await import('node:fs/promises')
    if (status.cpuLimit === 'cgroup') {
      const groups = await readdir('/sys/fs/cgroup/cpu/lambda-tune').catch(() => [] as string[])
      expect(groups.filter((g) => g.startsWith(`e${process.pid}-`)).length).toBeLessThanOrEqual(1) // only this file's other engine
    }
    await expect(other.invoke(request(fixture('noop')))).rejects.toThrow(/stopped/)
  })
})
