import { describe, expect, it } from 'vitest'
import {
  binomialCdf,
  lowerBoundRank,
  quantileLowerBound,
  quantileUpperBound,
  samplesForUpperBound,
  upperBoundRank,
} from '../../../src/core/stats/quantile-bounds.js'
import { seededRandom } from '../../../src/core/stats/random.js'

describe('binomialCdf', () => {
  it('matches the closed forms', () => {
    expect(binomialCdf(0, 10, 0.3)).toBeCloseTo(0.7 ** 10, 14)
    expect(binomialCdf(9, 10, 0.3)).toBeCloseTo(1 - 0.3 ** 10, 14)
    // P(Bin(4, 0.5) <= 2) = (1 + 4 + 6) / 16
    expect(binomialCdf(2, 4, 0.5)).toBeCloseTo(11 / 16, 14)
    expect(binomialCdf(-1, 4, 0.5)).toBe(0)
    expect(binomialCdf(4, 4, 0.5)).toBe(1)
  })
  it('stays accurate for large n (normal approximation within its own error)', () => {
    // Bin(20000, 0.5): P(X <= 10000) = 0.5 + P(X = 10000) / 2
    const pmf = Math.exp(-0.5 * Math.log(Math.PI * 10000))
    expect(binomialCdf(10000, 20000, 0.5)).toBeCloseTo(0.5 + pmf / 2, 6)
  })
})

describe('order-statistic bounds of a percentile', () => {
  it('needs 299 samples for a p99 and 59 for a p95 at 95%', () => {
    expect(samplesForUpperBound(0.99, 0.95)).toBe(299)
    expect(samplesForUpperBound(0.95, 0.95)).toBe(59)
    expect(upperBoundRank(298, 0.99, 0.95)).toBeUndefined()
    expect(upperBoundRank(299, 0.99, 0.95)).toBe(299)
    expect(upperBoundRank(59, 0.95, 0.95)).toBe(59)
    expect(upperBoundRank(20, 0.99, 0.95)).toBeUndefined()
  })
  it('gives the median bound a few ranks above the middle', () => {
    // n = 20, p = 0.5: P(Bin <= 13) = 0.9423, P(Bin <= 14) = 0.9793
    expect(upperBoundRank(20, 0.5, 0.95)).toBe(15)
    expect(lowerBoundRank(20, 0.5, 0.95)).toBe(6)
  })
  it('covers the true quantile at least as often as promised (seeded simulation)', () => {
    const random = seededRandom(11)
    const trials = 4000
    const n = 120
    const p = 0.9
    // exponential(1): the p-quantile is -ln(1 - p)
    const truth = -Math.log(1 - p)
    let upperMissed = 0
    let lowerMissed = 0
    for (let t = 0; t < trials; t++) {
      const sorted = Array.from({ length: n }, () => -Math.log(1 - random())).sort((a, b) => a - b)
      if (quantileUpperBound(sorted, p, 0.95).value! < truth) upperMissed++
      if (quantileLowerBound(sorted, p, 0.95).value! > truth) lowerMissed++
    }
    // at most 5% each, and not wildly conservative: a discrete bound at n = 120 covers about 96-97%
    expect(upperMissed / trials).toBeLessThanOrEqual(0.05 + 0.01)
    expect(upperMissed / trials).toBeGreaterThan(0.01)
    expect(lowerMissed / trials).toBeLessThanOrEqual(0.05 + 0.01)
  })
  it('returns null below the samples a bound needs', () => {
    expect(quantileUpperBound([1, 2, 3], 0.99, 0.95)).toEqual({ value: null, rank: null })
    expect(quantileUpperBound([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.5, 0.95)).toEqual({ value: 15, rank: 15 })
  })
})
