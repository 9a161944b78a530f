import { describe, expect, it } from 'vitest'
import { findSweepTraffic, sweepAliasRun, type QualifiedMetric } from '../../../src/core/report/sweep-traffic.js'

const m = (resource: string, executedVersion?: string, functionName = 'api'): QualifiedMetric => ({ functionName, resource, ...(executedVersion ? { executedVersion } : {}) })

describe('findSweepTraffic', () => {
  it('finds a sweep by its alias names and the versions behind them; production aliases and other functions are not its', () => {
    const t = findSweepTraffic('api', [
      m('api:lambda-tune-0badf00d-128'), m('api:lambda-tune-0badf00d-128', '7'),
      m('api:lambda-tune-0badf00d-512'), m('api:lambda-tune-0badf00d-512', '8'),
      m('api:live'), m('api:live', '6'), m('api:6'),
      m('other:lambda-tune-0badf00d-128', '2', 'other'),
    ])
    expect(t).toEqual({ runIds: ['0badf00d'], qualifiers: ['lambda-tune-0badf00d-128', 'lambda-tune-0badf00d-512'], versions: ['7', '8'] })
    expect(findSweepTraffic('api', [m('api:live', '6'), m('api:6')])).toBeNull()
    expect(sweepAliasRun('lambda-tune-0badf00d-1769')).toBe('0badf00d')
    expect(sweepAliasRun('lambda-tune-live')).toBeUndefined()
  })

  it('infers the cold-start versions a run invoked by number from its evenly spaced alias versions', () => {
    // 3 values with 2 cold starts each: versions 10 (alias), 11, 12 (cold), 13, 14, 15, 16, 17, 18.
    const metrics = [
      m('api:lambda-tune-abc-128', '10'), m('api:lambda-tune-abc-256', '13'), m('api:lambda-tune-abc-512', '16'),
      ...['11', '12', '14', '15', '17', '18'].map((v) => m(`api:${v}`)),
      m('api:9'), m('api:19'), // someone else's versions, before and after the run
    ]
    const t = findSweepTraffic('api', metrics)!
    expect(t.qualifiers).toEqual(['11', '12', '14', '15', '17', '18', 'lambda-tune-abc-128', 'lambda-tune-abc-256', 'lambda-tune-abc-512'])
    expect(t.versions).toEqual(['10', '11', '12', '13', '14', '15', '16', '17', '18'])
  })

  it('takes a run\'s versions from the journal exactly, even without alias metrics (a run that never reached its aliases)', () => {
    const t = findSweepTraffic('api', [m('api:21'), m('api:22'), m('api:23')], [
      { runId: 'r1', functionName: 'api', versions: ['21', '22'], aliases: [] },
      { runId: 'r2', functionName: 'other', versions: ['23'], aliases: [] },
    ])
    expect(t).toEqual({ runIds: ['r1'], qualifiers: ['21', '22'], versions: ['21', '22'] })
  })
})
