import { describe, expect, it } from 'vitest'
import { costPerInvoke } from '../../../src/core/cost/index.js'

describe('costPerInvoke', () => {
  it('prices one invoke at first-tier prices', () => {
    const c = costPerInvoke({ memoryMB: 512, billedDurationMs: 1000 })
    // 0.5 GB x 1 s = 0.5 GB-s x 0.0000166667 = 0.00000833335; request 0.2 / 1e6 = 0.0000002
    expect(c.gbSeconds).toBe(0.5)
    expect(c.computeUsd).toBeCloseTo(0.00000833335, 15)
    expect(c.requestUsd).toBeCloseTo(0.0000002, 15)
    expect(c.totalUsd).toBeCloseTo(0.00000853335, 15)
  })

  it('rounds the billed duration up to 1 ms', () => {
    // 99.2 ms -> 100 ms; 1 GB x 0.1 s x 0.0000166667
    expect(costPerInvoke({ memoryMB: 1024, billedDurationMs: 99.2 }).computeUsd).toBeCloseTo(0.00000166667, 15)
    expect(costPerInvoke({ memoryMB: 1024, billedDurationMs: 100 }).gbSeconds).toBe(0.1)
  })

  it('adds INIT and storage, on arm64 and in other regions', () => {
    // arm64: 1 GB x (0.1 + 0.25) s = 0.35 GB-s; compute 0.1 x 0.0000133334, init 0.25 x 0.0000133334
    // storage: (1024 - 512) / 1024 = 0.5 GB x 0.35 s = 0.175 GB-s x 0.0000000309
    const c = costPerInvoke({ memoryMB: 1024, billedDurationMs: 100, initBilledMs: 250, ephemeralStorageMB: 1024, arch: 'arm64' })
    expect(c.gbSeconds).toBeCloseTo(0.35, 12)
    expect(c.computeUsd).toBeCloseTo(0.00000133334, 15)
    expect(c.initUsd).toBeCloseTo(0.25 * 0.0000133334, 15)
    expect(c.storageUsd).toBeCloseTo(0.175 * 0.0000000309, 18)
    expect(c.totalUsd).toBeCloseTo(c.requestUsd + c.computeUsd + c.initUsd + c.storageUsd, 18)
    // ap-east-1: request 0.28 / 1e6; 128 MB x 10 ms = 0.00125 GB-s x 0.00002292
    const h = costPerInvoke({ memoryMB: 128, billedDurationMs: 10, region: 'ap-east-1' })
    expect(h.requestUsd).toBeCloseTo(0.00000028, 15)
    expect(h.computeUsd).toBeCloseTo(0.00125 * 0.00002292, 18)
  })

  it('rejects memory outside 128..10240 and durations of 0 or less', () => {
    expect(() => costPerInvoke({ memoryMB: 64, billedDurationMs: 10 })).toThrow(/memory/)
    expect(() => costPerInvoke({ memoryMB: 128, billedDurationMs: 0 })).toThrow(/duration/)
  })
})
