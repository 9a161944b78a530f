import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lambdaPort } from '../../src/aws/lambda.js'
import { ExitCode, UserError } from '../../src/core/errors.js'
import { buildPlan } from '../../src/core/sweep/plan.js'
import type { LambdaPort } from '../../src/core/sweep/port.js'
import { seededRandom } from '../../src/core/stats/random.js'
import { resolveFunction, runSweep, type SweepIo } from '../../src/sweep/orchestrate.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { functionState } from './helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

function io(signal = new AbortController().signal): SweepIo & { phases: string[] } {
  const phases: string[] = []
  return {
    phases,
    signal,
    now: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: () => 0.5,
    phase: (m) => phases.push(m),
    onSample: () => {},
  }
}

async function planFor(port: LambdaPort, fn: string, memories: number[], invocations = 2) {
  const resolved = await resolveFunction(port, fn)
  const plan = buildPlan(
    {
      functionName: fn,
      memories,
      currentMemory: resolved.currentMemory,
      latestMemory: resolved.original.MemorySize!,
      looks: [invocations],
      fixed: true,
      concurrency: 1,
      warmup: 1,
      coldStarts: 0,
      serial: false,
      payloads: [{ payload: {}, weight: 1 }],
      seed: 1,
      runId: 'test0001',
      timeoutSeconds: resolved.original.Timeout ?? 3,
      pricing: { region: 'us-east-1', arch: 'x86_64', initBilled: true },
    },
    seededRandom(1),
  )
  return { resolved, plan }
}

describe('runSweep over the SDK adapter', () => {
  it('restores $LATEST before the first invoke and deletes what it created', async () => {
    const port = lambdaPort(emu.lambda)
    const before = await functionState(emu.lambda, 'noop')
    const seen: Array<{ description?: string; memory?: number }> = []
    const watching: LambdaPort = {
      ...port,
      invoke: async (input) => {
        const latest = await port.getFunctionConfiguration('noop')
        seen.push({ description: latest.Description, memory: latest.MemorySize })
        return port.invoke(input)
      },
    }
    const { resolved, plan } = await planFor(watching, 'noop', [128, 512])
    const run = await runSweep(watching, plan, resolved, io())
    expect(run.samples.filter((s) => s.phase === 'measure')).toHaveLength(2 * plan.values.length)
    expect(run.samples.filter((s) => s.phase === 'warmup')).toHaveLength(plan.values.length)
    expect(new Set(run.samples.map((s) => s.memory))).toEqual(new Set(plan.memories))
    for (const s of seen) expect(s).toEqual({ description: before.config.Description, memory: before.config.MemorySize })
    const after = await functionState(emu.lambda, 'noop')
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
  })

  it('stops without overwriting a change someone else makes during the run, and still cleans up', async () => {
    const port = lambdaPort(emu.lambda)
    const before = await functionState(emu.lambda, 'cpu-hash')
    let published = 0
    const meddling: LambdaPort = {
      ...port,
      publishVersion: async (input) => {
        const out = await port.publishVersion(input)
        if (++published === 1) {
          // Someone else changes the timeout between our first version and our next update.
          await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'cpu-hash', Timeout: 7 }))
          await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 0.1 }, { FunctionName: 'cpu-hash' })
        }
        return out
      },
    }
    const { resolved, plan } = await planFor(meddling, 'cpu-hash', [128, 256, 512])
    const err = await runSweep(meddling, plan, resolved, io()).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(UserError)
    expect((err as UserError).exitCode).toBe(ExitCode.runFailed)
    expect((err as UserError).message).toMatch(/changed by someone else/)
    expect((err as UserError).message).toMatch(/lambda-tune stopped without overwriting it; cpu-hash differs from before the run in Timeout/)
    const after = await functionState(emu.lambda, 'cpu-hash')
    expect(after.config.Timeout).toBe(7)
    expect(after.config.MemorySize).toBe(before.config.MemorySize)
    expect(after.config.Description).toBe(before.config.Description)
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
  })

  it('cleans up when aborted before invoking', async () => {
    const port = lambdaPort(emu.lambda)
    const before = await functionState(emu.lambda, 'io-wait')
    const controller = new AbortController()
    const aborting: LambdaPort = {
      ...port,
      createAlias: async (input) => {
        await port.createAlias(input)
        controller.abort()
      },
    }
    const { resolved, plan } = await planFor(aborting, 'io-wait', [128, 256])
    await expect(runSweep(aborting, plan, resolved, io(controller.signal))).rejects.toThrow(
      /^interrupted: io-wait was restored and the run's aliases and versions deleted$/,
    )
    const after = await functionState(emu.lambda, 'io-wait')
    expect(after.config).toMatchObject({ MemorySize: before.config.MemorySize, Description: before.config.Description })
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
  })
})

describe('runSweep under throttles and server errors', () => {
  it('retries them, counts every invoke once, and still leaves the function as found', async () => {
    const faulty = await startTestEmulator({ faults: { throttleRate: 0.3, errorRate: 0.1, seed: 4 } })
    try {
      // the test client makes one attempt per call: every retry here is lambda-tune's own
      const port = lambdaPort(faulty.lambda)
      faulty.emulator.faults.throttleRate = 0
      faulty.emulator.faults.errorRate = 0
      const before = await functionState(faulty.lambda, 'noop')
      faulty.emulator.faults.throttleRate = 0.3
      faulty.emulator.faults.errorRate = 0.1
      const { resolved, plan } = await planFor(port, 'noop', [128, 256], 6)
      const run = await runSweep(port, plan, resolved, io())
      for (const memory of plan.memories) {
        const measured = run.samples.filter((s) => s.memory === memory && s.phase === 'measure')
        expect(measured).toHaveLength(6)
        expect(measured.every((s) => s.status === 'success' && s.durationMs !== undefined)).toBe(true)
      }
      expect(run.samples.reduce((n, s) => n + s.throttles, 0)).toBeGreaterThan(0)
      faulty.emulator.faults.throttleRate = 0
      faulty.emulator.faults.errorRate = 0
      const after = await functionState(faulty.lambda, 'noop')
      expect(after.config).toMatchObject({ MemorySize: before.config.MemorySize, Description: before.config.Description })
      expect(after.aliases).toEqual(before.aliases)
      expect(after.versions).toEqual(before.versions)
    } finally {
      await faulty.stop()
    }
  })
})
