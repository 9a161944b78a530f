import { errorFunction, mean } from 'simple-statistics'
import { studentTCdf } from './student-t.js'

/** What Welch's test needs of a sample: its size, mean and sample standard deviation (a Summary has all three). */
export interface SampleMoments {
  count: number
  mean: number
  stddev: number
}

export interface WelchResult {
  t: number
  /** Welch–Satterthwaite degrees of freedom */
  df: number
  /** two-sided */
  pValue: number
}

/** Welch's unequal-variances t-test of two means. Undefined when either sample has fewer than two values. */
export function welchTTest(a: SampleMoments, b: SampleMoments): WelchResult | undefined {
  if (a.count < 2 || b.count < 2) return undefined
  const va = (a.stddev * a.stddev) / a.count
  const vb = (b.stddev * b.stddev) / b.count
  const se2 = va + vb
  if (se2 === 0) {
    const same = a.mean === b.mean
    return { t: same ? 0 : Infinity * Math.sign(a.mean - b.mean), df: a.count + b.count - 2, pValue: same ? 1 : 0 }
  }
  const t = (a.mean - b.mean) / Math.sqrt(se2)
  const df = (se2 * se2) / ((va * va) / (a.count - 1) + (vb * vb) / (b.count - 1))
  const pValue = 2 * (1 - studentTCdf(Math.abs(t), df))
  return { t, df, pValue: Math.min(1, Math.max(0, pValue)) }
}

/**
 * True when the data cannot tell the two means apart at level `alpha` (Welch's t-test). Samples too small to test
 * are indistinguishable only when their means are equal.
 */
export function indistinguishable(a: SampleMoments, b: SampleMoments, alpha = 0.05): boolean {
  const test = welchTTest(a, b)
  if (!test) return a.mean === b.mean
  return test.pValue >= alpha
}

/** True when two closed intervals share at least one point. */
export function intervalsOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1]
}

export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x from a, y from b) with x > y, ties counting one half */
  u: number
  /** normal approximation with tie correction */
  z: number
  /** two-sided */
  pValue: number
  /** P(a > b) + P(a = b) / 2, the common-language effect size (0.5 = no effect) */
  probabilityOfSuperiority: number
  /** rank-biserial correlation, 2 × probabilityOfSuperiority − 1 */
  rankBiserial: number
}

/** Mann–Whitney U test of two independent samples (no distribution assumed); suits skewed latency data. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU needs two non-empty samples')
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v)
  let rankSumA = 0
  let tieTerm = 0
  for (let i = 0; i < all.length; ) {
    let j = i
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++
    const rank = (i + j) / 2 + 1
    const size = j - i + 1
    tieTerm += size * size * size - size
    for (let k = i; k <= j; k++) if (all[k]!.first) rankSumA += rank
    i = j + 1
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const n = n1 + n2
  const meanU = (n1 * n2) / 2
  const varU = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)))
  const z = varU > 0 ? (u - meanU) / Math.sqrt(varU) : 0
  // erf rather than simple-statistics' normal table, whose 0.01 steps floor p at 0.002
  const pValue = varU > 0 ? Math.min(1, 1 - errorFunction(Math.abs(z) / Math.SQRT2)) : 1
  const probabilityOfSuperiority = u / (n1 * n2)
  return { u, z, pValue, probabilityOfSuperiority, rankBiserial: 2 * probabilityOfSuperiority - 1 }
}

export interface BootstrapOptions {
  /** resamples; default 2000 */
  iterations?: number
  /** default 0.95 */
  confidence?: number
  /** a [0, 1) source; pass seededRandom(seed) for a repeatable interval */
  random: () => number
  /** the statistic compared; default the mean */
  statistic?: (values: readonly number[]) => number
}

/** Percentile-bootstrap interval of statistic(b) − statistic(a): an interval that excludes 0 means a real change. */
export function bootstrapDifferenceInterval(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions,
): [number, number] {
  if (a.length === 0 || b.length === 0) throw new RangeError('bootstrap needs two non-empty samples')
  const iterations = options.iterations ?? 2000
  const confidence = options.confidence ?? 0.95
  const statistic = options.statistic ?? ((v: readonly number[]) => mean(v as number[]))
  const diffs: number[] = []
  for (let i = 0; i < iterations; i++) {
    diffs.push(statistic(resample(b, options.random)) - statistic(resample(a, options.random)))
  }
  diffs.sort((x, y) => x - y)
  const lo = diffs[Math.floor(((1 - confidence) / 2) * (iterations - 1))]!
  const hi = diffs[Math.ceil((1 - (1 - confidence) / 2) * (iterations - 1))]!
  return [lo, hi]
}

function resample(values: readonly number[], random: () => number): number[] {
  const out = new Array<number>(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(random() * values.length)]!
  return out
}

