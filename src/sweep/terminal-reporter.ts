import { progressLine } from '../render/progress.js'
import type { Palette } from '../render/palette.js'
import { SweepProgress } from './progress.js'
import type { SweepReporter } from './service.js'

export interface TerminalStream {
  isTTY?: boolean
  columns?: number
  write(text: string): unknown
}

/**
 * The sweep's progress on stderr. On a terminal: one line rewritten in place, fitted to the terminal's width and
 * redrawn every second (the clock moves while an invoke runs). Elsewhere (a CI log, a pipe) only the line naming
 * the run and its seed. With --json nothing but warnings.
 */
export function terminalReporter(options: {
  json: boolean
  stream: TerminalStream
  palette: Palette
  now?: () => number
  env?: NodeJS.ProcessEnv
}): SweepReporter & { finish(): void } {
  const { json, stream, palette } = options
  const now = options.now ?? (() => Date.now())
  const env = options.env ?? process.env
  const live = Boolean(stream.isTTY) && !json
  const unicode = env.TERM !== 'dumb'
  let progress: SweepProgress | undefined
  let timer: NodeJS.Timeout | undefined
  let shown = false
  let drawnAt = -Infinity
  // at most ten redraws a second: invokes of a fast function come by the hundred
  const draw = (force = true) => {
    if (!live || !progress || (!force && now() - drawnAt < 100)) return
    drawnAt = now()
    const width = stream.columns && stream.columns > 0 ? stream.columns : 80
    stream.write(`\r\u001b[2K${progressLine(progress.view(now()), width, { unicode, palette })}`)
    shown = true
  }
  const clear = () => {
    if (shown) stream.write('\r\u001b[2K')
    shown = false
  }
  const stop = () => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  return {
    started: (fn, runId, seed) => {
      if (!json) {
        clear()
        stream.write(`sweeping ${fn}: run ${runId}, seed ${seed}\n`)
      }
    },
    planned: (fn, plan) => {
      progress = new SweepProgress(fn, plan, now())
      if (live && !timer) {
        timer = setInterval(() => draw(), 1000)
        timer.unref()
      }
      draw()
    },
    warn: (fn, message) => {
      clear()
      stream.write(`Warning: ${fn}: ${message}\n`)
      draw()
    },
    phase: (_fn, message) => {
      progress?.setPhase(message)
      draw()
    },
    round: (_fn, targets) => {
      progress?.startRound(targets)
      draw()
    },
    looked: (_fn, assessment) => {
      progress?.looked(assessment)
      draw()
    },
    invoked: (_fn, _memory, _done, _total, sample) => {
      progress?.invoked(sample)
      draw(false)
    },
    finish: () => {
      stop()
      clear()
    },
  }
}
