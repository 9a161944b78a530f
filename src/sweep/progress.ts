import type { Assessment } from '../core/sweep/decide/race.js'
import type { InvokeSample } from '../core/sweep/types.js'
import type { ProgressView } from '../render/progress.js'

/** What the progress needs of the plan: how many invokes each value can get, and how they are made. */
export interface ProgressPlan {
  memories: readonly number[]
  /** warm-up + the last look's measured invokes + forced cold starts, per value: the most a value can get */
  invokesPerValue: number
  warmup: number
  coldStarts: number
  concurrency: number
  serial: boolean
}

interface ValueProgress {
  /** warm-up and measured invokes made */
  main: number
  /** forced cold starts made */
  cold: number
  latencyMs: number
  /** invokes (warm-up included) the value has when the round under way ends; 0 when it is not in the round */
  roundTarget: number
  active: boolean
}

/**
 * Follows one function's sweep from the reporter's events and says what the progress line shows. The number of
 * invokes is not known in advance: `planned` is what has been made plus the most the values still in the race can
 * get (it shrinks as values are dropped or the pick settles), and the time left is estimated twice from each value's
 * mean invoke latency: for what the race asks for now (the round under way, then the forced cold starts) and for the
 * most it could still ask for.
 */
export class SweepProgress {
  private readonly values = new Map<number, ValueProgress>()
  private phase: string | null = null
  private round = 0
  private done = 0
  private invoking = false

  constructor(
    readonly fn: string,
    private readonly plan: ProgressPlan,
    private readonly startedAt: number,
  ) {
    for (const m of plan.memories) this.values.set(m, { main: 0, cold: 0, latencyMs: 0, roundTarget: 0, active: true })
  }

  setPhase(message: string): void {
    this.invoking = message === 'invoking'
    this.phase = this.invoking ? null : message
  }

  /** a round starts: each value's measured invokes when it ends */
  startRound(targets: ReadonlyMap<number, number>): void {
    this.round++
    this.invoking = true
    this.phase = null
    for (const [memory, v] of this.values) {
      const target = targets.get(memory)
      v.roundTarget = target === undefined ? 0 : target + this.plan.warmup
    }
  }

  looked(assessment: Pick<Assessment, 'active' | 'settled'>): void {
    const active = new Set(assessment.settled ? [] : assessment.active)
    for (const [memory, v] of this.values) {
      v.active = active.has(memory)
      v.roundTarget = 0
    }
  }

  invoked(sample: Pick<InvokeSample, 'memory' | 'phase' | 'latencyMs'>): void {
    const v = this.values.get(sample.memory)
    if (!v) return
    this.done++
    const n = v.main + v.cold
    v.latencyMs = (v.latencyMs * n + sample.latencyMs) / (n + 1)
    if (sample.phase === 'cold') v.cold++
    else v.main++
  }

  view(now: number): ProgressView {
    const most = this.plan.invokesPerValue - this.plan.coldStarts
    let planned = this.done
    const remainingNow = new Map<number, number>()
    const remainingMost = new Map<number, number>()
    for (const [memory, v] of this.values) {
      const cold = Math.max(0, this.plan.coldStarts - v.cold)
      const roundLeft = Math.max(0, v.roundTarget - v.main)
      const mostLeft = v.active || roundLeft > 0 ? Math.max(0, most - v.main) : 0
      planned += mostLeft + cold
      remainingNow.set(memory, roundLeft + cold)
      remainingMost.set(memory, mostLeft + cold)
    }
    return {
      fn: this.fn,
      phase: this.invoking ? null : (this.phase ?? 'starting'),
      done: this.done,
      planned,
      elapsedMs: now - this.startedAt,
      left: this.invoking ? this.timeLeft(remainingNow, remainingMost) : null,
      round: this.round,
    }
  }

  private timeLeft(now: ReadonlyMap<number, number>, most: ReadonlyMap<number, number>): ProgressView['left'] {
    const measured = [...this.values.values()].filter((v) => v.main + v.cold > 0)
    if (measured.length === 0) return null
    const typical = measured.reduce((sum, v) => sum + v.latencyMs, 0) / measured.length
    const time = (left: ReadonlyMap<number, number>) => {
      const each = [...left].map(([memory, n]) => {
        const v = this.values.get(memory)!
        return (n * (v.main + v.cold > 0 ? v.latencyMs : typical)) / this.plan.concurrency
      })
      // values run side by side (the slowest decides), or with --serial one after another
      return this.plan.serial ? each.reduce((a, b) => a + b, 0) : Math.max(0, ...each)
    }
    return { now: time(now), most: time(most) }
  }
}
