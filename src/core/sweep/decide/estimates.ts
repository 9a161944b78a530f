import { summarize, trimmedMoments } from '../../stats/summary.js'
import { studentTQuantile } from '../../stats/student-t.js'

/**
 * What the sequential decisions compare: each value's trimmed mean of a measure (cost per invoke, duration), on the
 * log scale so that "within 10%" is a difference of ln(1.1) whatever the size, with Yuen's standard error of the
 * trimmed mean (Wilcox, 2012): robust to the odd slow invoke, exact for normal data, close for lognormal ones.
 */
export interface LogEstimate {
  /** warm invokes behind it */
  n: number
  /** ln(trimmed mean) */
  log: number
  /** standard error of ln(trimmed mean): Yuen's standard error over the trimmed mean (delta method) */
  se: number
  /** Yuen's degrees of freedom: the trimmed count less one (0 when there is no spread to speak of) */
  df: number
}

/** The log estimate of a sample's trimmed mean; undefined for an empty sample or a non-positive mean. */
export function logEstimate(values: readonly number[], trim: number): LogEstimate | undefined {
  const s = summarize(values, { trim })
  if (!s || !(s.trimmedMean > 0)) return undefined
  const m = trimmedMoments(s)
  const se = m.count > 0 ? m.stddev / Math.sqrt(m.count) / s.trimmedMean : Infinity
  return { n: s.count, log: Math.log(s.trimmedMean), se, df: Math.max(0, s.trimmedCount - 1) }
}

/**
 * A one-sided lower confidence bound, at level 1 - alpha, of ln(a / b) for two independent values (Welch's
 * degrees of freedom for the two Yuen errors). -Infinity when either side has too few invokes to bound anything.
 */
export function lowerBound(a: LogEstimate, b: LogEstimate, alpha: number): number {
  const diff = a.log - b.log
  const va = a.se * a.se
  const vb = b.se * b.se
  if (a.df < 1 || b.df < 1 || !Number.isFinite(va + vb)) return -Infinity
  // every invoke billed the same (e.g. 1 ms): the ratio is known exactly
  if (va + vb === 0) return diff
  const df = (va + vb) ** 2 / ((va * va) / a.df + (vb * vb) / b.df)
  return diff - studentTQuantile(1 - alpha, df) * Math.sqrt(va + vb)
}

/** The weighted score of `balanced`: w × ln(cost) + (1 − w) × ln(duration), with the larger (fully correlated) error. */
export function scoreEstimate(cost: LogEstimate, time: LogEstimate, weight: number): LogEstimate {
  return {
    n: Math.min(cost.n, time.n),
    log: weight * cost.log + (1 - weight) * time.log,
    // cost is a rising function of the same invoke's duration: their errors move together, so they add
    se: weight * cost.se + (1 - weight) * time.se,
    df: Math.min(cost.df, time.df),
  }
}
