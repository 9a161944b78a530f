import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { invokesForBound, oneRoundBound, parseBudget, parseConfidence, parseTolerance, sloInvocations } from '../../../src/core/sweep/sampling.js'
import { samplesForUpperBound } from '../../../src/core/stats/quantile-bounds.js'

describe('sweep sampling settings', () => {
  it('reads the tolerance and the confidence as percentages', () => {
    expect(parseTolerance('10')).toBe(0.1)
    expect(parseTolerance('2.5%')).toBe(0.025)
    expect(parseTolerance('0')).toBe(0)
    expect(parseConfidence('95')).toBe(0.95)
    expect(parseConfidence('99.9%')).toBeCloseTo(0.999, 12)
  })
  it.each([
    ['--tolerance', () => parseTolerance('60')],
    ['--tolerance', () => parseTolerance('-1')],
    ['--tolerance', () => parseTolerance('ten')],
    ['--confidence', () => parseConfidence('100')],
    ['--confidence', () => parseConfidence('50')],
    ['--confidence', () => parseConfidence('0.95')],
  ])('refuses a value out of range as a usage error (%s)', (flag, parse) => {
    expect(parse).toThrow(UsageError)
    expect(parse).toThrow(flag)
  })
  it('reads a budget in dollars or GB-seconds', () => {
    expect(parseBudget('$0.50')).toEqual({ usd: 0.5 })
    expect(parseBudget('0.5 USD')).toEqual({ usd: 0.5 })
    expect(parseBudget('300GB-s')).toEqual({ gbSeconds: 300 })
    expect(parseBudget('12.5 gbs')).toEqual({ gbSeconds: 12.5 })
    expect(() => parseBudget('lots')).toThrow(/--budget: cannot read 'lots'/)
    expect(() => parseBudget('$0')).toThrow(/above zero/)
  })
  it('bounds one round by every value running to the timeout, INIT included when billed', () => {
    const pricing = { region: 'us-east-1', arch: 'x86_64' as const, initBilled: false }
    // 128 + 1024 MB for 3 s = 3.375 GB-s, plus two requests
    expect(oneRoundBound([128, 1024], 3, pricing).gbSeconds).toBeCloseTo(3.375, 9)
    expect(oneRoundBound([128, 1024], 3, { ...pricing, initBilled: true }).gbSeconds).toBeCloseTo(3.375 + 1.125 * 10, 9)
  })
  it('gives an slo sweep enough invokes for a percentile bound at the last look', () => {
    for (const p of ['p95', 'p99'] as const) {
      const max = sloInvocations(p, 0.95)
      expect(invokesForBound(p, 0.95, max)).toBeLessThanOrEqual(max)
      // more than a single bound at 95% would need: the error is shared over the looks
      expect(max).toBeGreaterThan(samplesForUpperBound(p === 'p99' ? 0.99 : 0.95, 0.95))
    }
  })
})
