import { describe, expect, it } from 'vitest'
import { decideGates } from '../../../src/core/compare/gates.js'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { lognormal, sweepResult, US_EAST_1 } from './samples.js'

const read = (data: unknown) => readComparable(data, 'x.json')
// a single-threaded handler: time falls with memory up to a vCPU, then flattens, so 3,008 MB costs 70% more
const perMemory = (seed: number, factor = 1) => ({
  128: lognormal(30, 800 * factor, 0.1, seed), 1024: lognormal(30, 100 * factor, 0.1, seed + 1), 3008: lognormal(30, 58 * factor, 0.1, seed + 2),
})

describe('--fail-on-cost-increase', () => {
  it('passes an unchanged function, each cost with its bound', () => {
    const d = decideGates(read(sweepResult('api', perMemory(1), 1024)), read(sweepResult('api', perMemory(4), 1024)), { failOnCostIncrease: 10 })
    expect(d.passed).toBe(true)
    expect(d.costs.map((c) => [c.key, c.test, c.status])).toEqual([
      ['api@128', 'ratio of means', 'no increase'], ['api@1024', 'ratio of means', 'no increase'],
      ['api@3008', 'ratio of means', 'no increase'], ['total', 'ratio of means', 'no increase'],
    ])
    // half of alpha on the total, half over the 3 values
    expect(d.costs[3]!.confidence).toBeCloseTo(0.975, 12)
    expect(d.costs[0]!.confidence).toBeCloseTo(1 - 0.025 / 3, 12)
    expect(d.gates[0]).toMatchObject({ gate: 'fail-on-cost-increase', passed: true })
  })

  it('fails costs 30% higher (the price went up), though no duration moved', () => {
    const dearer = { request: US_EAST_1.request * 1.3, gbSecond: US_EAST_1.gbSecond * 1.3 }
    const base = read(sweepResult('api', perMemory(1), 1024))
    const cur = read(sweepResult('api', perMemory(4), 1024, {}, { prices: dearer }))
    const d = decideGates(base, cur, { failOnCostIncrease: 10, failOnRegression: 10 })
    expect(d.gates.map((g) => [g.gate, g.passed])).toEqual([['fail-on-regression', true], ['fail-on-cost-increase', false]])
    expect(d.costs.find((c) => c.key === 'total')).toMatchObject({ status: 'increase' })
    for (const c of d.costs.filter((x) => x.status === 'increase')) expect(c.lowerBound!).toBeGreaterThan(0.1)
    expect(d.gates[1]!.detail).toMatch(/, total \+\d+\.\d% \(at least \+\d+\.\d% at 97\.5%\)/)
    expect(d.notes).toEqual(['api: the price table changed: $0.0000166667 -> $0.0000216667 per GB-second, $0.2000 -> $0.2600 per million requests: cost changes include it'])
  })

  it('fails a pick that moved to 3,008 MB, with every value as cheap as before, and names the move', () => {
    const d = decideGates(read(sweepResult('api', perMemory(1), 1024)), read(sweepResult('api', perMemory(4), 3008)), { failOnCostIncrease: 10 })
    expect(d.passed).toBe(false)
    expect(d.costs.filter((c) => c.status === 'increase').map((c) => c.key)).toEqual(['total'])
    expect(d.notes).toContain('api: the pick moved, 1024 MB -> 3008 MB: the total cost compares the picks')
  })

  it('fails the same function priced in another region, and names the region', () => {
    const d = decideGates(
      read(sweepResult('api', perMemory(1), 1024)),
      read(sweepResult('api', perMemory(4), 1024, {}, { region: 'sa-east-1', prices: { request: 0.2e-6, gbSecond: 0.0000266 } })),
      { failOnCostIncrease: 10 },
    )
    expect(d.passed).toBe(false)
    expect(d.notes).toEqual(['api: region changed, us-east-1 -> sa-east-1: durations and costs are compared across regions'])
  })

  it('has no total when a run has no pick', () => {
    const d = decideGates(read(sweepResult('api', perMemory(1), 1024)), read(sweepResult('api', perMemory(4), null)), { failOnCostIncrease: 10 })
    expect(d.costs.at(-1)).toMatchObject({ key: 'total', status: 'untested', reason: 'a function has no pick, or no cost spread, in one of the runs' })
    expect(d.costs[0]!.confidence).toBeCloseTo(1 - 0.05 / 3, 12) // Holm over the values alone
  })

  it('prices the current traffic at both runs\' cost per invoke for reports, so more traffic is not a dearer function', () => {
    const report = (invocations: number, cost: number) => read({
      schemaVersion: 1, kind: 'report', region: 'us-east-1',
      functions: [{ name: 'api', memoryMB: 512, architecture: 'x86_64', invocations: 1000, duration: { avg: 100 }, monthly: { invocations, cost } }],
    })
    // twice the traffic, same cost per invoke: no increase
    const busier = decideGates(report(1_000_000, 10), report(2_000_000, 20), { failOnCostIncrease: 10 })
    expect(busier.passed).toBe(true)
    expect(busier.costs.at(-1)).toMatchObject({ key: 'total', unit: 'USD a month', test: 'none', baseline: 20, current: 20, change: 0 })
    // same traffic, 25% dearer per invoke
    const dearer = decideGates(report(1_000_000, 10), report(1_000_000, 12.5), { failOnCostIncrease: 10 })
    expect(dearer.costs.map((c) => [c.key, c.status])).toEqual([['api', 'increase'], ['total', 'increase']])
    expect(dearer.gates[0]).toMatchObject({ passed: false, actual: expect.closeTo(25, 9) })
  })
})

describe('a cost gate without the figures to decide', () => {
  it('is a usage error, not a pass', () => {
    const bare = (seed: number) => {
      const s = sweepResult('api', perMemory(seed), 1024)
      return read({ ...s, results: s.results.map((r) => ({ ...r, costStddev: undefined })) })
    }
    expect(() => decideGates(bare(1), bare(4), { failOnCostIncrease: 10 })).toThrow('--fail-on-cost-increase cannot decide anything: api@128: no cost spread in the file')
    expect(decideGates(bare(1), bare(4)).costs[0]).toMatchObject({ status: 'untested', reason: 'no cost spread in the file', change: expect.any(Number) })
  })
})
