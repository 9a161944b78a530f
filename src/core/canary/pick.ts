import type { LinearCost } from './cost.js'
import { difference, evaluate, lower, upper, type Estimate, type LinearForm } from './linear.js'
import type { PickOptions } from './types.js'

/** One memory setting the pick can choose: the alias's own version or a candidate that served its whole window. */
export interface PickOption {
  memory: number
  /** the alias's own version: the yardstick every candidate was measured against (its ratio is exactly 1) */
  main: boolean
  /** mean duration relative to the main version's (from pairedRatio) */
  ratio: Estimate
  cost: LinearCost
  /** slo: the percentile's point value and its upper confidence bound, ms */
  slo?: { point: number | null; upper: number | null }
}

export interface CanaryRecommendation {
  /** the memory to set, or null when no option qualifies (slo) */
  memory: number | null
  reason: string
  /**
   * true when the data back the pick at the confidence asked for: under the rule (with the tolerance as slack) no
   * other option can be the better answer, every candidate ran its whole window and the slo bounds decided
   */
  settled: boolean
  /** options within the tolerance of the pick on the strategy's first measure */
  tied: number[]
  /** when not settled: the options that could still be the answer besides the pick */
  contenders: number[]
}

export interface PickInput {
  options: PickOption[]
  /** the main version's mean duration, ms: options' durations are ratio × this */
  mainMeanMs: number
  /** candidates stopped for thin traffic, or without a single paired period: not measured, so not ruled out */
  undecided: number[]
  pick: PickOptions
}

/**
 * The sweep's strategies with a practical-equivalence tolerance τ (issue #10), judged on intervals:
 * cost: options costing within τ of the cheapest are equally cheap, and the fastest of them wins;
 * speed: options within τ of the fastest are equally fast, and the cheapest of them wins;
 * balanced: score = costWeight × cost/cost(main) + (1 − costWeight) × duration/duration(main), options within τ of the
 * lowest score tie, and the cheapest of them wins;
 * slo: the cost rule among options whose percentile's upper confidence bound meets the limit.
 * The point estimates choose; the intervals only say whether the choice is settled: for cost, the pick's cost is within
 * τ of every other option's (upper bound of cost(pick) − (1+τ)·cost(j) ≤ 0), and any option not surely outside the band
 * is surely not faster by more than τ. All these one-sided bounds hold together at `confidence` (Bonferroni).
 */
export function pickMemory(input: PickInput): CanaryRecommendation {
  const { options, pick } = input
  const main = options.find((o) => o.main)
  if (!main) throw new Error('pickMemory needs the main version among the options')
  const T = input.mainMeanMs
  const time = (o: PickOption): LinearForm => (o.main ? { constant: T, terms: [] } : { constant: 0, terms: [{ coef: T, x: o.ratio }] })
  const cost = (o: PickOption): LinearForm =>
    o.main ? { constant: o.cost.fixedUsd + o.cost.perMsUsd * T, terms: [] } : { constant: o.cost.fixedUsd, terms: [{ coef: o.cost.perMsUsd * T, x: o.ratio }] }
  const mainCost = cost(main).constant
  const score = (o: PickOption): LinearForm => {
    const c = cost(o)
    const t = time(o)
    const w = pick.costWeight
    return {
      constant: (w * c.constant) / mainCost + ((1 - w) * t.constant) / T,
      terms: [...c.terms.map((x) => ({ coef: (w * x.coef) / mainCost, x: x.x })), ...t.terms.map((x) => ({ coef: ((1 - w) * x.coef) / T, x: x.x }))],
    }
  }
  const statements = Math.max(1, 2 * (options.length - 1 + input.undecided.length))
  const confidence = { each: 1 - (1 - pick.confidence) / statements, all: pick.confidence }
  const undecidedNote = input.undecided.length
    ? `; not settled: ${list(input.undecided)} stopped before the data could decide`
    : ''

  switch (pick.strategy) {
    case 'cost':
      return withUndecided(byRule(options, cost, time, 'cost', pick.tolerance, confidence), input.undecided, undecidedNote)
    case 'speed':
      return withUndecided(byRule(options, time, cost, 'speed', pick.tolerance, confidence), input.undecided, undecidedNote)
    case 'balanced':
      return withUndecided(byBalance(options, score, cost, pick.tolerance, pick.costWeight, confidence), input.undecided, undecidedNote)
    case 'slo': {
      if (!pick.slo) throw new Error('slo strategy needs a percentile limit')
      const { percentile, ms } = pick.slo
      const eligible = options.filter((o) => o.slo?.upper !== null && o.slo?.upper !== undefined && o.slo.upper <= ms)
      const unsure = options.filter((o) => !eligible.includes(o) && o.slo?.point !== null && o.slo?.point !== undefined && o.slo.point <= ms)
      if (eligible.length === 0) {
        return {
          memory: null,
          reason: `no option meets ${percentile} ≤ ${fmtMs(ms)} with ${pct(pick.confidence)} confidence` +
            (unsure.length ? ` (${list(unsure.map((o) => o.memory))} meet it on the point estimate only: more traffic would tell)` : ''),
          settled: unsure.length === 0 && input.undecided.length === 0,
          tied: [],
          contenders: unsure.map((o) => o.memory).sort((a, b) => a - b),
        }
      }
      const r = byRule(eligible, cost, time, 'cost', pick.tolerance, confidence, ` among those whose ${percentile} is surely ≤ ${fmtMs(ms)}`)
      const extra = unsure.length ? `; not settled: ${list(unsure.map((o) => o.memory))} may meet the limit too` : ''
      return withUndecided(
        { ...r, settled: r.settled && unsure.length === 0, contenders: [...new Set([...r.contenders, ...unsure.map((o) => o.memory)])].sort((a, b) => a - b), reason: r.reason + extra },
        input.undecided,
        undecidedNote,
      )
    }
  }
}

