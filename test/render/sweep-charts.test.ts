import { describe, expect, it } from 'vitest'
import { paletteAt } from '../../src/colour.js'
import { chartCell } from '../../src/render/chart-cell.js'
import { renderSweepMarkdown, renderSweepTable } from '../../src/render/sweep.js'
import { failing, resultFrom, samplesAround } from '../core/sweep/fixtures.js'

const traffic = { monthlyRequests: 3e6, source: 'flag' as const, observed: null }
const result = resultFrom([...failing(128, 10), ...samplesAround(256, 400), ...samplesAround(1024, 100)], {
  memories: [128, 256, 1024],
  currentMemory: 256,
  traffic,
})

describe('the sweep table at your traffic, with its chart column', () => {
  it('adds a $/month column and says what the pick saves a month', () => {
    const text = renderSweepTable(result)
    expect(text).toMatch(/^Memory +Invokes .* Cost \/ 1M +\$\/month +vs current +Decision$/m)
    const at = (m: number) => result.results.find((r) => r.memory === m)!
    expect(text).toContain(`$${at(256).monthly!.cost.toFixed(2)}`)
    expect(text).toMatch(/^At 3,000,000 requests a month \(--monthly-requests\), 1024 MB (saves \$[\d.]+ a month|costs \$[\d.]+ a month more) against the current 256 MB\.$/m)
  })

  it('draws cost and duration bars against the largest, in block characters on a terminal and # and = elsewhere', () => {
    const scale = { cost: 2e-6 * 1e6, duration: 400 }
    const r = result.results.find((v) => v.memory === 256)!
    expect(chartCell({ ...r, costPerMillion: 1 }, scale, 'ascii')).toBe('###    ======')
    expect(chartCell({ ...r, costPerMillion: 1 }, scale, 'unicode')).toBe('███    ██████')
    expect(chartCell({ ...r, costPerMillion: 0.9 }, scale, 'unicode')).toBe('██▊    ██████')
    expect(chartCell({ ...r, failed: true }, scale, 'unicode')).toBe('')
    // a wide terminal gets the chart column; 120 columns do not have room for it and the table stays one block
    expect(renderSweepTable(result, { chart: 'unicode', width: 200 })).toMatch(/^Memory .* Cost   p50 +Decision$/m)
    const narrow = renderSweepTable(result, { chart: 'unicode', width: 120 })
    expect(narrow).not.toContain('Cost   p50')
    expect(narrow.split('\n').filter((l) => /^Memory/.test(l))).toHaveLength(1)
  })

  it('puts the chart in plain characters in Markdown', () => {
    expect(renderSweepMarkdown(result)).toMatch(/^\| \*\*1024 MB ◀\*\* \|.*\| #+ +=+ +\| pick \|$/m)
  })

  it('marks the pick and a failed value in colour, and uses none by default', () => {
    const text = renderSweepTable(result, { palette: paletteAt(1) })
    expect(text).toMatch(/\u001b\[1m\u001b\[32m1024 MB ◀/)
    expect(text).toMatch(/\u001b\[31m128 MB/)
    expect(renderSweepTable(result)).not.toMatch(/\u001b\[/)
  })
})
