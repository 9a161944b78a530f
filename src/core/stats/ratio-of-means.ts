import { studentTCdf } from './student-t.js'

/**
 * A mean as an estimate: its value, the variance of that value (s² / n for a sample mean; a sum of such for a sum of
 * means) and its degrees of freedom (n − 1; Welch–Satterthwaite for a sum).
 */
export interface MeanEstimate {
  mean: number
  variance: number
  df: number
}

export function meanEstimate(count: number, mean: number, stddev: number): MeanEstimate {
  return { mean, variance: (stddev * stddev) / count, df: count - 1 }
}

/** The sum of independent mean estimates, with Welch–Satterthwaite degrees of freedom. */
export function sumOfMeans(parts: readonly MeanEstimate[]): MeanEstimate {
  const variance = parts.reduce((v, p) => v + p.variance, 0)
  const denominator = parts.reduce((v, p) => v + (p.df > 0 ? (p.variance * p.variance) / p.df : 0), 0)
  return {
    mean: parts.reduce((s, p) => s + p.mean, 0),
    variance,
    df: denominator > 0 ? (variance * variance) / denominator : parts.reduce((s, p) => s + p.df, 0),
  }
}

/**
 * Welch's test of H0: μ_num ≤ r × μ_den for a ratio r of two independent means, on the Fieller pivot
 * (m_num − r m_den) / √(V_num + r² V_den) with Welch–Satterthwaite degrees of freedom. One-sided p-value.
 */
export function ratioOfMeansPValue(num: MeanEstimate, den: MeanEstimate, r: number): number {
  const { t, df } = pivot(num, den, r)
  if (!Number.isFinite(t)) return t > 0 ? 0 : 1
  return 1 - studentTCdf(t, df)
}

/**
 * The (1 − alpha) lower confidence bound of μ_num / μ_den (Fieller's, with Welch's degrees of freedom): the largest
 * ratio the test still rejects, found by bisection. 0 when not even a ratio of 0 is rejected; null when either
 * estimate has no degrees of freedom.
 */
export function ratioOfMeansLowerBound(num: MeanEstimate, den: MeanEstimate, alpha: number): number | null {
  if (!(num.df > 0 && den.df > 0) || !(den.mean > 0) || !(alpha > 0 && alpha < 1)) return null
  // t > the (1 − alpha) quantile, asked of the CDF: one incomplete beta per step instead of a bisection
  const rejects = (r: number) => {
    const { t, df } = pivot(num, den, r)
    return Number.isFinite(t) ? 1 - studentTCdf(t, df) < alpha : t > 0
  }
  if (!rejects(0)) return 0
  let lo = 0
  let hi = Math.max(num.mean / den.mean, 0)
  for (let i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2
    if (rejects(mid)) lo = mid
    else hi = mid
  }
  return lo
}

function pivot(num: MeanEstimate, den: MeanEstimate, r: number): { t: number; df: number } {
  const vn = num.variance
  const vd = r * r * den.variance
  const v = vn + vd
  const diff = num.mean - r * den.mean
  if (v === 0) return { t: diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity, df: num.df + den.df }
  const denominator = (num.df > 0 ? (vn * vn) / num.df : 0) + (den.df > 0 ? (vd * vd) / den.df : 0)
  return { t: diff / Math.sqrt(v), df: denominator > 0 ? (v * v) / denominator : num.df + den.df }
}