function withUndecided(r: CanaryRecommendation, undecided: number[], note: string): CanaryRecommendation {
  if (undecided.length === 0) return r
  return { ...r, settled: false, contenders: [...new Set([...r.contenders, ...undecided])].sort((a, b) => a - b), reason: r.reason + note }
}

/** cost (primary cost, secondary time) or speed (primary time, secondary cost), with tolerance τ on both. */
function byRule(
  options: PickOption[],
  primary: (o: PickOption) => LinearForm,
  secondary: (o: PickOption) => LinearForm,
  kind: 'cost' | 'speed',
  tau: number,
  confidence: Confidence,
  scope = '',
): CanaryRecommendation {
  const p = new Map(options.map((o) => [o, evaluate(primary(o)).value]))
  const s = new Map(options.map((o) => [o, evaluate(secondary(o)).value]))
  const best = argmin(options, (o) => p.get(o)!)
  const band = options.filter((o) => p.get(o)! <= (1 + tau) * p.get(best)!)
  const chosen = argmin(band, (o) => s.get(o)!)
  const contenders: number[] = []
  for (const j of options) {
    if (j === chosen) continue
    const withinTolerance = upper(evaluate(difference(primary(chosen), primary(j), 1 + tau)), confidence.each) <= 0
    const surelyOutside = lower(evaluate(difference(primary(j), primary(chosen), 1 + tau)), confidence.each) > 0
    const notBeaten = surelyOutside || upper(evaluate(difference(secondary(chosen), secondary(j), 1 + tau)), confidence.each) <= 0
    if (!withinTolerance || !notBeaten) contenders.push(j.memory)
  }
  const tied = band.filter((o) => o !== chosen).map((o) => o.memory).sort((a, b) => a - b)
  const first = kind === 'cost' ? 'cheapest' : 'fastest'
  const second = kind === 'cost' ? 'fastest' : 'cheapest'
  const costText = (usd: number) => `${perMillion(usd)} per 1M invokes`
  const primaryText = (o: PickOption) => (kind === 'cost' ? costText(p.get(o)!) : `mean ${fmtMs(p.get(o)!)}`)
  const secondaryText = (o: PickOption) => (kind === 'cost' ? `mean ${fmtMs(s.get(o)!)}` : costText(s.get(o)!))
  const head =
    chosen === best
      ? `${label(chosen)} is the ${first}${scope} (${primaryText(chosen)})`
      : `${label(chosen)} is within ${pct(tau)} of the ${first}${scope} (${label(best)}, ${primaryText(best)}) and the ${second} of those (${secondaryText(chosen)})`
  const ties = tied.length ? `; ${list(tied)} ${tied.length === 1 ? 'is' : 'are'} within ${pct(tau)} but ${kind === 'cost' ? 'slower' : 'cost more'}` : ''
  const verdict = contenders.length === 0 ? `; settled at ${pct(confidence.all)}` : `; not settled: the data cannot yet rule out ${list(contenders)}`
  return { memory: chosen.memory, reason: head + ties + verdict, settled: contenders.length === 0, tied, contenders: contenders.sort((a, b) => a - b) }
}

function byBalance(
  options: PickOption[],
  score: (o: PickOption) => LinearForm,
  cost: (o: PickOption) => LinearForm,
  tau: number,
  weight: number,
  confidence: Confidence,
): CanaryRecommendation {
  const sc = new Map(options.map((o) => [o, evaluate(score(o)).value]))
  const c = new Map(options.map((o) => [o, evaluate(cost(o)).value]))
  const best = argmin(options, (o) => sc.get(o)!)
  const band = options.filter((o) => sc.get(o)! <= sc.get(best)! + tau)
  const chosen = argmin(band, (o) => c.get(o)!)
  const contenders = options
    .filter((j) => j !== chosen && upper(evaluate(difference(score(chosen), score(j))), confidence.each) > tau)
    .map((o) => o.memory)
    .sort((a, b) => a - b)
  const tied = band.filter((o) => o !== chosen).map((o) => o.memory).sort((a, b) => a - b)
  const reason =
    `${label(chosen)} has ${chosen === best ? 'the best' : `a score within ${pct(tau)} of the best`} balance of cost and speed at cost weight ${weight} ` +
    `(score ${sc.get(chosen)!.toFixed(3)}, the current setting = 1; ${perMillion(c.get(chosen)!)} per 1M invokes)` +
    (tied.length ? `; ${list(tied)} score within ${pct(tau)} but cost more` : '') +
    (contenders.length === 0 ? `; settled at ${pct(confidence.all)}` : `; not settled: the data cannot yet rule out ${list(contenders)}`)
  return { memory: chosen.memory, reason, settled: contenders.length === 0, tied, contenders }
}

/** Ties go to the current setting, then to less memory. */
function argmin(options: PickOption[], key: (o: PickOption) => number): PickOption {
  let best = options[0]!
  for (const o of options.slice(1)) {
    const a = key(o)
    const b = key(best)
    if (a < b || (a === b && !best.main && (o.main || o.memory < best.memory))) best = o
  }
  return best
}

/** each: of one one-sided bound; all: of all of them together (Bonferroni) */
interface Confidence {
  each: number
  all: number
}

function label(o: PickOption): string {
  return `${o.memory} MB${o.main ? ' (the current setting)' : ''}`
}

function list(memories: number[]): string {
  return [...memories].sort((a, b) => a - b).map((m) => `${m} MB`).join(', ')
}

function pct(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`
}

function fmtMs(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString()} ms`
}

function perMillion(usd: number): string {
  const m = usd * 1e6
  return `$${m < 10 ? m.toFixed(3) : m.toFixed(2)}`
}
