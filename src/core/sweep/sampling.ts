import { costPerInvoke } from '../cost/index.js'
import { UsageError } from '../errors.js'
import { samplesForUpperBound, upperBoundRank } from '../stats/quantile-bounds.js'
import { lookSchedule } from './decide/looks.js'
import { sloAlpha } from './decide/race.js'
import type { PricingContext } from './types.js'

/** Values within 10% of the best count as equally good (cost, duration or score, by strategy). */
export const DEFAULT_TOLERANCE = 0.1
export const DEFAULT_CONFIDENCE = 0.95
/** The most warm invokes a value gets when no decision came sooner (cost, speed, balanced). */
export const DEFAULT_MAX_INVOCATIONS = 100
/** Nobody needs more: at σ 0.6 a tie is settled long before this. */
export const MAX_MAX_INVOCATIONS = 10_000

/** `--tolerance 10` or `10%`: a percentage from 0 to 50, returned as a share. */
export function parseTolerance(text: string): number {
  const value = percent(text)
  if (value === undefined || value < 0 || value > 50) {
    throw new UsageError(`--tolerance must be a percentage from 0 to 50 (e.g. 10 for 10%), got '${text}'`)
  }
  return value / 100
}

/** `--confidence 95` or `95%`: a percentage above 50 and below 100, returned as a share. */
export function parseConfidence(text: string): number {
  const value = percent(text)
  if (value === undefined || !(value > 50 && value < 100)) {
    throw new UsageError(`--confidence must be a percentage above 50 and below 100 (e.g. 95), got '${text}'`)
  }
  return value / 100
}

export interface Budget {
  usd?: number
  gbSeconds?: number
}

/** `--budget $0.50`, `0.5usd`, `0.5 USD` (dollars) or `300GB-s`, `300 gbs` (GB-seconds): what the whole run may spend. */
export function parseBudget(text: string): Budget {
  const t = text.trim()
  const usd = /^\$\s*([0-9]*\.?[0-9]+)$|^([0-9]*\.?[0-9]+)\s*(?:usd|\$)$/i.exec(t)
  if (usd) return positiveBudget({ usd: Number(usd[1] ?? usd[2]) }, text)
  const gbs = /^([0-9]*\.?[0-9]+)\s*gb-?s(?:ec(?:onds?)?)?$/i.exec(t)
  if (gbs) return positiveBudget({ gbSeconds: Number(gbs[1]) }, text)
  throw new UsageError(`--budget: cannot read '${text}' as dollars or GB-seconds (e.g. $0.50 or 300GB-s)`)
}

function positiveBudget(b: Budget, text: string): Budget {
  if (!((b.usd ?? b.gbSeconds ?? 0) > 0)) throw new UsageError(`--budget must be above zero, got '${text}'`)
  return b
}

/**
 * The most a round can cost: one invoke of every value, each running to the function's timeout (and a billed INIT
 * to its 10 s limit). A budget below this could not pay for the first look.
 */
export function oneRoundBound(memories: readonly number[], timeoutSeconds: number, pricing: PricingContext): Budget & { usd: number; gbSeconds: number } {
  let usd = 0
  let gbSeconds = 0
  for (const memoryMB of memories) {
    const c = costPerInvoke({
      memoryMB,
      billedDurationMs: timeoutSeconds * 1000,
      arch: pricing.arch,
      region: pricing.region,
      ...(pricing.initBilled ? { initBilledMs: 10_000 } : {}),
    })
    usd += c.totalUsd
    gbSeconds += c.gbSeconds
  }
  return { usd, gbSeconds }
}

/**
 * slo: the default budget of warm invokes per value. The fewest that give any bound would make it the largest invoke
 * seen, which one outlier in a hundred pushes past any limit; so enough that the bound sits no higher than halfway
 * between the percentile and the maximum (the p97.5 for a p95, the p99.5 for a p99). The bound's error is shared
 * over the looks, so the count is found together with the looks it implies.
 */
export function sloInvocations(percentile: 'p95' | 'p99', confidence: number): number {
  const p = percentile === 'p99' ? 0.99 : 0.95
  for (let max = 10; max <= MAX_MAX_INVOCATIONS; max = Math.ceil(max * 1.1)) {
    const level = 1 - sloAlpha({ confidence, looks: lookSchedule(max).length })
    const rank = upperBoundRank(max, p, level)
    if (rank !== undefined && rank / max <= p + (1 - p) / 2) return max
  }
  return MAX_MAX_INVOCATIONS
}

/** The fewest warm invokes a percentile bound needs with the looks of a run that goes up to `max`. */
export function invokesForBound(percentile: 'p95' | 'p99', confidence: number, max: number): number {
  return samplesForUpperBound(percentile === 'p99' ? 0.99 : 0.95, 1 - sloAlpha({ confidence, looks: lookSchedule(max).length }))
}

function percent(text: string): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*%?\s*$/.exec(text)
  return m ? Number(m[1]) : undefined
}
