import { describe, expect, it } from 'vitest'
import { parseVersionReport, versionReportQuery } from '../../../src/core/canary/logs-query.js'
import { buildCanaryPlan, type CanaryPlanInput } from '../../../src/core/canary/plan.js'
import { parseCanaryDuration, parsePeriod } from '../../../src/core/canary/time.js'
import { UsageError } from '../../../src/core/errors.js'
import { SECONDS_PER_MONTH } from '../../../src/core/quantity.js'
import { canaryResult } from './fixtures.js'

describe('durations and periods', () => {
  it('--duration needs a unit and whole seconds', () => {
    expect(parseCanaryDuration('10m')).toBe(600)
    expect(parseCanaryDuration('1h30m')).toBe(5400)
    expect(parseCanaryDuration('30s')).toBe(30)
    expect(parseCanaryDuration('2 min')).toBe(120)
    for (const bad of ['10', '10ms', 'soon', '', '1d', '25h']) expect(() => parseCanaryDuration(bad)).toThrow(UsageError)
  })

  it('--period is a multiple of 60 s on AWS; shorter only against another endpoint', () => {
    expect(parsePeriod('60', true)).toBe(60)
    expect(parsePeriod('5m', true)).toBe(300)
    expect(parsePeriod('1', false)).toBe(1)
    expect(() => parsePeriod('30', true)).toThrow(/Lambda publishes its metrics per minute/)
    expect(() => parsePeriod('0', false)).toThrow(UsageError)
  })
})

describe('buildCanaryPlan', () => {
  const input: CanaryPlanInput = {
    functionName: 'shop',
    alias: 'live',
    mainVersion: '7',
    mainMemory: 512,
    latestMemory: 512,
    candidates: [256, 1024],
    weight: 0.1,
    durationSeconds: 600,
    periodSeconds: 60,
    runId: 'abcd1234',
  }

  it('looks every period up to 20 looks, then every few periods', () => {
    expect(buildCanaryPlan(input)).toMatchObject({ lookEverySeconds: 60, looks: 10 })
    expect(buildCanaryPlan({ ...input, durationSeconds: 3600 })).toMatchObject({ lookEverySeconds: 180, looks: 20 })
    expect(buildCanaryPlan({ ...input, durationSeconds: 20, periodSeconds: 1 })).toMatchObject({ lookEverySeconds: 1, looks: 20 })
  })

  it('marks each candidate version with the run’s description and lists the calls in order', () => {
    const plan = buildCanaryPlan(input)
    expect(plan.candidatesPlanned).toEqual([
      { memory: 256, description: 'lambda-tune run abcd1234: 256 MB' },
      { memory: 1024, description: 'lambda-tune run abcd1234: 1024 MB' },
    ])
    expect(plan.calls[0]).toMatch(/^GetAlias shop:live/)
    expect(plan.calls.filter((c) => c.startsWith('UpdateAlias shop:live RoutingConfig='))).toHaveLength(2)
    expect(plan.calls.at(-1)).toMatch(/^DeleteFunction Qualifier=<version> × 2/)
  })

  it('refuses a window that cannot hold a comparison, and the alias’s own memory', () => {
    expect(() => buildCanaryPlan({ ...input, durationSeconds: 300 })).toThrow(/needs at least 6 .*give --duration 360s or more/)
    expect(() => buildCanaryPlan({ ...input, durationSeconds: 630 })).toThrow(/not a whole number of --period 60s/)
    expect(() => buildCanaryPlan({ ...input, candidates: [512] })).toThrow(/--memory 512 is the alias's own memory/)
  })
})

describe('buildCanaryResult', () => {
  const result = canaryResult()

  it('adds the counts up per version and for the alias, and scales the traffic to a month', () => {
    expect(result.traffic).toEqual({ aliasInvocations: 800, measuredSeconds: 720, invocationsPerMonth: (800 * SECONDS_PER_MONTH) / 720 })
    const [first, second] = result.candidates
    expect(first).toMatchObject({ status: 'completed', main: { invocations: 540, errors: 0 }, candidate: { invocations: 60, errors: 0 } })
    expect(first!.window).toEqual({ start: new Date(0).toISOString(), end: new Date(360_000).toISOString(), seconds: 360, periods: 6, warmupPeriods: 1 })
    expect(second).toMatchObject({ status: 'stopped', candidate: { errors: 20, errorRate: 1 } })
  })

  it('compares the periods after the warm-up: 1024 MB runs in half the time for the same cost', () => {
    const c = result.candidates[0]!.comparison
    expect(c.periods).toBe(5)
    expect(c.durationRatio!.estimate).toBeCloseTo(250 / 500, 12)
    expect(c.durationMs!.estimate).toBeCloseTo(-50, 10)
    expect(c.costRatio!.estimate).toBeGreaterThan(0.95)
    expect(c.costRatio!.estimate).toBeLessThan(1.05)
    expect(c.costPerMonth!.estimate).toBeCloseTo(c.costPerInvocation!.estimate * result.traffic.invocationsPerMonth, 12)
  })

  it('picks among the current setting and the candidates that ran their window; a stopped one is not picked', () => {
    expect(result.recommendation.memory).toBe(1024)
    expect(result.recommendation.contenders).not.toContain(256)
  })
})

describe('the Logs Insights query per version', () => {
  it('picks the version’s log streams by their [version] and reads MB from bytes', () => {
    expect(versionReportQuery('12')).toBe(
      'filter @type = "REPORT" and @logStream like "[12]" | stats count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as initAvg, max(@maxMemoryUsed) as memMax',
    )
    expect(() => versionReportQuery('live')).toThrow()
    expect(
      parseVersionReport([
        [
          { field: 'invocations', value: '40' },
          { field: 'coldStarts', value: '2' },
          { field: 'initAvg', value: '150.5' },
          { field: 'memMax', value: '87000000' },
        ],
      ]),
    ).toEqual({ invocations: 40, coldStarts: 2, initMeanMs: 150.5, maxMemoryUsedMB: 87 })
    expect(parseVersionReport([])).toBeNull()
    expect(parseVersionReport([[{ field: 'invocations', value: '0' }]])).toBeNull()
  })
})
