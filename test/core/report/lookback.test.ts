import { describe, expect, it } from 'vitest'
import { choosePeriod, parseLookback, resolveWindow } from '../../../src/core/report/lookback.js'
import { UsageError } from '../../../src/core/errors.js'

const now = new Date('2026-11-26T12:34:56Z')

describe('parseLookback', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseLookback('14d')).toBe(14 * 86_400)
    expect(parseLookback('12h')).toBe(43_200)
    expect(parseLookback('90m')).toBe(5400)
    expect(parseLookback('2w')).toBe(1_209_600)
    expect(parseLookback('1.5h')).toBe(5400)
  })
  it.each(['14', 'd', '-3d', '30s', '1y', ''])('refuses %j', (text) => {
    expect(() => parseLookback(text)).toThrow(UsageError)
  })
})

describe('resolveWindow', () => {
  it('defaults to the 14 days up to the end of this minute, at 30-minute resolution', () => {
    // 14 days = 1,209,600 s; the finest period with at most 1,000 points: 900 s gives 1,344, 1,800 s gives 672.
    const w = resolveWindow({ now })
    expect(w.end.toISOString()).toBe('2026-11-26T12:35:00.000Z')
    expect(w.start.toISOString()).toBe('2026-11-12T12:35:00.000Z')
    expect(w.seconds).toBe(1_209_600)
    expect(w.period).toBe(1800)
  })

  it('uses 1-minute periods for a short lookback', () => {
    const w = resolveWindow({ since: '12h', now })
    expect(w.seconds).toBe(43_200)
    expect(w.period).toBe(60) // 720 points
  })

  it('aligns windows older than 15 days to 5 minutes, as CloudWatch keeps them', () => {
    const w = resolveWindow({ since: '30d', now })
    expect(w.end.toISOString()).toBe('2026-11-26T12:35:00.000Z')
    expect(w.seconds % 300).toBe(0)
    expect(w.period % 300).toBe(0)
  })

  it('takes --start and --end', () => {
    const w = resolveWindow({ start: '2026-11-20T00:00:00Z', end: '2026-11-21T00:00:00Z', now })
    expect(w.seconds).toBe(86_400)
    expect(w.period).toBe(300) // 1,440 one-minute points is over 1,000: 288 five-minute points
  })

  it('takes --period and checks it', () => {
    expect(resolveWindow({ since: '1d', period: '1h', now }).period).toBe(3600)
    expect(resolveWindow({ since: '1d', period: '120', now }).period).toBe(120)
    expect(() => resolveWindow({ since: '1d', period: '90', now })).toThrow(/whole number of minutes/)
    expect(() => resolveWindow({ since: '30d', period: '120', now })).toThrow(/multiple of 300/)
    expect(() => resolveWindow({ since: '1h', period: '2h', now })).toThrow(/longer than the window/)
  })

  it.each([
    [{ since: '1d', start: '2026-11-01T00:00:00Z' }, /either --since or --start/],
    [{ start: '2026-11-21T00:00:00Z', end: '2026-11-20T00:00:00Z' }, /at least one minute/],
    [{ end: '2027-01-01T00:00:00Z' }, /in the future/],
    [{ start: 'yesterday' }, /cannot read 'yesterday' as a time/],
    [{ since: '500d' }, /455 days/],
  ])('refuses %j', (input, message) => {
    expect(() => resolveWindow({ ...input, now })).toThrow(message)
  })

  it('picks coarser periods for long windows', () => {
    expect(choosePeriod(90 * 86_400, 3600)).toBe(10_800) // 2,160 hourly points is too many: 720 three-hour points
  })
})
