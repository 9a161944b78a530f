import type { Proof, ValueStatus } from './decide/race.js'
import type { SequentialOutcome } from './decide/sequential.js'
import type { MemoryResult, Recommendation, Strategy, SweepOptions, ValueDecision } from './types.js'

/** The words of each strategy's two measures, for the reasons. */
const WORDS: Record<Strategy, { best: string; primaryWorse: string; secondaryWorse: string; secondaryBetter: string; within: string }> = {
  cost: { best: 'the cheapest', primaryWorse: 'costs', secondaryWorse: 'slower', secondaryBetter: 'faster', within: 'costs within' },
  slo: { best: 'the cheapest', primaryWorse: 'costs', secondaryWorse: 'slower', secondaryBetter: 'faster', within: 'costs within' },
  speed: { best: 'the fastest', primaryWorse: 'takes', secondaryWorse: 'dearer', secondaryBetter: 'cheaper', within: 'is within' },
  balanced: { best: 'the best score', primaryWorse: 'scores', secondaryWorse: 'dearer', secondaryBetter: 'cheaper', within: 'scores within' },
}

const MEASURE = { cost: 'cost', slo: 'cost', speed: 'duration', balanced: 'score' } as const

/** The JSON and table form of the decision: the recommendation, and one reason per value. */
export function describeDecision(
  outcome: SequentialOutcome,
  results: readonly MemoryResult[],
  options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'confidence' | 'slo'>,
  /** slo: the fewest warm invokes per value a percentile bound needs at this run's looks, and the most the run allowed */
  bound?: { needs: number; allowed: number },
): { recommendation: Recommendation; decisions: Map<number, ValueDecision> } {
  const a = outcome.assessment
  const decisions = new Map<number, ValueDecision>()
  for (const r of results) decisions.set(r.memory, valueDecision(a.status.get(r.memory) ?? { state: 'open' }, r, options, a.pick))
  const common = {
    settled: a.settled,
    stoppedBy: outcome.stoppedBy,
    contenders: a.settled ? [] : a.contenders,
    ties: a.ties,
    indistinguishable: a.ties,
    tolerance: options.tolerance,
    confidence: options.confidence,
    bandPosition:
      a.toBest && a.best
        ? { measure: MEASURE[options.strategy], best: a.best.memory, ...a.toBest, proven: a.proven }
        : null,
    monthlySaving: null,
  }
  if (a.pick === null) return { recommendation: { memory: null, reason: noPick(results, options, a.contenders, bound), ...common }, decisions }
  return { recommendation: { memory: a.pick, reason: pickReason(a.pick, a.best?.memory ?? a.pick, a.ties, results, options), ...common }, decisions }
}

function valueDecision(s: ValueStatus, r: MemoryResult, options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'slo'>, pick: number | null): ValueDecision {
  const w = WORDS[options.strategy]
  const tol = pct(options.tolerance)
  const n = r.warm?.count ?? 0
  switch (s.state) {
    case 'pick':
      return { status: 'pick', reason: 'the pick', after: null }
    case 'tied':
      return { status: 'tied', reason: `within ${tol} of the pick on both measures`, after: null }
    case 'settled':
      return { status: 'settled', reason: `not ${w.secondaryBetter} than the pick by more than ${tol}`, after: null }
    case 'failed':
      return { status: 'failed', reason: r.failureReason ?? 'failed', after: null }
    case 'open':
      return {
        status: 'open',
        reason: pick === null ? `undecided after ${n}` : `undecided after ${n}: could still be preferred to ${pick} MB`,
        after: null,
      }
    case 'ruled out':
      if (s.why === 'slo') {
        return { status: 'ruled out', reason: `${options.slo?.percentile ?? 'percentile'} at least ${ms(s.bound)} at 95%, above the ${ms(options.slo?.ms ?? 0)} limit`, after: s.after }
      }
      return { status: 'ruled out', reason: s.why === 'primary' ? primaryReason(s.proof, options.strategy) : secondaryReason(s.proof, options), after: s.proof.after }
  }
}

function primaryReason(p: Proof, strategy: Strategy): string {
  const what = strategy === 'speed' ? `${times(p.ratio)} slower than ${p.than} MB` : strategy === 'balanced' ? `scores ${times(p.ratio)} ${p.than} MB's` : `costs ${times(p.ratio)} ${p.than} MB`
  return `${what} (at least ${times(p.bound)} at 95%)`
}

