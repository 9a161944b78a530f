import { describe, expect, it } from 'vitest'
import { logEstimate, lowerBound, scoreEstimate } from '../../../../src/core/sweep/decide/estimates.js'
import { durations } from './helpers.js'

describe('logEstimate', () => {
  it("is the log of the trimmed mean with Yuen's standard error over it", () => {
    // 10 values, 10% trim: drop 1 at each end; winsorized sample 2,2,3,...,9,9
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]
    const e = logEstimate(values, 0.1)!
    expect(e.log).toBeCloseTo(Math.log(5.5), 12)
    const w = [2, 2, 3, 4, 5, 6, 7, 8, 9, 9]
    const wm = w.reduce((a, b) => a + b) / 10
    const sw2 = w.reduce((a, b) => a + (b - wm) ** 2, 0) / 9
    // Yuen: d = (n − 1) s_w² / (h (h − 1)), h = 8
    expect(e.se).toBeCloseTo(Math.sqrt((9 * sw2) / (8 * 7)) / 5.5, 12)
    expect(e.df).toBe(7)
    expect(e.n).toBe(10)
  })
  it('is undefined for no values, and has no spread for one', () => {
    expect(logEstimate([], 0.1)).toBeUndefined()
    expect(logEstimate([5], 0.1)).toMatchObject({ n: 1, df: 0 })
  })
})

describe('lowerBound', () => {
  it('bounds the log ratio from below no more often above the truth than alpha (seeded simulation)', () => {
    let above = 0
    const trials = 3000
    for (let t = 0; t < trials; t++) {
      const a = logEstimate(durations(100, 10, 0.3, 2 * t + 1), 0.1)!
      const b = logEstimate(durations(100, 10, 0.3, 2 * t + 2), 0.1)!
      if (lowerBound(a, b, 0.05) > 0) above++
    }
    // the truth is a ratio of 1 (log 0): at most 5% of the bounds may lie above it; not 0% either (the bound is not vacuous)
    expect(above / trials).toBeLessThanOrEqual(0.065)
    expect(above / trials).toBeGreaterThan(0.02)
  })
  it('is exact when neither side varies, and says nothing without spread to estimate', () => {
    const flat = (ms: number) => logEstimate([ms, ms, ms, ms, ms], 0.1)!
    expect(lowerBound(flat(20), flat(10), 0.01)).toBeCloseTo(Math.log(2), 12)
    expect(lowerBound(logEstimate([10], 0.1)!, flat(5), 0.05)).toBe(-Infinity)
  })
  it('tightens with more invokes', () => {
    const small = lowerBound(logEstimate(durations(200, 8, 0.3, 5), 0.1)!, logEstimate(durations(100, 8, 0.3, 6), 0.1)!, 0.001)
    const large = lowerBound(logEstimate(durations(200, 80, 0.3, 5), 0.1)!, logEstimate(durations(100, 80, 0.3, 6), 0.1)!, 0.001)
    expect(large).toBeGreaterThan(small)
    expect(large).toBeLessThan(Math.log(2))
  })
})

describe('scoreEstimate', () => {
  it('weighs log cost and log duration, adding their errors since they move together', () => {
    const cost = { n: 10, log: 1, se: 0.1, df: 9 }
    const time = { n: 10, log: 3, se: 0.2, df: 7 }
    const score = scoreEstimate(cost, time, 0.25)
    expect(score).toMatchObject({ n: 10, df: 7 })
    expect(score.log).toBeCloseTo(0.25 + 2.25, 12)
    expect(score.se).toBeCloseTo(0.025 + 0.15, 12)
  })
})
