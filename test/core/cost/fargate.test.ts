import { describe, expect, it } from 'vitest'
import { fargateMonthlyCost, fargateTaskSize, fargateTaskSizes, isValidFargateSize } from '../../../src/core/cost/index.js'

// us-east-1: x86 $0.04048 per vCPU-hour and $0.004445 per GB-hour; ARM $0.03238 and $0.00356.
describe('fargateMonthlyCost', () => {
  it('prices always-on x86 tasks', () => {
    const c = fargateMonthlyCost({ vcpu: 0.25, memoryGB: 0.5, tasks: 2 })
    // vCPU: 0.25 x 0.04048 x 2 tasks x 730 h = 14.7752; memory: 0.5 x 0.004445 x 2 x 730 = 3.24485
    expect(c.vcpuUsd).toBeCloseTo(14.7752, 8)
    expect(c.memoryUsd).toBeCloseTo(3.24485, 8)
    expect(c.totalUsd).toBeCloseTo(18.02005, 8)
  })

  it('prices ARM, Spot and a load balancer', () => {
    // 1 vCPU x 0.03238 x 730 = 23.6374; 2 GB x 0.00356 x 730 = 5.1976
    expect(fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, arch: 'arm64' }).totalUsd).toBeCloseTo(28.835, 8)
    // Spot in us-east-1: the January 2021 snapshot is 68.8% off -> (0.25 x 0.04048 + 0.5 x 0.004445) x 730 x 0.312
    const spot = fargateMonthlyCost({ vcpu: 0.25, memoryGB: 0.5, tasks: 1, spot: true })
    expect(spot.spotDiscount).toBeCloseTo(0.688, 10)
    expect(spot.totalUsd).toBeCloseTo(9.010025 * 0.312, 8)
    expect(fargateMonthlyCost({ vcpu: 0.25, memoryGB: 0.5, tasks: 1, spot: true, spotDiscount: 0.5 }).totalUsd).toBeCloseTo(9.010025 * 0.5, 8)
    // ALB: 730 h x (0.0225 + 1 LCU x 0.008) = 22.265
    const lb = fargateMonthlyCost({ vcpu: 0.25, memoryGB: 0.5, tasks: 1, loadBalancer: true })
    expect(lb.loadBalancerUsd).toBeCloseTo(22.265, 8)
    expect(lb.totalUsd).toBeCloseTo(9.010025 + 22.265, 8)
  })

  it('uses regional prices and bills at least one minute', () => {
    // sa-east-1 x86: 1 vCPU x 0.0696 + 2 GB x 0.0076 = 0.0848 per hour x 730 = 61.904
    expect(fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, region: 'sa-east-1' }).totalUsd).toBeCloseTo(61.904, 8)
    // 10 seconds are billed as 1 minute: 0.0848 / 60
    expect(fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, region: 'sa-east-1', hours: 10 / 3600 }).totalUsd).toBeCloseTo(0.0848 / 60, 10)
  })

  it('refuses invalid sizes and missing prices', () => {
    expect(() => fargateMonthlyCost({ vcpu: 1, memoryGB: 1, tasks: 1 })).toThrow(/not a Fargate task size: the smallest that fits is 1 vCPU, 2 GB/)
    expect(() => fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, region: 'eu-north-1', arch: 'arm64' })).toThrow(/no Fargate arm64 price for eu-north-1/)
    expect(() => fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, region: 'ap-southeast-4' })).toThrow(/no Fargate x86_64 price for ap-southeast-4/)
    expect(() => fargateMonthlyCost({ vcpu: 1, memoryGB: 2, tasks: 1, region: 'eu-wset-1' })).toThrow(/did you mean eu-west-1/)
  })
})

describe('fargateTaskSize', () => {
  it('picks the cheapest valid size that covers the need', () => {
    expect(fargateTaskSize({ vcpu: 0.1, memoryGB: 0.3 })).toEqual({ vcpu: 0.25, memoryGB: 0.5 })
    expect(fargateTaskSize({ vcpu: 0.3, memoryGB: 1 })).toEqual({ vcpu: 0.5, memoryGB: 1 })
    expect(fargateTaskSize({ vcpu: 0.25, memoryGB: 3 })).toEqual({ vcpu: 0.5, memoryGB: 3 })
    expect(fargateTaskSize({ vcpu: 1, memoryGB: 9 })).toEqual({ vcpu: 2, memoryGB: 9 })
    expect(fargateTaskSize({ vcpu: 5, memoryGB: 17 })).toEqual({ vcpu: 8, memoryGB: 20 })
    expect(() => fargateTaskSize({ vcpu: 17, memoryGB: 1 })).toThrow(/no Fargate task/)
  })

  it("lists Fargate's combinations", () => {
    const sizes = fargateTaskSizes()
    // 0.25: 0.5,1,2 (3); 0.5: 1-4 (4); 1: 2-8 (7); 2: 4-16 (13); 4: 8-30 (23); 8: 16-60 by 4 (12); 16: 32-120 by 8 (12)
    expect(sizes).toHaveLength(3 + 4 + 7 + 13 + 23 + 12 + 12)
    expect(isValidFargateSize({ vcpu: 16, memoryGB: 120 })).toBe(true)
    expect(isValidFargateSize({ vcpu: 8, memoryGB: 18 })).toBe(false)
  })
})
