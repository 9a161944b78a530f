import { errorFunction } from 'simple-statistics'

/**
 * The probability that each of several independent normal estimates is the smallest of their true values, by
 * numerical integration: P(j is least) = ∫ φ_j(x) Π_{i≠j} (1 − Φ_i(x)) dx. An estimate without spread is a point.
 */
export function leastProbabilities(means: readonly number[], errors: readonly number[]): number[] {
  const n = means.length
  if (n === 0) return []
  if (n === 1) return [1]
  const se = errors.map((e) => (Number.isFinite(e) && e > 0 ? e : 1e-9))
  const lo = Math.min(...means.map((m, i) => m - 8 * se[i]!))
  const hi = Math.max(...means.map((m, i) => m + 8 * se[i]!))
  const steps = 800
  const dx = (hi - lo) / steps
  const weights = new Array<number>(n).fill(0)
  for (let k = 0; k < steps; k++) {
    const x = lo + (k + 0.5) * dx
    const above = means.map((m, i) => 1 - normalCdf((x - m) / se[i]!))
    for (let j = 0; j < n; j++) {
      let p = (normalPdf((x - means[j]!) / se[j]!) / se[j]!) * dx
      for (let i = 0; i < n && p > 0; i++) if (i !== j) p *= above[i]!
      weights[j]! += p
    }
  }
  const total = weights.reduce((a, b) => a + b, 0)
  if (total > 0) return weights.map((w) => w / total)
  // points: the least, shared evenly when several are equal (the weights must still sum to 1)
  const least = Math.min(...means)
  const tied = means.filter((m) => m === least).length
  return means.map((m) => (m === least ? 1 / tied : 0))
}

/**
 * The least of several true values, estimated without the winner's curse: the estimates weighted by the chance that
 * each is the least. The plain minimum of noisy estimates is biased low when several are close (with five equal
 * values, by about 1.2 standard errors); this is not, and for one clearly least value it is that value's estimate.
 */
export function softMinimum(means: readonly number[], errors: readonly number[]): number {
  const w = leastProbabilities(means, errors)
  return means.reduce((sum, m, i) => sum + m * w[i]!, 0)
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)
}

function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2))
}
