import { describe, expect, it } from 'vitest'
import { compareRuns } from '../../../src/core/compare/compare-runs.js'
import { parseComparable, readComparable } from '../../../src/core/compare/result-files.js'
import { UsageError } from '../../../src/core/errors.js'
import { durations, sweepResult } from './samples.js'

const files = { baseline: 'base.json', current: 'cur.json' }
const read = (data: unknown) => readComparable(data, 'x.json')

describe('compareRuns on sweeps with samples', () => {
  it('does not call two sweeps of the same function a regression', () => {
    const base = read(sweepResult('fn', { 128: durations(40, 100, 1), 1024: durations(40, 20, 2) }, 1024))
    const cur = read(sweepResult('fn', { 128: durations(40, 100, 3), 1024: durations(40, 20, 4) }, 1024))
    const r = compareRuns(base, cur, files, { failOnRegression: 10 })
    expect(r.comparisons.map((c) => c.test)).toEqual(['mann-whitney', 'mann-whitney'])
    expect(r.comparisons.every((c) => c.status !== 'regression')).toBe(true)
    expect(r.passed).toBe(true)
    expect(r.exitCode).toBe(0)
  })

  it('flags a slowed function, with the effect size and an interval that excludes zero', () => {
    const base = read(sweepResult('fn', { 512: durations(30, 50, 5) }, 512))
    const cur = read(sweepResult('fn', { 512: durations(30, 65, 6) }, 512)) // 30% slower
    const r = compareRuns(base, cur, files, { failOnRegression: 10 })
    const c = r.comparisons[0]!
    expect(c.status).toBe('regression')
    expect(c.pValue!).toBeLessThan(0.001)
    expect(c.change!).toBeGreaterThan(0.2)
    expect(c.changeCi95![0]).toBeGreaterThan(0)
    expect(c.effectSize!.name).toBe('probability of superiority')
    expect(c.effectSize!.value).toBeGreaterThan(0.9)
    expect(r.gates[0]).toMatchObject({ gate: 'fail-on-regression', passed: false })
    expect(r.exitCode).toBe(1)
  })

  it('passes a slowdown below the threshold and reports it', () => {
    const base = read(sweepResult('fn', { 512: durations(200, 50, 7) }, 512))
    const cur = read(sweepResult('fn', { 512: durations(200, 54, 8) }, 512)) // 8% slower
    const r = compareRuns(base, cur, files, { failOnRegression: 20 })
    expect(r.passed).toBe(true)
    expect(r.comparisons[0]!.change!).toBeGreaterThan(0.04)
  })

  it('gives the same answer every run (seeded bootstrap)', () => {
    const base = read(sweepResult('fn', { 512: durations(30, 50, 5) }, 512))
    const cur = read(sweepResult('fn', { 512: durations(30, 55, 6) }, 512))
    expect(compareRuns(base, cur, files)).toEqual(compareRuns(base, cur, files))
  })
})

describe('compareRuns without samples', () => {
  const summaryOnly = (mean: number, sd: number) => {
    const s = sweepResult('fn', { 512: [mean] }, 512)
    return { ...s, samples: undefined, results: [{ ...s.results[0]!, warm: { count: 20, mean, stddev: sd, p50: mean, p90: mean, p99: mean } }] }
  }
  it("uses Welch's t-test on the summaries", () => {
    // means 100 and 130, sd 10, n 20 each: t = 30 / sqrt(100/20 + 100/20) = 9.49: significant.
    const r = compareRuns(read(summaryOnly(100, 10)), read(summaryOnly(130, 10)), files, { failOnRegression: 10 })
    expect(r.comparisons[0]).toMatchObject({ test: 'welch', status: 'regression' })
    expect(r.comparisons[0]!.effectSize).toEqual({ name: "Cohen's d", value: 3 })
    // means 100 and 103 with sd 30: t = 3 / 9.49 = 0.32: noise.
    expect(compareRuns(read(summaryOnly(100, 30)), read(summaryOnly(103, 30)), files).comparisons[0]!.status).toBe('not significant')
  })
})

