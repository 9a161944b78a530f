/**
 * CloudWatch statistics over one period's datapoints. Percentiles use the nearest-rank method on the raw values
 * (pNN = the value at rank ceil(NN/100 × N) of the N values sorted ascending), so tests can work them out by hand.
 * Trimmed means: tmNN (the values up to pNN), TM(a%:b%) (those above pA up to pB) and IQM (TM(25%:75%)).
 */

export type BasicStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum'

export const BASIC_STATISTICS: readonly BasicStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum']

export type Statistic =
  | { kind: 'basic'; name: BasicStatistic }
  /** pNN: percentile; tmNN / tcNN / tsNN: mean / count / sum of the values at or below pNN; IQM = tm(25%:75%) */
  | { kind: 'percentile'; name: string; family: 'p' | 'tm' | 'tc' | 'ts'; percent: number }
  | { kind: 'iqm'; name: 'IQM' }
  /** TM(a%:b%): the mean of the values ranked above pA, up to and including pB */
  | { kind: 'trimmed'; name: string; lower: number; upper: number }

/** One period's accumulated data: exact aggregates, plus the raw values when they are known. */
export interface Bucket {
  count: number
  sum: number
  min: number
  max: number
  /** raw values with weights (PutMetricData Counts); undefined once a StatisticSet made percentiles unknowable */
  raw: number[] | undefined
  weights: number[] | undefined
}

export function newBucket(): Bucket {
  return { count: 0, sum: 0, min: Infinity, max: -Infinity, raw: [], weights: [] }
}

export function parseStatistic(text: string): Statistic | undefined {
  if ((BASIC_STATISTICS as readonly string[]).includes(text)) return { kind: 'basic', name: text as BasicStatistic }
  if (text === 'IQM') return { kind: 'iqm', name: 'IQM' }
  const range = /^TM\((\d{1,2}(?:\.\d{1,10})?)%:(\d{1,3}(?:\.\d{1,10})?)%\)$/i.exec(text)
  if (range) {
    const lower = Number(range[1])
    const upper = Number(range[2])
    return lower < upper && upper <= 100 ? { kind: 'trimmed', name: text, lower, upper } : undefined
  }
  const match = /^(p|tm|tc|ts)(\d{1,2}(?:\.\d{1,10})?|100)$/.exec(text)
  if (!match) return undefined
  const percent = Number(match[2])
  if (!(percent > 0 && percent <= 100)) return undefined
  return { kind: 'percentile', name: text, family: match[1] as 'p' | 'tm' | 'tc' | 'ts', percent }
}

/** Sorted (value, weight) pairs of a bucket, expanded lazily by rank. */
interface Ranked {
  values: number[]
  /** cumulative weight up to and including index i */
  cumulative: number[]
  total: number
}

function rank(bucket: Bucket): Ranked | undefined {
  const raw = bucket.raw
  const weights = bucket.weights
  if (!raw || !weights || raw.length === 0) return undefined
  const order = raw.map((_, i) => i)
  order.sort((a, b) => raw[a]! - raw[b]!)
  const values: number[] = new Array(order.length)
  const cumulative: number[] = new Array(order.length)
  let total = 0
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!
    values[i] = raw[k]!
    total += weights[k]!
    cumulative[i] = total
  }
  return { values, cumulative, total }
}

/** index into ranked.values of the value at 1-based rank r (weights expanded) */
function indexOfRank(ranked: Ranked, r: number): number {
  let lo = 0
  let hi = ranked.cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ranked.cumulative[mid]! >= r) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** sum and count of the values with ranks in (fromRank, toRank], weights expanded */
function sumOfRanks(ranked: Ranked, fromRank: number, toRank: number): { sum: number; count: number } {
  let sum = 0
  let count = 0
  let previous = 0
  for (let i = 0; i < ranked.values.length; i++) {
    const upTo = ranked.cumulative[i]!
    const lo = Math.max(previous, fromRank)
    const hi = Math.min(upTo, toRank)
    if (hi > lo) {
      sum += ranked.values[i]! * (hi - lo)
      count += hi - lo
    }
    previous = upTo
    if (upTo >= toRank) break
  }
  return { sum, count }
}

/** the 1-based rank of pNN among `total` values sorted ascending */
export function nearestRank(total: number, percent: number): number {
  return Math.max(1, Math.ceil((percent / 100) * total - 1e-9))
}

/** The value of each statistic for one bucket; undefined where CloudWatch would return no value. */
export function computeStatistics(bucket: Bucket, statistics: readonly Statistic[]): Array<number | undefined> {
  let ranked: Ranked | undefined | null = null
  const ranks = (): Ranked | undefined => {
    if (ranked === null) ranked = rank(bucket)
    return ranked
  }
  return statistics.map((statistic) => {
    if (bucket.count === 0) return statistic.kind === 'basic' && statistic.name === 'SampleCount' ? 0 : undefined
    if (statistic.kind === 'basic') {
      switch (statistic.name) {
        case 'SampleCount':
          return bucket.count
        case 'Sum':
          return bucket.sum
        case 'Average':
          return bucket.sum / bucket.count
        case 'Minimum':
          return bucket.min
        case 'Maximum':
          return bucket.max
      }
    }
    const r = ranks()
    if (!r) return undefined
    if (statistic.kind === 'iqm' || statistic.kind === 'trimmed') {
      const [lower, upper] = statistic.kind === 'iqm' ? [25, 75] : [statistic.lower, statistic.upper]
      const { sum, count } = sumOfRanks(r, lower === 0 ? 0 : nearestRank(r.total, lower), nearestRank(r.total, upper))
      return count === 0 ? undefined : sum / count
    }
    const upTo = nearestRank(r.total, statistic.percent)
    if (statistic.family === 'p') return r.values[indexOfRank(r, upTo)]
    const { sum, count } = sumOfRanks(r, 0, upTo)
    if (statistic.family === 'tc') return count
    if (statistic.family === 'ts') return sum
    return count === 0 ? undefined : sum / count
  })
}
