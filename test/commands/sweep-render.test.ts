import { describe, expect, it } from 'vitest'
import { renderSweepMarkdown, renderSweepTable } from '../../src/render/sweep.js'
import { failing, resultFrom, samplesAround } from '../core/sweep/fixtures.js'

const result = resultFrom([...failing(128, 10), ...samplesAround(256, 400), ...samplesAround(1024, 100)], {
  memories: [128, 256, 1024],
  currentMemory: 256,
  strategy: 'speed',
})

describe('sweep renderers', () => {
  it('prints a table with the pick marked, failed values, the change against current, each decision and the settlement', () => {
    const text = renderSweepTable(result)
    expect(text).toMatch(/^my-fn \(current 256 MB, x86_64, us-east-1\): 10 invokes per value, concurrency 1; seed 9, run r1$/m)
    expect(text).toMatch(/^Memory +Invokes +Warm p50 +Warm p99 .* Decision$/m)
    // the failure reason goes under the table, so that the table fits a 120-column terminal
    expect(text).toMatch(/^128 MB +10 .* failed \[1\]$/m)
    expect(text).toMatch(/^\[1\] 128 MB: 100% of invokes failed \(mostly Runtime.OutOfMemory\), above the 5% threshold$/m)
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120)
    expect(text).toMatch(/^256 MB +10 +400 ms .* current +ruled out$/m)
    expect(text).toMatch(/^1024 MB ◀ +10 +100 ms .* 4.00× faster, \d+% dearer +pick$/m)
    // the reason of each value ruled out sits under the table, not in it
    expect(text).toMatch(/^ {2}256 MB: ruled out: 4.00× slower than 1024 MB \(at least 3.\d\d× at 95%\)$/m)
    // 10 warm invokes bound no p99: the figure is the largest seen, and says so
    expect(text).toMatch(/^1024 MB ◀ .* 102 ms\* /m)
    expect(text).toMatch(/^ {2}\* p99 from fewer than 299 warm invokes/m)
    expect(text).toMatch(/^Pick \(speed\): 1024 MB\. 1024 MB is the fastest/m)
    expect(text).toMatch(/^Settled at 95%: no value the rule could prefer remains/m)
    expect(text).toMatch(/^This tuning run cost \$/m)
  })

  it('prints Markdown with the pick in bold', () => {
    const md = renderSweepMarkdown(result)
    expect(md).toMatch(/^### lambda-tune sweep: my-fn$/m)
    expect(md).toMatch(/^\| Memory \| Invokes \| Warm p50 \|/m)
    expect(md).toMatch(/^\| \*\*1024 MB ◀\*\* \| 10 \| 100 ms \|/m)
    expect(md).toMatch(/^\*\*Pick \(speed\): 1024 MB\./m)
  })

  it('says when the pick is not settled, and what is still in contention', () => {
    // 1024 MB costs about 25% more but is 1.6× faster: with this noise, ten invokes cannot show it is past the tolerance
    const spread = [0.6, 1.5, 0.8, 1.3, 1, 0.7, 1.4, 0.9, 1.2, 1.1]
    const noisy = resultFrom([...samplesAround(512, 200), ...samplesAround(1024, 125)].map((s, i) => {
      const durationMs = s.durationMs! * spread[i % 10]!
      return { ...s, durationMs, billedDurationMs: Math.ceil(durationMs) }
    }), {
      memories: [512, 1024],
      currentMemory: 512,
    })
    expect(noisy.recommendation).toMatchObject({ memory: 512, settled: false, contenders: [512, 1024], stoppedBy: 'fixed' })
    expect(renderSweepTable(noisy)).toMatch(/^Not settled at 95%: a fixed count of 10 invokes \(-n\) was too few; still in contention: 1024 MB\.$/m)
  })
})
