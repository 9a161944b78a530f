import { describe, expect, it } from 'vitest'
import {
  bootstrapDifferenceInterval,
  indistinguishable,
  intervalsOverlap,
  mannWhitneyU,
  welchTTest,
} from '../../../src/core/stats/compare.js'
import { seededRandom } from '../../../src/core/stats/random.js'

describe("Welch's t-test", () => {
  it('matches a case worked by hand', () => {
    // var/n = 0.4 each; t = -2 / sqrt(0.8) = -2.2361; df = 0.64 / (2 × 0.16 / 9) = 18
    const r = welchTTest({ count: 10, mean: 10, stddev: 2 }, { count: 10, mean: 12, stddev: 2 })!
    expect(r.t).toBeCloseTo(-2.23607, 4)
    expect(r.df).toBeCloseTo(18, 10)
    expect(r.pValue).toBeCloseTo(0.0382, 3)
  })

  it('calls close means with wide spreads indistinguishable and far ones not', () => {
    expect(indistinguishable({ count: 20, mean: 100, stddev: 10 }, { count: 20, mean: 102, stddev: 10 })).toBe(true)
    expect(indistinguishable({ count: 20, mean: 100, stddev: 1 }, { count: 20, mean: 110, stddev: 1 })).toBe(false)
  })

  it('cannot test samples of one value', () => {
    expect(welchTTest({ count: 1, mean: 1, stddev: 0 }, { count: 5, mean: 1, stddev: 1 })).toBeUndefined()
    expect(indistinguishable({ count: 1, mean: 1, stddev: 0 }, { count: 1, mean: 2, stddev: 0 })).toBe(false)
  })
})

describe('intervalsOverlap', () => {
  it('is true when the intervals share a point', () => {
    expect(intervalsOverlap([1, 2], [2, 3])).toBe(true)
    expect(intervalsOverlap([1, 2], [2.1, 3])).toBe(false)
  })
})

describe('Mann–Whitney U', () => {
  it('counts the pairs where the first sample is larger', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toMatchObject({ u: 0, probabilityOfSuperiority: 0, rankBiserial: -1 })
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3]).u).toBe(9)
    // ties count one half: pairs (2,2) → 0.5, (3,2) → 1, (3,1) → 1, (2,1) → 1
    expect(mannWhitneyU([2, 3], [1, 2]).u).toBe(3.5)
  })

  it('finds a clear shift significant and identical samples not', () => {
    const a = Array.from({ length: 30 }, (_, i) => 100 + i)
    const b = a.map((v) => v + 40)
    expect(mannWhitneyU(a, b).pValue).toBeLessThan(0.001)
    expect(mannWhitneyU(a, a).pValue).toBeCloseTo(1, 10)
  })
})

describe('bootstrapDifferenceInterval', () => {
  it('brackets a shift of 10 and excludes 0, repeatably with a seed', () => {
    const a = Array.from({ length: 40 }, (_, i) => 50 + (i % 7))
    const b = a.map((v) => v + 10)
    const first = bootstrapDifferenceInterval(a, b, { random: seededRandom(7), iterations: 500 })
    expect(first[0]).toBeGreaterThan(8)
    expect(first[1]).toBeLessThan(12)
    expect(bootstrapDifferenceInterval(a, b, { random: seededRandom(7), iterations: 500 })).toEqual(first)
  })
})

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = Array.from({ length: 100 }, () => a())
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(seededRandom(43)()).not.toBe(xs[0])
  })
})
