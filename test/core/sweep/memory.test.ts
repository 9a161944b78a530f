import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../src/core/errors.js'
import { ALL_MEMORY_VALUES, parseMemoryList } from '../../../src/core/sweep/memory.js'

describe('parseMemoryList', () => {
  it('reads a comma list, sorted and without duplicates', () => {
    expect(parseMemoryList('512, 128,256,512')).toEqual([128, 256, 512])
  })

  it('expands a range with its step, both ends included', () => {
    expect(parseMemoryList('128..1024:256')).toEqual([128, 384, 640, 896, 1024])
    expect(parseMemoryList('128..3008:256')).toHaveLength(13)
    expect(parseMemoryList('1024..1024:64')).toEqual([1024])
    expect(parseMemoryList('128..512')).toEqual([128, 256, 384, 512])
  })

  it('mixes ranges, values and all', () => {
    expect(parseMemoryList('1769,128..256:128')).toEqual([128, 256, 1769])
    expect(parseMemoryList('all')).toEqual([...ALL_MEMORY_VALUES])
    expect(parseMemoryList('ALL')).toContain(10240)
  })

  it.each([
    ['64', /outside/],
    ['10241', /outside/],
    ['128,abc', /not a whole number/],
    ['512.5', /not a whole number/],
    ['1024..128:64', /backwards/],
    ['128..20000:1024', /outside/],
    ['128..512:0', /step/],
    ['', /empty/],
    [' , ', /empty/],
  ])('refuses %j before anything is touched', (spec, message) => {
    expect(() => parseMemoryList(spec)).toThrow(UsageError)
    expect(() => parseMemoryList(spec)).toThrow(message)
  })
})
