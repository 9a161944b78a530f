import { describe, expect, it } from 'vitest'
import { renderTable, visibleWidth } from '../../src/render/table.js'
import { escapeMarkdownCell, renderMarkdownTable } from '../../src/render/markdown.js'
import { formatCount, formatUsd } from '../../src/render/format.js'

describe('renderTable', () => {
  it('pads columns, labels left and numbers right, with a rule under the header', () => {
    const out = renderTable(['', 'a', 'bb'], [['Requests', '$0.40', '$1.00'], ['Total', '$18.73', '-']])
    expect(out.split('\n')).toEqual([
      '               a     bb',
      '--------  ------  -----',
      'Requests   $0.40  $1.00',
      'Total     $18.73      -',
    ])
  })

  it('measures cells without colour codes', () => {
    expect(visibleWidth('\u001b[31mred\u001b[39m')).toBe(3)
  })
})

describe('renderMarkdownTable', () => {
  it('escapes pipes and aligns numbers right', () => {
    expect(renderMarkdownTable(['x', 'y'], [['a|b', '1']])).toBe('| x | y |\n| --- | ---: |\n| a\\|b | 1 |')
    expect(escapeMarkdownCell('a\nb')).toBe('a b')
  })
})

describe('money and counts', () => {
  it('shows cents, and two significant digits below half a cent', () => {
    expect(formatUsd(18.73337)).toBe('$18.73')
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89')
    expect(formatUsd(-6.86668)).toBe('-$6.87')
    expect(formatUsd(0)).toBe('$0.00')
    expect(formatUsd(0.00000853335)).toBe('$0.0000085')
    expect(formatCount(3_041_666.6667)).toBe('3,041,666.67')
  })
})
