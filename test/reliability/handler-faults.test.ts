import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { cli, createGuardedFunction, expectAsFound, invocationsSum, snapshot, tempStateDir } from './helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), faults: { seed: 3 } })
  await createGuardedFunction(emu.lambda, 'guarded', { timeout: 1 })
})
afterAll(async () => {
  await emu?.stop()
})

describe('a sweep while handler processes crash (SIGKILL mid-invoke) and hang past the timeout', () => {
  it('completes, counts each crash as an error and each hang as a timeout once, and leaves the function as found', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const since = new Date()
    Object.assign(emu.emulator.faults, { crashRate: 0.2, hangRate: 0.1 })
    const r = await cli(emu.endpoint, tempStateDir(), [
      'sweep', 'guarded', '--memory', '128', '--invocations', '10', '--error-threshold', '1', '--include-samples', '--json',
    ])
    Object.assign(emu.emulator.faults, { crashRate: 0, hangRate: 0 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    const samples = out.samples ?? []
    expect(samples).toHaveLength(20)
    expect(await invocationsSum(emu.cloudwatch, 'guarded', since)).toBe(samples.length)
    const crashed = samples.filter((s) => s.status === 'error')
    const hung = samples.filter((s) => s.status === 'timeout')
    expect(crashed.length).toBeGreaterThan(0)
    expect(hung.length).toBeGreaterThan(0)
    expect(new Set(crashed.map((s) => s.errorType))).toEqual(new Set(['Runtime.ExitError']))
    expect(new Set(hung.map((s) => s.errorType))).toEqual(new Set(['Sandbox.Timedout']))
    expect(out.results.reduce((n, v) => n + v.errors, 0)).toBe(crashed.length + hung.length)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })

  it('`lambda-tune emulator` refuses a share outside 0-1 for the new faults', async () => {
    const { runCli } = await import('../helpers/cli.js')
    for (const flag of ['--fault-crash', '--fault-hang']) {
      const r = await runCli(['emulator', '--port', '0', flag, '1.5'])
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(`Error: ${flag} must be a share between 0 and 1, got "1.5"\n`)
    }
  })
})
