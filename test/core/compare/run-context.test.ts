import { describe, expect, it } from 'vitest'
import { contextNotes, inferPrices } from '../../../src/core/compare/run-context.js'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { lognormal, sweepResult, US_EAST_1 } from './samples.js'

const read = (data: unknown) => readComparable(data, 'x.json')
const values = (seed: number) => ({ 128: lognormal(10, 800, 0.2, seed), 1024: lognormal(10, 100, 0.2, seed + 1) })

describe('contextNotes', () => {
  it('says nothing when only the code could have changed', () => {
    expect(contextNotes(read(sweepResult('api', values(1), 1024)), read(sweepResult('api', values(3), 1024)))).toEqual([])
  })

  it('names a change of architecture, and of the values swept', () => {
    const base = read(sweepResult('api', values(1), 1024))
    const cur = read(sweepResult('api', { 1024: lognormal(10, 100, 0.2, 5), 2048: lognormal(10, 60, 0.2, 6) }, 1024, {}, { architecture: 'arm64' }))
    expect(contextNotes(base, cur)).toEqual([
      'api: architecture changed, x86_64 -> arm64: durations and costs are compared across architectures',
      'api: 128 MB only in the baseline',
      'api: 2048 MB only in the current run',
    ])
  })

  it('names functions in one run only, and a report whose function changed memory', () => {
    const report = (fns: { name: string; memoryMB: number }[]) => read({
      schemaVersion: 1, kind: 'report', region: 'eu-west-1',
      functions: fns.map((f) => ({ ...f, architecture: 'arm64', invocations: 100, duration: { avg: 10 }, monthly: { invocations: 1000, cost: 1 } })),
    })
    expect(contextNotes(report([{ name: 'api', memoryMB: 512 }, { name: 'old', memoryMB: 128 }]), report([{ name: 'api', memoryMB: 1024 }]))).toEqual([
      'api: memory changed, 512 MB -> 1024 MB: its durations and costs are compared across memory sizes',
      'old: only in the baseline',
    ])
  })
})

describe('inferPrices', () => {
  it('reads the prices back from the mean cost and billed duration of each value', () => {
    const p = inferPrices(read(sweepResult('api', values(1), 1024)).groups)!
    expect(p.gbSecond).toBeCloseTo(US_EAST_1.gbSecond, 12)
    expect(p.request).toBeCloseTo(US_EAST_1.request, 14)
  })

  it('cannot tell from one value, without samples, or when the costs do not lie on one line', () => {
    expect(inferPrices(read(sweepResult('api', { 512: [10, 11] }, 512)).groups)).toBeNull()
    const s = sweepResult('api', values(1), 1024)
    expect(inferPrices(read({ ...s, samples: undefined }).groups)).toBeNull()
    // one value priced with more /tmp storage than the others
    const odd = sweepResult('api', { ...values(1), 3008: lognormal(10, 60, 0.2, 9) }, 1024)
    odd.results[2]!.costPerInvocation *= 1.05
    expect(inferPrices(read(odd).groups)).toBeNull()
  })
})
