import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { configurationDifferences } from '../../src/core/sweep/config-diff.js'
import { functionState, runSweepCli } from '../sweep/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
const byMemory = (r: SweepResult, m: number) => r.results.find((x) => x.memory === m)!

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune sweep against the emulator', () => {
  it('cpu-hash: durations fall with memory up to 1,769 MB and flatten after; the speed pick is at least 1,769 MB', async () => {
    const before = await functionState(emu.lambda, 'cpu-hash')
    const r = await runSweepCli(emu.endpoint, [
      'cpu-hash', '--memory', '128,512,1769,3008', '--invocations', '8', '--strategy', 'speed', '--trim', '0.2', '--serial',
      '--json', '--include-samples', '--seed', '7',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out).toMatchObject({ schemaVersion: 1, function: 'cpu-hash', strategy: 'speed', seed: 7, currentMemory: 1769 })
    expect(out.results.map((x) => x.memory)).toEqual([128, 512, 1769, 3008])
    const p50 = (m: number) => byMemory(out, m).warm!.p50
    expect(p50(128)).toBeGreaterThan(p50(512))
    expect(p50(512)).toBeGreaterThan(p50(1769))
    // linear scaling would make 3,008 MB 1.7× faster (0.59× the time); a single thread cannot use the second vCPU.
    // (Load from other processes on the host moves these durations, hence the wide margin.)
    expect(p50(3008)).toBeGreaterThan(0.6 * p50(1769))
    expect(out.recommendation.memory).toBeGreaterThanOrEqual(1769)
    expect(out.recommendation.reason).toMatch(/MB is (the fastest|within 10% of the fastest)/)
    for (const v of out.results) {
      expect(v.invocations).toBe(8)
      expect(v.errors).toBe(0)
      expect(v.costPerInvocation).toBeGreaterThan(0)
      expect(v.maxMemoryUsedMB).toBeGreaterThan(0)
    }
    expect(out.samples!.filter((s) => s.phase === 'measure')).toHaveLength(32)
    expect(out.tuningCost.gbSeconds).toBeGreaterThan(0)
    // the same result rendered as a table names the pick and its reason
    const after = await functionState(emu.lambda, 'cpu-hash')
    expect(configurationDifferences(before.config, after.config)).toEqual([])
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
  })

  it('io-wait: the cost pick is the smallest memory, shown in a table and in Markdown', async () => {
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '128,512,1024', '--invocations', '5', '--payload', '{"waitMs":20}', '--concurrency', '2'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^128 MB ◀/m)
    expect(r.stdout).toMatch(/^Pick \(cost\): 128 MB\. 128 MB is the cheapest/m)
    expect(r.stdout).toMatch(/This tuning run cost \$/)
    expect(r.stderr).toMatch(/^sweeping io-wait: run [0-9a-f]{8}, seed \d+$/m)
    const md = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '128,512', '--invocations', '5', '--payload', '{"waitMs":20}', '--format', 'md'])
    expect(md.code).toBe(0)
    expect(md.stdout).toMatch(/^### lambda-tune sweep: io-wait$/m)
    expect(md.stdout).toMatch(/^\| \*\*128 MB ◀\*\* \|/m)
  })

  it('memory-hog: values below its need are marked failed and never picked', async () => {
    const r = await runSweepCli(emu.endpoint, ['memory-hog', '--memory', '128,512', '--invocations', '3', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(byMemory(out, 128)).toMatchObject({ failed: true })
    expect(byMemory(out, 128).errorTypes['Runtime.OutOfMemory']).toBeGreaterThan(0)
    expect(byMemory(out, 512).failed).toBe(false)
    expect(out.recommendation.memory).toBe(512)
  })

  it('heavy-init: cold starts (one forced on a fresh version) report INIT apart from warm durations', async () => {
    const r = await runSweepCli(emu.endpoint, ['heavy-init', '--memory', '256', '--invocations', '4', '--cold-starts', '1', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    const v = byMemory(out, 256)
    expect(v.initDuration!.count).toBe(2)
    expect(v.initDuration!.min).toBeGreaterThanOrEqual(300)
    expect(v.warm!.p99).toBeLessThan(v.initDuration!.min)
    expect(v.cold!.count).toBe(2)
    expect(v.coldCostPerInvocation).toBeGreaterThan(v.costPerInvocation!)
  })

  it('an SLO nobody meets is said clearly and exits 1', async () => {
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '128', '--invocations', '3', '--payload', '{"waitMs":30}', '--strategy', 'slo', '--p99', '5', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(out.recommendation.memory).toBeNull()
    expect(out.recommendation.reason).toMatch(/^no memory value meets p99 ≤ 5.00 ms/)
  })
})

describe('lambda-tune sweep with several functions and --out', () => {
  it('sweeps each function in turn and writes the output file too', async () => {
    const { mkdtempSync, readFileSync: read } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const out = join(mkdtempSync(join(tmpdir(), 'lambda-tune-sweep-')), 'sweep.json')
    const r = await runSweepCli(emu.endpoint, ['noop', 'io-wait', '--memory', '128', '--invocations', '2', '--payload', '{"waitMs":5}', '--format', 'json', '--out', out])
    expect(r.code).toBe(0)
    const multi = JSON.parse(r.stdout) as { schemaVersion: number; sweeps: SweepResult[] }
    expect(validateSchema(multi, schema)).toEqual([])
    expect(multi.sweeps.map((s) => s.function)).toEqual(['noop', 'io-wait'])
    for (const s of multi.sweeps) expect(validateSchema(s, schema)).toEqual([])
    expect(JSON.parse(read(out, 'utf8'))).toEqual(multi)
  })
})

describe('lambda-tune sweep --local', () => {
  it('starts the bundled emulator inside the CLI and sweeps a fixture', async () => {
    const { runCli } = await import('../helpers/cli.js')
    const r = await runCli(['sweep', 'noop', '--local', '--memory', '128,256', '--invocations', '2', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.results.map((v) => v.memory)).toContain(256)
  })
})
