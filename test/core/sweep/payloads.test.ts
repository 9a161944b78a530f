import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { parsePayload, parsePayloadSet, payloadCounts, schedulePayloads } from '../../../src/core/sweep/payloads.js'
import { seededRandom } from '../../../src/core/stats/random.js'

const count = (order: number[], i: number) => order.filter((x) => x === i).length

describe('weighted payloads', () => {
  it('honours weights exactly when they divide the invocations', () => {
    const order = schedulePayloads([1, 3], 20, seededRandom(1))
    expect(order).toHaveLength(20)
    expect(count(order, 0)).toBe(5)
    expect(count(order, 1)).toBe(15)
  })

  it('splits the rest by largest remainder, adding up to the total', () => {
    // 10 × (1/6, 2/6, 3/6) = 1.67, 3.33, 5 → 2, 3, 5
    expect(payloadCounts([1, 2, 3], 10)).toEqual([2, 3, 5])
    expect(payloadCounts([1, 1, 1], 7)).toEqual([3, 2, 2])
    expect(payloadCounts([5], 3)).toEqual([3])
  })

  it('shuffles the order with the seed: same seed, same order; another seed, another order', () => {
    const a = schedulePayloads([1, 1, 2], 40, seededRandom(99))
    expect(schedulePayloads([1, 1, 2], 40, seededRandom(99))).toEqual(a)
    expect(schedulePayloads([1, 1, 2], 40, seededRandom(100))).not.toEqual(a)
    // shuffled, not grouped by payload
    expect(a.slice(0, 10).every((x) => x === a[0])).toBe(false)
  })

  it('parses a payload set and refuses bad ones', () => {
    expect(parsePayloadSet('[{"payload":{"n":1},"weight":2},{"payload":"x"}]')).toEqual([
      { payload: { n: 1 }, weight: 2 },
      { payload: 'x', weight: 1 },
    ])
    expect(() => parsePayloadSet('[]')).toThrow(UsageError)
    expect(() => parsePayloadSet('{"payload":1}')).toThrow(/array/)
    expect(() => parsePayloadSet('[{"weight":1}]')).toThrow(/no "payload"/)
    expect(() => parsePayloadSet('[{"payload":1,"weight":0}]')).toThrow(/positive/)
    expect(() => parsePayloadSet('[{"payload":1,"weight":"2"}]')).toThrow(/positive/)
  })

  it('accepts only JSON as a payload', () => {
    expect(parsePayload('{"iterations": 100}')).toEqual({ iterations: 100 })
    expect(() => parsePayload('{iterations: 100}')).toThrow(/not valid JSON/)
  })
})
