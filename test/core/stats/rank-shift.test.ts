import { describe, expect, it } from 'vitest'
import { EXACT_MAX_PAIRS, normalUpperTail, nullDistribution, select, stratifiedShiftTest, uDistribution } from '../../../src/core/stats/rank-shift.js'
import { seededRandom } from '../../../src/core/stats/random.js'

/** P(U = u) by listing every way to interleave a values of one sample with b of the other. */
function enumerated(a: number, b: number): number[] {
  const counts = new Array<number>(a * b + 1).fill(0)
  let total = 0
  for (let mask = 0; mask < 1 << (a + b); mask++) {
    let ones = 0
    for (let m = mask; m; m >>= 1) ones += m & 1
    if (ones !== a) continue
    total++
    let u = 0
    let seen = 0 // values of the other sample below this position
    for (let i = 0; i < a + b; i++) {
      if ((mask >> i) & 1) u += seen
      else seen++
    }
    counts[u]!++
  }
  return counts.map((c) => c / total)
}

function normals(random: () => number, n: number, shift = 0): number[] {
  return Array.from({ length: n }, () => shift + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))
}

describe('the null distribution of U', () => {
  it.each([[1, 1], [3, 4], [5, 5], [2, 9], [6, 7]])('matches enumeration for %i x %i', (a, b) => {
    const exact = [...uDistribution(a, b)]
    enumerated(a, b).forEach((p, u) => expect(exact[u]).toBeCloseTo(p, 14))
  })

  it('gives the published critical values', () => {
    // 5 x 5: every current value above every baseline value has probability 1 / C(10, 5) = 1 / 252
    expect(nullDistribution([[5, 5]]).upperTail(25)).toBeCloseTo(1 / 252, 14)
    // tables of U for n1 = n2 = 20, one-sided 0.05: reject when the smaller U <= 138, i.e. U >= 400 - 138
    expect(nullDistribution([[20, 20]]).critical(0.05)).toBe(262)
    // two-sided 0.05 (one-sided 0.025): 127
    expect(nullDistribution([[20, 20]]).critical(0.025)).toBe(400 - 127)
  })

  it('sums strata by convolution: two 1 x 1 strata give U = 0, 1, 2 with 1/4, 1/2, 1/4', () => {
    const d = nullDistribution([[1, 1], [1, 1]])
    expect([0, 1, 2, 3].map((t) => d.upperTail(t))).toEqual([1, 0.75, 0.25, 0])
    expect(d.critical(0.25)).toBe(2)
    expect(d.critical(0.2)).toBe(3) // nothing is that unlikely: no bound
  })

  it('switches to the normal approximation above EXACT_MAX_PAIRS, close to the exact tail where both apply', () => {
    expect(nullDistribution([[100, 100]]).method).toBe('exact')
    expect(nullDistribution([[100, 101]]).method).toBe('normal')
    const exact = nullDistribution([[100, 100]])
    const c = exact.critical(0.01)
    const z = (c - 0.5 - 5000) / Math.sqrt((100 * 100 * 201) / 12)
    expect(normalUpperTail(z)).toBeCloseTo(exact.upperTail(c), 3)
    expect(EXACT_MAX_PAIRS).toBe(10_000)
  })

  it('has a standard normal tail', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7)
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6)
    expect(normalUpperTail(-1.644854)).toBeCloseTo(0.95, 6)
  })
})

describe('stratifiedShiftTest', () => {
  it('bounds the shift by the c-th largest pairwise difference, and rejects exactly when that bound exceeds the null', () => {
    const random = seededRandom(3)
    for (let trial = 0; trial < 200; trial++) {
      // coarse values make ties, including differences equal to the null shift
      const coarse = (v: number) => Math.round(v * 4) / 4
      const strata = [0, 1].map(() => ({ baseline: normals(random, 4 + (trial % 5)).map(coarse), current: normals(random, 3 + (trial % 7), 0.5).map(coarse) }))
      const t = stratifiedShiftTest(strata, 0.25)
      for (const alpha of [0.005, 0.02, 0.05, 0.1, 0.3]) {
        const bound = t.lowerBound(alpha)
        expect(bound !== null && bound > 0.25).toBe(t.pValue <= alpha)
      }
    }
  })

  it('estimates with the median pairwise difference and bounds with an order statistic of the union of strata', () => {
    const t = stratifiedShiftTest([{ baseline: [0], current: [1, 2] }, { baseline: [10, 11], current: [13] }], 0)
    // differences: 1, 2 | 3, 2 -> sorted 1 2 2 3; median 2
    expect(t.estimate).toBe(2)
    expect(t.pairs).toBe(4)
    expect(t.above).toBe(4)
    // 2 x (1 x 2) strata: P(U = 4) = 1/3 x 1/3
    expect(t.pValue).toBeCloseTo(1 / 9, 14)
    expect(t.lowerBound(0.2)).toBe(1) // c = 4: the 4th largest
    expect(t.lowerBound(0.1)).toBeNull()
  })

  it('covers the true shift at least 1 - alpha of the time (exact at n = 5)', () => {
    const random = seededRandom(11)
    let covered = 0
    const runs = 2000
    for (let i = 0; i < runs; i++) {
      const t = stratifiedShiftTest([{ baseline: normals(random, 5), current: normals(random, 5, 0.7) }], 0.7)
      if ((t.lowerBound(0.1) ?? -Infinity) <= 0.7) covered++
    }
    // nominal 0.9 (the discrete distribution gives a little more); 2,000 runs: sd 0.7%
    expect(covered / runs).toBeGreaterThan(0.88)
    expect(covered / runs).toBeLessThan(0.94)
  })

  it('refuses an empty side', () => {
    expect(() => stratifiedShiftTest([{ baseline: [], current: [1] }], 0)).toThrow(RangeError)
  })
})

describe('select', () => {
  it('finds every rank without changing its input', () => {
    const random = seededRandom(5)
    const values = Float64Array.from({ length: 101 }, () => Math.round(random() * 20))
    const sorted = [...values].sort((a, b) => a - b)
    const copy = values.slice()
    for (let k = 1; k <= values.length; k++) expect(select(values, k)).toBe(sorted[k - 1])
    expect(values).toEqual(copy)
  })
})
