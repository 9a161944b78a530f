import { errorFunction, probit } from 'simple-statistics'

/**
 * A one-sided test of a location shift between two samples, and the confidence bound that inverts it, from the
 * Mann–Whitney U statistic, pooled over independent strata by summing their U statistics (van Elteren's stratified
 * test with equal weights: the same test when the strata have equal sizes).
 *
 * For the shift Δ of `current` over `baseline`, U(Δ) counts the pairs (x from baseline, y from current) of the same
 * stratum with y − Δ > x, so the pooled U is the number of pairwise differences y − x, over all strata, above Δ. The
 * test of H0: shift ≤ Δ0 rejects at level α when U(Δ0) ≥ c(α), the smallest count with P0(U ≥ c) ≤ α; the
 * (1 − α) lower bound of the shift is the c-th largest pairwise difference (Moses' interval, pooled), and the
 * estimate is the median difference (Hodges–Lehmann). So "the bound exceeds Δ0" and "the test rejects at Δ0" are the
 * same statement, and the test is valid (conservative) whenever no stratum's `current − Δ0` is stochastically larger
 * than its `baseline`, whatever the shape of the distributions.
 *
 * Null distribution: exact (the untied permutation distribution, Gaussian binomial coefficients convolved over
 * strata) up to EXACT_MAX_PAIRS pairs in all, else normal with a continuity correction of ½ and the untied variance.
 * Ties: a difference equal to Δ0 counts as not above it, which only makes the test conservative (breaking ties at
 * random would give a count at least as large, with exactly the untied null distribution).
 */

/** beyond this many pairs in all, the normal approximation (its error is far below the levels used) */
export const EXACT_MAX_PAIRS = 10_000

export type StratumSizes = readonly (readonly [number, number])[]

export interface Stratum {
  baseline: readonly number[]
  current: readonly number[]
}

export interface ShiftTest {
  sizes: StratumSizes
  pairs: number
  method: 'exact' | 'normal'
  /** the null shift tested (Δ0) */
  nullShift: number
  /** pairs whose difference is above Δ0: the pooled U at Δ0 */
  above: number
  /** one-sided p-value of H0: shift ≤ Δ0 */
  pValue: number
  /** Hodges–Lehmann estimate: the median pairwise difference */
  estimate: number
  /** (1 − alpha) lower confidence bound of the shift, or null when too few pairs give one at that level */
  lowerBound(alpha: number): number | null
}

/** The stratified shift test of H0: shift ≤ nullShift. Every stratum needs at least one value on each side. */
export function stratifiedShiftTest(strata: readonly Stratum[], nullShift: number): ShiftTest {
  if (!strata.length || strata.some((s) => !s.baseline.length || !s.current.length)) {
    throw new RangeError('stratifiedShiftTest needs at least one value on each side of every stratum')
  }
  const sizes = strata.map((s) => [s.baseline.length, s.current.length] as const)
  const pairs = sizes.reduce((n, [a, b]) => n + a * b, 0)
  const diffs = new Float64Array(pairs)
  let i = 0
  let above = 0
  for (const { baseline, current } of strata) {
    for (let j = 0; j < current.length; j++) {
      const y = current[j]!
      for (let k = 0; k < baseline.length; k++) {
        const d = y - baseline[k]!
        diffs[i++] = d
        if (d > nullShift) above++
      }
    }
  }
  const dist = nullDistribution(sizes)
  const estimate = median(diffs)
  return {
    sizes,
    pairs,
    method: dist.method,
    nullShift,
    above,
    pValue: dist.upperTail(above),
    estimate,
    lowerBound(alpha: number) {
      const c = dist.critical(alpha)
      return c > pairs ? null : select(diffs, pairs - c + 1)
    },
  }
}

export interface NullDistribution {
  method: 'exact' | 'normal'
  pairs: number
  /** P0(U ≥ t) */
  upperTail(t: number): number
  /** the smallest count c with P0(U ≥ c) ≤ alpha; pairs + 1 when no count is that unlikely */
  critical(alpha: number): number
}

const distributions = new Map<string, NullDistribution>()

/** The null distribution of the summed U of strata of these sizes (cached: it depends on nothing else). */
export function nullDistribution(sizes: StratumSizes): NullDistribution {
  const key = sizes.map(([a, b]) => (a <= b ? `${a}x${b}` : `${b}x${a}`)).sort().join(',')
  let d = distributions.get(key)
  if (!d) {
    d = build(sizes)
    distributions.set(key, d)
  }
  return d
}

