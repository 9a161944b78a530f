import { describe, expect, it } from 'vitest'
import { recommendTimeout } from '../../../src/core/recommend/timeout.js'
import { steadyFunction } from './function-report.js'

describe('recommendTimeout', () => {
  it('adds init and a 50% margin to the longest invoke when invokes are few', () => {
    // 500 invokes (< 1,000): tail = max duration 2,400 ms; + longest init 600 ms = 3,000 ms need;
    // margin: max(3,000 x 1.5, 3,000 + 1,000) = 4,500 ms -> 5 s. 2,400 >= 0.8 x 3,000: invokes end near the 3 s timeout.
    const r = recommendTimeout(steadyFunction({
      invocations: 500, timeout: 3,
      duration: { avg: 900, p50: 800, p90: 1500, p99: 1900, p999: 2100, max: 2400 },
      coldStarts: { source: 'logs', count: 5, share: 0.01, init: { avg: 400, p50: 380, p99: 590, max: 600 } },
    }), 'us-east-1')
    expect(r.recommended).toBe(5)
    expect(r.change).toBe('increase')
    expect(r.confidence).toBe('medium')
    expect(r.warnings.join(' ')).toMatch(/within 20% of the 3 s timeout/)
  })

  it('uses p99.9 with 1,000+ invokes and warns when the timeout is far above need, with the runaway cost', () => {
    // 864,000 invokes: tail = max(p99.9 800, p99 400) = 800 ms, no cold starts: need 800 ms;
    // margin max(1,200, 1,800) = 1,800 ms -> 2 s. 60 s >= 3 x 2 and 58 s above: far above.
    // A hung invoke at 1 GB: 60 s x 1 GB x $0.0000166667 + $0.0000002 = $0.0010002; at 2 s: $0.0000335334.
    const r = recommendTimeout(steadyFunction({ timeout: 60 }), 'us-east-1')
    expect(r.recommended).toBe(2)
    expect(r.change).toBe('decrease')
    expect(r.confidence).toBe('high')
    expect(r.warnings.join(' ')).toMatch(/30x what invokes need/)
    expect(r.money.note).toContain('$0.0010 at 60 s and $0.0000 at 2 s')
    expect(r.money.note).toContain('$967 per million') // (0.0010002 - 0.0000335334) x 1e6 = 966.67
  })

  it('caps at 900 s and says Lambda cannot hold the work', () => {
    const r = recommendTimeout(steadyFunction({ timeout: 900, duration: { avg: 700_000, p50: 700_000, p90: 800_000, p99: 950_000, p999: 990_000, max: 1_000_000 } }), 'us-east-1')
    expect(r.recommended).toBe(900)
    expect(r.change).toBe('none')
    expect(r.warnings.join(' ')).toMatch(/beyond Lambda's 900 s limit/)
  })

  it('keeps the timeout when there is no traffic', () => {
    const r = recommendTimeout(steadyFunction({ invocations: 0, duration: null }), 'us-east-1')
    expect(r).toMatchObject({ current: 30, recommended: 30, change: 'none', confidence: 'low' })
  })

  it('names a high error rate (timed-out invokes end at the timeout), and keeps the timeout without a duration tail', () => {
    const failing = recommendTimeout(steadyFunction({ errors: 86_400, errorRate: 0.1 }), 'us-east-1')
    expect(failing.evidence).toContain('errors: 10.0% (86400 of 864000 invokes)')
    expect(failing.warnings).toContain('10.0% of invokes failed (86400 of 864000): invokes that timed out end at the timeout, so the longest duration may be the timeout itself rather than what the work needs')
    const noTail = recommendTimeout(steadyFunction({ duration: { avg: 200, p50: null, p90: null, p99: null, p999: null, max: null } }), 'us-east-1')
    expect(noTail).toMatchObject({ recommended: 30, change: 'none', confidence: 'low' })
    expect(noTail.reason).toMatch(/no duration tail in the window/)
  })
})
