import { describe, expect, it } from 'vitest'
import { functionName, parseComparable, readComparable } from '../../../src/core/compare/result-files.js'
import { UsageError } from '../../../src/core/errors.js'
import { lognormal, sweepResult } from './samples.js'

const read = (data: unknown) => readComparable(data, 'x.json')

describe('readComparable', () => {
  it('reads a sweep: samples, summary, cost with its spread, mean billed duration, region and architecture', () => {
    const run = read(sweepResult('arn:aws:lambda:us-east-1:123456789012:function:api:live', { 512: [10.2, 20.5, 30] }, 512, {}, { region: 'eu-west-1', architecture: 'arm64' }))
    expect(run.kind).toBe('sweep')
    expect(run.picks).toEqual({ api: 512 })
    expect(run.context).toEqual({ api: { region: 'eu-west-1', architecture: 'arm64' } })
    const g = run.groups[0]!
    expect(g).toMatchObject({ key: 'api@512', samples: [10.2, 20.5, 30], meanBilledMs: (11 + 21 + 30) / 3 })
    expect(g.cost!.count).toBe(3)
    expect(g.cost!.stddev).toBeGreaterThan(0)
  })

  it('pools several sweeps of one function into one baseline', () => {
    const day = (seed: number, pick: number) => sweepResult('api', { 128: lognormal(10, 800, 0.2, seed), 1024: lognormal(10, 100, 0.2, seed + 1) }, pick)
    const days = [day(1, 1024), day(3, 128), day(5, 1024)]
    const run = read(days)
    expect(run.groups.map((g) => [g.key, g.samples!.length])).toEqual([['api@128', 30], ['api@1024', 30]])
    expect(run.picks).toEqual({ api: 1024 })
    const all = days.flatMap((d) => d.samples.filter((s) => s.memory === 128).map((s) => s.durationMs))
    const mean = all.reduce((a, b) => a + b, 0) / all.length
    const sd = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1))
    expect(run.groups[0]!.summary!.count).toBe(30)
    expect(run.groups[0]!.summary!.mean).toBeCloseTo(mean, 9)
    expect(run.groups[0]!.summary!.stddev!).toBeCloseTo(sd, 9)
    expect(run.groups[0]!.cost!.count).toBe(30)
    // a tie between picks goes to the later sweep
    expect(read([day(1, 1024), day(3, 128)]).picks).toEqual({ api: 128 })
  })

  it('keeps sweeps of different functions side by side, and refuses to pool a function across regions', () => {
    const run = read({ schemaVersion: 1, sweeps: [sweepResult('a', { 128: [1, 2] }, 128), sweepResult('b', { 256: [3, 4] }, null)] })
    expect(run.groups.map((g) => g.key)).toEqual(['a@128', 'b@256'])
    expect(run.picks).toEqual({ a: 128, b: null })
    expect(() => read([sweepResult('a', { 128: [1, 2] }, 128), sweepResult('a', { 128: [1, 2] }, 128, {}, { region: 'eu-west-1' })])).toThrow(
      'x.json: the sweeps of a ran in different regions or architectures (us-east-1 x86_64, eu-west-1 x86_64): they cannot be pooled',
    )
  })

  it.each([
    ['{', /x.json: not valid JSON/],
    ['[]', /empty array/],
    ['{"results": []}', /no schemaVersion/],
    ['{"schemaVersion": 1}', /neither results\[\] nor functions\[\]/],
    ['{"schemaVersion": 1, "function": "f", "results": [{"memory": "big"}]}', /results\[0\] has no memory/],
    ['{"schemaVersion": 1, "functions": [{"name": 3}]}', /functions\[0\] has no name/],
    ['[{"schemaVersion": 1, "functions": []}]', /an array may hold sweep results only/],
  ])('refuses %s', (text, message) => {
    expect(() => parseComparable(text, 'x.json')).toThrow(message)
    expect(() => parseComparable(text, 'x.json')).toThrow(UsageError)
  })
})

describe('functionName', () => {
  it('reads names, qualified names and ARNs', () => {
    expect(functionName('my-fn')).toBe('my-fn')
    expect(functionName('my-fn:live')).toBe('my-fn')
    expect(functionName('arn:aws:lambda:us-east-1:123456789012:function:my-fn')).toBe('my-fn')
    expect(functionName('arn:aws:lambda:us-east-1:123456789012:function:my-fn:7')).toBe('my-fn')
  })
})
