import { describe, expect, it } from 'vitest'
import type { CompareResult } from '../../../src/core/compare/compare-runs.js'
import type { ReportResult } from '../../../src/core/report/types.js'
import { renderCompareHtml } from '../../../src/render/html/compare.js'
import { esc } from '../../../src/render/html/page.js'
import { renderReportHtml } from '../../../src/render/html/report.js'
import { renderSweepHtml } from '../../../src/render/html/sweep.js'
import { band, niceRange, niceTicks, path } from '../../../src/render/html/svg.js'
import { failing, resultFrom, samplesAround } from '../../core/sweep/fixtures.js'

const STAMP = { toolVersion: '9.9.9', generatedAt: '2026-11-27T00:00:00.000Z' }

/** Every element of the page's SVG, as `<name attrs>` strings. */
function shapes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0])
}

describe('SVG pieces', () => {
  it('ticks: round steps from 0 past the largest value; ranges keep 0', () => {
    expect(niceTicks(437)).toEqual([0, 100, 200, 300, 400, 500])
    expect(niceTicks(2.27)).toEqual([0, 0.5, 1, 1.5, 2, 2.5])
    expect(niceRange(-0.08, 0.15)).toEqual([-0.1, -0.05, 0, 0.05, 0.1, 0.15])
  })

  it('lines and bands break where a value is missing', () => {
    expect(path([[0, 1], [2, 3], null, [4, 5]])).toBe('<path d="M0 1 L2 3 M4 5"/>')
    expect(band([{ x: 0, low: 10, high: 5 }, { x: 10, low: 12, high: 6 }, null])).toBe('<path d="M0 5 L10 6 L10 12 L0 10 Z"/>')
  })

  it('escapes text', () => {
    expect(esc(`<b a="1">'&`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;')
  })
})

describe('the sweep page', () => {
  const r = resultFrom([...failing(128, 10), ...samplesAround(256, 400), ...samplesAround(512, 210), ...samplesAround(1024, 100)], {
    memories: [128, 256, 512, 1024],
    currentMemory: 256,
    function: 'fn<script>alert(1)</script>',
    strategy: 'speed',
    traffic: { monthlyRequests: 1e6, source: 'flag', observed: null },
  })
  const html = renderSweepHtml(r, STAMP)

  it('is one self-contained document: no script, nothing from the network, a policy that forbids both', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`)
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i)
    expect(html).toContain('fn&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Made by lambda-tune 9.9.9 at 2026-11-27T00:00:00.000Z.')
  })

  it('draws duration and cost against memory, the pick marked, a failed value crossed, a dropped one grey', () => {
    expect(shapes(html, 'svg')).toHaveLength(1)
    expect(html).toMatch(/<text [^>]*class="pick"[^>]*>pick<\/text>/)
    expect(shapes(html, 'rect').filter((s) => s.includes('class="pickband"'))).toHaveLength(1)
    // the failed 128 MB: a red cross (two lines), its label in red, no point of its own
    expect(shapes(html, 'line').filter((s) => s.includes('class="failed"'))).toHaveLength(2)
    expect(html).toMatch(/<text [^>]*class="failed"[^>]*>128 MB<\/text>/)
    // points: warm p50, p99 and cost of the three live values (no cold starts in these samples)
    expect(shapes(html, 'circle')).toHaveLength(6)
    expect(shapes(html, 'rect').filter((s) => /class="dot (cost|dropped)"/.test(s))).toHaveLength(3)
    expect(shapes(html, 'circle').filter((s) => s.includes('dropped')).length).toBeGreaterThan(0)
    expect(html).toMatch(/<path d="M[^"]+" class="line warm"\/>/)
    expect(html).toMatch(/<path d="M[^"]+" class="line cost"\/>/)
  })

  it('carries the table with the monthly cost and the answer', () => {
    expect(html).toMatch(/<th>\$\/month<\/th>/)
    expect(html).toMatch(/<tr class="pick"><td>1024 MB<\/td>/)
    expect(html).toMatch(/<tr class="failed"><td>128 MB<\/td>/)
    expect(html).toMatch(/<p class="answer">Pick \(speed\): 1024 MB\./)
  })
})

describe('the sweep page of a dry run and of several functions', () => {
  it('lists the calls of a dry run, and gives each function its own section and chart', () => {
    const dry = {
      schemaVersion: 1 as const, dryRun: true as const, function: 'my-fn', qualifier: null, region: 'us-east-1', currentMemory: 1024, memories: [128, 1024],
      architectures: ['x86_64' as const], runId: 'r1', seed: 1, sampling: 'sequential' as const, looks: [5, 10], invokesPerValue: 11, totalInvokes: 22,
      calls: ['GetFunctionConfiguration my-fn (read the original)'], estimatedMaxCost: { gbSeconds: 1, usd: 0.01 }, apply: null,
    }
    const one = resultFrom([...samplesAround(128, 100), ...samplesAround(1024, 20)], { memories: [128, 1024], currentMemory: 1024, function: 'other' })
    const html = renderSweepHtml({ schemaVersion: 1, sweeps: [dry, one] }, STAMP)
    expect(html).toContain('<title>lambda-tune sweep: my-fn, other</title>')
    expect(html).toContain('<li>GetFunctionConfiguration my-fn (read the original)</li>')
    expect(html).toContain('<h2>other</h2>')
    expect(shapes(html, 'svg')).toHaveLength(1)
  })
})

describe('the report page', () => {
  const fn = (name: string, cost: number | null, p50: number) => ({
    name, memoryMB: 512, timeout: 3, architecture: 'x86_64' as const, runtime: 'nodejs20.x', invocations: 1000, errors: 0, errorRate: 0, throttles: 0, throttleRate: 0,
    duration: { avg: p50, p50, p90: p50 * 2, p99: p50 * 3, p999: null, max: p50 * 5 },
    concurrency: { max: 2, average: 1, peakArrivalRate: 1, peakFromArrivalRate: 1 }, provisioned: null,
    coldStarts: { source: 'logs' as const, count: 10, share: 0.01, init: { avg: 200, p50: 190, p99: 400, max: 410 } },
    memoryUsed: null, monthly: { invocations: 1e6, cost, basis: null },
    sources: { counts: 'metrics' as const, duration: 'metrics' as const, percentiles: 'metrics' as const, concurrency: 'metrics' as const, coldStarts: 'logs' as const, memoryUsed: null },
    excluded: null,
  })
  const report: ReportResult = {
    schemaVersion: 1, kind: 'report', region: 'eu-west-1',
    window: { start: '2026-11-20T00:00:00Z', end: '2026-11-27T00:00:00Z', seconds: 7 * 86_400, period: 3600 },
    functions: [fn('cheap', 1.5, 20), fn('dear', 120, 800), fn('unpriced', null, 5)],
    totals: { invocations: 3000, errors: 0, throttles: 0, monthlyInvocations: 3e6, monthlyCost: 121.5, excludedInvocations: 0 },
    calls: { getMetricData: 1, metricQueries: 10, logsQueries: 1 }, warnings: [],
  }
  const html = renderReportHtml(report, STAMP)

  it('lists the functions dearest first, each with its cost bar, duration range and cold starts', () => {
    const labels = [...html.matchAll(/<text x="190"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1])
    expect(labels).toEqual(['dear', 'cheap', 'unpriced'])
    expect(shapes(html, 'rect').filter((s) => s.includes('class="cost"'))).toHaveLength(2)
    expect(html).toContain('>not priced<')
    expect(shapes(html, 'circle')).toHaveLength(3)
    expect(html).toContain('>1.0%, INIT 400 ms<')
    expect(html).toMatch(/<tr class="total"><td>total<\/td>/)
    expect(html).toContain('$121.50 a month for 3,000,000 invokes, over 3 functions.')
  })
})

describe('the compare page', () => {
  const base = { test: 'none' as const, confidence: 0.95, pValue: null, reason: null, counts: { baseline: 20, current: 20 } }
  const r = {
    schemaVersion: 2, kind: 'compare', alpha: 0.05, thresholdPercent: 10, costThresholdPercent: 10, percentile: 'p50',
    inputs: { baseline: { file: 'a.json', kind: 'sweep' }, current: { file: 'b.json', kind: 'sweep' } },
    comparisons: [
      { ...base, key: 'fn@512', function: 'fn', memory: 512, status: 'regression', measure: 'p50', baseline: 100, current: 140, change: 0.4, lowerBound: 0.25 },
      { ...base, key: 'fn@1024', function: 'fn', memory: 1024, status: 'no regression', measure: 'p50', baseline: 50, current: 51, change: 0.02, lowerBound: -0.05 },
    ],
    functions: [], costs: [{ key: 'total', status: 'no increase', test: 'ratio of means', unit: 'USD per million invokes', baseline: 1, current: 1.01, change: 0.01, lowerBound: -0.03, confidence: 0.95, reason: null }],
    notes: [], gates: [{ gate: 'fail-on-regression', limit: 10, actual: 0.25, passed: false, detail: 'fn@512 is slower' }], passed: false, exitCode: 1,
  } as unknown as CompareResult
  const html = renderCompareHtml(r, STAMP)

  it('plots each change with its lower bound against the threshold, and the verdict', () => {
    expect(shapes(html, 'svg')).toHaveLength(2)
    expect(html).toContain('lambda-tune compare: gate failed')
    expect(html).toMatch(/<text [^>]*class="failed"[^>]*>regression<\/text>/)
    expect(html).toMatch(/<tr class="regression"><td>fn@512<\/td>/)
    // the threshold line of each chart, and a band from each lower bound
    expect(shapes(html, 'line').filter((s) => s.includes('class="failed dash"'))).toHaveLength(2)
    expect(shapes(html, 'rect').filter((s) => s.includes('class="band"'))).toHaveLength(3)
    expect(html).toContain('<li>FAIL --fail-on-regression 10%: fn@512 is slower</li>')
  })
})
