import { describe, expect, it } from 'vitest'
import { costAt, linearCost } from '../../../src/core/canary/cost.js'
import { pickMemory, type PickOption } from '../../../src/core/canary/pick.js'
import type { PickOptions } from '../../../src/core/canary/types.js'

const pricing = { region: 'us-east-1', arch: 'x86_64' as const, initBilled: true }
const line = (memoryMB: number) => linearCost({ ...pricing, memoryMB }, { share: 0, initMeanMs: null })
const main: PickOption = { memory: 1024, main: true, ratio: { value: 1, se: 0, df: Infinity }, cost: line(1024) }
const option = (memory: number, ratio: number, se = 0.005, df = 9): PickOption => ({ memory, main: false, ratio: { value: ratio, se, df }, cost: line(memory) })
const settings = (over: Partial<PickOptions> = {}): PickOptions => ({ strategy: 'cost', tolerance: 0.05, costWeight: 0.5, confidence: 0.95, ...over })
// a CPU-bound handler: 400 ms at 1024 MB, twice as long at half the memory, flat above 1,769 MB
const T = 400

describe('linearCost', () => {
  it('prices the mean duration plus half a ms of rounding, and a billed INIT at the cold-start share', () => {
    const l = linearCost({ ...pricing, memoryMB: 1024 }, { share: 0.01, initMeanMs: 200 })
    expect(l.perMsUsd).toBeCloseTo(0.0000166667 / 1000, 12)
    expect(l.fixedUsd).toBeCloseTo(0.2e-6 + l.perMsUsd * (0.5 + 2), 15)
    expect(costAt(l, 100)).toBeCloseTo(0.2e-6 + (l.perMsUsd * 102.5), 15)
    expect(linearCost({ ...pricing, initBilled: false, memoryMB: 1024 }, { share: 0.01, initMeanMs: 200 }).fixedUsd).toBeCloseTo(0.2e-6 + l.perMsUsd * 0.5, 15)
  })
})

describe('pickMemory', () => {
  it('cost: the cheapest, settled when the intervals exclude every other answer', () => {
    const r = pickMemory({ options: [main, option(512, 2.0), option(2048, 0.58)], mainMeanMs: T, undecided: [], pick: settings() })
    // 512 MB: same cost as 1024 MB within 5%, but twice as slow; 2048 MB: faster, but 16% dearer
    expect(r.memory).toBe(1024)
    expect(r.tied).toEqual([512])
    expect(r.settled).toBe(true)
    expect(r.reason).toMatch(/^1024 MB \(the current setting\) is within 5% of the cheapest \(512 MB, \$[\d.]+ per 1M invokes\) and the fastest of those/)
    expect(r.reason).toMatch(/settled at 95%$/)
  })

  it('cost: values within the tolerance of the cheapest tie, and the fastest of them wins', () => {
    const r = pickMemory({ options: [main, option(512, 2.0), option(1769, 0.58)], mainMeanMs: T, undecided: [], pick: settings() })
    // 512 MB is the cheapest by a hair; 1769 MB costs 0.3% more and is 42% faster than 1024 MB
    expect(r.tied).toEqual([512, 1024])
    expect(r.memory).toBe(1769)
    expect(r.settled).toBe(true)
  })

  it('cost: not settled while the intervals cannot tell, with the contenders named', () => {
    const r = pickMemory({ options: [main, option(512, 1.9, 0.2, 4), option(1769, 0.6, 0.2, 4)], mainMeanMs: T, undecided: [], pick: settings() })
    expect(r.settled).toBe(false)
    expect(r.contenders.length).toBeGreaterThan(0)
    expect(r.reason).toMatch(/not settled: the data cannot yet rule out/)
  })

  it('speed: the fastest, the cheapest among those within the tolerance', () => {
    const r = pickMemory({ options: [main, option(1769, 0.6), option(3008, 0.59)], mainMeanMs: T, undecided: [], pick: settings({ strategy: 'speed' }) })
    expect(r.memory).toBe(1769)
    expect(r.tied).toEqual([3008])
    expect(r.settled).toBe(true)
  })

  it('balanced: the lowest score relative to the current setting', () => {
    const r = pickMemory({ options: [main, option(512, 1.05), option(2048, 0.9)], mainMeanMs: T, undecided: [], pick: settings({ strategy: 'balanced', costWeight: 1 }) })
    expect(r.memory).toBe(512)
  })

  it('slo: only options whose percentile surely meets the limit, then the cost rule', () => {
    const r = pickMemory({
      options: [
        { ...main, slo: { point: 300, upper: 320 } },
        { ...option(512, 2.0), slo: { point: 700, upper: 760 } },
        { ...option(2048, 0.6), slo: { point: 200, upper: 230 } },
      ],
      mainMeanMs: T,
      undecided: [],
      pick: settings({ strategy: 'slo', slo: { percentile: 'p99', ms: 400 } }),
    })
    expect(r.memory).toBe(1024)
    expect(r.settled).toBe(true)
    const none = pickMemory({
      options: [{ ...main, slo: { point: 390, upper: 420 } }],
      mainMeanMs: T,
      undecided: [],
      pick: settings({ strategy: 'slo', slo: { percentile: 'p99', ms: 400 } }),
    })
    expect(none).toMatchObject({ memory: null, settled: false, contenders: [1024] })
  })

  it('a candidate stopped before the data could decide keeps the pick unsettled', () => {
    const r = pickMemory({ options: [main, option(512, 2.0)], mainMeanMs: T, undecided: [1769], pick: settings() })
    expect(r).toMatchObject({ memory: 1024, settled: false })
    expect(r.contenders).toContain(1769)
    expect(r.reason).toMatch(/1769 MB stopped before the data could decide$/)
  })
})
