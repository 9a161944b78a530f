import { describe, expect, it } from 'vitest'
import { buildSweepResult } from '../../src/core/sweep/sweep-result.js'
import { renderSweepMarkdown, renderSweepTable } from '../../src/render/sweep.js'
import { failing, samplesAround, US_EAST_X86 } from '../core/sweep/fixtures.js'

const result = buildSweepResult({
  function: 'my-fn',
  currentMemory: 256,
  memories: [128, 256, 1024],
  runId: 'r1',
  seed: 9,
  invocations: 10,
  warmup: 0,
  concurrency: 1,
  coldStarts: 0,
  options: { trim: 0.1, allowedErrors: [], errorThreshold: 0.05, strategy: 'speed', weight: 0.5 },
  pricing: US_EAST_X86,
  samples: [...failing(128, 10), ...samplesAround(256, 400), ...samplesAround(1024, 100)],
})

describe('sweep renderers', () => {
  it('prints a table with the pick marked, failed values, the change against current and the reason', () => {
    const text = renderSweepTable(result)
    expect(text).toMatch(/^my-fn \(current 256 MB, x86_64, us-east-1\): 10 invokes per value, concurrency 1; seed 9, run r1$/m)
    // the failure reason goes under the table, so that the table fits a 120-column terminal
    expect(text).toMatch(/^128 MB .* failed \[1\]$/m)
    expect(text).toMatch(/^\[1\] 128 MB: 100% of invokes failed \(mostly Runtime.OutOfMemory\), above the 5% threshold$/m)
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120)
    expect(text).toMatch(/^256 MB +400 ms .* current +ok$/m)
    expect(text).toMatch(/^1024 MB ◀ +100 ms .* 4.00× faster, \d+% dearer +ok$/m)
    expect(text).toMatch(/^Pick \(speed\): 1024 MB\. 1024 MB is the fastest/m)
    expect(text).toMatch(/^This tuning run cost \$/m)
  })

  it('prints Markdown with the pick in bold', () => {
    const md = renderSweepMarkdown(result)
    expect(md).toMatch(/^### lambda-tune sweep: my-fn$/m)
    expect(md).toMatch(/^\| Memory \| Warm p50 \|/m)
    expect(md).toMatch(/^\| \*\*1024 MB ◀\*\* \| 100 ms \|/m)
    expect(md).toMatch(/^\*\*Pick \(speed\): 1024 MB\./m)
  })
})
