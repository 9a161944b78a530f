import { describe, expect, it } from 'vitest'
import { meanConfidenceInterval, summarize, trimmedMean, trimmedMoments } from '../../../src/core/stats/summary.js'
import { studentTCdf, studentTQuantile } from '../../../src/core/stats/student-t.js'

describe('summarize', () => {
  it('matches values worked by hand for 1..5', () => {
    const s = summarize([5, 3, 1, 4, 2])!
    expect(s.count).toBe(5)
    expect(s.mean).toBe(3)
    expect(s.trimmedMean).toBe(3)
    expect(s.min).toBe(1)
    expect(s.max).toBe(5)
    expect(s.p50).toBe(3)
    // rank (n - 1) p interpolated: 4 × 0.9 = 3.6 → 4 + 0.6
    expect(s.p90).toBeCloseTo(4.6, 10)
    expect(s.p95).toBeCloseTo(4.8, 10)
    expect(s.p99).toBeCloseTo(4.96, 10)
    expect(s.stddev).toBeCloseTo(Math.sqrt(2.5), 10)
    // t(0.975, 4) = 2.776445; s / sqrt(n) = 0.707107 → half width 1.963243
    expect(s.ci95![0]).toBeCloseTo(1.036757, 5)
    expect(s.ci95![1]).toBeCloseTo(4.963243, 5)
  })

  it('is null for no values and has no interval for one', () => {
    expect(summarize([])).toBeNull()
    const one = summarize([7])!
    expect(one).toMatchObject({ count: 1, mean: 7, p99: 7, stddev: 0, ci95: null })
  })

  it('trims the configured share at each end', () => {
    expect(trimmedMean([1, 2, 3, 4, 100], 0.2)).toBe(3)
    expect(summarize([1, 2, 3, 4, 100], { trim: 0.2 })!.trimmedMean).toBe(3)
    expect(summarize([1, 2, 3, 4, 100], { trim: 0 })!.trimmedMean).toBe(22)
    expect(() => trimmedMean([1, 2], 0.5)).toThrow(RangeError)
  })

  it('gives a wider interval for a smaller confidence sample', () => {
    const [lo, hi] = meanConfidenceInterval(10, 2, 4)!
    // t(0.975, 3) = 3.182446, 2 / 2 = 1
    expect(hi - 10).toBeCloseTo(3.182446, 5)
    expect(10 - lo).toBeCloseTo(3.182446, 5)
  })
})

describe("Student's t", () => {
  it('matches the printed table of two-sided 95% critical values', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3)
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4)
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4)
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.0321, 4)
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4)
  })

  it('has a CDF that is symmetric around 0', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12)
    expect(studentTCdf(1.5, 7) + studentTCdf(-1.5, 7)).toBeCloseTo(1, 12)
    // t = 1 with 1 df is the Cauchy distribution: 0.5 + atan(1) / pi = 0.75
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 10)
  })
})

describe('trimmed moments (Yuen)', () => {
  it('winsorizes at the trimmed share and scales the spread to the kept count', () => {
    // sorted 1,2,3,4,100 trimmed 20%: keeps 2,3,4 (mean 3); winsorized 2,2,3,4,4: sd = sqrt(1) = 1
    const s = summarize([1, 2, 3, 4, 100], { trim: 0.2 })!
    expect(s.trimmedCount).toBe(3)
    expect(s.winsorizedStddev).toBeCloseTo(1, 12)
    // Yuen: (n - 1) s_w² / (h (h - 1)) = 4 / 6 = s'² / h → s'² = 2
    expect(trimmedMoments(s)).toEqual({ count: 3, mean: 3, stddev: Math.sqrt(2) })
  })

  it('is the plain mean and standard deviation without trimming', () => {
    const s = summarize([1, 2, 3, 4, 100], { trim: 0 })!
    expect(trimmedMoments(s)).toEqual({ count: 5, mean: 22, stddev: s.stddev })
  })
})
