import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RecommendResult } from '../../src/core/recommend/recommend.js'
import type { ReportResult } from '../../src/core/report/types.js'
import type { Faults } from '../../src/emulator/index.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'

const reportSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.json'), 'utf8')) as Schema
const recommendSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/recommend.json'), 'utf8')) as Schema
const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
  for (let i = 0; i < 10; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: '{}' }))
  for (let i = 0; i < 8; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'flaky', Payload: '{}' }))
})
afterAll(async () => {
  await emu?.stop()
})
afterEach(() => {
  Object.assign(emu.emulator.faults, { htmlErrors: {}, percentiles: 'keep', insightsWithoutStats: false } satisfies Partial<Faults>)
})

/** `report noop flaky` against the faulty endpoint: exit 0, the JSON valid, and each warning once (on stderr for a table). */
async function degradedReport(faults: Partial<Faults>, args: string[] = []) {
  Object.assign(emu.emulator.faults, faults)
  const json = await runCli(['report', 'noop', 'flaky', '--endpoint-url', emu.endpoint, '--since', '1h', '--json', ...args], { env })
  expect(json.stderr).toBe('')
  expect(json.code).toBe(0)
  const out = JSON.parse(json.stdout) as ReportResult
  expect(validateSchema(out, reportSchema)).toEqual([])
  const table = await runCli(['report', 'noop', 'flaky', '--endpoint-url', emu.endpoint, '--since', '1h', ...args], { env })
  expect(table.code).toBe(0)
  expect(table.stdout).toMatch(/^Production report/)
  expect(table.stderr.trim().split('\n')).toEqual(out.warnings.map((w) => `Warning: ${w}`))
  return out
}

describe('report degrades, does not die', () => {
  it('percentile statistics answered with an HTML 500 page: percentiles from the REPORT lines, one warning', async () => {
    const out = await degradedReport({ percentiles: 500 })
    expect(out.warnings).toEqual(['GetMetricData answered HTTP 500 with an HTML page, not an AWS error: percentiles from CloudWatch (of duration, and of Lambda Insights) are null'])
    for (const f of out.functions) {
      expect(f.invocations).toBeGreaterThan(0)
      expect(f.duration!.p99).not.toBeNull()
      expect(f.sources.percentiles).toBe('logs')
      expect(f.monthly.cost!).toBeGreaterThan(0)
    }
  })

  it('the same without the logs: percentiles are null, the rest is reported', async () => {
    const out = await degradedReport({ percentiles: 500 }, ['--no-logs'])
    expect(out.functions.map((f) => [f.invocations, f.duration!.p50, f.duration!.p99, f.sources.percentiles])).toEqual([[10, null, null, null], [8, null, null, null]])
    expect(out.warnings).toEqual(['GetMetricData answered HTTP 500 with an HTML page, not an AWS error: percentiles from CloudWatch (of duration, and of Lambda Insights) are null'])
  })

  it('percentile statistics answered with no datapoints: said once, not silently null', async () => {
    const out = await degradedReport({ percentiles: 'drop' }, ['--no-logs'])
    expect(out.functions.every((f) => f.duration!.p99 === null && f.duration!.avg > 0)).toBe(true)
    expect(out.warnings).toEqual([
      'GetMetricData returned no datapoints for the duration percentiles (p50, p90, p99, p99.9) though it returned the average: this endpoint does not compute percentiles; they come from the REPORT lines where those were read, else are null',
    ])
  })

  it('GetMetricData down entirely: counts are null, not zero, and the logs still give what they can', async () => {
    const out = await degradedReport({ htmlErrors: { GetMetricData: 503 } })
    for (const f of out.functions) {
      expect(f).toMatchObject({ invocations: null, errors: null, errorRate: null, monthly: { invocations: null, cost: null } })
      expect(f.coldStarts?.source).toBe('logs')
    }
    expect(out.warnings).toEqual([
      'GetMetricData answered HTTP 503 with an HTML page, not an AWS error: invocations, errors, throttles, average and maximum duration, concurrency and cost are null; percentiles from CloudWatch (of duration, and of Lambda Insights) are null; Lambda Insights figures (cold starts, memory use) are null',
    ])
  })

  it('Logs Insights rows without the stats fields: a warning, and the cost says it came from averages', async () => {
    const out = await degradedReport({ insightsWithoutStats: true })
    expect(out.functions.map((f) => f.coldStarts?.source ?? null)).toEqual(['insights', 'insights'])
    expect(out.functions.map((f) => f.monthly.basis!.billedDuration)).toEqual(['average-duration', 'average-duration'])
    expect(out.warnings).toEqual([
      'Logs Insights answered rows without the stats fields the query asked for (invocations, coldStarts, billedSum, ...): cold starts, memory use and billed durations from the REPORT lines are null',
    ])
  })

  it('StartQuery and ListMetrics unavailable: one warning each, the metrics still reported', async () => {
    const out = await degradedReport({ htmlErrors: { StartQuery: 404, ListMetrics: 500 } })
    expect(out.functions.map((f) => [f.invocations, f.coldStarts, f.memoryUsed])).toEqual([[10, null, null], [8, null, null]])
    expect(out.warnings).toEqual([
      'ListMetrics answered HTTP 500 with an HTML page, not an AWS error: Lambda Insights figures are not read; lambda-tune\'s own sweep traffic is found only from the local run journal',
      'StartQuery answered HTTP 404 with an HTML page, not an AWS error: cold starts, memory use and billed durations from the REPORT lines are null',
    ])
  })

  it('selecting the functions must work: a failure there is one line and exit 3', async () => {
    Object.assign(emu.emulator.faults, { htmlErrors: { GetFunctionConfiguration: 502 } })
    const r = await runCli(['report', 'noop', '--endpoint-url', emu.endpoint, '--since', '1h'], { env })
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`Error: GetFunctionConfiguration answered HTTP 502 with an HTML page, not an AWS error (while reading function noop at ${emu.endpoint})\n`)
  })
})

describe('recommend degrades, does not die', () => {
  it('ListProvisionedConcurrencyConfigs and GetAccountSettings answering 404 pages: recommends the rest, names each', async () => {
    Object.assign(emu.emulator.faults, { htmlErrors: { ListProvisionedConcurrencyConfigs: 404, GetAccountSettings: 404 } })
    const r = await runCli(['recommend', 'flaky', '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RecommendResult
    expect(validateSchema(out, recommendSchema)).toEqual([])
    expect(out.warnings).toEqual([
      'ListProvisionedConcurrencyConfigs answered HTTP 404 with an HTML page, not an AWS error: the provisioned concurrency is unknown',
      "GetAccountSettings answered HTTP 404 with an HTML page, not an AWS error: the account's concurrency limit is unknown",
    ])
    expect(out.concurrency.provisioned.current).toBeNull()
    expect(out.memory.evidence.length).toBeGreaterThan(0)
    // flaky fails every 4th invoke: 2 of 8, named where it bears on the advice
    expect(out.observed.errorRate).toBe(0.25)
    expect(out.memory.warnings.join('\n')).toContain('25.0% of invokes failed (2 of 8)')
    expect(out.timeout.warnings.join('\n')).toContain('25.0% of invokes failed (2 of 8)')
    const table = await runCli(['recommend', 'flaky', '--endpoint-url', emu.endpoint, '--since', '1h'], { env })
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('errors 25.0%, throttles 0.0%')
    expect(table.stderr.trim().split('\n')).toEqual(out.warnings.map((w) => `Warning: ${w}`))
  })
})
