import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import type { SweepGates } from '../../src/sweep/baseline-gates.js'
import type { SweepDryRun } from '../../src/sweep/service.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { expectAsFound, snapshot } from '../reliability/helpers.js'
import { runSweepCli } from '../sweep/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
let emu: TestEmulator

beforeAll(async () => {
  emu = await startTestEmulator()
  // io-wait logs in JSON at system level WARN: Lambda filters platform.report out of the tail and out of CloudWatch Logs
  await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'io-wait', LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } }))
  await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'io-wait' })
})
afterAll(async () => {
  await emu?.stop()
})
const state = (name: string) => snapshot(emu.lambda, emu.emulator, name)
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Warning: '))

describe('sweep --source auto: a log tail without REPORT lines is measured from CloudWatch', () => {
  it('an endpoint that returns no log tail: one line says so, each invoke is joined to its REPORT line in CloudWatch Logs, a settled result as usual', async () => {
    const before = await state('cpu-hash')
    emu.emulator.faults.noLogTail = true
    let r
    try {
      r = await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '512,1769', '--cold-starts', '1', '--json', '--include-samples'])
    } finally {
      emu.emulator.faults.noLogTail = false
    }
    expect(r.code).toBe(0)
    // the sequential sweep's first round finds no tail; then a fixed count of 20 measured invokes (and 1 cold by design)
    expect(warnings(r.stderr)).toEqual([
      'Warning: cpu-hash: no log tail in the Invoke responses (an endpoint that returns none, or a JSON log format that filters every line?): measuring from CloudWatch, 21 invokes per value, no sequential decision',
    ])
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.measurement).toMatchObject({ asked: 'auto', source: 'logs', reason: 'no log tail in the Invoke responses (an endpoint that returns none, or a JSON log format that filters every line?)', warnings: [] })
    expect(out.settings).toMatchObject({ sampling: 'fixed', invocations: 21 })
    for (const v of out.results) {
      expect(v.sources).toEqual({ invocations: 'invoke', errors: 'invoke', duration: 'logs', cost: 'logs', coldStarts: 'logs', initDuration: 'logs', maxMemoryUsed: 'logs' })
      // 21 through the alias (its first a cold start) and the forced cold start on a version of its own
      expect(v.invocations).toBe(22)
      expect((v.warm?.count ?? 0) + (v.cold?.count ?? 0)).toBe(22)
      expect(v.initDuration?.count).toBe(2)
      expect(v.maxMemoryUsedMB).toBeGreaterThan(0)
    }
    // every invoke carries its REPORT line's figures, found by the request id the Invoke response gave
    expect(out.samples!.every((s) => typeof s.requestId === 'string' && s.durationMs !== undefined && s.billedDurationMs !== undefined)).toBe(true)
    expect(out.tuningCost.usd).toBeGreaterThan(0)
    expect(out.recommendation.memory).not.toBeNull()
    expectAsFound(before, await state('cpu-hash'))
  })

  it('a JSON log format at system level WARN: CloudWatch\'s aggregates per alias, the rule on their point estimates, never settled', async () => {
    const before = await state('io-wait')
    const started = new Date()
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '128,512', '-n', '6', '--json'])
    expect(r.code).toBe(0)
    expect(warnings(r.stderr)).toHaveLength(1)
    expect(warnings(r.stderr)[0]).toMatch(/: measuring from CloudWatch, 6 invokes per value, no sequential decision$/)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.measurement.source).toBe('aggregates')
    expect(out.recommendation).toMatchObject({ settled: false, stoppedBy: 'fixed', bandPosition: null })
    expect(out.recommendation.reason).toMatch(/by CloudWatch's figures .*; not settled: CloudWatch's aggregates hold no per-invoke data to bound the decision$/)
    // io-wait waits 50 ms whatever its memory: 128 MB is the cheapest by far
    expect(out.recommendation.memory).toBe(128)
    for (const v of out.results) {
      expect(v).toMatchObject({ invocations: 6, warm: null, cold: null, initDuration: null, maxMemoryUsedMB: null, percentileBounds: null })
      expect(v.sources).toEqual({ invocations: 'invoke', errors: 'invoke', duration: 'metrics', cost: 'metrics', coldStarts: null, initDuration: null, maxMemoryUsed: null })
      expect(v.aggregate).toMatchObject({ source: 'metrics', invocations: 6 })
      expect(v.aggregate!.trimmedMean).toBeGreaterThanOrEqual(50)
      expect(v.aggregate!.mean).toBeGreaterThanOrEqual(50)
      // the figure is CloudWatch's own: the Duration metric by Resource = function:alias
      const resource = `io-wait:lambda-tune-${out.runId}-${v.memory}`
      const data = await emu.cloudwatch.send(new GetMetricDataCommand({
        StartTime: new Date(started.getTime() - 120_000), EndTime: new Date(Date.now() + 120_000),
        MetricDataQueries: [{ Id: 'avg', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'io-wait' }, { Name: 'Resource', Value: resource }] }, Period: 600, Stat: 'Average' } }],
      }))
      expect(data.MetricDataResults?.[0]?.Values?.[0]).toBeCloseTo(v.aggregate!.mean, 6)
    }
    expect(out.results.find((v) => v.memory === 512)!.decision.reason).toMatch(/no per-invoke data to decide on$/)
    expect(out.tuningCost.usd).toBeGreaterThan(0)
    expectAsFound(before, await state('io-wait'))

    const table = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '128,512', '-n', '6'])
    expect(table.code).toBe(0)
    expect(table.stdout.replace(/\s+/g, ' ')).toContain(
      "Measured from CloudWatch: no log tail in the Invoke responses (an endpoint that returns none, or a JSON log format that filters every line?). Each alias's figures",
    )
    expect(table.stdout.split('\n').filter((l) => l.startsWith('  ')).every((l) => l.length <= 120)).toBe(true)
    expect(table.stdout).toContain("Not settled: CloudWatch's aggregates hold no per-invoke data to bound the decision")
    expect(table.stdout).toMatch(/^128 MB ◀ +6 +\d+(\.\d+)? ms +\d+(\.\d+)? ms/m)
  })

  it('no source gives durations (no REPORT line anywhere, GetMetricData answers an HTML 500): one line, exit 4, no result, the function as found', async () => {
    const before = await state('io-wait')
    emu.emulator.faults.htmlErrors = { GetMetricData: 500 }
    let r
    try {
      r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '256', '-n', '3', '--json'])
    } finally {
      emu.emulator.faults.htmlErrors = {}
    }
    expect(r.code).toBe(4)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Error: '))).toEqual([
      'Error: io-wait: nothing was measured: no log tail in the Invoke responses (an endpoint that returns none, or a JSON log format that filters every line?), and CloudWatch gave no durations ' +
        '(GetMetricData answered HTTP 500 with an HTML page, not an AWS error: no figures from the CloudWatch metrics of 128 MB, 256 MB; CloudWatch Logs holds no REPORT line of the run)',
    ])
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expectAsFound(before, await state('io-wait'))
  })
})

