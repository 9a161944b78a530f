import { describe, expect, it } from 'vitest'
import { pairedRatio, pairPeriods } from '../../../src/core/canary/paired.js'
import { boundStatistic, percentileStat, rankStatistic } from '../../../src/core/canary/percentiles.js'
import { normalQuantile, rateDifference, wilsonInterval } from '../../../src/core/canary/proportions.js'
import { difference, evaluate, interval, lower, upper } from '../../../src/core/canary/linear.js'
import type { PeriodFigures } from '../../../src/core/canary/types.js'

const period = (start: number, count: number, mean: number, errors = 0): PeriodFigures => ({
  start,
  invocations: count,
  errors,
  throttles: 0,
  durationCount: count,
  durationSum: count * mean,
})

describe('pairedRatio: the candidate against the main version, period by period', () => {
  const main = [period(0, 10, 100), period(60_000, 10, 120, 1), period(120_000, 20, 100)]
  const candidate = [period(0, 5, 110), period(60_000, 5, 120), period(120_000, 10, 110)]

  it('is the invocation-weighted ratio of the period means, with a cluster-robust standard error and k − 1 df (worked by hand)', () => {
    // weights n·m/(n+m): 10/3, 10/3, 20/3; R = 1500/1400; residuals c − R·m: 2.857, −8.571, 2.857
    const r = pairedRatio(main, candidate, 0.95)!
    expect(r.ratio).toBeCloseTo(1500 / 1400, 12)
    expect(r.standardError).toBeCloseTo(Math.sqrt(1.5 * 1269.8412698412699) / 1400, 10)
    expect(r.df).toBe(2)
    // t(0.975, 2) = 4.302653
    expect(r.ci[0]).toBeCloseTo(r.ratio - 4.302653 * r.standardError, 5)
    expect(r.ci[1]).toBeCloseTo(r.ratio + 4.302653 * r.standardError, 5)
    expect(r).toMatchObject({ periods: 3, mainMeanMs: 105, candidateMeanMs: 112.5, candidateInvocations: 20 })
    expect(r.pValue).toBeGreaterThan(0.05)
  })

  it('pairs by period start and leaves out periods where either version has no Duration', () => {
    const pairs = pairPeriods([period(0, 10, 100), period(60_000, 0, 0), period(120_000, 5, 100)], [period(60_000, 3, 90), period(120_000, 2, 80), period(180_000, 1, 70)])
    expect(pairs.map(([m]) => m.start)).toEqual([120_000])
  })

  it('needs two paired periods', () => {
    expect(pairedRatio([period(0, 10, 100)], [period(0, 5, 100)], 0.95)).toBeNull()
    expect(pairedRatio([], [], 0.95)).toBeNull()
  })

  it('a shock that slows both versions in one period moves the ratio not at all', () => {
    const m = [period(0, 50, 100), period(60_000, 50, 300), period(120_000, 50, 100)]
    const c = [period(0, 5, 80), period(60_000, 5, 240), period(120_000, 5, 80)]
    const r = pairedRatio(m, c, 0.95)!
    expect(r.ratio).toBeCloseTo(0.8, 12)
    expect(r.standardError).toBeCloseTo(0, 12)
  })
})

describe('rateDifference: Newcombe’s hybrid score interval', () => {
  it('matches Newcombe (1998), table II, method 10', () => {
    const a = rateDifference({ errors: 56, invocations: 70 }, { errors: 48, invocations: 80 }, 0.95)!
    expect(a.estimate).toBeCloseTo(0.2, 12)
    expect(a.ci[0]).toBeCloseTo(0.0524, 4)
    expect(a.ci[1]).toBeCloseTo(0.3339, 4)
    const b = rateDifference({ errors: 9, invocations: 10 }, { errors: 3, invocations: 10 }, 0.95)!
    expect(b.ci[0]).toBeCloseTo(0.1705, 4)
    expect(b.ci[1]).toBeCloseTo(0.809, 4)
  })

  it('Wilson keeps 0 of 10 inside [0, 0.2775]; no invokes, no interval', () => {
    expect(wilsonInterval(0, 10, normalQuantile(0.975))).toEqual([0, expect.closeTo(0.2775, 4)])
    expect(rateDifference({ errors: 0, invocations: 0 }, { errors: 0, invocations: 10 }, 0.95)).toBeNull()
  })

  it('normalQuantile is the normal quantile to six digits', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 5)
    expect(normalQuantile(0.9995)).toBeCloseTo(3.290526731, 5)
  })
})

describe('percentile statistics that read order-statistic bounds', () => {
  it('rank k of n is read as pX with X rounded away from the bound', () => {
    expect(rankStatistic(1000, 995, 'upper')).toBe('p99.45')
    expect(rankStatistic(1000, 985, 'lower')).toBe('p98.45')
    // 298.5/299 = 99.8328…% is rounded up for an upper bound, down for a lower one
    expect(rankStatistic(299, 299, 'upper')).toBe('p99.84')
    expect(rankStatistic(299, 299, 'lower')).toBe('p99.83')
  })

  it('p99 has a 95% upper bound from 299 invokes on (the maximum), none below', () => {
    expect(boundStatistic(299, 0.99, 0.95, 'upper')).toEqual({ stat: 'p99.84', rank: 299 })
    expect(boundStatistic(298, 0.99, 0.95, 'upper')).toBeNull()
    expect(boundStatistic(1000, 0.99, 0.95, 'lower')).toEqual({ stat: 'p98.45', rank: 985 })
    expect(boundStatistic(0, 0.99, 0.95, 'lower')).toBeNull()
    expect(percentileStat(0.95)).toBe('p95')
  })
})

describe('linear forms of independent estimates', () => {
  const a = { value: 1.2, se: 0.1, df: 9 }
  const b = { value: 0.9, se: 0.2, df: 4 }
  it('adds variances and takes Welch–Satterthwaite df', () => {
    const d = evaluate(difference({ constant: 0, terms: [{ coef: 1, x: a }] }, { constant: 0, terms: [{ coef: 1, x: b }] }))
    expect(d.value).toBeCloseTo(0.3, 12)
    expect(d.se).toBeCloseTo(Math.sqrt(0.01 + 0.04), 12)
    expect(d.df).toBeCloseTo(0.05 ** 2 / (0.01 ** 2 / 9 + 0.04 ** 2 / 4), 10)
  })
  it('an exact value has an exact interval', () => {
    const e = evaluate({ constant: 5, terms: [] })
    expect(interval(e, 0.95)).toEqual([5, 5])
    expect(upper(e, 0.99)).toBe(5)
    expect(lower(e, 0.99)).toBe(5)
  })
  it('one-sided bounds use Student’s t', () => {
    // t(0.95, 9) = 1.833113
    expect(upper(a, 0.95)).toBeCloseTo(1.2 + 1.833113 * 0.1, 5)
    expect(lower(a, 0.95)).toBeCloseTo(1.2 - 1.833113 * 0.1, 5)
  })
})
