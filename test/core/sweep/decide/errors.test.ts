import { describe, expect, it } from 'vitest'
import { errorRateLowerBound, failsDuringRun } from '../../../../src/core/sweep/decide/errors.js'

describe('errorRateLowerBound (Clopper-Pearson)', () => {
  it('matches the closed form when every invoke failed: alpha^(1/n)', () => {
    expect(errorRateLowerBound(5, 5, 0.05)).toBeCloseTo(0.05 ** (1 / 5), 9)
    expect(errorRateLowerBound(20, 20, 0.01)).toBeCloseTo(0.01 ** (1 / 20), 9)
  })
  it('is zero without failures and below the observed share otherwise', () => {
    expect(errorRateLowerBound(0, 10, 0.05)).toBe(0)
    const bound = errorRateLowerBound(3, 30, 0.05)
    expect(bound).toBeGreaterThan(0)
    expect(bound).toBeLessThan(0.1)
    // published value: exact 95% two-sided interval of 3/30 is 0.0211-0.2653, so the one-sided 2.5% bound is 0.0211
    expect(errorRateLowerBound(3, 30, 0.025)).toBeCloseTo(0.0211, 3)
  })
})

describe('failsDuringRun', () => {
  it('drops a value that fails every invoke after a few, but not one with one unlucky error', () => {
    expect(failsDuringRun(5, 5, 0.05, 0.001)).toBe(true)
    expect(failsDuringRun(1, 5, 0.05, 0.001)).toBe(false)
    expect(failsDuringRun(1, 100, 0.05, 0.001)).toBe(false)
  })
})
