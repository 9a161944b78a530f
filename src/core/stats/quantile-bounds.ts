import { gammaln } from 'simple-statistics'

/**
 * Distribution-free confidence bounds for a percentile from order statistics: whatever the shape of the durations,
 * the k-th smallest of n independent samples is an upper bound of the p-quantile with probability
 * P(Binomial(n, p) <= k - 1), and a lower bound with probability P(Binomial(n, p) >= k). So a p99 needs 299 samples
 * before even the maximum bounds it at 95%, and a p95 needs 59.
 */

/** P(Binomial(n, p) <= k), summed in log space so that n in the tens of thousands stays exact to ~1e-12. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0
  if (k >= n) return 1
  if (p <= 0) return 1
  if (p >= 1) return 0
  let sum = 0
  for (let i = 0; i <= k; i++) sum += binomialPmf(i, n, p)
  return Math.min(1, sum)
}

function binomialPmf(i: number, n: number, p: number): number {
  return Math.exp(gammaln(n + 1) - gammaln(i + 1) - gammaln(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p))
}

/**
 * The 1-based rank k of the smallest order statistic that is an upper `confidence` bound of the p-quantile of n
 * samples, or undefined when even the maximum is not (too few samples).
 */
export function upperBoundRank(n: number, p: number, confidence: number): number | undefined {
  const first = Math.max(1, Math.ceil(n * p))
  // P(Binomial(n, p) <= k - 1), grown one term at a time
  let covered = binomialCdf(first - 1, n, p)
  for (let k = first; k <= n; k++) {
    if (k > first) covered += binomialPmf(k - 1, n, p)
    // the maximum's coverage is exactly 1 - p^n; the running sum only reaches it up to rounding
    if ((k === n ? -Math.expm1(n * Math.log(p)) : covered) >= confidence) return k
  }
  return undefined
}

/** The 1-based rank k of the largest order statistic that is a lower `confidence` bound of the p-quantile. */
export function lowerBoundRank(n: number, p: number, confidence: number): number | undefined {
  const first = Math.min(n, Math.floor(n * p) + 1)
  // P(Binomial(n, p) <= k - 1), shrunk one term at a time
  let below = binomialCdf(first - 1, n, p)
  for (let k = first; k >= 1; k--) {
    if (k < first) below -= binomialPmf(k, n, p)
    if (1 - below >= confidence) return k
  }
  return undefined
}

/** The fewest samples whose maximum is an upper `confidence` bound of the p-quantile: p^n <= 1 - confidence. */
export function samplesForUpperBound(p: number, confidence: number): number {
  return Math.ceil(Math.log(1 - confidence) / Math.log(p) - 1e-9)
}

export interface QuantileBound {
  /** the bound's value, or null when the sample is too small to give one */
  value: number | null
  /** its 1-based rank in the sorted sample */
  rank: number | null
}

/** Upper confidence bound of the p-quantile of `sorted` (ascending). */
export function quantileUpperBound(sorted: readonly number[], p: number, confidence: number): QuantileBound {
  const k = upperBoundRank(sorted.length, p, confidence)
  return k === undefined ? { value: null, rank: null } : { value: sorted[k - 1]!, rank: k }
}

/** Lower confidence bound of the p-quantile of `sorted` (ascending). */
export function quantileLowerBound(sorted: readonly number[], p: number, confidence: number): QuantileBound {
  const k = lowerBoundRank(sorted.length, p, confidence)
  return k === undefined ? { value: null, rank: null } : { value: sorted[k - 1]!, rank: k }
}
