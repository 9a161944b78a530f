import { describe, expect, it } from 'vitest'
import { recommendMemory, confidenceOf } from '../../../src/core/recommend/memory.js'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { steadyFunction } from './function-report.js'

describe('recommendMemory from production', () => {
  it('cuts an oversized function to its use plus 25% headroom, with the saving and the CPU-bound risk', () => {
    // 180 MB used of 1,024: 180 x 1.25 = 225 -> 64 MB steps: 256 MB (<= 75% of 1,024, worth a change).
    // Now: 26,280,000 x 0.2 s x 1 GB = 5,256,000 GB-s x 0.0000166667 = 87.6002 + 26.28 x 0.20 = 92.8562.
    // At 256 MB, same 200 ms: 1,314,000 GB-s x 0.0000166667 = 21.9000 + 5.256 = 27.1560. Saving 65.7002.
    // CPU-bound worst case: CPU share 1,024/1,769 against 256/1,769 = 4x slower, 800 ms: the same GB-s, $92.86.
    const r = recommendMemory({ report: steadyFunction(), region: 'us-east-1', windowDays: 14 })
    expect(r).toMatchObject({ current: 1024, recommended: 256, change: 'decrease', confidence: 'high' })
    expect(r.money.monthlyCurrent).toBeCloseTo(92.8562, 3)
    expect(r.money.monthlyRecommended).toBeCloseTo(27.156, 3)
    expect(r.money.monthlySaving).toBeCloseTo(65.7002, 3)
    expect(r.evidence.join('\n')).toContain('could rise to 800.0 ms')
    expect(r.evidence.join('\n')).toContain('costing $92.86 a month instead of $27.16')
  })

  it('raises memory when use reaches 90% of it', () => {
    // 120 of 128 MB = 93.75%: 120 x 1.25 = 150 -> 192 MB.
    const r = recommendMemory({ report: steadyFunction({ memoryMB: 128, memoryUsed: { maxMB: 120, avgMB: 110, p99MB: 119, utilization: 120 / 128 } }), region: 'us-east-1', windowDays: 14 })
    expect(r).toMatchObject({ recommended: 192, change: 'increase' })
    expect(r.warnings.join(' ')).toMatch(/out-of-memory/)
  })

  it('recommends above 1,792 MB too (Compute Optimizer does not)', () => {
    // 1,500 of 3,008 MB: 1,875 -> 30 x 64 = 1,920 MB, under 75% of 3,008 (2,256).
    const r = recommendMemory({ report: steadyFunction({ memoryMB: 3008, memoryUsed: { maxMB: 1500, avgMB: 1400, p99MB: 1490, utilization: 1500 / 3008 } }), region: 'us-east-1', windowDays: 14 })
    expect(r.recommended).toBe(1920)
    // CPU share: min(3,008, 1,769) / min(1,920, 1,769) = 1: no slowdown even if CPU-bound.
    expect(r.evidence.join('\n')).not.toContain('could rise')
  })

  it('says so when data is thin', () => {
    const r = recommendMemory({ report: steadyFunction({ invocations: 30 }), region: 'us-east-1', windowDays: 2 })
    expect(r.confidence).toBe('low')
    expect(r.warnings.join(' ')).toContain('only 30 invokes in 2 days (Compute Optimizer asks for at least 50 over 14 days)')
    expect(confidenceOf(500, 14).confidence).toBe('medium')
    expect(confidenceOf(5000, 7).confidence).toBe('medium')
    expect(confidenceOf(5000, 14).confidence).toBe('high')
  })

  it('names a high error rate: failures shape the memory and durations seen', () => {
    const r = recommendMemory({ report: steadyFunction({ errors: 216_000, errorRate: 0.25 }), region: 'us-east-1', windowDays: 14 })
    expect(r.evidence).toContain('errors: 25.0% (216000 of 864000 invokes)')
    expect(r.warnings).toContain('25.0% of invokes failed (216000 of 864000): failed invokes (out of memory, timeouts) shape the memory use and durations seen: fix them, or confirm with `lambda-tune sweep`')
  })

  it('keeps the memory without memory data', () => {
    const r = recommendMemory({ report: steadyFunction({ memoryUsed: null }), region: 'us-east-1', windowDays: 14 })
    expect(r).toMatchObject({ recommended: 1024, change: 'none', confidence: 'low' })
  })
})

