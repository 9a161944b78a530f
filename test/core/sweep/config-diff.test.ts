import { describe, expect, it } from 'vitest'
import { configurationDifferences, runtimeDifferences, VOLATILE_CONFIGURATION_FIELDS } from '../../../src/core/sweep/config-diff.js'

const before = {
  FunctionName: 'f',
  MemorySize: 512,
  Description: 'd',
  Environment: { Variables: { A: '1', B: '2' } },
  RevisionId: 'r1',
  LastModified: '2026-11-26T23:00:00.000+0000',
  LastUpdateStatus: 'Successful',
  State: 'Active',
}

describe('configurationDifferences', () => {
  it('ignores the fields AWS changes by itself and key order', () => {
    const after = {
      ...before,
      Environment: { Variables: { B: '2', A: '1' } },
      RevisionId: 'r9',
      LastModified: '2026-11-26T23:05:00.000+0000',
      LastUpdateStatus: 'InProgress',
    }
    expect(configurationDifferences(before, after)).toEqual([])
    expect(VOLATILE_CONFIGURATION_FIELDS).toContain('RevisionId')
  })

  it('names every other field that changed, appeared or vanished', () => {
    const { Description: _gone, ...rest } = before
    const after = { ...rest, MemorySize: 1024, Timeout: 3 }
    expect(configurationDifferences(before, after)).toEqual(['Description', 'MemorySize', 'Timeout'])
  })

  it('compares the settings that decide how a qualifier runs, memory aside', () => {
    expect(runtimeDifferences({ CodeSha256: 'a', MemorySize: 128 }, { CodeSha256: 'a', MemorySize: 1024 })).toEqual([])
    expect(runtimeDifferences({ CodeSha256: 'a', Timeout: 3 }, { CodeSha256: 'b', Timeout: 4 })).toEqual(['CodeSha256', 'Timeout'])
  })
})
