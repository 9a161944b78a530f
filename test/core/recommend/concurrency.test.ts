import { describe, expect, it } from 'vitest'
import { recommendConcurrency } from '../../../src/core/recommend/concurrency.js'
import { steadyFunction } from './function-report.js'

const base = { region: 'us-east-1', period: 3600, windowSeconds: 14 * 86_400, reservedConcurrency: null, accountLimit: 1000 }

describe('recommendConcurrency', () => {
  it('takes the larger of the CloudWatch peak and arrival rate x duration, and reserves 1.5x it', () => {
    // CloudWatch maximum 7; busiest hour 36,000 invokes = 10/s x 0.2 s = 2 environments: peak 7.
    // reserved = ceil(7 x 1.5) = ceil(10.5) = 11, well under the account's 1,000 - 100 unreserved.
    const c = recommendConcurrency({ ...base, report: steadyFunction() })
    expect(c.peak).toEqual({ observed: 7, fromArrivalRate: 2, average: 2, used: 7 })
    expect(c.reserved).toMatchObject({ current: null, recommended: 11, change: 'set' })
    expect(c.reserved.money.note).toBe('reserved concurrency is free')
    expect(c.burst.secondsToPeak).toBe(0)
  })

  it('caps reserved concurrency at the account limit less the 100 AWS keeps unreserved, and shows the burst time', () => {
    // peak 2,500: reserve ceil(3,750) capped at 1,000 - 100 = 900; reaching 2,500 takes ceil(2,500 / 1,000) x 10 s = 30 s.
    const c = recommendConcurrency({ ...base, report: steadyFunction({ concurrency: { max: 2500, average: 800, peakArrivalRate: 10, peakFromArrivalRate: 2 } }) })
    expect(c.reserved.recommended).toBe(900)
    expect(c.reserved.warnings.join(' ')).toMatch(/higher concurrency limit/)
    expect(c.burst.secondsToPeak).toBe(30)
  })

  it('recommends provisioned concurrency for steady traffic with cold starts, with the 60% break-even', () => {
    // Break-even (us-east-1 x86): 0.0000041667 / (0.0000166667 - 0.0000097222) = 0.0000041667 / 0.0000069445 = 0.59999.
    // Steady 2 environments busy all day: N = 2 is 100% utilised and serves every invoke.
    //   PC:       2 x 1 GB x 2,628,000 s x 0.0000041667 = 21.9002
    //   duration: 26,280,000 x 0.2 s x 1 GB x 0.0000097222 = 51.0999; requests 26.28 x 0.20 = 5.256 -> 78.2561
    // On demand (the model): 5,256,000 GB-s x 0.0000166667 = 87.6002 + requests 5.256
    //   + INIT: 26,280,000 x 0.1% cold x 0.5 s x 1 GB = 13,140 GB-s x 0.0000166667 = 0.2190 -> 93.0752
    // Saving 93.0752 - 78.2561 = 14.8191 a month. (N = 1 serves half: 85.6657, a smaller saving.)
    // The money starts from the report's monthly figure (92.8562, the one shown everywhere) and applies that change:
    // 92.8562 - 14.8191 = 78.0371.
    const c = recommendConcurrency({ ...base, report: steadyFunction({ coldStarts: { source: 'logs', count: 864, share: 0.001, init: { avg: 500, p50: 500, p99: 500, max: 500 } } }) })
    const p = c.provisioned
    expect(p.breakEvenUtilization).toBeCloseTo(0.59999, 4)
    expect(p.recommended).toBe(2)
    expect(p.expectedUtilization).toBeCloseTo(1, 6)
    expect(p.money.monthlyCurrent).toBe(92.8562)
    expect(p.money.monthlyRecommended).toBeCloseTo(78.0371, 3)
    expect(p.money.monthlySaving).toBeCloseTo(14.8191, 3)
  })

  it('does not recommend provisioned concurrency for bursty traffic below break-even', () => {
    // One busy hour in 24: one environment is busy 1/24 = 4.2% of the time, below 60%.
    const traffic = [36_000, ...new Array<number>(23).fill(0)]
    const c = recommendConcurrency({ ...base, report: steadyFunction({
      invocations: 36_000, traffic, monthly: { invocations: 1_095_000, cost: 3.87 },
      coldStarts: { source: 'logs', count: 100, share: 100 / 36_000, init: { avg: 500, p50: 500, p99: 500, max: 500 } },
    }) })
    expect(c.provisioned.recommended).toBe(0)
    expect(c.provisioned.expectedUtilization).toBeCloseTo(1 / 24, 6)
    expect(c.provisioned.reason).toMatch(/below the 60.0% break-even/)
  })

  it('does not recommend provisioned concurrency when no cold starts were seen, even if it would pay', () => {
    const c = recommendConcurrency({ ...base, report: steadyFunction({ coldStarts: { source: 'logs', count: 0, share: 0, init: { avg: null, p50: null, p99: null, max: null } } }) })
    expect(c.provisioned.recommended).toBe(0)
    expect(c.provisioned.reason).toMatch(/no cold starts/)
  })

  it('keeps provisioned concurrency that pays even though it leaves no cold starts to see', () => {
    // 2 environments in place, steady 2 busy: $78.2561 with them against $92.8562 on demand (no INIT: no cold starts).
    const c = recommendConcurrency({ ...base, provisionedNow: 2, report: steadyFunction({ coldStarts: { source: 'logs', count: 0, share: 0, init: { avg: null, p50: null, p99: null, max: null } } }) })
    expect(c.provisioned).toMatchObject({ current: 2, recommended: 2, change: 'none' })
    expect(c.provisioned.money.monthlyCurrent).toBeCloseTo(78.2561, 3)
    expect(c.provisioned.money.monthlySaving).toBeCloseTo(0, 6)
  })
})

