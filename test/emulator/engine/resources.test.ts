import { afterAll, describe, expect, test } from 'vitest'
import { availableParallelism } from 'node:os'
import { createEngine, HOST_RESERVE_CORES } from '../../../src/emulator/engine/index.js'
import type { FunctionSnapshot } from '../../../src/emulator/types.js'
import { body, fixture, messages, request } from './fixtures.js'

const engine = createEngine()
afterAll(() => engine.stop())

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** warm durations of cpu-hash (the cold start's own invoke is left out) */
async function hashDurations(e: typeof engine, snapshot: FunctionSnapshot, n: number, iterations: number): Promise<number[]> {
  // warm up the environment and its JIT before measuring
  await e.invoke(request(snapshot, { iterations }))
  await e.invoke(request(snapshot, { iterations }))
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const o = await e.invoke(request(snapshot, { iterations }))
    expect(o.functionError).toBeUndefined()
    out.push(o.report.durationMs)
  }
  return out
}

describe('memory', () => {
  test('memory-hog fails with Runtime.OutOfMemory at 128 MB and succeeds at 512 MB', async () => {
    const small = await engine.invoke(request(fixture('memory-hog', { functionName: 'hog-128', memorySize: 128 })))
    expect(small.functionError).toBe('Unhandled')
    expect(body(small)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${small.requestId} Error: Runtime exited with error: signal: killed`,
    })
    expect(small.report).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory', maxMemoryUsedMB: 128, memorySizeMB: 128 })
    expect(messages(small).at(-1)).toMatch(/\tMax Memory Used: 128 MB\tInit Duration: [\d.]+ ms\tStatus: error\tError Type: Runtime.OutOfMemory\n$/)
    expect(engine.environmentCount('hog-128')).toBe(0)

    const big = await engine.invoke(request(fixture('memory-hog', { functionName: 'hog-512', memorySize: 512 })))
    expect(big.functionError).toBeUndefined()
    expect(body(big).megabytes).toBe(300)
    // Max Memory Used is the process's peak resident memory
    expect(big.report.maxMemoryUsedMB).toBeGreaterThanOrEqual(300)
    expect(big.report.maxMemoryUsedMB).toBeLessThanOrEqual(512)
  })

  test('Max Memory Used is the peak of the environment so far, as on Lambda', async () => {
    const snapshot = fixture('memory-hog', { functionName: 'hog-peak', memorySize: 512 })
    const first = await engine.invoke(request(snapshot, { megabytes: 10 }))
    const second = await engine.invoke(request(snapshot, { megabytes: 120 }))
    const third = await engine.invoke(request(snapshot, { megabytes: 10 }))
    expect(second.report.maxMemoryUsedMB).toBeGreaterThanOrEqual(first.report.maxMemoryUsedMB + 100)
    expect(third.report.maxMemoryUsedMB).toBeGreaterThanOrEqual(second.report.maxMemoryUsedMB)
  })
})

describe('CPU share', () => {
  test('by default, environments together get the host cores less half a core, kept for the emulator and its clients', async () => {
    // Without that reserve, a --local sweep (CLI, SDK and emulator in one process beside the environments) measured
    // 1,769 MB 48% slower with its memory values in parallel than one at a time.
    const cores = availableParallelism()
    expect((await engine.status()).maxCores).toBe(Math.max(1, cores - HOST_RESERVE_CORES))
    expect(HOST_RESERVE_CORES).toBe(0.5)
  })

  test('cpu-hash at 128 MB takes several times longer than at 1,024 MB', async () => {
    const small = mean(await hashDurations(engine, fixture('cpu-hash', { functionName: 'hash-128', memorySize: 128 }), 2, 20000))
    const large = mean(await hashDurations(engine, fixture('cpu-hash', { functionName: 'hash-1024', memorySize: 1024 }), 2, 20000))
    // the shares are 0.072 and 0.58 vCPU: a ratio of 8 in theory, asked loosely because the machine is shared
    expect(small / large).toBeGreaterThan(3)
  })

  // One retry: in about one run in twenty on this shared 2-core VM, whose speed drifts by up to 30% over minutes,
  // 3,008 MB measured 1.3-1.4x slower together than alone for three rounds running; a retry that fails too is real.
  test('admission control: memory sizes run at once measure what they measure one at a time', { retry: 1 }, async () => {
    // half a core for shares of 0.43, 0.25 and 0.14 (a vCPU counted as a quarter core): together they would need
    // 0.82. Small shares keep the figures steady on a shared machine; a short CFS period keeps them fine-grained.
    const sweep = createEngine({ maxCores: 0.5, coresPerVcpu: 0.25, cfsPeriodUs: 10_000 })
    try {
      const sizes = [3008, 1769, 1024].map((memorySize) => fixture('cpu-hash', { functionName: `adm-${memorySize}`, memorySize }))
      const run = async (s: FunctionSnapshot) => (await sweep.invoke(request(s, { iterations: 60000 }))).report.durationMs
      for (const s of sizes) await hashDurations(sweep, s, 0, 60000)
      const alone: number[][] = sizes.map(() => [])
      const together: number[][] = sizes.map(() => [])
      // rounds of one-at-a-time then all-at-once, so that a change in the host's load touches both alike
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < sizes.length; i++) alone[i]!.push(await run(sizes[i]!))
        const all = await Promise.all(sizes.map(run))
        all.forEach((d, i) => together[i]!.push(d))
      }
      const status = await sweep.status()
      expect(status.peakCores).toBeLessThanOrEqual(0.5)
      expect(status.waited).toBeGreaterThan(0)
      for (let i = 0; i < sizes.length; i++) {
        const ratio = mean(together[i]!) / mean(alone[i]!)
        expect(ratio, `${sizes[i]!.memorySize} MB: ${together[i]} vs ${alone[i]}`).toBeGreaterThan(0.75)
        expect(ratio, `${sizes[i]!.memorySize} MB: ${together[i]} vs ${alone[i]}`).toBeLessThan(1.25)
      }
    } finally {
      await sweep.stop()
    }
  })
})

describe('without writable cgroups', () => {
  test('SIGSTOP/SIGCONT duty cycling holds the CPU share and RSS polling enforces the memory limit', async () => {
    const fallback = createEngine({ cpuLimit: 'signals', memoryLimit: 'poll' })
    try {
      expect(await fallback.status()).toMatchObject({ cpuLimit: 'signals', memoryLimit: 'poll' })
      // invokes long beside the 100 ms duty cycle: a 12 ms one at 1,024 MB mostly fits in one on-time (58 ms) but
      // now and then straddles an off-time (54 ms), which took the ratio below 3 on a fast host
      const small = mean(await hashDurations(fallback, fixture('cpu-hash', { functionName: 'sig-128', memorySize: 128 }), 3, 60000))
      const large = mean(await hashDurations(fallback, fixture('cpu-hash', { functionName: 'sig-1024', memorySize: 1024 }), 3, 60000))
      expect(small / large).toBeGreaterThan(3)
      const hog = await fallback.invoke(request(fixture('memory-hog', { functionName: 'sig-hog', memorySize: 256 })))
      expect(body(hog).errorType).toBe('Runtime.OutOfMemory')
      expect(hog.report.maxMemoryUsedMB).toBe(256)
    } finally {
      await fallback.stop()
    }
  })
})
