import { costPerInvoke } from '../../cost/index.js'
import { isResult, sampleCost } from '../results.js'
import type { InvokeSample, PricingContext, Strategy } from '../types.js'
import { failsDuringRun } from './errors.js'
import { logEstimate } from './estimates.js'
import { fitAmdahl, fittedMs, neighbours, predictedPick, type AmdahlFit } from './search.js'
import { DEFAULT_MEMORY_SPEC } from '../memory.js'

/**
 * A search over a long list spends, unless a --budget says otherwise, at most what the fixed sweep it replaces would:
 * 20 invokes of each default size, at the durations the curve fitted at the first look predicts.
 */
const GRID_INVOKES = 20
const DEFAULT_SIZES = DEFAULT_MEMORY_SPEC.split(',').map(Number)
import { assess, emptyEvidence, statementAlpha, type Assessment, type Evidence, type RaceOptions, type ValueData } from './race.js'

export type StopReason = 'settled' | 'max-invocations' | 'budget' | 'fixed'

export interface SequentialOptions {
  memories: readonly number[]
  strategy: Strategy
  tolerance: number
  confidence: number
  weight: number
  trim: number
  slo?: { percentile: 'p95' | 'p99'; ms: number }
  allowedErrors: readonly string[]
  errorThreshold: number
  /** the looks, in warm invokes per value (lookSchedule); one look for a fixed count */
  looks: readonly number[]
  /** invokes per value that are cold by design (the first `concurrency` on a fresh version, less the warm-up) */
  coldPerValue: number
  /** a fixed number of invokes per value (-n): one look, at the end */
  fixed: boolean
  /** the whole run's spend, warm-up and failures included */
  budget?: { usd?: number; gbSeconds?: number }
  pricing: PricingContext
  /**
   * Coarse to fine (search.ts): the sizes measured first; each look adds the pick's neighbours in `memories`, and,
   * at the first look, the size the fitted curve predicts and its neighbours. Undefined: every size from the start.
   */
  coarse?: readonly number[]
}

export interface Round {
  /** measured invokes each value should have made when the round ends */
  targets: Map<number, number>
}

export interface SequentialOutcome {
  assessment: Assessment
  stoppedBy: StopReason
  /** the looks actually made */
  looksMade: number
}

/**
 * The sequential sweep as a pure state machine: it says how many invokes each value needs for the next look, takes
 * the samples, looks, and stops when the pick is settled, at the last look, or when the next round would overrun the
 * budget. The orchestration (src/sweep) only invokes what it is asked.
 */
export class SequentialSweep {
  private readonly samples: InvokeSample[] = []
  private readonly evidence: Evidence = emptyEvidence()
  private look = -1
  private assessment: Assessment | undefined
  private stopped: StopReason | undefined
  private readonly failed = new Set<number>()
  /** the sizes in the race so far (all of them unless searching coarse to fine) */
  private readonly entered: Set<number>
  private fit: AmdahlFit | undefined
  /** searching coarse to fine without a --budget: what a fixed grid of the default sizes would spend (set at the first look) */
  private gridBudget: { gbSeconds: number } | undefined

  constructor(private readonly options: SequentialOptions) {
    this.entered = new Set(options.coarse ?? options.memories)
  }

  /** The sizes measured (or to be measured), ascending. */
  measuredSizes(): number[] {
    return [...this.entered].sort((a, b) => a - b)
  }

  /** The curve fitted at the last look, when searching coarse to fine. */
  curve(): AmdahlFit | undefined {
    return this.fit
  }

  /** The next round, or undefined when the run is over (see outcome()). */
  nextRound(): Round | undefined {
    if (this.stopped) return undefined
    if (this.assessment?.settled) return this.stop('settled')
    const next = this.look + 1
    if (next >= this.options.looks.length) return this.stop(this.options.fixed ? 'fixed' : 'max-invocations')
    const active = this.assessment ? this.assessment.active : this.measuredSizes()
    if (active.length === 0) return this.stop('max-invocations')
    const target = this.options.looks[next]! + this.options.coldPerValue
    const targets = new Map<number, number>()
    for (const memory of active) if (this.measuredCount(memory) < target) targets.set(memory, target)
    if (targets.size === 0) {
      this.look = next
      this.assessAll()
      return this.nextRound()
    }
    if (this.overrunsBudget(targets)) return this.stop('budget')
    this.look = next
    return { targets }
  }

  /** Records the samples of the round just made, then looks. */
  record(samples: readonly InvokeSample[]): Assessment {
    this.samples.push(...samples)
    const assessment = this.assessAll()
    // Searching coarse to fine: sizes that enter now are unmeasured, which keeps the pick from settling until they are.
    return this.options.coarse && this.widen(assessment) ? this.assessAll() : assessment
  }

  /** Adds the sizes around the pick (and around the curve's predicted optimum); true when any was added. */
  private widen(a: Assessment): boolean {
    const all = [...this.options.memories].sort((x, y) => x - y)
    const more = new Set<number>()
    if (a.pick !== null) for (const m of neighbours(all, a.pick)) more.add(m)
    this.fit = this.fitCurve()
    if (this.fit && this.look === 0 && !this.options.budget) {
      const fit = this.fit
      this.gridBudget = { gbSeconds: GRID_INVOKES * DEFAULT_SIZES.reduce((sum, m) => sum + (m / 1024) * (fittedMs(fit, m) / 1000), 0) }
    }
    if (this.fit && this.look === 0) {
      const costOf = (memoryMB: number, ms: number) =>
        costPerInvoke({ memoryMB, billedDurationMs: Math.max(1, Math.ceil(ms)), arch: this.options.pricing.arch, region: this.options.pricing.region }).totalUsd
      const predicted = predictedPick(all, this.fit, costOf, this.options)
      for (const m of [predicted, ...neighbours(all, predicted)]) more.add(m)
    }
    const fresh = [...more].filter((m) => !this.entered.has(m) && !this.failed.has(m))
    for (const m of fresh) this.entered.add(m)
    return fresh.length > 0
  }

