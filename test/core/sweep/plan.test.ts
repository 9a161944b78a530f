import { describe, expect, it } from 'vitest'
import { aliasName, buildPlan, type SweepPlanInput } from '../../../src/core/sweep/plan.js'
import { seededRandom } from '../../../src/core/stats/random.js'

const INPUT: SweepPlanInput = {
  functionName: 'my-fn',
  memories: [1024],
  currentMemory: 512,
  latestMemory: 512,
  looks: [8],
  fixed: true,
  concurrency: 2,
  warmup: 1,
  coldStarts: 1,
  serial: false,
  payloads: [{ payload: { a: 1 }, weight: 3 }, { payload: { b: 2 }, weight: 1 }],
  seed: 3,
  runId: 'abcd1234',
  timeoutSeconds: 3,
  pricing: { region: 'us-east-1', arch: 'x86_64', initBilled: false },
}

describe('buildPlan', () => {
  it('adds the current memory as the baseline and names each value its alias and version description', () => {
    const plan = buildPlan(INPUT, seededRandom(3))
    expect(plan.memories).toEqual([512, 1024])
    expect(plan.values.map((v) => v.alias)).toEqual(['lambda-tune-abcd1234-512', 'lambda-tune-abcd1234-1024'])
    expect(plan.values[1]!.description).toBe('lambda-tune run abcd1234: 1024 MB')
    expect(plan.values[1]!.coldDescriptions).toEqual(['lambda-tune run abcd1234: 1024 MB, cold start 1'])
    expect(aliasName('x', 128)).toMatch(/^(?!^[0-9]+$)[a-zA-Z0-9-_]+$/)
  })

  it('schedules the weighted payloads exactly, the same order for the same seed', () => {
    const plan = buildPlan(INPUT, seededRandom(3))
    expect(plan.payloadOrder.filter((p) => p === 0)).toHaveLength(6)
    expect(plan.payloadOrder.filter((p) => p === 1)).toHaveLength(2)
    expect(buildPlan(INPUT, seededRandom(3)).payloadOrder).toEqual(plan.payloadOrder)
  })

  it('lists the calls in order and bounds the cost by the timeout', () => {
    const plan = buildPlan(INPUT, seededRandom(3))
    expect(plan.invokesPerValue).toBe(10)
    expect(plan.totalInvokes).toBe(20)
    expect(plan.calls[0]).toMatch(/^GetFunctionConfiguration my-fn/)
    expect(plan.calls.findIndex((c) => c.includes('restore $LATEST'))).toBeLessThan(plan.calls.findIndex((c) => c.startsWith('Invoke')))
    expect(plan.calls.at(-1)).toMatch(/check it equals the original/)
    // 10 invokes each at 0.5 GB and 1 GB for 3 s: 10 × (1.5 + 3) GB-s; $0.20/M requests, $0.0000166667/GB-s
    expect(plan.estimatedMaxCost.gbSeconds).toBeCloseTo(45, 9)
    expect(plan.estimatedMaxCost.usd).toBeCloseTo(20 * 0.2e-6 + 45 * 0.0000166667, 12)
    // a billed INIT adds up to 10 s per cold start (forced ones and the first `concurrency` invokes)
    const withInit = buildPlan({ ...INPUT, pricing: { ...INPUT.pricing, initBilled: true } }, seededRandom(3))
    expect(withInit.estimatedMaxCost.gbSeconds).toBeCloseTo(45 + 3 * 10 * (0.5 + 1), 9)
  })

  it('plans a sequential sweep up to its last look, with the payload mix balanced at every look', () => {
    const plan = buildPlan({ ...INPUT, looks: [5, 8, 12], fixed: false, warmup: 0, concurrency: 2 }, seededRandom(3))
    // the first `concurrency` invokes of a fresh version are cold starts, on top of each look's warm invokes
    expect(plan.coldPerValue).toBe(2)
    expect(plan.maxMeasured).toBe(14)
    expect(plan.invokesPerValue).toBe(14 + 1)
    expect(plan.payloadOrder).toHaveLength(14)
    // weights 3:1 hold at every look: 7 invokes (5 + 2 cold) split 5:2, 10 as 8:2 (7.5 rounds up), 14 as 11:3
    const firstOfPayload0 = (n: number) => plan.payloadOrder.slice(0, n).filter((p) => p === 0).length
    expect(firstOfPayload0(7)).toBe(5)
    expect(firstOfPayload0(10)).toBe(5 + 2)
    expect(firstOfPayload0(14)).toBe(5 + 2 + 3)
    expect(plan.calls.find((c) => c.startsWith('Invoke'))).toMatch(/in rounds .* looks after 5, 8, 12 warm invokes per value; .*at most 14 each/)
  })
})