describe('cost gates', () => {
  it('checks the pick against --max-cost-per-million and --max-monthly-cost', () => {
    const run = read(sweepResult('fn', { 128: durations(10, 100, 1), 1024: durations(10, 20, 2) }, 128, { 128: 0.0000004, 1024: 0.0000006 }))
    // the pick (128 MB) costs $0.40 per million; 3M requests a month: $1.20.
    const r = compareRuns(run, run, files, { maxCostPerMillion: 0.5, maxMonthlyCost: 1, monthlyRequests: 3_000_000 })
    expect(r.gates[0]).toMatchObject({ gate: 'max-cost-per-million', passed: true })
    expect(r.gates[0]!.actual).toBeCloseTo(0.4, 10)
    expect(r.gates[1]).toMatchObject({ gate: 'max-monthly-cost', passed: false })
    expect(r.gates[1]!.actual).toBeCloseTo(1.2, 10)
    expect(r.exitCode).toBe(1)
  })

  it('needs --monthly-requests for a monthly gate on sweeps', () => {
    const run = read(sweepResult('fn', { 128: [1, 2] }, 128))
    expect(() => compareRuns(run, run, files, { maxMonthlyCost: 1 })).toThrow(/needs --monthly-requests/)
  })

  it('prices reports at their observed traffic', () => {
    const report = (cost: number, avg: number) => ({
      schemaVersion: 1, kind: 'report',
      functions: [{ name: 'api', memoryMB: 512, invocations: 1000, duration: { avg, p50: avg, p99: avg }, monthly: { invocations: 2_000_000, cost } }],
    })
    const r = compareRuns(read(report(10, 100)), read(report(12, 150)), files, { maxMonthlyCost: 11, maxCostPerMillion: 5, failOnRegression: 20 })
    // $12 for 2M = $6 per million; mean 100 -> 150 over 1,000 invokes each (>= 50): a regression without a test.
    expect(r.comparisons[0]).toMatchObject({ test: 'none', status: 'regression' })
    expect(r.gates.map((g) => [g.gate, g.passed])).toEqual([
      ['fail-on-regression', false],
      ['max-cost-per-million', false],
      ['max-monthly-cost', false],
    ])
    expect(r.gates.map((g) => g.actual!)).toEqual([expect.closeTo(50, 9), expect.closeTo(6, 9), expect.closeTo(12, 9)])
  })
})

describe('malformed input', () => {
  it.each([
    ['{', /x.json: not valid JSON/],
    ['[]', /empty array/],
    ['{"results": []}', /no schemaVersion/],
    ['{"schemaVersion": 1}', /neither results\[\] nor functions\[\]/],
    ['{"schemaVersion": 1, "function": "f", "results": [{"memory": "big"}]}', /results\[0\] has no memory/],
    ['{"schemaVersion": 1, "functions": [{"name": 3}]}', /functions\[0\] has no name/],
  ])('%s', (text, message) => {
    expect(() => parseComparable(text, 'x.json')).toThrow(message)
    expect(() => parseComparable(text, 'x.json')).toThrow(UsageError)
  })

  it('refuses to compare a sweep with a report, or runs with nothing in common', () => {
    const sweep = read(sweepResult('fn', { 128: [1, 2] }, 128))
    const other = read(sweepResult('other', { 128: [1, 2] }, 128))
    const report = read({ schemaVersion: 1, functions: [{ name: 'fn', memoryMB: 128 }] })
    expect(() => compareRuns(sweep, report, files)).toThrow(/cannot compare a sweep result \(base.json\) with a report result/)
    expect(() => compareRuns(sweep, other, files)).toThrow(/no function and memory value in common/)
  })
})

describe('functionName', () => {
  it('reads names, qualified names and ARNs', async () => {
    const { functionName } = await import('../../../src/core/compare/result-files.js')
    expect(functionName('my-fn')).toBe('my-fn')
    expect(functionName('my-fn:live')).toBe('my-fn')
    expect(functionName('arn:aws:lambda:us-east-1:123456789012:function:my-fn')).toBe('my-fn')
    expect(functionName('arn:aws:lambda:us-east-1:123456789012:function:my-fn:7')).toBe('my-fn')
  })
})
