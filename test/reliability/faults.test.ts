import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvokeSample } from '../../src/core/sweep/types.js'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { cli, createGuardedFunction, expectAsFound, invocationsSum, snapshot, tempStateDir, until } from './helpers.js'

/** Every invoke the sweep made is one sample, and the emulator counted each exactly once. */
async function expectCountedOnce(emu: TestEmulator, fn: string, since: Date, out: SweepResult): Promise<InvokeSample[]> {
  const samples = out.samples ?? []
  expect(samples.length).toBeGreaterThan(0)
  expect(await invocationsSum(emu.cloudwatch, fn, since)).toBe(samples.length)
  for (const r of out.results) {
    expect(samples.filter((s) => s.memory === r.memory && s.phase === 'measure')).toHaveLength(r.invocations)
  }
  return samples
}

function journals(stateDir: string): string[] {
  try {
    return readdirSync(`${stateDir}/runs`)
  } catch {
    return []
  }
}

describe('sweeps under injected API faults (fresh emulator each)', () => {
  it.each([
    ['30% throttles', { throttleRate: 0.3, seed: 7 }],
    ['10% 5xx', { errorRate: 0.1, seed: 11 }],
  ])('%s: completes, counts every invoke once, and leaves the function as found', async (_name, faults) => {
    const emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
    try {
      await createGuardedFunction(emu.lambda)
      const before = await snapshot(emu.lambda, emu.emulator, 'guarded')
      const state = tempStateDir()
      const since = new Date()
      Object.assign(emu.emulator.faults, faults)
      const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128', '--invocations', '4', '--concurrency', '2', '--include-samples', '--json'])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout) as SweepResult
      const samples = await expectCountedOnce(emu, 'guarded', since, out)
      expect(samples.every((s) => s.status === 'success' && s.durationMs !== undefined)).toBe(true)
      for (const v of out.results) expect(v).toMatchObject({ errors: 0, failed: false })
      expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
      expect(journals(state)).toEqual([])
    } finally {
      await emu.stop()
    }
  })

  it('handler timeouts: counted as timeouts, the values fail, the function is left as found', async () => {
    const emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
    try {
      await createGuardedFunction(emu.lambda, 'guarded', { timeout: 1 })
      const before = await snapshot(emu.lambda, emu.emulator, 'guarded')
      const since = new Date()
      const r = await cli(emu.endpoint, tempStateDir(), [
        'sweep', 'guarded', '--memory', '128', '--invocations', '2', '--payload', '{"sleepMs":1500}', '--include-samples', '--json',
      ])
      expect(r.code).toBe(1) // every value failed: no memory size to pick
      const out = JSON.parse(r.stdout) as SweepResult
      const samples = await expectCountedOnce(emu, 'guarded', since, out)
      expect(samples.every((s) => s.status === 'timeout')).toBe(true)
      for (const v of out.results) expect(v).toMatchObject({ errors: 2, failed: true })
      expect(out.recommendation.memory).toBeNull()
      expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    } finally {
      await emu.stop()
    }
  })
})

describe('sweeps of misbehaving functions (bundled fixtures)', () => {
  let emu: TestEmulator
  beforeAll(async () => {
    emu = await startTestEmulator()
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('function errors (flaky): counted once each, the function is left as found', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'flaky')
    const since = new Date()
    const r = await cli(emu.endpoint, tempStateDir(), ['sweep', 'flaky', '--memory', '128', '--invocations', '8', '--include-samples', '--json'])
    expect(r.code).toBe(1) // every value failed: no memory size to pick
    const out = JSON.parse(r.stdout) as SweepResult
    const samples = await expectCountedOnce(emu, 'flaky', since, out)
    expect(samples.filter((s) => s.status === 'error')).toHaveLength(out.results.reduce((n, v) => n + v.errors, 0))
    for (const v of out.results) expect(v.errors).toBe(2)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'flaky'))
  })

  it('OOM (memory-hog at 128 MB): that value fails, 512 MB does not, the function is left as found', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'memory-hog')
    const since = new Date()
    const r = await cli(emu.endpoint, tempStateDir(), ['sweep', 'memory-hog', '--memory', '128', '--invocations', '2', '--include-samples', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    await expectCountedOnce(emu, 'memory-hog', since, out)
    const at = (m: number) => out.results.find((v) => v.memory === m)!
    expect(at(128)).toMatchObject({ failed: true, errors: 2 })
    expect(Object.keys(at(128).errorTypes)).toEqual(['Runtime.OutOfMemory'])
    expect(at(512)).toMatchObject({ failed: false, errors: 0 })
    expect(out.recommendation.memory).toBe(512)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'memory-hog'))
  })

  it('SIGINT while invoking: exit 4, the function is left as found and no journal remains', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'io-wait')
    const state = tempStateDir()
    let pid = 0
    const running = cli(emu.endpoint, state, ['sweep', 'io-wait', '--memory', '256,512', '--invocations', '200', '--serial'], {
      onSpawn: (p) => (pid = p),
    })
    await until(async () => emu.emulator.inFlight('io-wait') > 0, 'the first invoke')
    expect(journals(state)).toHaveLength(1)
    process.kill(pid, 'SIGINT')
    const r = await running
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/^Error: interrupted: io-wait was restored and the run's aliases and versions deleted$/m)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'io-wait'))
    expect(journals(state)).toEqual([])
  })
})
