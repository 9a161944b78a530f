import { describe, expect, test } from 'vitest'
import { periodFor, quotaUs } from '../../../src/emulator/engine/cgroups.js'

describe('CFS period per environment', () => {
  test('is the shortest that gives the quota the kernel minimum of 1 ms, between 5 ms and the configured period', () => {
    // 128 MB: 128/1769 = 0.0724 vCPU -> 1 ms / 0.0724 = 13.8 ms
    expect(periodFor(128 / 1769, 20_000)).toBe(13_820)
    expect(Number(quotaUs(128 / 1769, periodFor(128 / 1769, 20_000)))).toBe(1000)
    // 1,024 MB: 0.579 vCPU would need only 1.7 ms: held at the 5 ms floor, quota 2.9 ms
    expect(periodFor(1024 / 1769, 20_000)).toBe(5000)
    expect(quotaUs(1024 / 1769, 5000)).toBe('2894')
    // 64 MB-equivalent shares would need more than the configured period: capped
    expect(periodFor(0.04, 20_000)).toBe(20_000)
    // no CPU limit: the configured period
    expect(periodFor(0, 20_000)).toBe(20_000)
  })
})
