import { describe, expect, it } from 'vitest'
import { checkRegion, editDistance, lambdaRegions, suggestRegion } from '../../src/core/regions.js'
import { UsageError } from '../../src/core/errors.js'

describe('regions', () => {
  it('knows the commercial Lambda regions, sorted', () => {
    const regions = lambdaRegions()
    expect(regions).toContain('us-east-1')
    expect(regions).toContain('ap-southeast-5')
    expect(regions).toContain('il-central-1')
    expect(regions).toEqual([...regions].sort())
  })

  it('suggests the closest names', () => {
    expect(editDistance('us-est-1', 'us-east-1')).toBe(1)
    expect(suggestRegion('us-est-1')[0]).toBe('us-east-1')
    expect(suggestRegion('useast1')).toContain('us-east-1')
    expect(suggestRegion('eu-west-4')).toEqual(['eu-west-1', 'eu-west-2', 'eu-west-3'])
    expect(suggestRegion('mars-north-1')).toEqual([])
  })

  it('accepts known names in any case and rejects others with suggestions', () => {
    expect(checkRegion('EU-WEST-1')).toBe('eu-west-1')
    expect(() => checkRegion('us-est-1')).toThrow(UsageError)
    expect(() => checkRegion('us-est-1')).toThrow("unknown region 'us-est-1': did you mean us-east-1")
    expect(() => checkRegion('mars')).toThrow(/known regions: af-south-1/)
  })
})
