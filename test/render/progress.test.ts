import { describe, expect, it } from 'vitest'
import { clock, progressLine, type ProgressView } from '../../src/render/progress.js'
import { visibleWidth } from '../../src/render/table.js'
import { SweepProgress } from '../../src/sweep/progress.js'

const ALL = [128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 5307, 6144, 7076, 8192, 8845, 10240]

function view(over: Partial<ProgressView> = {}): ProgressView {
  return { fn: 'orders-service-checkout-handler', phase: null, done: 412, planned: 1500, elapsedMs: 83_000, left: { now: 12_000, most: 101_000 }, round: 3, ...over }
}

describe('the progress line', () => {
  it('fits 80 columns with a bar, invokes done / planned, elapsed time and the time left', () => {
    const line = progressLine(view(), 80)
    expect(visibleWidth(line)).toBeLessThanOrEqual(79)
    expect(line).toMatch(/▕█+[▏▎▍▌▋▊▉]?░+▏/)
    expect(line).toContain('412/1500 invokes')
    expect(line).toContain('1:23')
    expect(line).toContain('~0:12 left')
  })

  it('drops the round, then the upper bound of the time left, as the terminal narrows; never wraps', () => {
    const wide = progressLine(view(), 160)
    expect(wide).toContain('(at most 1:41)')
    expect(wide).toContain('round 3')
    for (const width of [40, 50, 60, 70, 80, 100, 120, 200]) expect(visibleWidth(progressLine(view(), width)), `${width}`).toBeLessThan(width)
    expect(progressLine(view(), 60)).not.toContain('round')
  })

  it('shows a step outside the invokes with the elapsed time, and a plain bar without block characters', () => {
    expect(progressLine(view({ phase: 'publishing 512 MB' }), 80)).toBe('orders-service-checkout-handler  publishing 512 MB  1:23')
    expect(progressLine(view(), 80, { unicode: false })).toMatch(/\[#+\.+\]/)
  })

  it('writes minutes:seconds, hours from an hour up', () => {
    expect(clock(0)).toBe('0:00')
    expect(clock(59_600)).toBe('1:00')
    expect(clock(3_725_000)).toBe('1:02:05')
  })
})

describe('SweepProgress', () => {
  const plan = { memories: ALL, invokesPerValue: 102, warmup: 2, coldStarts: 0, concurrency: 1, serial: false }

  it('plans the most the run can make, and shrinks it as the race drops values', () => {
    const p = new SweepProgress('fn', plan, 0)
    expect(p.view(0)).toMatchObject({ phase: 'starting', done: 0, planned: 15 * 102 })
    p.setPhase('invoking')
    p.startRound(new Map(ALL.map((m) => [m, 5])))
    for (const m of ALL) for (let i = 0; i < 7; i++) p.invoked({ memory: m, phase: i < 2 ? 'warmup' : 'measure', latencyMs: m === 128 ? 400 : 100 })
    p.looked({ active: [128, 256, 512], settled: false })
    const v = p.view(30_000)
    expect(v.done).toBe(105)
    // three values can still get their 102 invokes; the twelve dropped ones stay at 7
    expect(v.planned).toBe(105 + 3 * (102 - 7))
    expect(v.round).toBe(1)
    expect(v.elapsedMs).toBe(30_000)
  })

  it('estimates the time left from each value\'s latency: the slowest decides when values run side by side, the sum with --serial', () => {
    for (const serial of [false, true]) {
      const p = new SweepProgress('fn', { ...plan, memories: [128, 1024], serial }, 0)
      p.setPhase('invoking')
      p.startRound(new Map([[128, 10], [1024, 10]]))
      for (let i = 0; i < 2; i++) {
        p.invoked({ memory: 128, phase: 'warmup', latencyMs: 400 })
        p.invoked({ memory: 1024, phase: 'warmup', latencyMs: 100 })
      }
      // 10 measured invokes of each are asked for: 4 s of 128 MB, 1 s of 1024 MB
      expect(p.view(1000).left!.now).toBe(serial ? 5000 : 4000)
      // at most 100 measured each: 40 s and 10 s
      expect(p.view(1000).left!.most).toBe(serial ? 50_000 : 40_000)
    }
  })

  it('settled: nothing more is planned than what was made', () => {
    const p = new SweepProgress('fn', { ...plan, memories: [128] }, 0)
    p.setPhase('invoking')
    p.startRound(new Map([[128, 3]]))
    for (let i = 0; i < 5; i++) p.invoked({ memory: 128, phase: i < 2 ? 'warmup' : 'measure', latencyMs: 10 })
    p.looked({ active: [128], settled: true })
    expect(p.view(0)).toMatchObject({ done: 5, planned: 5, left: { now: 0, most: 0 } })
  })
})
