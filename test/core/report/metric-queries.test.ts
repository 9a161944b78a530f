import { describe, expect, it } from 'vitest'
import { batchQueries, foldMetricResults, planMetricQueries, QUERIES_PER_FUNCTION, queryFamily } from '../../../src/core/report/metric-queries.js'
import type { FunctionInfo } from '../../../src/core/report/types.js'
import type { ReportWindow } from '../../../src/core/report/lookback.js'

const window: ReportWindow = { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z'), seconds: 86_400, period: 3600 }
const fn = (name: string): FunctionInfo => ({ name, memoryMB: 512, timeout: 3, architecture: 'x86_64', ephemeralStorageMB: 512, logGroup: `/aws/lambda/${name}` })

describe('planMetricQueries', () => {
  it('asks for 13 metrics a function: totals over the whole window, invocations per period', () => {
    const plan = planMetricQueries([fn('a')], window)
    expect(plan.queries).toHaveLength(QUERIES_PER_FUNCTION)
    expect(QUERIES_PER_FUNCTION).toBe(13)
    const byId = new Map(plan.queries.map((q) => [q.id, q]))
    expect(byId.get('f0_durationP999')).toMatchObject({ metricName: 'Duration', stat: 'p99.9', period: 86_400 })
    expect(byId.get('f0_traffic')).toMatchObject({ metricName: 'Invocations', stat: 'Sum', period: 3600 })
    expect(plan.queries.every((q) => /^[a-z][a-zA-Z0-9_]*$/.test(q.id))).toBe(true)
    expect(plan.queries.every((q) => q.dimensions[0]!.value === 'a')).toBe(true)
  })

  it('adds LambdaInsights queries only for functions that publish them', () => {
    const plan = planMetricQueries([fn('a'), fn('b')], window, new Set(['b']))
    expect(plan.queries.filter((q) => q.namespace === 'LambdaInsights').map((q) => q.dimensions[0]!.value)).toEqual(new Array(8).fill('b'))
  })

  it('batches 1,000 functions into calls of at most 500 queries: 13,000 queries, 26 calls', () => {
    const plan = planMetricQueries(Array.from({ length: 1000 }, (_, i) => fn(`fn-${i}`)), window)
    const batches = batchQueries(plan.queries)
    expect(batches).toHaveLength(26)
    expect(batches.every((b) => b.length <= 500)).toBe(true)
    expect(new Set(plan.queries.map((q) => q.id)).size).toBe(13_000)
  })
})

describe('foldMetricResults', () => {
  it('sums, maximises and places the traffic series in its periods; absent metrics stay absent', () => {
    const plan = planMetricQueries([fn('a')], window)
    const t = (h: number) => window.start.getTime() + h * 3_600_000
    const folded = foldMetricResults(plan, [
      { id: 'f0_invocations', timestamps: [t(0)], values: [120] },
      // split at a boundary: the parts add up / the larger wins
      { id: 'f0_errors', timestamps: [t(0), t(12)], values: [2, 3] },
      { id: 'f0_durationMax', timestamps: [t(12), t(0)], values: [40, 90] },
      { id: 'f0_durationAvg', timestamps: [t(0)], values: [12.5] },
      { id: 'f0_traffic', timestamps: [t(3), t(1)], values: [100, 20] },
      { id: 'f0_throttles', timestamps: [], values: [] },
    ], 1, window)
    const v = folded[0]!.values
    expect(v).toMatchObject({ invocations: 120, errors: 5, durationMax: 90, durationAvg: 12.5 })
    expect(v.throttles).toBeUndefined()
    expect(folded[0]!.traffic).toHaveLength(24)
    expect(folded[0]!.traffic[1]).toBe(20)
    expect(folded[0]!.traffic[3]).toBe(100)
    expect(folded[0]!.traffic.reduce((a, b) => a + b, 0)).toBe(120)
  })
})

describe('sweep queries', () => {
  it('read each sweep qualifier by its Resource, and the function\'s concurrency per period', () => {
    const plan = planMetricQueries([fn('a'), fn('b')], window, new Set(), new Map([[0, ['lambda-tune-x-128', '9']]]))
    const sweep = plan.queries.filter((q) => queryFamily(q) === 'sweep')
    expect(sweep.map((q) => `${q.id} ${q.dimensions[1]!.value} ${q.metricName}/${q.stat}/${q.period}`)).toEqual([
      'f0_s0_sweepTraffic a:lambda-tune-x-128 Invocations/Sum/3600',
      'f0_s0_sweepErrors a:lambda-tune-x-128 Errors/Sum/86400',
      'f0_s0_sweepThrottles a:lambda-tune-x-128 Throttles/Sum/86400',
      'f0_s0_sweepDurationSum a:lambda-tune-x-128 Duration/Sum/86400',
      'f0_s1_sweepTraffic a:9 Invocations/Sum/3600',
      'f0_s1_sweepErrors a:9 Errors/Sum/86400',
      'f0_s1_sweepThrottles a:9 Throttles/Sum/86400',
      'f0_s1_sweepDurationSum a:9 Duration/Sum/86400',
    ])
    expect(plan.queries.filter((q) => q.id === 'f0_concurrencySeries')).toHaveLength(1)
    expect(plan.queries).toHaveLength(2 * 13 + 1 + 8)
    const t = (h: number) => window.start.getTime() + h * 3_600_000
    const [a] = foldMetricResults(plan, [
      { id: 'f0_s0_sweepTraffic', timestamps: [t(2)], values: [5] },
      { id: 'f0_s1_sweepTraffic', timestamps: [t(2), t(3)], values: [1, 1] },
      { id: 'f0_s0_sweepDurationSum', timestamps: [t(0)], values: [70] },
      { id: 'f0_concurrencySeries', timestamps: [t(2)], values: [4] },
    ], 2, window, ['f0_s1_sweepErrors'])
    expect(a!.sweep).toMatchObject({ invocations: 7, durationSum: 70, errors: 0 })
    expect(a!.sweep!.traffic.slice(0, 4)).toEqual([0, 0, 6, 1])
    expect(a!.concurrencySeries!.slice(0, 3)).toEqual([null, null, 4])
    expect([...a!.failed!]).toEqual(['sweepErrors'])
  })

  it('families: counts, percentiles, LambdaInsights, Resource', () => {
    const plan = planMetricQueries([fn('a')], window, new Set(['a']), new Map([[0, ['9']]]))
    const families = new Map<string, number>()
    for (const q of plan.queries) families.set(queryFamily(q), (families.get(queryFamily(q)) ?? 0) + 1)
    expect(Object.fromEntries(families)).toEqual({ counts: 9 + 1, percentiles: 4 + 3, insights: 8 - 3, sweep: 4 })
  })
})