function build(sizes: StratumSizes): NullDistribution {
  const pairs = sizes.reduce((n, [a, b]) => n + a * b, 0)
  const criticals = new Map<number, number>()
  const critical = (upperTail: (t: number) => number, start: (alpha: number) => number) => (alpha: number) => {
    let c = criticals.get(alpha)
    if (c === undefined) {
      c = Math.min(pairs + 1, Math.max(0, start(alpha)))
      while (c <= pairs && upperTail(c) > alpha) c++
      while (c > 0 && upperTail(c - 1) <= alpha) c--
      criticals.set(alpha, c)
    }
    return c
  }
  if (pairs <= EXACT_MAX_PAIRS) {
    let probabilities: Float64Array = Float64Array.of(1)
    for (const [a, b] of sizes) probabilities = convolve(probabilities, uDistribution(a, b))
    // tail[t] = P(U ≥ t), summed from the top so that small tails keep their precision
    const tail = new Float64Array(pairs + 2)
    for (let t = pairs; t >= 0; t--) tail[t] = tail[t + 1]! + Math.max(0, probabilities[t]!)
    const total = tail[0]!
    const upperTail = (t: number) => (t <= 0 ? 1 : t > pairs ? 0 : Math.min(1, tail[t]! / total))
    return { method: 'exact', pairs, upperTail, critical: critical(upperTail, () => Math.ceil(pairs / 2)) }
  }
  const mean = pairs / 2
  const sd = Math.sqrt(sizes.reduce((v, [a, b]) => v + (a * b * (a + b + 1)) / 12, 0))
  const upperTail = (t: number) => (t <= 0 ? 1 : t > pairs ? 0 : normalUpperTail((t - 0.5 - mean) / sd))
  return { method: 'normal', pairs, upperTail, critical: critical(upperTail, (alpha) => Math.ceil(mean + 0.5 - probit(alpha) * sd)) }
}

/**
 * P(U = u) for u = 0..a×b under H0 with no ties: the coefficients of the Gaussian binomial [a+b choose a]_q, built as
 * the product over i of (1 − q^(b+i)) / (1 − q^i), then scaled to sum to 1.
 */
export function uDistribution(a: number, b: number): Float64Array {
  const k = Math.min(a, b)
  const rest = Math.max(a, b)
  const poly = new Float64Array(a * b + 1)
  poly[0] = 1
  let degree = 0
  for (let i = 1; i <= k; i++) {
    const up = rest + i
    for (let u = degree + up; u >= up; u--) poly[u]! -= poly[u - up]!
    degree += up
    for (let u = i; u <= degree; u++) poly[u]! += poly[u - i]!
    degree -= i
  }
  let sum = 0
  for (let u = 0; u < poly.length; u++) sum += (poly[u] = Math.max(0, poly[u]!))
  for (let u = 0; u < poly.length; u++) poly[u]! /= sum
  return poly
}

function convolve(p: Float64Array, q: Float64Array): Float64Array {
  if (p.length === 1) return q.map((v) => v * p[0]!)
  const out = new Float64Array(p.length + q.length - 1)
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!
    if (pi === 0) continue
    for (let j = 0; j < q.length; j++) out[i + j]! += pi * q[j]!
  }
  return out
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  const tail = 0.5 * (1 - errorFunction(Math.abs(z) / Math.SQRT2))
  return z >= 0 ? tail : 1 - tail
}

/** The k-th smallest (1-based) of `values`, by quickselect on a copy (values is left as it was). */
export function select(values: Float64Array, k: number): number {
  const a = values.slice()
  return a[partitionAround(a, k - 1)]!
}

/** The median of `values` (the mean of the two middle ones when their count is even). */
export function median(values: Float64Array): number {
  const a = values.slice()
  const n = a.length
  const upper = partitionAround(a, n >> 1)
  if (n % 2) return a[upper]!
  // after partitioning, everything left of the upper middle is at most it: the lower middle is their largest
  let lower = -Infinity
  for (let i = 0; i < upper; i++) if (a[i]! > lower) lower = a[i]!
  return (lower + a[upper]!) / 2
}

/** Rearranges `a` so that a[target] holds the value of that rank, smaller ones before it, larger after; returns target. */
function partitionAround(a: Float64Array, target: number): number {
  let lo = 0
  let hi = a.length - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
      if (i <= j) {
        const t = a[i]!
        a[i++] = a[j]!
        a[j--] = t
      }
    }
    if (target <= j) hi = j
    else if (target >= i) lo = i
    else break
  }
  return target
}
