import { describe, expect, it } from 'vitest'
import { lambdaPricesFromPriceList, monthlyCost } from '../../../src/core/cost/index.js'
import { EU_WEST_1_PRICE_LIST } from './price-list-fixture.js'

describe('lambdaPricesFromPriceList', () => {
  it('reads requests, tiers per arch, provisioned and storage rates from GetProducts items', () => {
    const table = lambdaPricesFromPriceList('eu-west-1', EU_WEST_1_PRICE_LIST, '2026-11-26')
    expect(table.source).toBe('aws-price-list')
    expect(table.asOf).toBe('2026-08-31')
    const r = table.regions['eu-west-1']!
    expect(r.requestsPerMillion).toBeCloseTo(0.2, 12)
    expect(r.x86_64.durationTiers).toEqual([
      { upToGbSeconds: 6e9, pricePerGbSecond: 0.0000166667 },
      { upToGbSeconds: 15e9, pricePerGbSecond: 0.000015 },
      { upToGbSeconds: null, pricePerGbSecond: 0.0000133334 },
    ])
    expect(r.arm64.durationTiers![1]).toEqual({ upToGbSeconds: 18.75e9, pricePerGbSecond: 0.0000120001 })
    expect(r.arm64.provisionedConcurrencyPerGbSecond).toBe(0.0000037168)
    expect(r.x86_64.provisionedDurationPerGbSecond).toBe(0.0000108407)
    expect(r.ephemeralStoragePerGbSecond).toBe(0.000000034)
    expect(r.tiersDerived).toBe(false)
  })

  it('lets the model price what the bundled table cannot (arm64 provisioned concurrency in eu-west-1)', () => {
    const prices = lambdaPricesFromPriceList('eu-west-1', EU_WEST_1_PRICE_LIST, '2026-11-26')
    const c = monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, arch: 'arm64', region: 'eu-west-1', provisioned: { environments: 1 }, prices })
    // 1 env x 1 GB x 730 h x 3600 s = 2,628,000 GB-s x 0.0000037168 = 9.7677504
    expect(c.provisionedConcurrency).toBeCloseTo(9.7677504, 8)
    expect(c.priceSource).toBe('aws-price-list')
  })

  it('leaves missing figures null', () => {
    const table = lambdaPricesFromPriceList('eu-west-1', EU_WEST_1_PRICE_LIST.slice(0, 3), '2026-11-26')
    expect(table.regions['eu-west-1']!.arm64.durationTiers).toBeNull()
    expect(table.regions['eu-west-1']!.ephemeralStoragePerGbSecond).toBeNull()
    expect(() => monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1, arch: 'arm64', region: 'eu-west-1', prices: table }))
      .toThrow(/no duration \(GB-second\) price for eu-west-1 \(arm64\) in the aws-price-list price table/)
  })
})
