import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepDryRun } from '../../src/sweep/service.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { expectAsFound, snapshot } from '../reliability/helpers.js'
import { runSweepCli } from '../sweep/helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})
const state = (name: string) => snapshot(emu.lambda, emu.emulator, name)

describe('a sweep without REPORT lines fails instead of claiming success (--source logs; auto measures from CloudWatch: sweep-source.test.ts)', () => {
  it('an endpoint that returns no log tail: one line, exit 4, the function as found', async () => {
    const before = await state('noop')
    emu.emulator.faults.noLogTail = true
    try {
      const r = await runSweepCli(emu.endpoint, ['noop', '--memory', '128,256', '--invocations', '3', '--source', 'logs'])
      expect(r.code).toBe(4)
      expect(r.stdout).toBe('')
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '))
      expect(errors).toEqual([
        expect.stringMatching(/^Error: Invoke of noop:lambda-tune-[0-9a-f]+-(128|256|1024) returned no log tail, so nothing was measured \(/),
      ])
    } finally {
      emu.emulator.faults.noLogTail = false
    }
    expectAsFound(before, await state('noop'))
  })

  it('a JSON log format whose system log level filters platform.report: the same', async () => {
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'io-wait', LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'io-wait' })
    const before = await state('io-wait')
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '256', '--invocations', '2', '--source', 'logs'])
    expect(r.code).toBe(4)
    // nothing else was logged, so the tail is empty
    expect(r.stderr).toMatch(/Error: Invoke of io-wait:lambda-tune-[0-9a-f]+-\d+ returned (no log tail|a log tail without a REPORT line), so nothing was measured/)
    expectAsFound(before, await state('io-wait'))
  })
})

describe('a target that returns no RevisionId', () => {
  it('--dry-run says the check is not available, and one warning says so', async () => {
    emu.emulator.faults.noRevisionId = true
    try {
      const dry = await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '128', '--dry-run', '--json'])
      expect(dry.code).toBe(0)
      expect(dry.stderr).toBe('Warning: cpu-hash: the endpoint returns no RevisionId: the check that nobody else changes the function during the run is not available\n')
      const plan = JSON.parse(dry.stdout) as SweepDryRun
      const updates = plan.calls.filter((c) => c.startsWith('UpdateFunctionConfiguration'))
      expect(updates.length).toBeGreaterThan(0)
      expect(updates.every((c) => c.includes('RevisionId check not available: this endpoint returns no RevisionId'))).toBe(true)
      expect(plan.calls.join('\n')).not.toContain('RevisionId checked')
    } finally {
      emu.emulator.faults.noRevisionId = false
    }
    const checked = JSON.parse((await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '128', '--dry-run', '--json'])).stdout) as SweepDryRun
    expect(checked.calls.filter((c) => c.includes('RevisionId checked')).length).toBeGreaterThan(0)
  })
})