describe('recommendMemory from a sweep', () => {
  it('takes the pick and prices it at the observed traffic', () => {
    // Sweep: $3.5333 per million at 1,024 MB, $1.0 per million at 512 MB (picked). Now is the report's monthly figure,
    // $92.8562 (the one figure shown everywhere); the pick costs 1.0 / 3.5333 of it: 26.2803; saving 66.5759.
    const sweep = readComparable({
      schemaVersion: 1, function: 'steady', recommendation: { memory: 512, reason: 'cheapest' },
      results: [
        { memory: 512, failed: false, warm: { count: 20, mean: 150, stddev: 5, p50: 150, p99: 160 }, costPerInvocation: 0.000001 },
        { memory: 1024, failed: false, warm: { count: 20, mean: 140, stddev: 5, p50: 140, p99: 150 }, costPerInvocation: 0.0000035333 },
      ],
    }, 'sweep.json')
    const r = recommendMemory({ report: steadyFunction(), region: 'us-east-1', windowDays: 14, sweep })
    // a sweep from before the tolerance rule does not say how sure its pick is
    expect(r).toMatchObject({ current: 1024, recommended: 512, change: 'decrease', confidence: 'medium' })
    expect(r.money.monthlyCurrent).toBe(92.8562)
    expect(r.money.monthlyRecommended).toBeCloseTo(92.8562 / 3.5333, 6)
    expect(r.money.monthlySaving).toBeCloseTo(66.5759, 3)
  })

  const sweepWith = (recommendation: Record<string, unknown>) =>
    readComparable({
      schemaVersion: 1, function: 'steady', recommendation: { memory: 512, reason: 'cheapest', ...recommendation },
      results: [
        { memory: 512, failed: false, warm: { count: 20, mean: 150, stddev: 5, p50: 150, p99: 160 }, costPerInvocation: 0.000001 },
        { memory: 1024, failed: false, warm: { count: 20, mean: 140, stddev: 5, p50: 140, p99: 150 }, costPerInvocation: 0.0000035333 },
      ],
    }, 'sweep.json')

  it('is as sure as the sweep: high when settled and shown within the tolerance, medium on the estimate alone', () => {
    const settled = sweepWith({ settled: true, contenders: [], bandPosition: { measure: 'cost', best: 512, ratio: 1, upper: 1.02, proven: true } })
    expect(recommendMemory({ report: steadyFunction(), region: 'us-east-1', windowDays: 14, sweep: settled }).confidence).toBe('high')
    const estimate = sweepWith({ settled: true, contenders: [], bandPosition: { measure: 'cost', best: 256, ratio: 1.06, upper: 1.2, proven: false } })
    const r = recommendMemory({ report: steadyFunction(), region: 'us-east-1', windowDays: 14, sweep: estimate })
    expect(r.confidence).toBe('medium')
    expect(r.evidence.join('\n')).toMatch(/within its tolerance by its estimate only/)
  })

  it('is low, names the contenders and warns when the sweep did not settle', () => {
    const unsettled = sweepWith({ settled: false, contenders: [512, 1024], bandPosition: null })
    const r = recommendMemory({ report: steadyFunction(), region: 'us-east-1', windowDays: 14, sweep: unsettled })
    expect(r.confidence).toBe('low')
    expect(r.evidence.join('\n')).toMatch(/did not settle: 1024 MB could still be preferred/)
    expect(r.warnings[0]).toMatch(/^unsettled sweep: re-run it with a larger --max-invocations/)
  })
})
