import { indistinguishable, type SampleMoments } from '../stats/compare.js'
import { trimmedMoments, type Summary } from '../stats/summary.js'
import { speedBasis } from './results.js'
import type { MemoryResult, Recommendation, SweepOptions } from './types.js'

interface Candidate {
  memory: number
  time: Summary
  cost: number
  costMoments: SampleMoments
}

/**
 * Picks a memory value by the strategy, with its reason in one sentence. Failed values are never candidates.
 * cost: the cheapest; among values whose cost the data cannot tell apart from the cheapest's (Welch's t-test on the
 * per-invoke costs, i.e. the 95% interval of the difference holds 0), the fastest.
 * speed: the fastest by trimmed mean; among values the data cannot tell apart from it (Yuen's trimmed-means test, which
 * is Welch's without trimming), the cheapest.
 * balanced: the lowest weight × normalised cost + (1 − weight) × normalised time.
 * slo: the cheapest whose warm pXX meets the limit; ties by cost as for `cost`.
 */
export function recommend(results: readonly MemoryResult[], options: Pick<SweepOptions, 'strategy' | 'weight' | 'slo'>): Recommendation {
  const candidates = toCandidates(results)
  if (candidates.length === 0) {
    const failed = results.filter((r) => r.failed).map((r) => `${r.memory} MB`)
    return {
      memory: null,
      reason: `no memory value can be recommended: every value failed (${failed.join(', ') || 'none measured'})`,
      indistinguishable: [],
    }
  }
  switch (options.strategy) {
    case 'speed':
      return bySpeed(candidates)
    case 'balanced':
      return byBalance(candidates, options.weight)
    case 'slo':
      if (!options.slo) throw new Error('slo strategy needs a percentile limit')
      return bySlo(candidates, options.slo)
    case 'cost':
      return byCost(candidates, 'is the cheapest')
  }
}

function toCandidates(results: readonly MemoryResult[]): Candidate[] {
  const out: Candidate[] = []
  for (const r of results) {
    const time = speedBasis(r)
    if (r.failed || !time || r.costPerInvocation === null) continue
    const count = r.warm?.count ?? r.cold?.count ?? 1
    out.push({ memory: r.memory, time, cost: r.costPerInvocation, costMoments: { count, mean: r.costPerInvocation, stddev: r.costStddev ?? 0 } })
  }
  return out
}

function byCost(candidates: Candidate[], verb: string, extra = ''): Recommendation {
  const cheapest = minBy(candidates, (c) => c.cost)
  const tied = candidates.filter((c) => c === cheapest || indistinguishable(c.costMoments, cheapest.costMoments))
  const pick = minBy(tied, (c) => c.time.trimmedMean)
  const others = tied.filter((c) => c !== pick).map((c) => c.memory)
  const reason =
    pick === cheapest
      ? `${pick.memory} MB ${verb}${extra} at ${perMillion(pick.cost)} per 1M invokes (warm p50 ${ms(pick.time.p50)})` +
        (others.length ? `; ${list(others)} cost the same within noise but are slower` : '')
      : `${pick.memory} MB costs the same as the cheapest (${cheapest.memory} MB, ${perMillion(cheapest.cost)} per 1M) within noise${extra} and is the fastest of them (warm p50 ${ms(pick.time.p50)} against ${ms(cheapest.time.p50)})`
  return { memory: pick.memory, reason, indistinguishable: others.sort((a, b) => a - b) }
}

function bySpeed(candidates: Candidate[]): Recommendation {
  const fastest = minBy(candidates, (c) => c.time.trimmedMean)
  const tied = candidates.filter((c) => c === fastest || indistinguishable(trimmedMoments(c.time), trimmedMoments(fastest.time)))
  const pick = minBy(tied, (c) => c.cost)
  const others = tied.filter((c) => c !== pick).map((c) => c.memory)
  const reason =
    pick === fastest
      ? `${pick.memory} MB is the fastest (warm p50 ${ms(pick.time.p50)}, trimmed mean ${ms(pick.time.trimmedMean)})` +
        (others.length ? `; ${list(others)} are as fast within noise but cost more` : '')
      : `${pick.memory} MB is as fast as the fastest (${fastest.memory} MB) within noise (trimmed mean ${ms(pick.time.trimmedMean)} against ${ms(fastest.time.trimmedMean)}) and the cheapest of them at ${perMillion(pick.cost)} per 1M invokes`
  return { memory: pick.memory, reason, indistinguishable: others.sort((a, b) => a - b) }
}

function byBalance(candidates: Candidate[], weight: number): Recommendation {
  const norm = (values: number[]) => {
    const lo = Math.min(...values)
    const hi = Math.max(...values)
    return values.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0))
  }
  const costs = norm(candidates.map((c) => c.cost))
  const times = norm(candidates.map((c) => c.time.trimmedMean))
  const scores = candidates.map((c, i) => ({ c, score: weight * costs[i]! + (1 - weight) * times[i]! }))
  const pick = minBy(scores, (s) => s.score).c
  const others = candidates
    .filter((c) => c !== pick && indistinguishable(c.costMoments, pick.costMoments) && indistinguishable(trimmedMoments(c.time), trimmedMoments(pick.time)))
    .map((c) => c.memory)
  const reason =
    `${pick.memory} MB has the best balance of cost and speed at weight ${weight} ` +
    `(${perMillion(pick.cost)} per 1M invokes, warm p50 ${ms(pick.time.p50)})` +
    (others.length ? `; ${list(others)} are the same within noise` : '')
  return { memory: pick.memory, reason, indistinguishable: others.sort((a, b) => a - b) }
}

function bySlo(candidates: Candidate[], slo: { percentile: 'p95' | 'p99'; ms: number }): Recommendation {
  const meeting = candidates.filter((c) => c.time[slo.percentile] <= slo.ms)
  if (meeting.length === 0) {
    const best = minBy(candidates, (c) => c.time[slo.percentile])
    return {
      memory: null,
      reason: `no memory value meets ${slo.percentile} ≤ ${ms(slo.ms)}: the lowest warm ${slo.percentile} is ${ms(best.time[slo.percentile])} at ${best.memory} MB`,
      indistinguishable: [],
    }
  }
  return byCost(meeting, `is the cheapest value`, ` that meets ${slo.percentile} ≤ ${ms(slo.ms)}`)
}

function minBy<T>(items: readonly T[], key: (item: T) => number): T {
  let best = items[0] as T
  for (const item of items) if (key(item) < key(best)) best = item
  return best
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString()} ms`
}

function perMillion(usd: number): string {
  const m = usd * 1e6
  return `$${m < 10 ? m.toFixed(3) : m.toFixed(2)}`
}

function list(memories: number[]): string {
  return [...memories].sort((a, b) => a - b).map((m) => `${m} MB`).join(', ')
}
