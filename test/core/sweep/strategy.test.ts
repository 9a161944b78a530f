import { describe, expect, it } from 'vitest'
import { summarizeMemory, withBaseline } from '../../../src/core/sweep/results.js'
import { recommend } from '../../../src/core/sweep/strategy.js'
import type { InvokeSample, MemoryResult } from '../../../src/core/sweep/types.js'
import { failing, samplesAround, US_EAST_X86 } from './fixtures.js'

const OPTIONS = { trim: 0.1, allowedErrors: [] as string[], errorThreshold: 0.05 }

function results(samples: InvokeSample[], memories: number[], current = memories[0]!): MemoryResult[] {
  return withBaseline(memories.map((m) => summarizeMemory(m, samples, OPTIONS, US_EAST_X86)), current)
}

// CPU-bound: time halves with memory up to 512 MB, so the cost is flat; above, the time flattens and cost rises.
const CPU = results(
  [
    ...samplesAround(128, 800),
    ...samplesAround(256, 400),
    ...samplesAround(512, 200),
    ...samplesAround(1024, 120),
    ...samplesAround(2048, 119.5),
  ],
  [128, 256, 512, 1024, 2048],
)

describe('recommend', () => {
  it('cost: among the values that cost the same within noise, the fastest', () => {
    const r = recommend(CPU, { strategy: 'cost', weight: 0.5 })
    expect(r.memory).toBe(512)
    expect(r.indistinguishable).toEqual([128, 256])
    expect(r.reason).toMatch(/^512 MB costs the same as the cheapest \(\d+ MB, \$[\d.]+ per 1M\) within noise and is the fastest of them/)
  })

  it('speed: among the values as fast as the fastest within noise, the cheapest', () => {
    const r = recommend(CPU, { strategy: 'speed', weight: 0.5 })
    expect(r.memory).toBe(1024)
    expect(r.indistinguishable).toEqual([2048])
    expect(r.reason).toMatch(/^1024 MB is as fast as the fastest \(2048 MB\) within noise/)
  })

  it('speed: a clear winner is named the fastest', () => {
    const r = recommend(results([...samplesAround(128, 800), ...samplesAround(1024, 100)], [128, 1024]), { strategy: 'speed', weight: 0.5 })
    expect(r).toEqual({ memory: 1024, reason: expect.stringMatching(/^1024 MB is the fastest \(warm p50 100 ms/), indistinguishable: [] })
  })

  it('balanced: weight 0 is speed, weight 1 is cost', () => {
    expect(recommend(CPU, { strategy: 'balanced', weight: 0 }).memory).toBe(2048)
    const costOnly = recommend(CPU, { strategy: 'balanced', weight: 1 })
    expect([128, 256, 512]).toContain(costOnly.memory)
    expect(recommend(CPU, { strategy: 'balanced', weight: 0.5 }).reason).toMatch(/best balance of cost and speed at weight 0.5/)
  })

  it('slo: the cheapest that meets the limit, and says so when none does', () => {
    expect(recommend(CPU, { strategy: 'slo', weight: 0.5, slo: { percentile: 'p99', ms: 250 } }).memory).toBe(512)
    const none = recommend(CPU, { strategy: 'slo', weight: 0.5, slo: { percentile: 'p95', ms: 50 } })
    expect(none.memory).toBeNull()
    expect(none.reason).toMatch(/^no memory value meets p95 ≤ 50.0 ms: the lowest warm p95 is 12\d ms at 2048 MB/)
  })

  it('never recommends a failed value, even the cheapest', () => {
    // io-wait: the same time at every size, so 128 MB would be cheapest, but it runs out of memory
    const io = results([...samplesAround(128, 100), ...failing(128, 5), ...samplesAround(256, 100), ...samplesAround(512, 100)], [128, 256, 512])
    expect(io[0]!.failed).toBe(true)
    for (const strategy of ['cost', 'speed', 'balanced'] as const) {
      expect(recommend(io, { strategy, weight: 0.5 }).memory).not.toBe(128)
    }
    expect(recommend(io, { strategy: 'cost', weight: 0.5 }).memory).toBe(256)
  })

  it('says why there is no pick when every value failed', () => {
    const r = recommend(results([...failing(128, 5), ...failing(256, 5)], [128, 256]), { strategy: 'cost', weight: 0.5 })
    expect(r.memory).toBeNull()
    expect(r.reason).toBe('no memory value can be recommended: every value failed (128 MB, 256 MB)')
  })
})
