import { describe, expect, it } from 'vitest'
import { costPerInvoke, lambdaRegions, monthlyCost, resolveLambdaPrices } from '../../../src/core/cost/index.js'
import type { Arch } from '../../../src/core/cost/index.js'

// A seeded generator keeps the cases the same on every run.
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pricedRegions = lambdaRegions().filter((r) => {
  try {
    const p = resolveLambdaPrices(r, 'x86_64')
    return p.table.regions[r]!.requestsPerMillion !== null && p.table.regions[r]!.x86_64.durationTiers !== null
  } catch {
    return false
  }
})

describe('cost properties', () => {
  it('never falls when memory or duration rises', () => {
    const random = mulberry32(42)
    for (let i = 0; i < 300; i++) {
      const region = pricedRegions[Math.floor(random() * pricedRegions.length)]!
      const arch: Arch = random() < 0.5 ? 'x86_64' : 'arm64'
      const memoryMB = 128 + Math.floor(random() * (10240 - 128))
      const duration = 1 + random() * 5000
      const requestsPerMonth = Math.floor(random() * 5e8)
      const freeTier = random() < 0.5
      const base = { region, arch, memoryMB, duration, requestsPerMonth, freeTier, coldStartRate: 0.01, initDurationMs: 300 }
      const cost = monthlyCost(base).total
      const moreMemory = Math.min(10240, memoryMB + 1 + Math.floor(random() * 2000))
      const longer = duration + 1 + random() * 1000
      expect(monthlyCost({ ...base, memoryMB: moreMemory }).total).toBeGreaterThanOrEqual(cost)
      expect(monthlyCost({ ...base, duration: longer }).total).toBeGreaterThanOrEqual(cost)
      const invoke = costPerInvoke({ region, arch, memoryMB, billedDurationMs: duration }).totalUsd
      expect(costPerInvoke({ region, arch, memoryMB: moreMemory, billedDurationMs: duration }).totalUsd).toBeGreaterThanOrEqual(invoke)
      expect(costPerInvoke({ region, arch, memoryMB, billedDurationMs: longer }).totalUsd).toBeGreaterThanOrEqual(invoke)
    }
  })

  it('prices a month as the sum of its parts', () => {
    const random = mulberry32(7)
    for (let i = 0; i < 100; i++) {
      const c = monthlyCost({
        memoryMB: 128 + Math.floor(random() * 10112),
        duration: 1 + random() * 3000,
        requestsPerMonth: random() * 1e8,
        freeTier: random() < 0.5,
        ephemeralStorageMB: 512 + Math.floor(random() * 9728),
        coldStartRate: random() * 0.1,
        initDurationMs: random() * 2000,
        provisioned: random() < 0.5 ? { environments: Math.floor(random() * 5) } : undefined,
      })
      const parts = c.requests + c.compute + c.init + c.ephemeralStorage + c.provisionedConcurrency + c.provisionedDuration
      expect(c.total).toBeCloseTo(parts, 6)
      expect(c.computeTiers.reduce((s, t) => s + t.usd, 0)).toBeCloseTo(c.compute + c.init, 6)
    }
  })

  it('has a price table entry for both architectures in every region', () => {
    for (const region of lambdaRegions()) {
      const p = resolveLambdaPrices(region, 'arm64')
      expect(p.table.regions[region]).toHaveProperty('x86_64')
      expect(p.table.regions[region]).toHaveProperty('arm64')
    }
    expect(lambdaRegions().length).toBeGreaterThanOrEqual(34)
  })
})
