import { describe, expect, it } from 'vitest'
import { judgeLook, lookConfidence, p99GuardMinimum, p99GuardStatistics, preflightRefusals, trafficNeed, type Look } from '../../../src/core/canary/guards.js'
import { pairedRatio } from '../../../src/core/canary/paired.js'
import type { GuardLimits, PeriodFigures } from '../../../src/core/canary/types.js'

const limits: GuardLimits = { maxErrorIncrease: 0.01, maxP99Increase: 0.5, falseStop: 0.05, looks: 10 }
const look = (over: Partial<Look>): Look => ({
  elapsedSeconds: 120,
  plannedSeconds: 600,
  periodSeconds: 60,
  main: { invocations: 900, errors: 9 },
  candidate: { invocations: 100, errors: 1 },
  p99: { candidateLower: null, mainUpper: null },
  paired: null,
  judgeTraffic: false,
  confidence: 0.95,
  tolerance: 0.05,
  toMeasure: (r) => r,
  ...over,
})

describe('the false-stop budget', () => {
  it('is split over both guards and every look (a union bound)', () => {
    expect(lookConfidence(limits)).toBeCloseTo(1 - 0.05 / 20, 12)
    expect(lookConfidence({ ...limits, looks: 1 })).toBeCloseTo(0.975, 12)
  })

  it('the p99 guard reads a lower bound of the candidate’s p99 and an upper one of main’s, each at half of a look’s error', () => {
    const stats = p99GuardStatistics(limits, { main: 2000, candidate: 200 })
    expect(stats.mainUpper?.stat).toMatch(/^p99\.\d+$/)
    expect(stats.candidateLower?.stat).toMatch(/^p9\d(\.\d+)?$/)
    expect(p99GuardStatistics(limits, { main: 100, candidate: 10 }).mainUpper).toBeNull()
    // p^n <= 1 - 0.99875 at p = 0.99
    expect(p99GuardMinimum(limits)).toBe(Math.ceil(Math.log(0.00125) / Math.log(0.99)))
  })
})

