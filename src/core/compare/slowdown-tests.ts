import { quantileSorted } from 'simple-statistics'
import { quantileLowerBound, quantileUpperBound, samplesForUpperBound } from '../stats/quantile-bounds.js'
import { meanEstimate, ratioOfMeansLowerBound, ratioOfMeansPValue } from '../stats/ratio-of-means.js'
import { stratifiedShiftTest } from '../stats/rank-shift.js'

export const PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const
export type Percentile = (typeof PERCENTILES)[number]

/**
 * One hypothesis "current is slower than baseline by more than the threshold", as a regression gate decides it: the
 * gate declares a regression when lowerBound(level) > threshold at the level the multiple-testing procedure gives
 * the hypothesis, and prints that same bound. Each function here is pure and can be run again on more samples.
 */
export interface SlowdownTest {
  test: 'rank shift' | 'ratio of means' | 'order statistics'
  measure: 'median' | 'mean' | Exclude<Percentile, 'p50'>
  /** the point values the change is read from (ms); null for a pooled test */
  baseline: number | null
  current: number | null
  /** estimated change, current / baseline − 1 */
  change: number
  /** one-sided p-value of "slower by no more than the threshold"; null where the test has none (order statistics) */
  pValue: number | null
  /** the (1 − alpha) lower confidence bound of the change; null when the samples are too few for one at that level */
  lowerBound(alpha: number): number | null
  /** why lowerBound(alpha) is null, in a few words */
  shortfall(alpha: number): string
}

export interface DurationSamples {
  baseline: readonly number[]
  current: readonly number[]
}

/**
 * The change of the median under a scale shift (log durations shifted by log(ratio)), from one memory value or pooled
 * over several: Hodges–Lehmann estimate and Moses' exact lower bound of the log shift (src/core/stats/rank-shift.ts),
 * both turned back into ratios. `threshold` is the change (0.1 = 10%) the p-value is computed against.
 */
export function rankShiftTest(strata: readonly DurationSamples[], threshold: number): SlowdownTest {
  const logs = strata.map((s) => ({ baseline: s.baseline.map(safeLog), current: s.current.map(safeLog) }))
  const t = stratifiedShiftTest(logs, Math.log1p(threshold))
  const single = strata.length === 1 ? strata[0]! : null
  return {
    test: 'rank shift',
    measure: 'median',
    baseline: single ? median(single.baseline) : null,
    current: single ? median(single.current) : null,
    change: Math.expm1(t.estimate),
    pValue: t.pValue,
    lowerBound: memo((alpha) => {
      const b = t.lowerBound(alpha)
      return b === null ? null : Math.expm1(b)
    }),
    shortfall: (alpha) => `${t.pairs} pairs of invokes are too few for a bound at ${confidenceText(alpha)}`,
  }
}

/**
 * The change of a high percentile from distribution-free order-statistic bounds, half the level on each side: the
 * current's lower bound over the baseline's upper bound, so that P(bound > true change) ≤ alpha whatever the shape.
 */
export function percentileTest(samples: DurationSamples, percentile: Exclude<Percentile, 'p50'>): SlowdownTest {
  const q = Number(percentile.slice(1)) / 100
  const base = [...samples.baseline].sort((a, b) => a - b)
  const cur = [...samples.current].sort((a, b) => a - b)
  const pb = quantileSorted(base, q)
  const pc = quantileSorted(cur, q)
  return {
    test: 'order statistics',
    measure: percentile,
    baseline: pb,
    current: pc,
    change: pc / pb - 1,
    pValue: null,
    lowerBound: memo((alpha) => {
      const upper = quantileUpperBound(base, q, 1 - alpha / 2).value
      const lower = quantileLowerBound(cur, q, 1 - alpha / 2).value
      return upper === null || lower === null ? null : lower / upper - 1
    }),
    shortfall: (alpha) => {
      const need = samplesForUpperBound(q, 1 - alpha / 2)
      return base.length < need
        ? `an upper bound of the baseline's ${percentile} at ${confidenceText(alpha / 2)} needs ${need} invokes, it has ${base.length}`
        : `the current run's ${cur.length} invokes are too few for a lower bound of its ${percentile} at ${confidenceText(alpha / 2)}`
    },
  }
}

/** Without raw samples: the ratio of the mean durations, Fieller's bound with Welch's degrees of freedom. */
export function meansTest(
  baseline: { count: number; mean: number; stddev: number },
  current: { count: number; mean: number; stddev: number },
  threshold: number,
): SlowdownTest {
  const b = meanEstimate(baseline.count, baseline.mean, baseline.stddev)
  const c = meanEstimate(current.count, current.mean, current.stddev)
  return {
    test: 'ratio of means',
    measure: 'mean',
    baseline: baseline.mean,
    current: current.mean,
    change: current.mean / baseline.mean - 1,
    pValue: ratioOfMeansPValue(c, b, 1 + threshold),
    lowerBound: memo((alpha) => {
      const r = ratioOfMeansLowerBound(c, b, alpha)
      return r === null ? null : r - 1
    }),
    shortfall: () => 'needs at least two invokes on each side',
  }
}

/** "99.58%": the confidence of a one-sided bound at level alpha. */
export function confidenceText(alpha: number): string {
  const c = (1 - alpha) * 100
  return `${c >= 99.995 ? c.toPrecision(6) : c.toFixed(2).replace(/\.?0+$/, '')}%`
}

/** The procedure asks for a bound at a level, then the output shows it: computed once. */
export function memo(f: (alpha: number) => number | null): (alpha: number) => number | null {
  const seen = new Map<number, number | null>()
  return (alpha) => {
    let v = seen.get(alpha)
    if (v === undefined) seen.set(alpha, (v = f(alpha)))
    return v
  }
}

function median(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5)
}

// durations are positive; a 0 (never seen from Lambda) is kept finite so that the ranks still count it as fastest
function safeLog(v: number): number {
  return Math.log(Math.max(v, 1e-9))
}
