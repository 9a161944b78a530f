import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics'
import { studentTQuantile } from './student-t.js'

/** A sample described as the sweep reports it. Percentiles interpolate linearly between ranks (numpy's default, type 7). */
export interface Summary {
  count: number
  mean: number
  /** mean of the values left after dropping `trim` of them at each end */
  trimmedMean: number
  /** how many values the trimmed mean keeps */
  trimmedCount: number
  /** standard deviation of the sample winsorized at the same share (Yuen's test uses it with the trimmed mean) */
  winsorizedStddev: number
  min: number
  max: number
  p50: number
  p90: number
  p95: number
  p99: number
  /** sample standard deviation (n - 1); 0 for a single value */
  stddev: number
  /** 95% confidence interval of the mean (Student's t); null below two values */
  ci95: [number, number] | null
}

export interface SummaryOptions {
  /** share dropped at EACH end for the trimmed mean, 0 <= trim < 0.5; default 0.1 */
  trim?: number
}

export const DEFAULT_TRIM = 0.1

/** Summarises a non-empty sample; returns null for an empty one (absent, not zero). */
export function summarize(values: readonly number[], options: SummaryOptions = {}): Summary | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const sd = sorted.length > 1 ? sampleStandardDeviation(sorted) : 0
  const trim = options.trim ?? DEFAULT_TRIM
  const cut = trimCount(sorted.length, trim)
  const winsorized = sorted.map((v, i) => (i < cut ? sorted[cut]! : i >= sorted.length - cut ? sorted[sorted.length - 1 - cut]! : v))
  return {
    count: sorted.length,
    mean: mean(sorted),
    trimmedMean: trimmedMeanSorted(sorted, trim),
    trimmedCount: sorted.length - 2 * cut,
    winsorizedStddev: winsorized.length > 1 ? sampleStandardDeviation(winsorized) : 0,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    stddev: sd,
    ci95: meanConfidenceInterval(mean(sorted), sd, sorted.length, 0.95),
  }
}

/** Mean after dropping floor(n × trim) values at each end. */
export function trimmedMean(values: readonly number[], trim = DEFAULT_TRIM): number {
  if (values.length === 0) throw new RangeError('trimmedMean needs at least one value')
  return trimmedMeanSorted([...values].sort((a, b) => a - b), trim)
}

function trimCount(n: number, trim: number): number {
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError('trim must be at least 0 and below 0.5')
  return Math.floor(n * trim)
}

function trimmedMeanSorted(sorted: readonly number[], trim: number): number {
  const cut = trimCount(sorted.length, trim)
  return mean(sorted.slice(cut, sorted.length - cut))
}

/**
 * What Yuen's test compares: the trimmed mean, with a spread from the winsorized variance, scaled so that Welch's
 * test on these moments is Yuen's trimmed-means test (robust to the odd slow invoke). Without trimming it is Welch's.
 */
export function trimmedMoments(s: Summary): { count: number; mean: number; stddev: number } {
  if (s.trimmedCount < 2) return { count: s.count, mean: s.mean, stddev: s.stddev }
  return {
    count: s.trimmedCount,
    mean: s.trimmedMean,
    stddev: s.winsorizedStddev * Math.sqrt((s.count - 1) / (s.trimmedCount - 1)),
  }
}

/** Two-sided confidence interval of a mean from its sample standard deviation, with Student's t. */
export function meanConfidenceInterval(m: number, sd: number, n: number, confidence = 0.95): [number, number] | null {
  if (n < 2) return null
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n))
  return [m - half, m + half]
}