describe('judgeLook', () => {
  it('a candidate that is no worse goes on', () => {
    expect(judgeLook(look({}), limits)).toEqual({ stop: false })
  })

  it('errors: a failing candidate is stopped with its figures', () => {
    const v = judgeLook(look({ candidate: { invocations: 12, errors: 12 }, main: { invocations: 100, errors: 0 } }), limits)
    expect(v).toMatchObject({ stop: true, reason: 'errors', needSeconds: null })
    if (v.stop) expect(v.detail).toMatch(/^error rate 100\.0% \(12 of 12\) against 0\.0% for the main version: more than 1 points higher \(at least \d+\.?\d* points at 99\.75%\)$/)
  })

  it('errors: one more error than main in few invokes is not evidence', () => {
    expect(judgeLook(look({ candidate: { invocations: 20, errors: 1 }, main: { invocations: 180, errors: 0 } }), limits)).toEqual({ stop: false })
  })

  it('p99: stopped when the candidate’s lower bound exceeds main’s upper bound by more than the limit', () => {
    expect(judgeLook(look({ p99: { candidateLower: 151, mainUpper: 100 } }), limits)).toMatchObject({ stop: true, reason: 'p99' })
    expect(judgeLook(look({ p99: { candidateLower: 149, mainUpper: 100 } }), limits)).toEqual({ stop: false })
    expect(judgeLook(look({ p99: { candidateLower: 500, mainUpper: null } }), limits)).toEqual({ stop: false })
  })

  it('thin traffic: too few candidate invokes to reach the minimum, with how long it would take', () => {
    const v = judgeLook(look({ judgeTraffic: true, elapsedSeconds: 10, plannedSeconds: 30, periodSeconds: 1, candidate: { invocations: 3, errors: 0 } }), limits)
    // (3 + 1.96√3 + 2) / 10 s × 29 s < 30: stopped; at 0.3/s 30 invokes take 100 s, plus the warm-up period
    expect(v).toMatchObject({ stop: true, reason: 'thin-traffic', needSeconds: 101 })
    expect(judgeLook(look({ judgeTraffic: true, elapsedSeconds: 10, plannedSeconds: 30, periodSeconds: 1, candidate: { invocations: 0, errors: 0 } }), limits)).toMatchObject({
      stop: true,
      reason: 'thin-traffic',
      needSeconds: null,
    })
    // an unlucky start is not thin: 8 in 10 s could well be 1/s
    expect(judgeLook(look({ judgeTraffic: true, elapsedSeconds: 10, plannedSeconds: 30, periodSeconds: 1, candidate: { invocations: 8, errors: 0 } }), limits)).toEqual({ stop: false })
  })

  it('thin traffic: stopped when the interval expected at the end is still wider than the tolerance around the current setting', () => {
    const periods = (means: number[], n: number): PeriodFigures[] =>
      means.map((m, i) => ({ start: i * 60_000, invocations: n, errors: 0, throttles: 0, durationCount: n, durationSum: n * m }))
    const main = periods([100, 100, 100, 100], 100)
    const noisy = pairedRatio(main, periods([80, 130, 90, 120], 5), 0.95)!
    const v = judgeLook(look({ judgeTraffic: true, elapsedSeconds: 300, plannedSeconds: 600, paired: noisy }), limits)
    expect(v).toMatchObject({ stop: true, reason: 'thin-traffic' })
    if (v.stop) {
      expect(v.needSeconds!).toBeGreaterThan(600)
      expect(v.detail).toMatch(/wider than the tolerance of 5%: at this traffic and weight it needs about \d+h?\d*m?\d*s?$/)
    }
    // precise enough: goes on
    const steady = pairedRatio(main, periods([101, 99, 100, 100.5], 5), 0.95)!
    expect(judgeLook(look({ judgeTraffic: true, elapsedSeconds: 300, plannedSeconds: 600, paired: steady }), limits)).toEqual({ stop: false })
    // wide, but surely far from the current setting: decided, goes on
    const slow = pairedRatio(main, periods([280, 330, 290, 320], 5), 0.95)!
    expect(judgeLook(look({ judgeTraffic: true, elapsedSeconds: 300, plannedSeconds: 600, paired: slow }), limits)).toEqual({ stop: false })
  })
})

describe('before any change', () => {
  it('trafficNeed: the candidate’s expected invokes and the shortest duration that gets the minimum', () => {
    expect(trafficNeed(10, 0.1, 60, 1)).toEqual({ expectedCandidateInvokes: 59, minimumSeconds: 31, enough: true })
    expect(trafficNeed(1, 0.05, 600, 60)).toMatchObject({ minimumSeconds: 660, enough: false })
    expect(trafficNeed(0, 0.1, 600, 60)).toEqual({ expectedCandidateInvokes: 0, minimumSeconds: null, enough: false })
    // at least the warm-up and five periods to compare
    expect(trafficNeed(1000, 0.5, 600, 60).minimumSeconds).toBe(360)
  })

  it('preflightRefusals: no room for the memory used, or failed in a sweep', () => {
    const base = { mainMemory: 512, candidates: [128, 256, 1024], maxMemoryUsedMB: 200, memoryMargin: 0.2, sweepFailures: new Map([[1024, 'the sweep in s.json']]) }
    expect(preflightRefusals(base)).toEqual([
      "128 MB is below the main version's Max Memory Used in production (200 MB) plus 20% (240 MB)",
      '1024 MB failed in the sweep in s.json',
    ])
    expect(preflightRefusals({ ...base, maxMemoryUsedMB: null, maxMemoryUnknownWhy: 'no REPORT line', sweepFailures: new Map() })).toEqual([
      "cannot check candidates below the current 512 MB against the main version's Max Memory Used: no REPORT line",
    ])
    expect(preflightRefusals({ ...base, candidates: [1024, 2048], maxMemoryUsedMB: null, sweepFailures: new Map() })).toEqual([])
  })
})
