import { describe, expect, it } from 'vitest'
import { meanEstimate, ratioOfMeansLowerBound, ratioOfMeansPValue, sumOfMeans } from '../../../src/core/stats/ratio-of-means.js'

describe('ratio of means (Fieller with Welch degrees of freedom)', () => {
  const num = meanEstimate(20, 130, 10)
  const den = meanEstimate(20, 100, 10)

  it('puts the bound where the test stops rejecting: the p-value there is alpha', () => {
    for (const alpha of [0.01, 0.05, 0.2]) {
      const r = ratioOfMeansLowerBound(num, den, alpha)!
      expect(r).toBeLessThan(1.3)
      expect(ratioOfMeansPValue(num, den, r)).toBeCloseTo(alpha, 6)
    }
  })

  it('matches the closed form of Fieller when the degrees of freedom are known', () => {
    // equal variances and sizes at r = 1.3 give Welch's df; with many invokes t ~ z: compare with the quadratic root
    const big = (m: number) => meanEstimate(100_000, m, 10)
    const [a, b] = [big(130), big(100)]
    const z = 1.6448536
    const [va, vb] = [a.variance, b.variance]
    const closed = (a.mean * b.mean - z * Math.sqrt(a.mean ** 2 * vb + b.mean ** 2 * va - z * z * va * vb)) / (b.mean ** 2 - z * z * vb)
    expect(ratioOfMeansLowerBound(a, b, 0.05)).toBeCloseTo(closed, 5)
  })

  it('is the ratio itself without spread, 0 when nothing is shown, null without degrees of freedom', () => {
    expect(ratioOfMeansLowerBound(meanEstimate(5, 130, 0), meanEstimate(5, 100, 0), 0.05)).toBeCloseTo(1.3, 8)
    expect(ratioOfMeansLowerBound(meanEstimate(3, 1, 50), meanEstimate(3, 100, 1), 0.05)).toBe(0)
    expect(ratioOfMeansLowerBound(meanEstimate(1, 130, 0), den, 0.05)).toBeNull()
  })

  it('sums independent means with Welch-Satterthwaite degrees of freedom', () => {
    const s = sumOfMeans([meanEstimate(10, 1, 3), meanEstimate(20, 2, 4)])
    const [v1, v2] = [9 / 10, 16 / 20]
    expect(s.mean).toBe(3)
    expect(s.variance).toBeCloseTo(v1 + v2, 14)
    expect(s.df).toBeCloseTo((v1 + v2) ** 2 / (v1 ** 2 / 9 + v2 ** 2 / 19), 10)
  })
})
