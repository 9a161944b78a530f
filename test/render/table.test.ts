import { describe, expect, it } from 'vitest'
import { renderTable, visibleWidth, wrap } from '../../src/render/table.js'
import { escapeMarkdownCell, renderMarkdownTable } from '../../src/render/markdown.js'
import { fmtCount, formatCount, formatUsd, formatUsdColumn, usd } from '../../src/render/format.js'

const width = (text: string) => Math.max(...text.split('\n').map(visibleWidth))

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

  it('keeps the header and its rule when there are no rows, and leaves no trailing spaces', () => {
    expect(renderTable(['name', 'why'], [])).toBe('name  why\n----  ---')
    expect(renderTable(['name', 'why'], [['a', '']], { align: ['left', 'left'] }).split('\n')).toEqual(['name  why', '----  ---', 'a'])
  })

  it('measures cells without colour codes, and wide characters as two columns', () => {
    expect(visibleWidth('\u001b[31mred\u001b[39m')).toBe(3)
    expect(visibleWidth('日本')).toBe(4)
    const out = renderTable(['fn', 'ms'], [['日本', '1'], ['ab', '22']]).split('\n')
    expect(out).toEqual(['fn    ms', '----  --', '日本   1', 'ab    22'])
    expect(new Set(out.map(visibleWidth)).size).toBe(1)
  })

  it('moves long free text under the table as numbered notes, so the table fits 120 columns', () => {
    const reason = 'failed: 100% of invokes failed (mostly Runtime.OutOfMemory), above the 5% threshold; ' + 'and more detail '.repeat(8)
    const rows = [
      ['128 MB', '428 ms', reason],
      ['512 MB', '140 ms', 'ok'],
    ]
    const out = renderTable(['Memory', 'Warm p50', 'Status'], rows, { align: ['left', 'right', 'left'], notes: [2] })
    expect(width(out)).toBeLessThanOrEqual(120)
    const lines = out.split('\n')
    expect(lines[2]).toBe('128 MB    428 ms  failed [1]')
    expect(lines[3]).toBe('512 MB    140 ms  ok')
    expect(lines[5]).toMatch(/^\[1\] 128 MB: 100% of invokes failed/)
    expect(lines.slice(5).join(' ').replace(/\s+/g, ' ')).toContain(reason.trim().replace('failed: ', ''))
    expect(lines[6]).toMatch(/^ {4}\S/)
  })

  it('leaves free text in place when the table fits, and keeps a highlighted row highlighted', () => {
    const out = renderTable(['a', 'why'], [['x', 'short reason']], { notes: [1] })
    expect(out).toContain('short reason')
    const bold = (t: string) => `\u001b[1m${t}\u001b[22m`
    const long = renderTable(['a', 'why'], [['x', 'y'.repeat(200)]], { notes: [1], highlight: { rows: [0], style: bold } })
    expect(long.split('\n')[2]).toBe(`${bold('x')}  ${bold('[1]')}`)
    expect(width(long)).toBeLessThanOrEqual(120)
  })

  it('continues the columns that do not fit in a block under the first, which repeats the first column', () => {
    const headers = ['name', ...Array.from({ length: 12 }, (_, i) => `column ${i}`)]
    const rows = [['a', ...Array.from({ length: 12 }, () => 'x'.repeat(12))]]
    const out = renderTable(headers, rows)
    expect(width(out)).toBeLessThanOrEqual(120)
    const blocks = out.split('\n\n').map((b) => b.split('\n'))
    expect(blocks.length).toBe(2)
    for (const b of blocks) expect(b.map((l) => l.split(/ +/)[0])).toEqual(['name', expect.stringMatching(/^-+$/), 'a'])
    expect(blocks.flatMap((b) => b[0]!.split(/ {2,}/).slice(1))).toEqual(headers.slice(1))
  })

  it('shows every amount of a table with the same decimals', () => {
    const out = renderTable(['', 'a'], [['INIT', usd(0.0022)], ['Requests', usd(0.02)], ['Total', usd(18.7)]])
    expect(out.split('\n').slice(2)).toEqual(['INIT       $0.0022', 'Requests   $0.0200', 'Total     $18.7000'])
    expect(renderTable(['', 'a'], [['x', usd(0.4)], ['y', usd(18.73337)]]).split('\n').slice(2)).toEqual(['x   $0.40', 'y  $18.73'])
  })
})

describe('renderMarkdownTable', () => {
  it('escapes pipes and aligns numbers right', () => {
    expect(renderMarkdownTable(['x', 'y'], [['a|b', '1']])).toBe('| x | y |\n| --- | ---: |\n| a\\|b | 1 |')
    expect(escapeMarkdownCell('a\nb')).toBe('a b')
  })

  it('rounds amounts as the terminal table does', () => {
    expect(renderMarkdownTable(['x', 'y'], [['a', usd(0.0022)], ['b', usd(0.02)]])).toContain('| b | $0.0200 |')
  })
})

describe('money and counts', () => {
  it('in a sentence: cents, and two significant digits below half a cent', () => {
    expect(formatUsd(18.73337)).toBe('$18.73')
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89')
    expect(formatUsd(-6.86668)).toBe('-$6.87')
    expect(formatUsd(0)).toBe('$0.00')
    expect(formatUsd(0.00000853335)).toBe('$0.0000085')
    expect(formatUsd(null)).toBe('-')
  })

  it('in a column: the decimals of the smallest amount, between cents and a millionth', () => {
    const f = formatUsdColumn([0.0022, 1234.5, 0])
    expect([f(0.0022), f(1234.5), f(0)]).toEqual(['$0.0022', '$1,234.5000', '$0.0000'])
    const tiny = formatUsdColumn([0.00000001, 2])
    expect([tiny(0.00000001), tiny(2)]).toEqual(['<$0.000001', '$2.000000'])
    expect(formatUsdColumn([-6.86668, 18.7])(-6.86668)).toBe('-$6.87')
  })

  it('counts requests as whole numbers', () => {
    expect(fmtCount(3_041_666.6667)).toBe('3,041,667')
    expect(formatCount(1_500_000)).toBe('1,500,000')
  })

  it('wraps words to a width with a hanging indent', () => {
    expect(wrap('aaa bbb ccc ddd', 8, 2)).toEqual(['aaa bbb', '  ccc', '  ddd'])
  })
})
