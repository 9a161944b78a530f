import { lowerBoundRank, upperBoundRank } from '../stats/quantile-bounds.js'

/**
 * A percentile of a whole window cannot be put together from per-period percentiles, but CloudWatch computes any
 * percentile statistic (`p99.53`) over a period as long as the window: one datapoint from all of the window's
 * invokes. A distribution-free confidence bound of a quantile is an order statistic (its rank from the binomial
 * distribution, see src/core/stats/quantile-bounds.ts), and an order statistic is a percentile statistic: rank k of n
 * is pX with X in (100(k−1)/n, 100k/n] under the nearest-rank rule. X is written with two decimals and rounded
 * away from the bound's side (up for an upper bound, down for a lower one), so the rank read is never less
 * conservative than the rank asked for.
 */
export interface RankStatistic {
  /** e.g. `p99.53` */
  stat: string
  /** the rank asked for, 1-based */
  rank: number
}

export function rankStatistic(n: number, rank: number, side: 'upper' | 'lower'): string {
  const exact = (100 * (rank - 0.5)) / n
  const rounded = side === 'upper' ? Math.ceil(exact * 100 - 1e-9) / 100 : Math.floor(exact * 100 + 1e-9) / 100
  const percent = Math.min(100, Math.max(0.01, rounded))
  return `p${Number(percent.toFixed(2))}`
}

/** The statistic that reads an upper or lower `confidence` bound of quantile q from n invokes; null when n is too small. */
export function boundStatistic(n: number, q: number, confidence: number, side: 'upper' | 'lower'): RankStatistic | null {
  if (!(n >= 1)) return null
  const rank = side === 'upper' ? upperBoundRank(n, q, confidence) : lowerBoundRank(n, q, confidence)
  return rank === undefined ? null : { stat: rankStatistic(n, rank, side), rank }
}

/** The CloudWatch name of a percentile given as a share: 0.99 -> p99. */
export function percentileStat(q: number): string {
  return `p${Number((q * 100).toFixed(2))}`
}
