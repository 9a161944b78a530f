import { describe, expect, it } from 'vitest'
import { compareRuns } from '../../../src/core/compare/compare-runs.js'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { durations, sweepResult } from './samples.js'

const files = { baseline: 'base.json', current: 'cur.json' }
const read = (data: unknown) => readComparable(data, 'x.json')

describe('compareRuns', () => {
  it('wraps the gate decision with the files it was made on', () => {
    const run = read(sweepResult('fn', { 128: durations(10, 100, 1), 1024: durations(10, 20, 2) }, 1024))
    const r = compareRuns(run, run, files, { failOnRegression: 10 })
    expect(r).toMatchObject({
      schemaVersion: 2, kind: 'compare', passed: true, exitCode: 0, alpha: 0.05, thresholdPercent: 10, costThresholdPercent: 5, percentile: 'p50',
      inputs: { baseline: { file: 'base.json', kind: 'sweep' }, current: { file: 'cur.json', kind: 'sweep' } },
    })
  })

  it('refuses to compare a sweep with a report, or runs with nothing in common', () => {
    const sweep = read(sweepResult('fn', { 128: [1, 2] }, 128))
    const other = read(sweepResult('other', { 128: [1, 2] }, 128))
    const report = read({ schemaVersion: 1, functions: [{ name: 'fn', memoryMB: 128 }] })
    expect(() => compareRuns(sweep, report, files)).toThrow(/cannot compare a sweep result \(base.json\) with a report result \(cur.json\)/)
    expect(() => compareRuns(sweep, other, files)).toThrow('base.json and cur.json have no function and memory value in common')
  })
})

describe('absolute cost gates', () => {
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
    const report = (cost: number) => read({
      schemaVersion: 1, kind: 'report',
      functions: [{ name: 'api', memoryMB: 512, invocations: 1000, duration: { avg: 100 }, monthly: { invocations: 2_000_000, cost } }],
    })
    const r = compareRuns(report(10), report(12), files, { maxMonthlyCost: 11, maxCostPerMillion: 5 })
    // $12 for 2M = $6 per million
    expect(r.gates.map((g) => [g.gate, g.passed, g.actual])).toEqual([
      ['max-cost-per-million', false, expect.closeTo(6, 9)],
      ['max-monthly-cost', false, expect.closeTo(12, 9)],
    ])
  })
})
