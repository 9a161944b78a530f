import { describe, expect, it } from 'vitest'
import { monthlyCostOf, monthlySaving, trafficFromInvocations } from '../../../src/core/sweep/monthly.js'
import { resultFrom, samplesAround } from './fixtures.js'

describe('savings at the function\'s traffic', () => {
  it('scales 30 days of Invocations to a 730-hour month', () => {
    const end = new Date('2026-11-27T00:00:00Z')
    const start = new Date(end.getTime() - 30 * 86_400_000)
    const t = trafficFromInvocations(7_200, start, end, 'FunctionName=my-fn')
    expect(t.monthlyRequests).toBeCloseTo(7_300, 9)
    expect(t).toMatchObject({ source: 'cloudwatch', observed: { invocations: 7_200, start: start.toISOString(), end: end.toISOString(), dimension: 'FunctionName=my-fn' } })
  })

  it('prices each value at the traffic, nothing for a failed value or without traffic', () => {
    const traffic = { monthlyRequests: 3e6, source: 'flag' as const, observed: null }
    expect(monthlyCostOf({ costPerInvocation: 2e-6, failed: false }, traffic)).toEqual({ requests: 3e6, cost: 6 })
    expect(monthlyCostOf({ costPerInvocation: 2e-6, failed: true }, traffic)).toBeNull()
    expect(monthlyCostOf({ costPerInvocation: 2e-6, failed: false }, null)).toBeNull()
  })

  it('says what the pick saves against the current setting, and nothing when either is unpriced', () => {
    const results = [
      { memory: 128, monthly: { requests: 1e6, cost: 3 } },
      { memory: 1024, monthly: { requests: 1e6, cost: 5 } },
      { memory: 2048, monthly: null },
    ]
    expect(monthlySaving(results, 128, 1024)).toBe(2)
    expect(monthlySaving(results, 1024, 128)).toBe(-2)
    expect(monthlySaving(results, 128, 2048)).toBeNull()
    expect(monthlySaving(results, null, 1024)).toBeNull()
  })

  it('fills results[].monthly and recommendation.monthlySaving in a sweep result', () => {
    const r = resultFrom([...samplesAround(128, 100), ...samplesAround(1024, 100)], {
      memories: [128, 1024],
      currentMemory: 1024,
      traffic: { monthlyRequests: 1e6, source: 'flag', observed: null },
    })
    const at = (m: number) => r.results.find((v) => v.memory === m)!
    expect(r.recommendation.memory).toBe(128)
    expect(at(128).monthly!.cost).toBeCloseTo(at(128).costPerInvocation! * 1e6, 12)
    expect(r.recommendation.monthlySaving).toBeCloseTo(at(1024).monthly!.cost - at(128).monthly!.cost, 12)
    expect(r.recommendation.monthlySaving!).toBeGreaterThan(0)
    expect(r.traffic).toEqual({ monthlyRequests: 1e6, source: 'flag', observed: null })
  })
})
