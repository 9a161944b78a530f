import { describe, expect, it } from 'vitest'
import { monthlyCost } from '../../../src/core/cost/index.js'
import { UsageError } from '../../../src/core/errors.js'

// Prices used below (bundled table, 2026-09-06): us-east-1 x86 tiers 0.0000166667 / 0.000015 / 0.0000133334 per GB-s
// (at 6e9 and 15e9 GB-s), arm64 0.0000133334 / 0.0000120001 / 0.0000106667 (at 7.5e9 and 18.75e9), requests $0.20 per
// million, storage 0.0000000309 per GB-s, provisioned x86 0.0000041667 (enabled) and 0.0000097222 (duration).

describe('monthlyCost', () => {
  it("reproduces AWS's worked example: 512 MB, 1 s, 3M requests, free tier = $18.33 + $0.40 = $18.73", () => {
    const c = monthlyCost({ memoryMB: 512, duration: 1000, requestsPerMonth: 3_000_000, freeTier: true })
    // 3e6 x 1 s x 0.5 GB = 1.5e6 GB-s; minus 400,000 free = 1.1e6 x 0.0000166667 = 18.33337
    expect(c.onDemandGbSeconds).toBe(1_500_000)
    expect(c.compute).toBeCloseTo(18.33337, 8)
    // (3e6 - 1e6) x 0.20 / 1e6 = 0.40
    expect(c.requests).toBeCloseTo(0.4, 10)
    expect(c.total).toBeCloseTo(18.73337, 8)
    expect(c.total.toFixed(2)).toBe('18.73')
    // credit: 400,000 x 0.0000166667 = 6.66668, and 1e6 x 0.2e-6 = 0.20
    expect(c.freeTierCredit.compute).toBeCloseTo(6.66668, 8)
    expect(c.freeTierCredit.requests).toBeCloseTo(0.2, 10)
    // 18.73337 / 3 million invokes
    expect(c.perMillion).toBeCloseTo(18.73337 / 3, 6)
  })

  it('without the free tier: 1.5e6 x 0.0000166667 = 25.00005, + 3e6 x 0.2e-6 = 0.60', () => {
    const c = monthlyCost({ memoryMB: 512, duration: 1000, requestsPerMonth: 3_000_000 })
    expect(c.compute).toBeCloseTo(25.00005, 8)
    expect(c.requests).toBeCloseTo(0.6, 10)
    expect(c.total).toBeCloseTo(25.60005, 8)
    expect(c.freeTierCredit.total).toBe(0)
  })

  it('crosses the first x86 tier at 6e9 GB-s', () => {
    // 1e9 requests x 1 s x 10 GB = 1e10 GB-s: 6e9 x 0.0000166667 = 100,000.2; 4e9 x 0.000015 = 60,000
    const c = monthlyCost({ memoryMB: 10240, duration: 1000, requestsPerMonth: 1e9 })
    expect(c.computeTiers.map((t) => t.gbSeconds)).toEqual([6e9, 4e9, 0])
    expect(c.computeTiers[0]!.usd).toBeCloseTo(100_000.2, 4)
    expect(c.computeTiers[1]!.usd).toBeCloseTo(60_000, 4)
    expect(c.compute).toBeCloseTo(160_000.2, 4)
    // requests: 1e9 x 0.2e-6 = 200
    expect(c.total).toBeCloseTo(160_200.2, 4)
  })

  it('crosses both x86 tiers', () => {
    // 1e9 x 2 s x 10 GB = 2e10 GB-s: 6e9 x 0.0000166667 + 9e9 x 0.000015 + 5e9 x 0.0000133334
    //   = 100,000.2 + 135,000 + 66,667 = 301,667.2
    const c = monthlyCost({ memoryMB: 10240, duration: 2000, requestsPerMonth: 1e9 })
    expect(c.computeTiers.map((t) => t.gbSeconds)).toEqual([6e9, 9e9, 5e9])
    expect(c.compute).toBeCloseTo(301_667.2, 3)
  })

  it('prices arm64 through its own tiers (7.5e9 GB-s threshold)', () => {
    // 1e7 x 0.2 s x 1 GB = 2e6 GB-s x 0.0000133334 = 26.6668; requests 1e7 x 0.2e-6 = 2
    const small = monthlyCost({ memoryMB: 1024, duration: 200, requestsPerMonth: 1e7, arch: 'arm64' })
    expect(small.compute).toBeCloseTo(26.6668, 8)
    expect(small.total).toBeCloseTo(28.6668, 8)
    // 1e9 x 1 s x 10 GB = 1e10 GB-s: 7.5e9 x 0.0000133334 = 100,000.5; 2.5e9 x 0.0000120001 = 30,000.25
    const big = monthlyCost({ memoryMB: 10240, duration: 1000, requestsPerMonth: 1e9, arch: 'arm64' })
    expect(big.computeTiers.map((t) => t.gbSeconds)).toEqual([7.5e9, 2.5e9, 0])
    expect(big.compute).toBeCloseTo(130_000.75, 4)
  })

  it('uses regional prices: af-south-1', () => {
    // 1e6 x 0.1 s x 0.125 GB = 12,500 GB-s x 0.0000221 = 0.27625; requests 1e6 x 0.27e-6 = 0.27
    const c = monthlyCost({ memoryMB: 128, duration: 100, requestsPerMonth: 1e6, region: 'af-south-1' })
    expect(c.compute).toBeCloseTo(0.27625, 10)
    expect(c.requests).toBeCloseTo(0.27, 10)
    expect(c.total).toBeCloseTo(0.54625, 10)
  })

  it('warns that upper tiers outside us-east-1 are derived', () => {
    const c = monthlyCost({ memoryMB: 10240, duration: 1000, requestsPerMonth: 1e9, region: 'eu-west-1' })
    // eu-west-1 tier 2 = 0.0000166667 x 0.9 = 0.000015 (derived)
    expect(c.computeTiers[1]!.pricePerGbSecond).toBe(0.000015)
    expect(c.warnings.join(' ')).toMatch(/derived/)
  })

  it('costs nothing inside the free tier', () => {
    // 500,000 x 0.1 s x 0.125 GB = 6,250 GB-s < 400,000; 500,000 requests < 1M
    const c = monthlyCost({ memoryMB: 128, duration: 100, requestsPerMonth: 500_000, freeTier: true })
    expect(c.total).toBe(0)
    expect(c.freeTierCredit.compute).toBeCloseTo(6_250 * 0.0000166667, 12)
  })

  it('rounds every duration up to 1 ms and averages lists and histograms', () => {
    // 99.2 -> 100 ms: 1e6 x 0.1 s x 1 GB = 100,000 GB-s x 0.0000166667 = 1.66667
    const single = monthlyCost({ memoryMB: 1024, duration: 99.2, requestsPerMonth: 1e6 })
    expect(single.billedDurationMs).toBe(100)
    expect(single.compute).toBeCloseTo(1.66667, 10)
    // list [50.5, 149.1] -> 51 and 150 -> mean 100.5 ms
    expect(monthlyCost({ memoryMB: 1024, duration: [50.5, 149.1], requestsPerMonth: 1e6 }).billedDurationMs).toBe(100.5)
    // histogram: 3 x 100 ms + 1 x 500 ms -> (300 + 500) / 4 = 200 ms
    const h = monthlyCost({ memoryMB: 1024, duration: [{ durationMs: 100, count: 3 }, { durationMs: 500, count: 1 }], requestsPerMonth: 1e6 })
    expect(h.billedDurationMs).toBe(200)
    expect(h.compute).toBeCloseTo(2 * 1.66667, 10)
  })

  it('bills INIT of cold starts with the invokes, through the same tiers', () => {
    // 1e6 x 0.1 s x 1 GB = 100,000 GB-s (invokes); 1% cold = 10,000 x 0.5 s x 1 GB = 5,000 GB-s (INIT, 499.2 -> 500 ms)
    const c = monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, coldStartRate: 0.01, initDurationMs: 499.2 })
    expect(c.initBilled).toBe(true)
    expect(c.coldStarts).toBeCloseTo(10_000, 8)
    expect(c.initGbSeconds).toBeCloseTo(5_000, 8)
    expect(c.compute).toBeCloseTo(100_000 * 0.0000166667, 10) // 1.66667
    expect(c.init).toBeCloseTo(5_000 * 0.0000166667, 10) // 0.0833335
    expect(c.total).toBeCloseTo(1.66667 + 0.0833335 + 0.2, 10)
  })

  it('follows the INIT billing rules by package type, runtime and date', () => {
    const base = { memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, coldStartRate: 0.01, initDurationMs: 500 }
    // before 2025-08-01 a managed-runtime ZIP function's INIT was free
    expect(monthlyCost({ ...base, billingDate: '2025-07-31', runtime: 'nodejs20.x' }).init).toBe(0)
    expect(monthlyCost({ ...base, billingDate: '2025-08-01', runtime: 'nodejs20.x' }).init).toBeCloseTo(0.0833335, 10)
    // container images and custom runtimes always paid for INIT
    expect(monthlyCost({ ...base, billingDate: '2024-01-01', packageType: 'Image' }).init).toBeCloseTo(0.0833335, 10)
    expect(monthlyCost({ ...base, billingDate: '2024-01-01', runtime: 'provided.al2023' }).init).toBeCloseTo(0.0833335, 10)
    // an explicit choice wins
    expect(monthlyCost({ ...base, initBilled: false }).init).toBe(0)
  })

  it('shares the free tier between invoke and INIT GB-s pro rata', () => {
    // 105,000 GB-s all inside the 400,000 free GB-s
    const c = monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, coldStartRate: 0.01, initDurationMs: 500, freeTier: true })
    expect(c.compute + c.init).toBe(0)
    expect(c.freeTierCredit.compute).toBeCloseTo(105_000 * 0.0000166667, 10)
  })

  it('prices ephemeral storage above 512 MB', () => {
    // (10,240 - 512) / 1024 = 9.5 GB x 1e6 x 1 s = 9.5e6 GB-s x 0.0000000309 = 0.29355
    const c = monthlyCost({ memoryMB: 512, duration: 1000, requestsPerMonth: 1e6, ephemeralStorageMB: 10240 })
    expect(c.storageGbSeconds).toBeCloseTo(9.5e6, 4)
    expect(c.ephemeralStorage).toBeCloseTo(0.29355, 10)
    expect(monthlyCost({ memoryMB: 512, duration: 1000, requestsPerMonth: 1e6, ephemeralStorageMB: 512 }).ephemeralStorage).toBe(0)
  })

  it('prices provisioned concurrency at its two rates', () => {
    const c = monthlyCost({
      memoryMB: 1024, duration: 100, requestsPerMonth: 1e7,
      provisioned: { environments: 10, hoursEnabled: 730, shareOfInvokes: 0.5 },
    })
    // enabled: 10 x 1 GB x 730 h x 3600 s = 26,280,000 GB-s x 0.0000041667 = 109.500876
    expect(c.provisionedConcurrency).toBeCloseTo(109.500876, 6)
    // served: 5e6 x 0.1 s x 1 GB = 500,000 GB-s x 0.0000097222 = 4.8611
    expect(c.provisionedDuration).toBeCloseTo(4.8611, 8)
    // on demand: the other 5e6 invokes = 500,000 GB-s x 0.0000166667 = 8.33335
    expect(c.compute).toBeCloseTo(8.33335, 8)
    // requests are charged for every invoke: 1e7 x 0.2e-6 = 2
    expect(c.requests).toBeCloseTo(2, 10)
    expect(c.total).toBeCloseTo(109.500876 + 4.8611 + 8.33335 + 2, 6)
  })

  it('rounds provisioned time up to 5 minutes and defaults the share to what flat traffic would use', () => {
    // 1.01 h = 60.6 min -> 65 min; 1 env x 1 GB x 3,900 s x 0.0000041667 = 0.01625013
    const c = monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, provisioned: { environments: 1, hoursEnabled: 1.01 } })
    expect(c.provisioned!.billedHours).toBeCloseTo(65 / 60, 10)
    expect(c.provisionedConcurrency).toBeCloseTo(0.01625013, 10)
    // capacity 1 x 1.01 h x 3600 = 3,636 s; demand 1e6 x 0.1 s = 100,000 s -> share 0.03636
    expect(c.provisioned!.shareOfInvokes).toBeCloseTo(0.03636, 10)
    // arm64 provisioned in us-east-1: 10 x 1 GB x 730 h x 3600 x 0.0000033334 = 87.601752
    const arm = monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e7, arch: 'arm64', provisioned: { environments: 10 } })
    expect(arm.provisionedConcurrency).toBeCloseTo(87.601752, 6)
  })

  it('refuses to guess a price the table does not have', () => {
    // arm64 provisioned rates are known only in us-east-1
    expect(() => monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, arch: 'arm64', region: 'eu-west-1', provisioned: { environments: 1 } }))
      .toThrow(/no provisioned concurrency price for eu-west-1 \(arm64\).*--fetch-prices/)
    // a Lambda region with no sourced figures
    expect(() => monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, region: 'ap-south-2' })).toThrow(/no .* price for ap-south-2/)
    // me-central-1 has duration but no request price
    expect(() => monthlyCost({ memoryMB: 1024, duration: 100, requestsPerMonth: 1e6, region: 'me-central-1' })).toThrow(/no request price for me-central-1/)
  })

  it('rejects bad input with UsageErrors', () => {
    const ok = { memoryMB: 512, duration: 100, requestsPerMonth: 1e6 }
    for (const memoryMB of [127, 10241, 512.5, NaN]) expect(() => monthlyCost({ ...ok, memoryMB })).toThrow(UsageError)
    for (const duration of [0, -1, NaN]) expect(() => monthlyCost({ ...ok, duration })).toThrow(/duration must be a number above 0/)
    expect(() => monthlyCost({ ...ok, region: 'us-est-1' })).toThrow(/unknown region 'us-est-1': did you mean us-east-1/)
    expect(() => monthlyCost({ ...ok, arch: 'sparc' as 'arm64' })).toThrow(/unknown architecture 'sparc'/)
    expect(() => monthlyCost({ ...ok, coldStartRate: 1.5 })).toThrow(/between 0 and 1/)
    expect(() => monthlyCost({ ...ok, requestsPerMonth: -1 })).toThrow(UsageError)
    expect(() => monthlyCost({ ...ok, ephemeralStorageMB: 100 })).toThrow(/ephemeral storage/)
  })
})
