import { describe, expect, it } from 'vitest'
import { lookSchedule } from '../../../../src/core/sweep/decide/looks.js'
import { SequentialSweep, type SequentialOptions } from '../../../../src/core/sweep/decide/sequential.js'
import type { InvokeSample } from '../../../../src/core/sweep/types.js'
import { durations, samples } from './helpers.js'

const PRICING = { region: 'us-east-1', arch: 'x86_64' as const, initBilled: true }

function sweep(extra: Partial<SequentialOptions> = {}): SequentialSweep {
  return new SequentialSweep({
    memories: [128, 1024, 3008], strategy: 'cost', tolerance: 0.1, confidence: 0.95, weight: 0.5, trim: 0.1,
    allowedErrors: [], errorThreshold: 0.05, looks: lookSchedule(100), coldPerValue: 1, fixed: false, pricing: PRICING, ...extra,
  })
}

/** A wide spread that averages out every two invokes: estimates on the curve, but too noisy to prove much. */
const WIDE = [0.6, 1.4]

/** Answers each round with invokes of a function of `curve` (seeded lognormal noise, or WIDE), counting what was asked. */
function drive(race: SequentialSweep, curve: (m: number) => number, sigma: number | 'wide', fail: (m: number) => boolean = () => false) {
  const made = new Map<number, number>()
  const rounds: Array<Map<number, number>> = []
  let seed = 1
  for (let round = race.nextRound(); round; round = race.nextRound()) {
    rounds.push(round.targets)
    const got: InvokeSample[] = []
    for (const [m, target] of round.targets) {
      const from = made.get(m) ?? 0
      const ds = sigma === 'wide' ? Array.from({ length: target - from }, (_, i) => curve(m) * WIDE[(from + i) % WIDE.length]!) : durations(curve(m), target - from, sigma, seed++)
      got.push(...samples(m, ds, fail(m) ? { status: 'error', errorType: 'Runtime.OutOfMemory' } : {}))
      made.set(m, target)
    }
    race.record(got)
  }
  return { made, rounds, outcome: race.outcome() }
}

describe('SequentialSweep', () => {
  it('asks for the first look of every value, then only for what can still matter, and stops once settled', () => {
    const { made, rounds, outcome } = drive(sweep(), () => 200, 0.1)
    // first round: 4 warm invokes + 1 cold per value
    expect([...rounds[0]!]).toEqual([[128, 5], [1024, 5], [3008, 5]])
    expect(outcome.stoppedBy).toBe('settled')
    expect(outcome.assessment.pick).toBe(128)
    // 1,024 and 3,008 MB cost 8× and 23× as much: ruled out at the first look
    expect(made.get(3008)).toBe(5)
    expect(made.get(1024)).toBe(5)
  })

  it('stops at the last look unsettled when the data cannot decide, naming the contenders', () => {
    // 1,024 MB costs 1.6× 128 MB and is 5× faster: past the tolerance by its estimate, but 20 invokes this noisy
    // cannot prove it, so the faster value stays in contention
    const { outcome, made } = drive(sweep({ memories: [128, 1024], looks: lookSchedule(20) }), (m) => (m === 128 ? 700 : (700 * 1.6 * 128) / 1024), 'wide')
    expect(outcome.stoppedBy).toBe('max-invocations')
    expect(outcome.assessment).toMatchObject({ pick: 128, settled: false, contenders: [128, 1024] })
    expect(made.get(1024)).toBe(21)
  })

  it('settles on a faster value whose cost is within the tolerance by its estimate, and says the estimate is all it rests on', () => {
    // 1,024 MB costs 1.08× 128 MB and is 7× faster: within the band by its estimate, not provably so
    const { outcome } = drive(sweep({ memories: [128, 1024], looks: lookSchedule(20) }), (m) => (m === 128 ? 700 : (700 * 1.08 * 128) / 1024), 'wide')
    expect(outcome.assessment).toMatchObject({ pick: 1024, settled: true, proven: false })
    expect(outcome.assessment.toBest!.ratio).toBeCloseTo(1.08, 1)
    expect(outcome.assessment.toBest!.upper).toBeGreaterThan(1.1)
  })

  it('stops before a round that would overrun the budget', () => {
    // each 3,008 MB invoke of 200 ms is 0.59 GB-s: a 12 GB-s budget pays for the first round and not much more
    const { outcome, made } = drive(sweep({ budget: { gbSeconds: 12 }, memories: [1769, 3008] }), () => 200, 0.6)
    expect(outcome.stoppedBy).toBe('budget')
    expect(Math.max(...made.values())).toBeLessThan(20)
  })

  it('drops a value whose every invoke fails, and never picks it', () => {
    const { outcome, made } = drive(sweep(), () => 200, 0.1, (m) => m === 128)
    expect(outcome.assessment.pick).toBe(1024)
    expect(outcome.assessment.status.get(128)).toEqual({ state: 'failed' })
    expect(made.get(128)).toBe(5)
  })

  it('makes one look for a fixed count', () => {
    const { rounds, outcome } = drive(sweep({ looks: [10], fixed: true, coldPerValue: 0 }), () => 200, 0.1)
    expect(rounds).toHaveLength(1)
    expect([...rounds[0]!.values()]).toEqual([10, 10, 10])
    expect(outcome.looksMade).toBe(1)
  })
})
