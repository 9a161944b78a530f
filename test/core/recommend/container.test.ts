import { describe, expect, it } from 'vitest'
import { compareContainers, fargateBreakEven } from '../../../src/core/recommend/container.js'
import { steadyFunction } from './function-report.js'

describe('fargateBreakEven', () => {
  it('finds where the Lambda line crosses the Fargate steps', () => {
    // 1 GB, 200 ms on Lambda: 0.2 x 0.0000166667 + 0.0000002 = $0.00000353334 a request.
    // One task serves 2,628,000 s / 0.2 s = 13,140,000 requests a month.
    // Task 1 vCPU / 2 GB: (0.04048 + 2 x 0.004445) x 730 = $36.0401; ALB 730 x (0.0225 + 0.008) = $22.265.
    // Margin per task: 0.00000353334 x 13,140,000 - 36.0401 = 46.4281 - 36.0401 = 10.3880;
    // tasks n* = max(2, ceil(22.265 / 10.388)) = 3; Fargate = 3 x 36.0401 + 22.265 = 130.3853;
    // R = max(2 x 13,140,000, 130.3853 / 0.00000353334) = 36,901,000 requests a month.
    const r = fargateBreakEven(0.00000353334, 0.2, 36.0401, 22.265)
    expect(r).not.toBeNull()
    expect(r! / 1e6).toBeCloseTo(36.901, 2)
  })

  it('has no break-even when a task costs more than the Lambda work it replaces', () => {
    // 1 s per request: a task serves 2,628,000 a month, worth 2,628,000 x $0.0000002 = $0.53 of Lambda, under $1,000.
    expect(fargateBreakEven(0.0000002, 1, 1000, 22.265)).toBeNull() // 2,628,000 x 0.0000002 = $0.53 < $1,000 a task
  })
})

describe('compareContainers', () => {
  it('sizes Fargate from memory and CPU share and keeps Lambda when containers save under 25%', () => {
    // 1,024 MB = 0.579 vCPU of CPU share: the cheapest Fargate task with >= 0.579 vCPU and >= 1 GB is 1 vCPU / 2 GB.
    // Average concurrency 2 -> 2 tasks; peak 7 -> 7 tasks.
    // fargate-average: 2 x 36.0401 + 22.265 = $94.3452 against Lambda $92.8562: Lambda stays.
    const c = compareContainers({ report: steadyFunction(), region: 'us-east-1', peakConcurrency: 7 })
    expect(c.fargateTask).toEqual({ vcpu: 1, memoryGB: 2, tasksAverage: 2, tasksPeak: 7 })
    expect(c.options.find((o) => o.platform === 'fargate-average')!.monthlyUsd).toBeCloseTo(94.3452, 3)
    expect(c.options.find((o) => o.platform === 'fargate-peak')!.monthlyUsd).toBeCloseTo(7 * 36.0401 + 22.265, 3)
    // LMI: 7 x 0.579 vCPU = 4.05 -> 3 instances minimum (ceil(4.05 / 2) = 3); 3 x 0.1008 x 730 = 220.752, x 1.15 = 253.8648, + 26.28 x 0.20 = 259.1208
    expect(c.options.find((o) => o.platform === 'lambda-managed-instances')!.monthlyUsd).toBeCloseTo(259.1208, 3)
    expect(c.verdict.recommended).toBe('lambda')
    expect(c.breakEvenRequestsPerMonth! / 1e6).toBeCloseTo(36.901, 1)
  })

  it('moves heavy steady traffic off Lambda when an option saves over 25%', () => {
    // 20x the traffic: 40 busy environments, Lambda 20 x $92.8562 = $1,857.12 a month.
    const c = compareContainers({
      report: steadyFunction({ invocations: 17_280_000, concurrency: { max: 45, average: 40, peakArrivalRate: 200, peakFromArrivalRate: 40 }, monthly: { invocations: 525_600_000, cost: 1857.12 } }),
      region: 'us-east-1', peakConcurrency: 45,
    })
    // 40 tasks: 40 x 36.0401 + 22.265 = $1,463.87, 21% under Lambda: not enough; LMI: 45 x 0.579 = 26.05 vCPU -> 14 x m7i.large
    // = 14 x 0.1008 x 730 = 1,030.176, x 1.15 = 1,184.7024, + 525.6 x 0.2 = $1,289.8224, 30.5% less: LMI wins.
    expect(c.verdict.recommended).toBe('lambda-managed-instances')
    expect(c.verdict.money.monthlySaving).toBeCloseTo(1857.12 - 1289.8224, 3)
  })

  it('rules Lambda out when invokes need more than 900 s', () => {
    const c = compareContainers({ report: steadyFunction({ duration: { avg: 600_000, p50: 600_000, p90: 800_000, p99: 900_000, p999: 900_000, max: 905_000 } }), region: 'us-east-1', peakConcurrency: 7 })
    expect(c.hardConstraints[0]).toMatch(/905 s, beyond Lambda's 900 s limit/)
    expect(c.verdict).toMatchObject({ recommended: 'fargate', confidence: 'high' })
  })
})
