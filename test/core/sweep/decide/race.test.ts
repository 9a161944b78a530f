import { describe, expect, it } from 'vitest'
import { assess, emptyEvidence, statementAlpha, type RaceOptions } from '../../../../src/core/sweep/decide/race.js'
import { durations, value } from './helpers.js'

const VCPU = 1769
const cpuBound = (m: number) => (60 * VCPU) / Math.min(m, VCPU)
const MEMORY = [128, 256, 512, 1024, 1769, 3008]

function options(strategy: RaceOptions['strategy'], extra: Partial<RaceOptions> = {}): RaceOptions {
  return { strategy, tolerance: 0.1, confidence: 0.95, weight: 0.5, trim: 0.1, looks: 1, values: MEMORY.length, ...extra }
}

function workload(curve: (m: number) => number, n: number, sigma: number) {
  return MEMORY.map((m, i) => value(m, durations(curve(m), n, sigma, 100 + i)))
}

describe('assess: cost', () => {
  it('counts a cpu-bound function’s equal costs as tied and picks the fastest of them, settled', () => {
    const a = assess(workload(cpuBound, 30, 0.1), emptyEvidence(), options('cost'))
    expect(a.pick).toBe(1769)
    expect(a.settled).toBe(true)
    // 3,008 MB costs 1.7× as much for no speed: ruled out on cost, with the proof
    expect(a.status.get(3008)).toMatchObject({ state: 'ruled out', why: 'primary' })
    // the tied values are slower than the pick by far more than the tolerance
    for (const m of [128, 256, 512, 1024]) expect(a.status.get(m)!.state).toMatch(/settled|ruled out/)
    expect(a.active).toEqual([])
  })

  it('picks the cheapest of a flat, I/O-bound function and rules out the dearer ones', () => {
    const a = assess(workload(() => 200, 20, 0.1), emptyEvidence(), options('cost'))
    expect(a.pick).toBe(128)
    expect(a.settled).toBe(true)
    for (const m of [256, 512, 1024, 1769, 3008]) expect(a.status.get(m)).toMatchObject({ state: 'ruled out', why: 'primary' })
  })

  it('does not settle on five invokes of noisy data, and keeps invoking what can still matter', () => {
    const a = assess(workload(cpuBound, 3, 0.6), emptyEvidence(), options('cost', { looks: 9 }))
    expect(a.settled).toBe(false)
    expect(a.active.length).toBeGreaterThan(1)
    expect(a.active).toContain(a.pick)
    expect(a.contenders).toContain(a.pick)
  })

  it('never picks a failed value', () => {
    const values = workload(() => 200, 20, 0.1)
    values[0] = { ...values[0]!, failed: true }
    const a = assess(values, emptyEvidence(), options('cost'))
    expect(a.pick).toBe(256)
    expect(a.status.get(128)).toEqual({ state: 'failed' })
  })

  it('keeps what it proved: a value ruled out at one look stays out at the next, whatever the new data', () => {
    const evidence = emptyEvidence()
    assess(workload(() => 200, 20, 0.1), evidence, options('cost'))
    expect(evidence.out.has(3008)).toBe(true)
    // the next look sees 3,008 MB's cost as equal (impossible data, to show the proof is kept)
    const again = assess(MEMORY.map((m) => value(m, durations((200 * 128) / m, 20, 0.1, m))), evidence, options('cost'))
    expect(again.status.get(3008)).toMatchObject({ state: 'ruled out', why: 'primary' })
  })
})

describe('assess: a cheaper value that only seems slower', () => {
  // Two values of the same speed whose prices differ (an x86_64 and an arm64 twin): the cheap one measured 12% slower
  // by chance, so it fell outside the speed tie and the dear one leads. Not being faster than the leader is not
  // enough to settle: the cheap value displaces it by merely tying, so it must be shown slower by more than 10%.
  const priced = (id: number, ds: number[], price: number) => ({ ...value(id, ds), costs: ds.map((d) => price * d) })
  const cheap = priced(1, durations(224, 20, 0.1, 7), 1)
  const dear = priced(2, durations(200, 20, 0.1, 8), 1.16)

  it('keeps the cheaper value open, and invoking it, until it is shown slower by more than the tolerance', () => {
    const a = assess([cheap, dear], emptyEvidence(), options('cost', { values: 2 }))
    expect(a.pick).toBe(2)
    expect(a.settled).toBe(false)
    expect(a.status.get(1)).toEqual({ state: 'open' })
    expect(a.active).toEqual([1, 2])
  })

  it('settles once the data show it slower by more than the tolerance', () => {
    const slow = priced(1, durations(260, 20, 0.1, 7), 1)
    const a = assess([slow, priced(2, durations(200, 20, 0.1, 8), 1.3)], emptyEvidence(), options('cost', { values: 2 }))
    expect(a.pick).toBe(2)
    expect(a.settled).toBe(true)
  })
})

describe('assess: speed, balanced', () => {
  it('speed: picks the cheapest of the values within the tolerance of the fastest', () => {
    // cpu-bound: 1,769 and 3,008 MB equally fast; 1,769 MB is the cheaper
    const a = assess(workload(cpuBound, 30, 0.1), emptyEvidence(), options('speed'))
    expect(a.pick).toBe(1769)
    expect(a.settled).toBe(true)
    expect(a.status.get(128)).toMatchObject({ state: 'ruled out', why: 'primary' })
  })
  it('balanced: a flat function’s best balance is its cheapest value', () => {
    const a = assess(workload(() => 200, 20, 0.1), emptyEvidence(), options('balanced'))
    expect(a.pick).toBe(128)
  })
})

describe('assess: slo', () => {
  it('picks the cheapest value shown to meet the limit, and rules out those shown to break it', () => {
    // p95 ≤ 150 ms: 1,024 MB (104 ms) and above meet it; 512 MB (207 ms) and below break it
    const values = workload(cpuBound, 200, 0.1)
    const a = assess(values, emptyEvidence(), options('slo', { slo: { percentile: 'p95', ms: 150 } }))
    expect(a.pick).toBe(1769)
    for (const m of [128, 256, 512]) expect(a.status.get(m)).toMatchObject({ state: 'ruled out', why: 'slo' })
  })
  it('makes no pick while no value has enough invokes to bound the percentile', () => {
    const a = assess(workload(cpuBound, 20, 0.1), emptyEvidence(), options('slo', { slo: { percentile: 'p99', ms: 1000 } }))
    expect(a.pick).toBeNull()
    expect(a.settled).toBe(false)
    expect(a.contenders.length).toBeGreaterThan(0)
  })
})

describe('statementAlpha', () => {
  it('splits the error over both kinds of statement about the true answer, each other value and each look', () => {
    expect(statementAlpha({ confidence: 0.95, looks: 9, values: 6 })).toBeCloseTo(0.05 / (2 * 5 * 9), 15)
    // slo gives half its error to the percentile bounds
    expect(statementAlpha({ confidence: 0.95, looks: 9, values: 6, slo: { percentile: 'p99', ms: 1 } })).toBeCloseTo(0.025 / 90, 15)
  })
})