describe('reserved concurrency: a hard cap only from enough evidence', () => {
  const quiet = (invocations: number) => steadyFunction({ invocations, concurrency: { max: 1, average: 0.01, peakArrivalRate: 0.01, peakFromArrivalRate: 0.002 } })

  it('sets no cap from an hour of 15 invokes, and says why and what a cap would be', () => {
    const c = recommendConcurrency({ ...base, windowSeconds: 3600, report: quiet(15) })
    expect(c.reserved).toMatchObject({ current: null, recommended: null, change: 'none', confidence: 'low' })
    expect(c.reserved.reason).toBe('too little evidence for a hard cap (15 invokes over 1.0 hours; a cap needs at least 7 days and 300 invokes, or --allow-caps): reserved concurrency throttles every request beyond it')
    expect(c.reserved.evidence).toContain('a cap of 2 would rest on 15 invokes over 1.0 hours')
  })

  it('needs both 7 days (a weekly cycle) and 300 invokes; --allow-caps asks for one anyway, with a warning', () => {
    const week = 7 * 86_400
    expect(recommendConcurrency({ ...base, windowSeconds: week, report: quiet(299) }).reserved.recommended).toBeNull()
    expect(recommendConcurrency({ ...base, windowSeconds: week - 60, report: quiet(5000) }).reserved.recommended).toBeNull()
    expect(recommendConcurrency({ ...base, windowSeconds: week, report: quiet(300) }).reserved).toMatchObject({ recommended: 2, change: 'set' })
    const asked = recommendConcurrency({ ...base, windowSeconds: 3600, allowCaps: true, report: quiet(15) }).reserved
    expect(asked).toMatchObject({ recommended: 2, change: 'set', confidence: 'low' })
    expect(asked.warnings).toEqual(['the cap rests on 15 invokes over 1.0 hours: a later, higher peak would be throttled'])
  })

  it('from little evidence an existing cap is never tightened, but one below the peak is raised', () => {
    const tight = recommendConcurrency({ ...base, windowSeconds: 3600, reservedConcurrency: 50, report: quiet(15) }).reserved
    expect(tight).toMatchObject({ current: 50, recommended: 50, change: 'none' })
    const low = recommendConcurrency({ ...base, windowSeconds: 3600, reservedConcurrency: 1, report: steadyFunction({ invocations: 40 }) }).reserved
    expect(low).toMatchObject({ current: 1, recommended: 11, change: 'increase' })
  })

  it('names the error and throttle rates that bear on it', () => {
    const c = recommendConcurrency({ ...base, report: steadyFunction({ errors: 216_000, errorRate: 0.25, throttles: 9000, throttleRate: 9000 / 873_000 }) })
    expect(c.reserved.evidence).toContain('errors: 25.0% (216000 of 864000 invokes)')
    expect(c.reserved.warnings).toEqual([
      '25.0% of invokes failed (216000 of 864000): retries of failed asynchronous invokes add to the peak a cap must hold',
      '1.0% of requests were throttled (9000): the observed peak is held down by throttling, so the real demand, and the cap it needs, are higher',
    ])
  })
})
