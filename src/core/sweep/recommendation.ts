import { architectureClause, otherArchitecture } from './arch-compare.js'
import { valueLabel, valueRef } from './arch-values.js'
import type { Proof, ValueStatus } from './decide/race.js'
import type { RaceValue, SequentialOutcome } from './decide/sequential.js'
import type { MemoryResult, Recommendation, Strategy, SweepOptions, ValueDecision } from './types.js'

/** The words of each strategy's two measures, for the reasons. */
const WORDS: Record<Strategy, { best: string; primaryWorse: string; secondaryWorse: string; secondaryBetter: string; within: string }> = {
  cost: { best: 'the cheapest', primaryWorse: 'costs', secondaryWorse: 'slower', secondaryBetter: 'faster', within: 'costs within' },
  slo: { best: 'the cheapest', primaryWorse: 'costs', secondaryWorse: 'slower', secondaryBetter: 'faster', within: 'costs within' },
  speed: { best: 'the fastest', primaryWorse: 'takes', secondaryWorse: 'dearer', secondaryBetter: 'cheaper', within: 'is within' },
  balanced: { best: 'the best score', primaryWorse: 'scores', secondaryWorse: 'dearer', secondaryBetter: 'cheaper', within: 'scores within' },
}

const MEASURE = { cost: 'cost', slo: 'cost', speed: 'duration', balanced: 'score' } as const

/** How the reasons name a value: its result, and its label (`512 MB`, or `512 MB arm64` when several architectures ran). */
interface Names {
  result(id: number): MemoryResult | undefined
  label(id: number): string
}

/**
 * The JSON and table form of the decision: the recommendation, and one reason per value (by id). `values` says which
 * result each id is (results[i] is values[i]); without it, each result's id is its memory size.
 */
export function describeDecision(
  outcome: SequentialOutcome,
  results: readonly MemoryResult[],
  options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'confidence' | 'slo'>,
  /** slo: the fewest warm invokes per value a percentile bound needs at this run's looks, and the most the run allowed */
  bound?: { needs: number; allowed: number },
  values: readonly RaceValue[] = results.map((r) => ({ id: r.memory, memory: r.memory, architecture: r.architecture })),
  several = false,
): { recommendation: Recommendation; decisions: Map<number, ValueDecision> } {
  const a = outcome.assessment
  const index = new Map(values.map((v, i) => [v.id, i]))
  const valueOf = (id: number) => values[index.get(id) ?? -1]
  const names: Names = {
    result: (id) => results[index.get(id) ?? -1],
    label: (id) => {
      const v = valueOf(id)
      return v ? valueLabel(v, several) : `${id} MB`
    },
  }
  const ref = (id: number) => {
    const v = valueOf(id)
    return v ? valueRef(v, several) : id
  }
  const decisions = new Map<number, ValueDecision>()
  values.forEach((v, i) => decisions.set(v.id, valueDecision(a.status.get(v.id) ?? { state: 'open' }, results[i]!, options, a.pick, names)))
  const common = {
    settled: a.settled,
    stoppedBy: outcome.stoppedBy,
    contenders: a.settled ? [] : a.contenders.map(ref),
    ties: a.ties.map(ref),
    indistinguishable: a.ties.map(ref),
    tolerance: options.tolerance,
    confidence: options.confidence,
    bandPosition:
      a.toBest && a.best
        ? { measure: MEASURE[options.strategy], best: ref(a.best.id), ...a.toBest, proven: a.proven }
        : null,
    monthlySaving: null,
  }
  if (a.pick === null) {
    return { recommendation: { memory: null, architecture: null, otherArchitecture: null, reason: noPick(results, options, a.contenders, names, bound), ...common }, decisions }
  }
  const picked = names.result(a.pick)!
  const other = several ? otherArchitecture(picked, results) : null
  const reason = pickReason(a.pick, a.best?.id ?? a.pick, a.ties, names, options) + (other ? architectureClause(picked, other) : '')
  return { recommendation: { memory: picked.memory, architecture: picked.architecture, otherArchitecture: other, reason, ...common }, decisions }
}

function valueDecision(s: ValueStatus, r: MemoryResult, options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'slo'>, pick: number | null, names: Names): ValueDecision {
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
        reason: pick === null ? `undecided after ${n}` : `undecided after ${n}: could still be preferred to ${names.label(pick)}`,
        after: null,
      }
    case 'ruled out':
      if (s.why === 'slo') {
        return { status: 'ruled out', reason: `${options.slo?.percentile ?? 'percentile'} at least ${ms(s.bound)} at 95%, above the ${ms(options.slo?.ms ?? 0)} limit`, after: s.after }
      }
      return {
        status: 'ruled out',
        reason: s.why === 'primary' ? primaryReason(s.proof, options.strategy, names) : secondaryReason(s.proof, options, names),
        after: s.proof.after,
      }
  }
}

