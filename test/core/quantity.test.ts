import { describe, expect, it } from 'vitest'
import {
  DAYS_PER_MONTH, parseCount, parseDurationMs, parseFraction, parseMemoryMB, parsePerMonth, SECONDS_PER_MONTH, splitList,
} from '../../src/core/quantity.js'
import { UsageError } from '../../src/core/errors.js'

describe('parseCount', () => {
  it('reads plain, separated, scientific and suffixed numbers', () => {
    expect(parseCount('3000000')).toBe(3_000_000)
    expect(parseCount('3,000,000')).toBe(3_000_000)
    expect(parseCount('3_000_000')).toBe(3_000_000)
    expect(parseCount('1e6')).toBe(1_000_000)
    expect(parseCount('3M')).toBe(3_000_000)
    expect(parseCount('3m')).toBe(3_000_000)
    expect(parseCount('2.5k')).toBe(2_500)
    expect(parseCount(' 1B ')).toBe(1e9)
  })

  it('rejects what is not a number, naming the flag', () => {
    for (const bad of ['', 'abc', '3Q', '-5', '1..2', 'M']) {
      expect(() => parseCount(bad, '--requests')).toThrow(UsageError)
    }
    expect(() => parseCount('3Q', '--requests')).toThrow("--requests: cannot read '3Q' as a number")
  })
})

describe('parsePerMonth', () => {
  it('scales per-second, per-day and other rates by a 730-hour month', () => {
    expect(SECONDS_PER_MONTH).toBe(2_628_000)
    expect(parsePerMonth('3M')).toBe(3_000_000)
    // 50 x 730 x 3600 = 131,400,000
    expect(parsePerMonth('50/s')).toBe(131_400_000)
    expect(parsePerMonth('50/sec')).toBe(131_400_000)
    // 100,000 x 730 / 24 = 3,041,666.67
    expect(parsePerMonth('100000/day')).toBeCloseTo(3_041_666.6667, 3)
    expect(parsePerMonth('100k/day')).toBeCloseTo(100_000 * DAYS_PER_MONTH, 6)
    expect(parsePerMonth('100k per day')).toBeCloseTo(100_000 * DAYS_PER_MONTH, 6)
    expect(parsePerMonth('3k/h')).toBe(3_000 * 730)
    expect(parsePerMonth('10/min')).toBe(10 * 730 * 60)
    expect(parsePerMonth('2M/month')).toBe(2_000_000)
  })

  it('rejects unknown periods', () => {
    expect(() => parsePerMonth('5/fortnight', '--requests')).toThrow(/unknown period/)
    expect(() => parsePerMonth('x/day', '--requests')).toThrow(/cannot read 'x'/)
  })
})

describe('durations, memory, shares, lists', () => {
  it('reads durations in ms by default', () => {
    expect(parseDurationMs('250')).toBe(250)
    expect(parseDurationMs('250ms')).toBe(250)
    expect(parseDurationMs('1.5s')).toBe(1500)
    expect(parseDurationMs('2 min')).toBe(120_000)
    expect(() => parseDurationMs('fast')).toThrow(UsageError)
    expect(parseDurationMs('-5')).toBe(-5) // the model rejects it as "must be above 0"
  })

  it('reads memory in MB by default, GB as 1024 MB', () => {
    expect(parseMemoryMB('512')).toBe(512)
    expect(parseMemoryMB('512MB')).toBe(512)
    expect(parseMemoryMB('1GB')).toBe(1024)
    expect(parseMemoryMB('1.5 GB')).toBe(1536)
    expect(() => parseMemoryMB('lots')).toThrow(UsageError)
  })

  it('reads shares as fractions or percentages', () => {
    expect(parseFraction('0.01')).toBe(0.01)
    expect(parseFraction('1%')).toBe(0.01)
    expect(() => parseFraction('150%')).toThrow(/between 0 and 1/)
    expect(() => parseFraction('2')).toThrow(UsageError)
  })

  it('splits comma lists', () => {
    expect(splitList('512,1024, 2048')).toEqual(['512', '1024', '2048'])
  })
})
