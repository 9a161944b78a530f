import { Chalk, chalkStderr, type ChalkInstance } from 'chalk'
import chalk from 'chalk'
import { PLAIN, type Palette } from './render/palette.js'

export interface ColourChoice {
  /** --no-color */
  noColor?: boolean
  /** --json, or --format json/md/html: output a program reads */
  machine?: boolean
  /** the stream the text goes to */
  stream: 'stdout' | 'stderr'
  env?: NodeJS.ProcessEnv
}

/**
 * Whether text for `stream` gets colour: never with --no-color, with NO_COLOR set to anything but the empty string
 * (https://no-color.org), or for output a program reads; otherwise as chalk detects it for that stream (a terminal,
 * FORCE_COLOR, TERM=dumb, CI).
 */
export function colourLevel(choice: ColourChoice): 0 | 1 | 2 | 3 {
  const env = choice.env ?? process.env
  if (choice.noColor || choice.machine || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0
  return (choice.stream === 'stderr' ? chalkStderr.level : chalk.level) as 0 | 1 | 2 | 3
}

/** The palette for that stream: bold green for the pick, red for a failed value, bars in yellow (cost) and cyan (duration). */
export function palette(choice: ColourChoice): Palette {
  return paletteAt(colourLevel(choice))
}

/** The palette at a chalk colour level (0: none). */
export function paletteAt(level: 0 | 1 | 2 | 3): Palette {
  if (level === 0) return PLAIN
  const c: ChalkInstance = new Chalk({ level })
  return {
    pick: (t) => c.bold.green(t),
    failed: (t) => c.red(t),
    cost: (t) => c.yellow(t),
    duration: (t) => c.cyan(t),
    dim: (t) => c.dim(t),
  }
}
