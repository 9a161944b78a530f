import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { InvokeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecommendResult } from '../../src/core/recommend/recommend.js'
import type { ReportResult } from '../../src/core/report/types.js'
import { parseReport } from '../../src/core/report-log.js'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { runSweepCli } from '../sweep/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.json'), 'utf8')) as Schema
const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }
/** us-east-1 x86_64: first-tier duration price per GB-s, and per request */
const GB_SECOND = 0.0000166667
const REQUEST = 0.2 / 1e6

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
})
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 }

async function create(name: string, source: string, memoryMB: number): Promise<void> {
  await createNodeFunction(emu.lambda, name, source, { MemorySize: memoryMB })
  await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: name })
}
afterAll(async () => {
  await emu?.stop()
})

/** Invokes `count` times with the log tail and returns each REPORT line: what AWS bills. */
async function drive(fn: string, count: number): Promise<{ billedMs: number; memoryMB: number; initMs?: number }[]> {
  const out = []
  for (let i = 0; i < count; i++) {
    const r = await emu.lambda.send(new InvokeCommand({ FunctionName: fn, Payload: '{}', LogType: 'Tail' }))
    const line = parseReport(r.LogResult!)!
    out.push({ billedMs: line.billedDurationMs!, memoryMB: line.memorySizeMB!, ...(line.initDurationMs !== undefined ? { initMs: line.initDurationMs } : {}) })
  }
  return out
}

/** The month as AWS bills it: every invoke's Billed Duration at its own memory, scaled from the window. */
function billed(lines: { billedMs: number; memoryMB: number }[], windowSeconds: number): number {
  const scale = 2_628_000 / windowSeconds
  const gbSeconds = lines.reduce((s, l) => s + (l.billedMs / 1000) * (l.memoryMB / 1024), 0)
  return scale * (gbSeconds * GB_SECOND + lines.length * REQUEST)
}

async function report(args: string[], extraEnv: Record<string, string> = {}): Promise<ReportResult> {
  const r = await runCli(['report', ...args, '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env: { ...env, ...extraEnv } })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  const out = JSON.parse(r.stdout) as ReportResult
  expect(validateSchema(out, schema)).toEqual([])
  return out
}

describe('production cost exactly as billed', () => {
  it('counts INIT once: a cold start\'s Billed Duration already holds it', async () => {
    // 300 ms of module initialisation: one cold start, then warm invokes of a few ms
    await create('slow-init', 'const t = Date.now(); while (Date.now() - t < 300) {}\nexports.handler = async () => "ok"', 256)
    const lines = await drive('slow-init', 3)
    expect(lines.filter((l) => l.initMs !== undefined)).toHaveLength(1)
    expect(lines[0]!.billedMs).toBeGreaterThan(lines[0]!.initMs!)
    const out = await report(['slow-init'])
    const f = out.functions[0]!
    expect(f.monthly.basis).toMatchObject({ billedDuration: 'report-lines', init: 'in-billed-duration' })
    expect(f.monthly.cost!).toBeCloseTo(billed(lines, out.window.seconds), 9)
    expect(out.totals.monthlyCost).toBe(f.monthly.cost)
  })

  it('prices each part of the window at the memory it ran with', async () => {
    await create('resized', 'exports.handler = async () => "ok"', 128)
    const before = await drive('resized', 4)
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'resized', MemorySize: 512 }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'resized' })
    const after = await drive('resized', 2)
    const out = await report(['resized'])
    const f = out.functions[0]!
    expect(f.memoryMB).toBe(512)
    expect(f.monthly.basis!.parts.map((p) => [p.memoryMB, p.share])).toEqual([[128, 4 / 6], [512, 2 / 6]].sort((a, b) => a[0]! - b[0]!))
    expect(f.monthly.cost!).toBeCloseTo(billed([...before, ...after], out.window.seconds), 9)
    const table = await runCli(['report', 'resized', '--endpoint-url', emu.endpoint, '--since', '1h'], { env })
    expect(table.stdout).toMatch(/resized: the setting changed in the window: 66\.7% at 128 MB \$[0-9.]+, 33\.3% at 512 MB \$[0-9.]+\./)
  })
})

describe("lambda-tune's own sweeps are left out", () => {
  let sweep: SweepResult
  let production: { billedMs: number; memoryMB: number }[]
  /** every invoke the sweep made, as CloudWatch counted them */
  let swept: number

  beforeAll(async () => {
    await create('swept', 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 20)); return "ok" }', 256)
    production = await drive('swept', 5)
    const r = await runSweepCli(emu.endpoint, ['swept', '--memory', '128,1024', '--invocations', '4', '--json'])
    expect(r.code).toBe(0)
    sweep = JSON.parse(r.stdout) as SweepResult
    const total = await emu.cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(Date.now() - 3_600_000), EndTime: new Date(Date.now() + 60_000),
      MetricDataQueries: [{ Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'swept' }] }, Period: 7200, Stat: 'Sum' } }],
    }))
    swept = (total.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0) - 5
    expect(swept).toBeGreaterThanOrEqual(12)
  }, 120_000)

  it('counts only production, prices it at production\'s memory, and says how many invokes it left out', async () => {
    const out = await report(['swept'])
    const f = out.functions[0]!
    expect(f.invocations).toBe(5)
    expect(f.excluded).toMatchObject({ runs: [sweep.runId], qualifiers: [`lambda-tune-${sweep.runId}-1024`, `lambda-tune-${sweep.runId}-128`, `lambda-tune-${sweep.runId}-256`] })
    expect(f.excluded!.invocations).toBe(swept)
    expect(out.totals.excludedInvocations).toBe(swept)
    expect(f.monthly.basis!.parts.map((p) => p.memoryMB)).toEqual([256])
    expect(f.monthly.cost!).toBeCloseTo(billed(production, out.window.seconds), 9)
    expect(f.sources).toMatchObject({ counts: 'metrics', duration: 'metrics', percentiles: 'logs', coldStarts: 'logs' })
    // production's 5 invokes include its one cold start; each sweep version added cold starts of its own
    expect(f.coldStarts).toMatchObject({ source: 'logs', count: 1, share: 0.2 })
  })

  it('finds the sweep from CloudWatch alone, without the run journal', async () => {
    const out = await report(['swept'], { LAMBDA_TUNE_STATE_DIR: mkdtempSync(join(tmpdir(), 'lambda-tune-no-journal-')) })
    expect(out.functions[0]!.invocations).toBe(5)
    expect(out.functions[0]!.excluded!.runs).toEqual([sweep.runId])
  })

  it('the table and recommend say what was left out', async () => {
    const table = await runCli(['report', 'swept', '--endpoint-url', emu.endpoint, '--since', '1h'], { env })
    expect(table.stdout).toContain(`Left out: ${swept} invokes of lambda-tune's own sweeps (swept: ${swept} (run ${sweep.runId})).`)
    const r = await runCli(['recommend', 'swept', '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env })
    expect(r.code).toBe(0)
    const rec = JSON.parse(r.stdout) as RecommendResult
    expect(rec.observed.invocations).toBe(5)
    expect(rec.memory.money.monthlyCurrent).toBe(rec.observed.monthly.cost)
  })
})
