import { describe, expect, it } from 'vitest'
import { colourLevel, palette, paletteAt } from '../src/colour.js'
import { PLAIN } from '../src/render/palette.js'

describe('colour', () => {
  const tty = { FORCE_COLOR: '1' }
  it('honours NO_COLOR set to anything but the empty string, --no-color, and output for programs', () => {
    expect(colourLevel({ stream: 'stdout', env: { ...tty, NO_COLOR: '1' } })).toBe(0)
    expect(colourLevel({ stream: 'stdout', env: { ...tty, NO_COLOR: 'false' } })).toBe(0)
    expect(colourLevel({ stream: 'stdout', env: tty, noColor: true })).toBe(0)
    expect(colourLevel({ stream: 'stdout', env: tty, machine: true })).toBe(0)
    expect(palette({ stream: 'stdout', env: { NO_COLOR: '1' } })).toBe(PLAIN)
  })

  it('colours the pick bold green and a failed value red when colour is on', () => {
    const p = paletteAt(1)
    expect(p.pick('x')).toBe('\u001b[1m\u001b[32mx\u001b[39m\u001b[22m')
    expect(p.failed('x')).toBe('\u001b[31mx\u001b[39m')
    expect(paletteAt(0)).toBe(PLAIN)
  })
})