describe('sweep --source cloudwatch and --source logs', () => {
  it('cloudwatch: durations from the Duration metric by alias even when the tails hold REPORT lines; cold starts, INIT and memory from CloudWatch Logs', async () => {
    const r = await runSweepCli(emu.endpoint, ['noop', '--memory', '128,1024', '-n', '5', '--cold-starts', '1', '--source', 'cloudwatch', '--json'])
    expect(r.code).toBe(0)
    expect(warnings(r.stderr)).toEqual([])
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.measurement).toMatchObject({ asked: 'cloudwatch', source: 'aggregates', reason: '--source cloudwatch', warnings: [] })
    expect(out.recommendation.settled).toBe(false)
    for (const v of out.results) {
      expect(v.sources).toEqual({ invocations: 'invoke', errors: 'invoke', duration: 'metrics', cost: 'logs', coldStarts: 'logs', initDuration: 'logs', maxMemoryUsed: 'logs' })
      // the alias's first invoke and the forced cold start's version
      expect(v.initDuration?.count).toBe(2)
      expect(v.aggregate).toMatchObject({ source: 'metrics', invocations: 5 })
    }
  })

  it('logs: a tail without a REPORT line fails the run (exit 4) and says what --source auto would do', async () => {
    const before = await state('io-wait')
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '256', '-n', '2', '--source', 'logs'])
    expect(r.code).toBe(4)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Error: '))).toEqual([
      expect.stringMatching(/^Error: Invoke of io-wait:lambda-tune-[0-9a-f]+-\d+ returned no log tail, so nothing was measured \(.*\); --source auto measures from CloudWatch instead$/),
    ])
    expectAsFound(before, await state('io-wait'))
  })

  it('--baseline: gated on the invokes joined to their REPORT lines; refused with --source cloudwatch; exit 4 on aggregates alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-source-'))
    const baseline = join(dir, 'baseline.json')
    const base = await runSweepCli(emu.endpoint, ['cpu-parallel', '--memory', '1024', '-n', '4', '--json', '--include-samples', '--out', baseline])
    expect(base.code).toBe(0)
    const gate = ['--baseline', baseline, '--fail-on-cost-increase', '200']

    const refused = await runSweepCli(emu.endpoint, ['cpu-parallel', '--memory', '1024', '-n', '4', '--source', 'cloudwatch', ...gate])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe("Error: --baseline gates need each invoke's duration, which --source cloudwatch does not give (CloudWatch's aggregates): use --source auto\n")

    emu.emulator.faults.noLogTail = true
    let joined
    try {
      joined = await runSweepCli(emu.endpoint, ['cpu-parallel', '--memory', '1024', '-n', '4', '--json', ...gate])
    } finally {
      emu.emulator.faults.noLogTail = false
    }
    expect(joined.code).toBe(0)
    const out = JSON.parse(joined.stdout) as SweepResult & { gates: SweepGates }
    expect(out.measurement.source).toBe('logs')
    expect(out.gates).toMatchObject({ passed: true, confirmation: null, confirmedOn: [] })
    expect(out.gates.first.gates.map((g) => g.gate)).toEqual(['fail-on-cost-increase'])

    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'cpu-parallel', LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { FunctionName: 'cpu-parallel' })
    const before = await state('cpu-parallel')
    const aggregates = await runSweepCli(emu.endpoint, ['cpu-parallel', '--memory', '1024', '-n', '4', '--json', ...gate])
    expect(aggregates.code).toBe(4)
    expect(aggregates.stdout).toBe('')
    expect(aggregates.stderr.split('\n').filter((l) => l.startsWith('Error: '))).toEqual([
      "Error: cpu-parallel: the --baseline gates need each invoke's duration, and CloudWatch gave only aggregates (no REPORT line in CloudWatch Logs): nothing was gated",
    ])
    expectAsFound(before, await state('cpu-parallel'))
  })

  it('--dry-run names the CloudWatch reads each source may make, and an unknown source is a usage error', async () => {
    const calls = async (source: string) =>
      (JSON.parse((await runSweepCli(emu.endpoint, ['noop', '--memory', '128', '--dry-run', '--json', '--source', source])).stdout) as SweepDryRun).calls.filter((c) => c.includes('GetMetricData'))
    expect(await calls('cloudwatch')).toEqual([expect.stringMatching(/^After the invokes: GetMetricData by Resource=noop:<alias> .* waiting up to 300 s/)])
    expect(await calls('auto')).toEqual([expect.stringMatching(/^Only if a log tail holds no REPORT line \(then a fixed count of invokes per value\): GetMetricData/)])
    expect(await calls('logs')).toEqual([])
    const bad = await runSweepCli(emu.endpoint, ['noop', '--source', 'metrics'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
  })
})
