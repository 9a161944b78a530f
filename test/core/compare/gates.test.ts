import { describe, expect, it } from 'vitest'
import { decideGates, type GateDecision } from '../../../src/core/compare/gates.js'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { UsageError } from '../../../src/core/errors.js'
import { lognormal, sweepResult } from './samples.js'

const MEDIANS: Record<number, number> = { 128: 800, 256: 400, 512: 200, 1024: 100, 1769: 60, 3008: 58 }
const read = (data: unknown) => readComparable(data, 'x.json')

/** One sweep of `api` over 6 memory values, n lognormal invokes each; `factor` slows a value. */
function run(seed: number, n = 20, factor: (memory: number) => number = () => 1, sigma = 0.3) {
  const perMemory = Object.fromEntries(Object.entries(MEDIANS).map(([m, median], i) => [m, lognormal(n, median * factor(Number(m)), sigma, seed * 10 + i)]))
  return read(sweepResult('api', perMemory, 1024))
}

/** The verdict is the bound the output shows: a regression exactly when the shown lower bound exceeds the threshold. */
function expectVerdictsFromBounds(d: GateDecision) {
  const threshold = d.thresholdPercent / 100
  for (const row of [...d.functions, ...d.comparisons]) {
    if (row.status === 'regression' || row.status === 'no regression') {
      expect(row.lowerBound).not.toBeNull()
      expect(row.status === 'regression').toBe(row.lowerBound! > threshold)
    }
  }
}

