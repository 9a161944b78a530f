import { describe, expect, it } from 'vitest'
import { lookSchedule, nextLook } from '../../../../src/core/sweep/decide/looks.js'

describe('lookSchedule', () => {
  it('grows by about half each look and always ends at the maximum', () => {
    expect(lookSchedule(100)).toEqual([4, 6, 9, 14, 21, 32, 48, 72, 100])
    expect(lookSchedule(20)).toEqual([4, 6, 9, 14, 20])
    expect(lookSchedule(18)).toEqual([4, 6, 9, 14, 18])
  })
  it('is a single look when the maximum is below the first', () => {
    expect(lookSchedule(3)).toEqual([3])
    expect(lookSchedule(4)).toEqual([4])
  })
  it('refuses a maximum that is not a whole number of at least one', () => {
    expect(() => lookSchedule(0)).toThrow(RangeError)
    expect(() => lookSchedule(2.5)).toThrow(RangeError)
  })
  it('finds the next look after a count', () => {
    expect(nextLook([5, 8, 12], 5)).toBe(8)
    expect(nextLook([5, 8, 12], 0)).toBe(5)
    expect(nextLook([5, 8, 12], 12)).toBeUndefined()
  })
})