function secondaryReason(p: Proof, options: Pick<SweepOptions, 'strategy' | 'tolerance'>): string {
  const w = WORDS[options.strategy]
  const what = options.strategy === 'cost' || options.strategy === 'slo' ? `${times(p.ratio)} slower than ${p.than} MB` : `costs ${times(p.ratio)} ${p.than} MB`
  return `${what}, which ${w.within} ${pct(options.tolerance)} of ${w.best}`
}

function pickReason(pick: number, best: number, ties: readonly number[], results: readonly MemoryResult[], options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'slo'>): string {
  const at = (m: number) => results.find((r) => r.memory === m)
  const p = at(pick)
  const b = at(best)
  const tol = pct(options.tolerance)
  const tied = ties.length ? `; ${list(ties)} ${ties.length > 1 ? 'are' : 'is'} tied with it within ${tol} on both measures` : ''
  const slo = options.slo ? ` among the values shown to meet ${options.slo.percentile} ≤ ${ms(options.slo.ms)}` : ''
  switch (options.strategy) {
    case 'speed':
      return pick === best
        ? `${pick} MB is the fastest (warm p50 ${ms(p?.warm?.p50)}, ${perMillion(p?.costPerMillion)} per 1M invokes)${tied}`
        : `${pick} MB is within ${tol} of the fastest (${best} MB, warm p50 ${ms(b?.warm?.p50)} against ${ms(p?.warm?.p50)}) and the cheapest of those (${perMillion(p?.costPerMillion)} against ${perMillion(b?.costPerMillion)} per 1M)${tied}`
    case 'balanced':
      return pick === best
        ? `${pick} MB has the best balance of cost and speed (${perMillion(p?.costPerMillion)} per 1M invokes, warm p50 ${ms(p?.warm?.p50)})${tied}`
        : `${pick} MB scores within ${tol} of the best balance (${best} MB) and is the cheapest of those (${perMillion(p?.costPerMillion)} against ${perMillion(b?.costPerMillion)} per 1M)${tied}`
    case 'cost':
    case 'slo':
      return pick === best
        ? `${pick} MB is the cheapest${slo} (${perMillion(p?.costPerMillion)} per 1M invokes, warm p50 ${ms(p?.warm?.p50)})${tied}`
        : `${pick} MB costs within ${tol} of the cheapest${slo} (${best} MB: ${perMillion(b?.costPerMillion)} against ${perMillion(p?.costPerMillion)} per 1M) and is the fastest of those (warm p50 ${ms(p?.warm?.p50)} against ${ms(b?.warm?.p50)})${tied}`
  }
}

function noPick(results: readonly MemoryResult[], options: Pick<SweepOptions, 'strategy' | 'slo'>, contenders: readonly number[], bound?: { needs: number; allowed: number }): string {
  const ok = results.filter((r) => !r.failed && r.warm)
  if (ok.length === 0) {
    const failed = results.filter((r) => r.failed).map((r) => `${r.memory} MB`)
    return `no memory value can be recommended: every value failed (${failed.join(', ') || 'none measured'})`
  }
  if (options.slo) {
    const key = options.slo.percentile
    const best = ok.reduce((x, y) => ((x.warm?.[key] ?? Infinity) <= (y.warm?.[key] ?? Infinity) ? x : y))
    const needs = bound ? `; a ${key} bound needs at least ${bound.needs} warm invokes per value, and more where one invoke in a hundred is an outlier (this run allowed ${bound.allowed}: --max-invocations)` : ''
    return contenders.length
      ? `no memory value is shown yet to meet ${key} ≤ ${ms(options.slo.ms)} (undecided: ${list(contenders)}; the lowest warm ${key} seen is ${ms(best.warm?.[key])} at ${best.memory} MB${needs})`
      : `no memory value meets ${key} ≤ ${ms(options.slo.ms)}: the lowest warm ${key} is ${ms(best.warm?.[key])} at ${best.memory} MB`
  }
  return `no memory value could be compared (undecided: ${list(contenders)})`
}

/** The reasons' words for figures, shared with aggregate-result.ts. */
export function ms(value: number | undefined | null): string {
  if (value === undefined || value === null) return '-'
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString()} ms`
}

export function perMillion(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '-'
  return `$${usd < 10 ? usd.toFixed(3) : usd.toFixed(2)}`
}

export function times(ratio: number): string {
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`
}

export function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

export function list(memories: readonly number[]): string {
  return [...memories].sort((a, b) => a - b).map((m) => `${m} MB`).join(', ')
}