function primaryReason(p: Proof, strategy: Strategy, names: Names): string {
  const than = names.label(p.than)
  const what = strategy === 'speed' ? `${times(p.ratio)} slower than ${than}` : strategy === 'balanced' ? `scores ${times(p.ratio)} ${than}'s` : `costs ${times(p.ratio)} ${than}`
  return `${what} (at least ${times(p.bound)} at 95%)`
}

function secondaryReason(p: Proof, options: Pick<SweepOptions, 'strategy' | 'tolerance'>, names: Names): string {
  const w = WORDS[options.strategy]
  const than = names.label(p.than)
  const what = options.strategy === 'cost' || options.strategy === 'slo' ? `${times(p.ratio)} slower than ${than}` : `costs ${times(p.ratio)} ${than}`
  return `${what}, which ${w.within} ${pct(options.tolerance)} of ${w.best}`
}

function pickReason(pick: number, best: number, ties: readonly number[], names: Names, options: Pick<SweepOptions, 'strategy' | 'tolerance' | 'slo'>): string {
  const p = names.result(pick)
  const b = names.result(best)
  const P = names.label(pick)
  const B = names.label(best)
  const tol = pct(options.tolerance)
  const tied = ties.length ? `; ${list(ties, names)} ${ties.length > 1 ? 'are' : 'is'} tied with it within ${tol} on both measures` : ''
  const slo = options.slo ? ` among the values shown to meet ${options.slo.percentile} ≤ ${ms(options.slo.ms)}` : ''
  switch (options.strategy) {
    case 'speed':
      return pick === best
        ? `${P} is the fastest (warm p50 ${ms(p?.warm?.p50)}, ${perMillion(p?.costPerMillion)} per 1M invokes)${tied}`
        : `${P} is within ${tol} of the fastest (${B}, warm p50 ${ms(b?.warm?.p50)} against ${ms(p?.warm?.p50)}) and the cheapest of those (${perMillion(p?.costPerMillion)} against ${perMillion(b?.costPerMillion)} per 1M)${tied}`
    case 'balanced':
      return pick === best
        ? `${P} has the best balance of cost and speed (${perMillion(p?.costPerMillion)} per 1M invokes, warm p50 ${ms(p?.warm?.p50)})${tied}`
        : `${P} scores within ${tol} of the best balance (${B}) and is the cheapest of those (${perMillion(p?.costPerMillion)} against ${perMillion(b?.costPerMillion)} per 1M)${tied}`
    case 'cost':
    case 'slo':
      return pick === best
        ? `${P} is the cheapest${slo} (${perMillion(p?.costPerMillion)} per 1M invokes, warm p50 ${ms(p?.warm?.p50)})${tied}`
        : `${P} costs within ${tol} of the cheapest${slo} (${B}: ${perMillion(b?.costPerMillion)} against ${perMillion(p?.costPerMillion)} per 1M) and is the fastest of those (warm p50 ${ms(p?.warm?.p50)} against ${ms(b?.warm?.p50)})${tied}`
  }
}

function noPick(
  results: readonly MemoryResult[],
  options: Pick<SweepOptions, 'strategy' | 'slo'>,
  contenders: readonly number[],
  names: Names,
  bound?: { needs: number; allowed: number },
): string {
  const several = new Set(results.map((r) => r.architecture)).size > 1
  const label = (r: MemoryResult) => valueLabel(r, several)
  const ok = results.filter((r) => !r.failed && r.warm)
  if (ok.length === 0) {
    const failed = results.filter((r) => r.failed).map(label)
    return `no memory value can be recommended: every value failed (${failed.join(', ') || 'none measured'})`
  }
  if (options.slo) {
    const key = options.slo.percentile
    const best = ok.reduce((x, y) => ((x.warm?.[key] ?? Infinity) <= (y.warm?.[key] ?? Infinity) ? x : y))
    const needs = bound ? `; a ${key} bound needs at least ${bound.needs} warm invokes per value, and more where one invoke in a hundred is an outlier (this run allowed ${bound.allowed}: --max-invocations)` : ''
    return contenders.length
      ? `no memory value is shown yet to meet ${key} ≤ ${ms(options.slo.ms)} (undecided: ${list(contenders, names)}; the lowest warm ${key} seen is ${ms(best.warm?.[key])} at ${label(best)}${needs})`
      : `no memory value meets ${key} ≤ ${ms(options.slo.ms)}: the lowest warm ${key} is ${ms(best.warm?.[key])} at ${label(best)}`
  }
  return `no memory value could be compared (undecided: ${list(contenders, names)})`
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

function list(ids: readonly number[], names: Names): string {
  return [...ids].sort((a, b) => a - b).map((id) => names.label(id)).join(', ')
}

/** A list of memory sizes in the reasons' words, for results with one value per memory size. */
export function memoryList(memories: readonly number[]): string {
  return [...memories].sort((a, b) => a - b).map((m) => `${m} MB`).join(', ')
}
