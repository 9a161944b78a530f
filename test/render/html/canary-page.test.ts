import { describe, expect, it } from 'vitest'
import type { CanaryDryRun } from '../../../src/canary/service.js'
import { renderCanaryHtml } from '../../../src/render/html/canary.js'
import { canaryResult } from '../../core/canary/fixtures.js'

const STAMP = { toolVersion: '9.9.9', generatedAt: '2026-11-27T00:00:00.000Z' }

// 1,024 MB: half the time for the same cost (the pick); 256 MB: stopped by the error guard
const result = canaryResult('shop<script>')
const html = renderCanaryHtml(result, STAMP)
const shapes = (name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0])

describe('the canary page', () => {
  it('is one self-contained document that escapes what it prints', () => {
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i)
    expect(html).toContain('<h1>lambda-tune canary: shop&lt;script&gt;:live</h1>')
    expect(html).toContain('Made by lambda-tune 9.9.9 at 2026-11-27T00:00:00.000Z.')
  })

  it('draws duration and cost per invoke against the main version, with the tolerance band, the pick and the stopped candidate', () => {
    expect(result.recommendation.memory).toBe(1024)
    expect(shapes('svg')).toHaveLength(2)
    // one tolerance band per chart; an interval for 1,024 MB in each; 256 MB, stopped after one period past the
    // warm-up, has none to draw
    expect(shapes('rect').filter((s) => s.includes('class="pickband"'))).toHaveLength(2)
    expect(shapes('rect').filter((s) => s.includes('class="band"'))).toHaveLength(2)
    expect(html.match(/>not measured<\/text>/g)).toHaveLength(2)
    expect(html).toMatch(/<text [^>]*class="pick"[^>]*>1024 MB \(version 8\)<\/text>/)
    expect(html).toMatch(/<text [^>]*class="failed"[^>]*>256 MB \(version 9\)<\/text>/)
    expect(html).toContain('stopped (errors) after 2m')
    // the duration chart: 1,024 MB took half the time, as the comparison says
    expect(html).toContain('-50.0% [')
  })

  it('ends with the table, the pick in green and the stopped candidate in red', () => {
    expect(html).toMatch(/<tr class="pick"><td>1024 MB ◀<\/td>/)
    expect(html).toMatch(/<tr class="failed"><td>256 MB<\/td>/)
    expect(html).toMatch(/<tr><td>512 MB<\/td>/)
  })
})

describe('the canary --dry-run page', () => {
  const plan: CanaryDryRun = {
    schemaVersion: 1, kind: 'canary', dryRun: true, function: 'shop', alias: 'live', region: 'us-east-1', runId: 'abcd1234',
    main: { version: '3', memory: 512 }, memories: [1024], weight: 0.1, durationSeconds: 600, periodSeconds: 60, lookEverySeconds: 60, looks: 10,
    estimatedSeconds: 660, traffic: { aliasPerSecond: 2, expectedCandidateInvokes: 120, minimumSeconds: 300, enough: true },
    guards: { maxMemoryUsedMB: 80, refusals: [] }, calls: ['PublishVersion shop (MemorySize 1024)', 'UpdateAlias shop:live <1024>'],
  }
  const page = renderCanaryHtml(plan, STAMP)

  it('says nothing changed and lists the calls it would make, without a chart', () => {
    expect(page).toContain('<h1>lambda-tune canary --dry-run: shop:live</h1>')
    expect(page).toMatch(/nothing was changed/)
    expect(page).toContain('<li>UpdateAlias shop:live &lt;1024&gt;</li>')
    expect(page).not.toContain('<svg')
  })
})
