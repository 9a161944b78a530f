import { describe, expect, it } from 'vitest'
import { sampleCost, summarizeMemory, tuningCost, withBaseline } from '../../../src/core/sweep/results.js'
import type { InvokeSample } from '../../../src/core/sweep/types.js'
import { failing, samplesAround, US_EAST_X86 } from './fixtures.js'

const OPTIONS = { trim: 0.1, allowedErrors: [] as string[], errorThreshold: 0.05 }
// us-east-1 x86_64: $0.20 per 1M requests, $0.0000166667 per GB-s
const REQUEST = 0.2e-6
const GBS = 0.0000166667

describe('sampleCost', () => {
  it('prices a warm invoke from its billed duration', () => {
    const s = samplesAround(128, 100)[2]! // exactly 100 ms
    expect(sampleCost(s, US_EAST_X86).usd).toBeCloseTo(REQUEST + 0.125 * 0.1 * GBS, 15)
    expect(sampleCost(s, US_EAST_X86).gbSeconds).toBeCloseTo(0.0125, 12)
  })

  it('bills INIT once: added when the REPORT left it out, not again when Billed Duration holds it', () => {
    const cold: InvokeSample = { ...samplesAround(1024, 100)[2]!, coldStart: true, initDurationMs: 200 }
    const withoutInit = sampleCost({ ...cold, billedDurationMs: 100 }, US_EAST_X86).gbSeconds
    const withInit = sampleCost({ ...cold, billedDurationMs: 300 }, US_EAST_X86).gbSeconds
    expect(withoutInit).toBeCloseTo(0.3, 10)
    expect(withInit).toBeCloseTo(0.3, 10)
    expect(sampleCost({ ...cold, billedDurationMs: 100 }, { ...US_EAST_X86, initBilled: false }).gbSeconds).toBeCloseTo(0.1, 10)
  })

  it('charges nothing for a throttled invoke that never ran', () => {
    const throttled: InvokeSample = { memory: 128, phase: 'measure', coldStart: false, payload: 0, status: 'error', errorType: 'TooManyRequestsException', latencyMs: 3, throttles: 9 }
    expect(sampleCost(throttled, US_EAST_X86)).toEqual({ usd: 0, gbSeconds: 0 })
  })
})

describe('summarizeMemory', () => {
  it('separates warm from cold and leaves warm-up out', () => {
    const samples = [
      ...samplesAround(512, 100),
      { ...samplesAround(512, 40)[0]!, coldStart: true, initDurationMs: 300 },
      { ...samplesAround(512, 5000)[0]!, phase: 'warmup' as const },
    ]
    const r = summarizeMemory(512, samples, OPTIONS, US_EAST_X86)
    expect(r.invocations).toBe(11)
    expect(r.warm!.count).toBe(10)
    expect(r.warm!.mean).toBeCloseTo(100, 10)
    expect(r.cold!.count).toBe(1)
    expect(r.initDuration!.p50).toBe(300)
    expect(r.failed).toBe(false)
    expect(r.maxMemoryUsedMB).toBe(60)
    expect(r.memoryUtilization).toBeCloseTo(60 / 512, 12)
    // mean of the warm invokes' own costs
    const mean = samplesAround(512, 100).reduce((sum, s) => sum + REQUEST + 0.5 * (s.billedDurationMs! / 1000) * GBS, 0) / 10
    expect(r.costPerInvocation).toBeCloseTo(mean, 15)
    expect(r.costPerMillion).toBeCloseTo(mean * 1e6, 9)
  })

  it('marks a value failed above the error threshold and counts error types', () => {
    const r = summarizeMemory(128, [...samplesAround(128, 100), ...failing(128, 2)], OPTIONS, US_EAST_X86)
    expect(r.errors).toBe(2)
    expect(r.errorRate).toBeCloseTo(2 / 12, 12)
    expect(r.errorTypes).toEqual({ 'Runtime.OutOfMemory': 2 })
    expect(r.failed).toBe(true)
    expect(r.failureReason).toMatch(/17% of invokes failed \(mostly Runtime.OutOfMemory\)/)
    expect(r.warm!.count).toBe(10)
  })

  it('counts allowed error types as results', () => {
    const r = summarizeMemory(128, [...samplesAround(128, 100), ...failing(128, 2, 'ValidationError')], { ...OPTIONS, allowedErrors: ['ValidationError'] }, US_EAST_X86)
    expect(r.errors).toBe(0)
    expect(r.failed).toBe(false)
    expect(r.warm!.count).toBe(12)
  })

  it('fails a value with no invoke at all', () => {
    expect(summarizeMemory(256, [], OPTIONS, US_EAST_X86)).toMatchObject({ failed: true, warm: null, cold: null, costPerInvocation: null })
  })
})

describe('withBaseline and tuningCost', () => {
  it('gives speed-up and saving against the current memory', () => {
    const samples = [...samplesAround(128, 800), ...samplesAround(1024, 100)]
    const results = withBaseline([128, 1024].map((m) => summarizeMemory(m, samples, OPTIONS, US_EAST_X86)), 128)
    expect(results[0]!.speedup).toBe(1)
    expect(results[0]!.saving).toBe(0)
    expect(results[1]!.speedup).toBeCloseTo(8, 1)
    // 1024 MB × 0.1 s = 0.1 GB-s against 128 MB × 0.8 s = 0.1 GB-s: the same compute, so no saving
    expect(Math.abs(results[1]!.saving!)).toBeLessThan(0.02)
  })

  it('has no baseline when the current memory failed', () => {
    const samples = [...failing(128, 10), ...samplesAround(1024, 100)]
    const results = withBaseline([128, 1024].map((m) => summarizeMemory(m, samples, OPTIONS, US_EAST_X86)), 128)
    expect(results[1]!.speedup).toBeNull()
    expect(results[1]!.saving).toBeNull()
  })

  it('adds up the bill of the run, warm-up included', () => {
    const samples = [...samplesAround(1024, 1000), { ...samplesAround(1024, 1000)[2]!, phase: 'warmup' as const }]
    const total = tuningCost(samples, US_EAST_X86)
    const gbs = samples.reduce((s, x) => s + x.billedDurationMs! / 1000, 0)
    expect(total.gbSeconds).toBeCloseTo(gbs, 9)
    expect(total.usd).toBeCloseTo(11 * REQUEST + gbs * GBS, 12)
  })
})