describe('decideGates on durations', () => {
  it('passes two sweeps of the same function, showing each change with the bound it was judged on', () => {
    const d = decideGates(run(1), run(2), { failOnRegression: 10 })
    expect(d.passed).toBe(true)
    expect(d.gates[0]).toMatchObject({ gate: 'fail-on-regression', passed: true, detail: 'no slowdown shown above 10% (family-wise alpha 0.05)' })
    expect(d.functions).toHaveLength(1)
    expect(d.functions[0]).toMatchObject({ function: 'api', values: [128, 256, 512, 1024, 1769, 3008], test: 'stratified rank shift', status: 'no regression' })
    expect(d.comparisons.map((c) => c.test)).toEqual(Array(6).fill('rank shift'))
    expect(d.comparisons.every((c) => c.status === 'no regression' && c.measure === 'median')).toBe(true)
    expectVerdictsFromBounds(d)
  })

  it('splits alpha: half to the pooled test, half over the values, each bound at its own confidence', () => {
    const d = decideGates(run(1), run(2), { failOnRegression: 10 })
    expect(d.functions[0]!.confidence).toBeCloseTo(1 - 0.05 / 2, 12)
    for (const c of d.comparisons) expect(c.confidence).toBeCloseTo(1 - 0.05 / 12, 12)
    // the pooled bound is tighter than any single value's
    const width = (x: { change: number | null; lowerBound: number | null }) => x.change! - x.lowerBound!
    expect(width(d.functions[0]!)).toBeLessThan(Math.min(...d.comparisons.map(width)))
  })

  it('fails a function 30% slower at every value, by its pooled test, then names the values', () => {
    const d = decideGates(run(3), run(4, 20, () => 1.3), { failOnRegression: 10 })
    expect(d.passed).toBe(false)
    expect(d.functions[0]!.status).toBe('regression')
    expect(d.functions[0]!.change).toBeGreaterThan(0.15)
    expect(d.functions[0]!.lowerBound!).toBeGreaterThan(0.1)
    expect(d.gates[0]!.detail).toMatch(/^api \(6 values pooled\) \+\d+\.\d% \(at least \+\d+\.\d% at 97\.5%\)/)
    // once the pooled test is rejected its share goes to the values: they are tested at a wider level
    expect(Math.min(...d.comparisons.map((c) => c.confidence!))).toBeLessThan(1 - 0.05 / 12)
    expectVerdictsFromBounds(d)
  })

  it('sees one value slowed alone, which pooling would dilute', () => {
    const d = decideGates(run(5, 30), run(6, 30, (m) => (m === 512 ? 1.8 : 1)), { failOnRegression: 10 })
    expect(d.passed).toBe(false)
    expect(d.comparisons.filter((c) => c.status === 'regression').map((c) => c.key)).toEqual(['api@512'])
    expectVerdictsFromBounds(d)
  })

  it('does not fail a true slowdown below the threshold, though it is plainly there', () => {
    const d = decideGates(run(7, 100), run(8, 100, () => 1.05, 0.1), { failOnRegression: 10 })
    expect(d.functions[0]!.change).toBeGreaterThan(0.03)
    expect(d.functions[0]!.lowerBound!).toBeGreaterThan(0) // slower, shown
    expect(d.passed).toBe(true) // but not by more than 10%
  })

  it('says when a value has too few invokes for a bound at its level, and uses the pooled test', () => {
    const d = decideGates(run(9, 3), run(10, 3, () => 2), { failOnRegression: 10 })
    for (const c of d.comparisons) {
      expect(c.status).toBe('too few samples')
      expect(c.lowerBound).toBeNull()
      // the pooled test was rejected, so each value holds alpha / 6: still beyond 3 x 3 invokes (best p = 1/20)
      expect(c.reason).toBe('9 pairs of invokes are too few for a bound at 99.17%')
    }
    expect(d.functions[0]!.status).toBe('regression')
    expect(d.gates[0]!.detail).toMatch(/api \(6 values pooled\)/)
  })

  it('refuses a regression gate that cannot decide anything', () => {
    const tiny = (seed: number) => read(sweepResult('api', { 512: lognormal(2, 100, 0.3, seed) }, 512))
    expect(() => decideGates(tiny(1), tiny(2), { failOnRegression: 10 })).toThrow(UsageError)
    expect(() => decideGates(tiny(1), tiny(2), { failOnRegression: 10 })).toThrow(/cannot decide anything on p50: api@512: 4 pairs of invokes are too few for a bound at 95%/)
    // a bare compare reports instead
    expect(decideGates(tiny(1), tiny(2)).comparisons[0]!.status).toBe('too few samples')
  })

  it('gates a high percentile with order-statistic bounds, and says how many invokes that takes', () => {
    expect(() => decideGates(run(11), run(12), { failOnRegression: 10, percentile: 'p95' })).toThrow(
      // alpha / 6 per value, half of it on each side: the baseline's maximum must bound p95 at 99.58%
      /cannot decide anything on p95: api@128: an upper bound of the baseline's p95 at 99\.58% needs 107 invokes, it has 20/,
    )
    // 400 invokes: the tail is bounded; a heavier tail at the same median fails, an unchanged one passes
    const one = (seed: number, sigma: number) => read(sweepResult('api', { 512: lognormal(400, 200, sigma, seed) }, 512))
    const slow = decideGates(one(13, 0.2), one(14, 0.6), { failOnRegression: 20, percentile: 'p95' })
    expect(slow.comparisons[0]).toMatchObject({ test: 'order statistics', measure: 'p95', status: 'regression' })
    expect(slow.comparisons[0]!.pValue).toBeNull()
    expect(slow.functions).toEqual([]) // no pooling of percentiles
    expect(decideGates(one(15, 0.2), one(16, 0.2), { failOnRegression: 20, percentile: 'p95' }).passed).toBe(true)
    expectVerdictsFromBounds(slow)
  })

  it("uses Fieller's bound on the ratio of means without raw samples", () => {
    const summaryOnly = (mean: number, sd: number) => {
      const s = sweepResult('fn', { 512: [mean] }, 512)
      return read({ ...s, samples: undefined, results: [{ ...s.results[0]!, warm: { count: 20, mean, stddev: sd, p50: mean, p90: mean, p99: mean } }] })
    }
    const slow = decideGates(summaryOnly(100, 10), summaryOnly(130, 10), { failOnRegression: 10 })
    expect(slow.comparisons[0]).toMatchObject({ test: 'ratio of means', measure: 'mean', status: 'regression', change: expect.closeTo(0.3, 12) })
    expect(slow.functions).toEqual([])
    expect(slow.comparisons[0]!.confidence).toBeCloseTo(0.95, 12) // one value: all of alpha
    const noise = decideGates(summaryOnly(100, 30), summaryOnly(103, 30), { failOnRegression: 10 })
    expect(noise.comparisons[0]!.status).toBe('no regression')
    expect(() => decideGates(summaryOnly(100, 10), summaryOnly(130, 10), { failOnRegression: 10, percentile: 'p99' })).toThrow(/needs raw samples in both files/)
  })

  it('splits alpha equally between functions', () => {
    const two = (seed: number, slow = 1) => read([
      sweepResult('a', { 128: lognormal(20, 100, 0.3, seed), 512: lognormal(20, 30, 0.3, seed + 1) }, 512),
      sweepResult('b', { 128: lognormal(20, 100 * slow, 0.3, seed + 2), 512: lognormal(20, 30 * slow, 0.3, seed + 3) }, 512),
    ])
    const d = decideGates(two(20), two(30, 1.5), { failOnRegression: 10 })
    expect(d.functions.map((f) => [f.function, f.status])).toEqual([['a', 'no regression'], ['b', 'regression']])
    expect(d.functions[0]!.confidence).toBeCloseTo(1 - 0.05 / 4, 12)
    expect(d.comparisons.find((c) => c.key === 'a@128')!.confidence).toBeCloseTo(1 - 0.05 / 8, 12)
  })

  it('leaves failed values and values in one run out of the test', () => {
    const base = sweepResult('api', { 128: lognormal(20, 800, 0.3, 1), 512: lognormal(20, 200, 0.3, 2), 1024: lognormal(20, 100, 0.3, 3) }, 1024)
    const cur = sweepResult('api', { 128: lognormal(20, 800, 0.3, 4), 512: lognormal(20, 200, 0.3, 5), 3008: lognormal(20, 60, 0.3, 6) }, 1024)
    cur.results[0]!.failed = true
    const d = decideGates(read(base), read(cur), { failOnRegression: 10 })
    expect(d.comparisons.map((c) => [c.key, c.status])).toEqual([
      ['api@128', 'untested'], ['api@512', 'no regression'], ['api@1024', 'only in baseline'], ['api@3008', 'only in current'],
    ])
    expect(d.comparisons[0]!.reason).toBe('failed in the current run')
    expect(d.functions).toEqual([]) // one value left: nothing to pool
    expect(d.comparisons[1]!.confidence).toBeCloseTo(0.95, 12)
  })

  it('rejects bad options', () => {
    expect(() => decideGates(run(1), run(2), { failOnRegression: -1 })).toThrow(/--fail-on-regression must be a number of 0 or more/)
    expect(() => decideGates(run(1), run(2), { failOnCostIncrease: Number.NaN })).toThrow(/--fail-on-cost-increase/)
    expect(() => decideGates(run(1), run(2), { alpha: 1 })).toThrow(/--alpha must be between 0 and 1/)
  })

  it('gives the same answer every run', () => {
    expect(decideGates(run(1), run(2), { failOnRegression: 10 })).toEqual(decideGates(run(1), run(2), { failOnRegression: 10 }))
  })
})

describe('decideGates on reports', () => {
  const report = (avg: number, invocations = 1000, memoryMB = 512) => read({
    schemaVersion: 1, kind: 'report', region: 'us-east-1',
    functions: [{ name: 'api', memoryMB, architecture: 'x86_64', invocations, duration: { avg, p50: avg, p99: avg }, monthly: { invocations: 2_000_000, cost: 10 } }],
  })
  it('compares CloudWatch averages as points, over at least 50 invokes a side', () => {
    const d = decideGates(report(100), report(150), { failOnRegression: 20 })
    expect(d.comparisons[0]).toMatchObject({ test: 'none', measure: 'mean', status: 'regression', change: 0.5, lowerBound: null })
    expect(d.gates[0]).toMatchObject({ passed: false, actual: 50 })
    expect(decideGates(report(100, 10), report(150, 10), { failOnRegression: 20 }).comparisons[0]!.status).toBe('untested')
  })
})
