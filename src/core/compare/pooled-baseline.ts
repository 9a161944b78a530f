import { quantileSorted } from 'simple-statistics'
import { UsageError } from '../errors.js'
import type { ComparableGroup, ComparableRun } from './result-files.js'

/**
 * Several sweeps of one function read as one run: a baseline taken on different days, so that no single run's luck
 * (a fast host, a quiet hour) becomes the yardstick of every night after it. Samples are concatenated; summaries and
 * costs are pooled exactly (count, mean, sample standard deviation); the pick is the one most sweeps made (the later
 * on a tie). Sweeps of different functions are simply put side by side.
 */
export function mergeSweeps(runs: readonly ComparableRun[], file: string): ComparableRun {
  const picks: Record<string, number | null> = {}
  const context: ComparableRun['context'] = {}
  const groups = new Map<string, ComparableGroup[]>()
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.context)))]
  for (const fn of names) {
    const own = runs.filter((r) => fn in r.context)
    const places = new Set(own.map((r) => `${r.context[fn]!.region ?? '?'} ${r.context[fn]!.architecture ?? '?'}`))
    if (places.size > 1) throw new UsageError(`${file}: the sweeps of ${fn} ran in different regions or architectures (${[...places].join(', ')}): they cannot be pooled`)
    context[fn] = own[0]!.context[fn]!
    picks[fn] = mostCommon(own.map((r) => r.picks[fn] ?? null))
  }
  for (const g of runs.flatMap((r) => r.groups)) groups.set(g.key, [...(groups.get(g.key) ?? []), g])
  // a pooled pick is as sure as its least sure sweep: the last one that made it
  const certainty: ComparableRun['certainty'] = {}
  for (const fn of names) {
    const made = runs.filter((r) => fn in r.context && r.picks[fn] === picks[fn] && r.certainty[fn])
    const least = made.find((r) => !r.certainty[fn]!.settled) ?? made.at(-1)
    if (least) certainty[fn] = least.certainty[fn]!
  }
  return { kind: 'sweep', picks, certainty, context, groups: [...groups.values()].map((gs) => (gs.length === 1 ? gs[0]! : mergeGroups(gs))) }
}

function mostCommon(picks: (number | null)[]): number | null {
  const counts = new Map<number, number>()
  let best: number | null = null
  for (const p of picks) {
    if (p === null) continue
    counts.set(p, (counts.get(p) ?? 0) + 1)
    if (best === null || counts.get(p)! >= counts.get(best)!) best = p
  }
  return best
}

function mergeGroups(gs: ComparableGroup[]): ComparableGroup {
  const first = gs[0]!
  const samples = gs.every((g) => g.samples) ? gs.flatMap((g) => g.samples!) : null
  const sorted = samples ? [...samples].sort((a, b) => a - b) : null
  const summaries = gs.map((g) => g.summary)
  const moments = summaries.every((s) => s && s.stddev !== null) ? pool(summaries.map((s) => ({ count: s!.count, mean: s!.mean, stddev: s!.stddev! }))) : null
  const costs = gs.map((g) => g.cost)
  const cost = costs.every((c) => c) ? pool(costs.map((c) => c!)) : null
  const billed = gs.every((g) => g.meanBilledMs !== null && g.cost) ? gs.reduce((s, g) => s + g.meanBilledMs! * g.cost!.count, 0) / gs.reduce((s, g) => s + g.cost!.count, 0) : null
  return {
    ...first,
    samples,
    summary: moments && { ...moments, p50: sorted ? quantileSorted(sorted, 0.5) : null, p99: sorted ? quantileSorted(sorted, 0.99) : null },
    cost,
    costPerMillion: cost ? cost.mean * 1e6 : null,
    meanBilledMs: billed,
    failed: gs.some((g) => g.failed),
  }
}

/** Count, mean and sample standard deviation of the union of samples described by theirs. */
function pool(parts: { count: number; mean: number; stddev: number }[]): { count: number; mean: number; stddev: number } {
  const count = parts.reduce((n, p) => n + p.count, 0)
  const mean = parts.reduce((s, p) => s + p.count * p.mean, 0) / count
  const squares = parts.reduce((s, p) => s + (p.count - 1) * p.stddev ** 2 + p.count * (p.mean - mean) ** 2, 0)
  return { count, mean, stddev: count > 1 ? Math.sqrt(squares / (count - 1)) : 0 }
}
