import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetFunctionConfigurationCommand, InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportResult } from '../../src/core/report/types.js'
import { parseReport } from '../../src/core/report-log.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.json'), 'utf8')) as Schema
const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }

interface Raw { durations: number[]; errors: number; coldStarts: number; maxMemory: number }

let emu: TestEmulator
const raw: Record<string, Raw> = {}

async function drive(fn: string, count: number, parallel = 1): Promise<void> {
  const r: Raw = (raw[fn] ??= { durations: [], errors: 0, coldStarts: 0, maxMemory: 0 })
  for (let i = 0; i < count; i += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, () =>
      emu.lambda.send(new InvokeCommand({ FunctionName: fn, Payload: '{}', LogType: 'Tail' }))))
    for (const out of batch) {
      const report = parseReport(out.LogResult!)!
      r.durations.push(report.durationMs!)
      if (out.FunctionError) r.errors++
      if (report.initDurationMs !== undefined) r.coldStarts++
      r.maxMemory = Math.max(r.maxMemory, report.maxMemoryUsedMB!)
    }
  }
}

/** CloudWatch's percentile: nearest rank, the value at rank ceil(p x N). */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}

beforeAll(async () => {
  emu = await startTestEmulator()
  await drive('noop', 25)
  await drive('flaky', 20) // one environment, every 4th invoke fails: 5 errors
  await drive('io-wait', 12, 4) // 50 ms on a timer, 4 at a time
})
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune report against the emulator', () => {
  it('shows the counts, error share, percentiles and concurrency of the traffic it was given', async () => {
    const before = await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'flaky' }))
    const r = await runCli(['report', 'noop', 'flaky', 'io-wait', '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as ReportResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out).toMatchObject({ schemaVersion: 1, kind: 'report', region: 'us-east-1' })
    const byName = Object.fromEntries(out.functions.map((f) => [f.name, f]))
    for (const [name, want] of Object.entries(raw)) {
      const f = byName[name]!
      expect(f.invocations, name).toBe(want.durations.length)
      expect(f.errors, name).toBe(want.errors)
      const mean = want.durations.reduce((a, b) => a + b, 0) / want.durations.length
      // REPORT lines print durations to 0.01 ms; the metric keeps the exact value.
      expect(Math.abs(f.duration!.avg - mean), name).toBeLessThan(0.01)
      expect(Math.abs(f.duration!.max! - Math.max(...want.durations)), name).toBeLessThan(0.01)
      expect(Math.abs(f.duration!.p50! - nearestRank(want.durations, 0.5)), name).toBeLessThan(0.01)
      expect(Math.abs(f.duration!.p90! - nearestRank(want.durations, 0.9)), name).toBeLessThan(0.01)
      expect(f.coldStarts, name).toMatchObject({ source: 'logs', count: want.coldStarts })
      expect(f.memoryUsed!.maxMB, name).toBe(want.maxMemory)
      expect(f.monthly.cost!, name).toBeGreaterThan(0)
    }
    expect(byName.flaky!.errors).toBe(5)
    expect(byName.flaky!.errorRate).toBe(0.25)
    expect(byName['io-wait']!.concurrency.max!).toBeGreaterThanOrEqual(2)
    expect(byName['io-wait']!.concurrency.max!).toBeLessThanOrEqual(4)
    expect(out.totals.invocations).toBe(57)
    // 13 metrics a function + 8 LambdaInsights ones; three log groups in one Logs Insights query by @log, and one more
    // for the billed time by version and memory size
    expect(out.calls).toEqual({ getMetricData: 1, metricQueries: 3 * 13 + 3 * 8, logsQueries: 2 })
    const after = await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'flaky' }))
    expect(after.RevisionId).toBe(before.RevisionId)
  })

  it('renders Markdown for a step summary, and --all covers every function', async () => {
    const r = await runCli(['report', '--all', '--endpoint-url', emu.endpoint, '--since', '1h', '--format', 'md', '--no-logs'], { env })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^## Lambda production report/)
    expect(r.stdout).toMatch(/\| flaky \| 256 MB \| 20 \| 25\.0% \|/)
    expect(r.stdout).toMatch(/\| \*\*total\*\* \|/)
  })

  it('prints a table that fits 120 columns: the columns that do not fit continue in a block under the first', async () => {
    const r = await runCli(['report', 'noop', 'flaky', 'io-wait', '--endpoint-url', emu.endpoint, '--since', '1h'], { env })
    expect(r.code).toBe(0)
    // the lines of the table: all but the heading line and the closing sentence
    const lines = r.stdout.split('\n').filter((l) => !/^(Production report|\$\/month): /.test(l))
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120)
    const heads = lines.filter((l) => l.startsWith('function '))
    expect(heads.length).toBeGreaterThanOrEqual(1)
    const columns = heads.flatMap((h) => h.split(/ {2,}/).slice(1).map((c) => c.trim()))
    expect(columns).toEqual(['memory', 'invokes', 'errors', 'throttles', 'avg', 'p50', 'p99', 'max', 'peak conc.', 'cold', 'init p99', 'mem used', '$/month'])
    expect(lines.filter((l) => /^flaky +/.test(l))).toHaveLength(heads.length)
  })

  it('selects by prefix', async () => {
    const r = await runCli(['report', '--prefix', 'fla', '--endpoint-url', emu.endpoint, '--since', '1h', '--json', '--no-logs'], { env })
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as ReportResult).functions.map((f) => f.name)).toEqual(['flaky'])
  })

  it('warns on one line when the window has no data, and still reports', async () => {
    const r = await runCli(['report', 'noop', '--endpoint-url', emu.endpoint, '--start', '2026-01-01T00:00:00Z', '--end', '2026-01-02T00:00:00Z'], { env })
    expect(r.code).toBe(0)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^Warning: no invocations in the window/)
  })

  it.each([
    [['report', 'no-such-function'], 3, /Function not found|no-such-function/],
    [['report', '--tag', 'team=nobody'], 3, /no function matches tag team=nobody/],
    [['report', '--prefix', 'zzz'], 3, /no function matches prefix 'zzz'/],
    [['report', 'noop', '--since', 'yesterday'], 2, /--since: cannot read 'yesterday'/],
    [['report', 'noop', '--all'], 2, /function names or --all/],
    [['report'], 2, /name the functions/],
    [['report', 'noop', '--tag', 'novalue'], 2, /--tag: 'novalue' is not key=value/],
  ])('%j: one line on stderr, exit %i', async (args, code, message) => {
    const r = await runCli([...args, '--endpoint-url', emu.endpoint], { env })
    expect(r.code).toBe(code)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: /)
    expect(lines[0]).toMatch(message)
  })
})