  private fitCurve(): AmdahlFit | undefined {
    const points = this.measuredSizes().flatMap((memory) => {
      const warm = this.counted(memory).filter((s) => isResult(s, this.options.allowedErrors) && !s.coldStart && s.durationMs !== undefined)
      const e = logEstimate(warm.map((s) => s.durationMs!), this.options.trim)
      return e && e.se > 0 && Number.isFinite(e.se) ? [{ memory, ms: Math.exp(e.log), weight: 1 / (e.se * e.se) }] : []
    })
    return fitAmdahl(points)
  }

  outcome(): SequentialOutcome {
    // The final answer uses the plain error share for "failed", as the table shows it.
    const final = this.assessWith((memory) => this.failedAtEnd(memory))
    return { assessment: final, stoppedBy: this.stopped ?? 'max-invocations', looksMade: this.look + 1 }
  }

  /** What each value has cost so far, for the budget: warm-up, cold starts and failures included. */
  spent(): { usd: number; gbSeconds: number } {
    let usd = 0
    let gbSeconds = 0
    for (const s of this.samples) {
      const c = sampleCost(s, this.options.pricing)
      usd += c.usd
      gbSeconds += c.gbSeconds
    }
    return { usd, gbSeconds }
  }

  private stop(reason: StopReason): undefined {
    this.stopped = reason
    return undefined
  }

  private assessAll(): Assessment {
    const alpha = statementAlpha(this.raceOptions())
    for (const memory of this.measuredSizes()) {
      const counted = this.counted(memory)
      const errors = counted.filter((s) => !isResult(s, this.options.allowedErrors)).length
      if (failsDuringRun(errors, counted.length, this.options.errorThreshold, alpha)) this.failed.add(memory)
    }
    this.assessment = this.assessWith((memory) => this.failed.has(memory))
    return this.assessment
  }

  private assessWith(failed: (memory: number) => boolean): Assessment {
    const data: ValueData[] = this.measuredSizes().map((memory) => {
      const results = this.counted(memory).filter((s) => isResult(s, this.options.allowedErrors) && s.durationMs !== undefined)
      // warm invokes; a value with none (every invoke a cold start, e.g. -n 1) is judged on its cold ones, as shown
      const warm = results.filter((s) => !s.coldStart)
      const basis = warm.length > 0 ? warm : results
      return {
        memory,
        durations: basis.map((s) => s.durationMs!),
        costs: basis.map((s) => sampleCost(s, this.options.pricing).usd),
        failed: failed(memory),
      }
    })
    return assess(data, this.evidence, this.raceOptions())
  }

  private raceOptions(): RaceOptions {
    const o = this.options
    return {
      strategy: o.strategy,
      tolerance: o.tolerance,
      confidence: o.confidence,
      weight: o.weight,
      trim: o.trim,
      looks: o.looks.length,
      values: o.memories.length,
      ...(o.slo ? { slo: o.slo } : {}),
    }
  }

  private counted(memory: number): InvokeSample[] {
    return this.samples.filter((s) => s.memory === memory && s.phase === 'measure')
  }

  private measuredCount(memory: number): number {
    return this.counted(memory).length
  }

  private failedAtEnd(memory: number): boolean {
    const counted = this.counted(memory)
    if (counted.length === 0) return true
    const results = counted.filter((s) => isResult(s, this.options.allowedErrors))
    return results.length === 0 || (counted.length - results.length) / counted.length > this.options.errorThreshold
  }

  private overrunsBudget(targets: ReadonlyMap<number, number>): boolean {
    const budget: { usd?: number; gbSeconds?: number } | undefined = this.options.budget ?? this.gridBudget
    if (!budget || this.look < 0) return false
    const spent = this.spent()
    let usd = spent.usd
    let gbSeconds = spent.gbSeconds
    for (const [memory, target] of targets) {
      const mine = this.samples.filter((s) => s.memory === memory)
      if (mine.length === 0) continue
      const each = mine.map((s) => sampleCost(s, this.options.pricing))
      const more = target - this.measuredCount(memory)
      usd += (more * each.reduce((a, c) => a + c.usd, 0)) / each.length
      gbSeconds += (more * each.reduce((a, c) => a + c.gbSeconds, 0)) / each.length
    }
    return (budget.usd !== undefined && usd > budget.usd) || (budget.gbSeconds !== undefined && gbSeconds > budget.gbSeconds)
  }
}

/**
 * The decision on samples already made (one look at all of them, as a fixed-count sweep makes): for re-reading a
 * saved sweep's samples, and for tests.
 */
export function decideOnce(options: Omit<SequentialOptions, 'looks' | 'fixed' | 'coldPerValue'>, samples: readonly InvokeSample[]): SequentialOutcome {
  const counts = options.memories.map((m) => samples.filter((s) => s.memory === m && s.phase === 'measure').length)
  const race = new SequentialSweep({ ...options, looks: [Math.max(1, ...counts)], fixed: true, coldPerValue: 0 })
  race.nextRound()
  race.record(samples)
  race.nextRound()
  return race.outcome()
}
