import { studentTQuantile } from '../stats/student-t.js'

/**
 * Error rates are counts, and a sum of per-period counts loses nothing: the window's errors and invocations are exact
 * whatever the period. The interval of a difference of two rates is Newcombe's hybrid score interval (his method 10,
 * built from Wilson score intervals), which keeps its coverage near 0 and 1 where the normal (Wald) interval fails,
 * e.g. 0 errors in 200 invokes against 3 in 20.
 */
export function wilsonInterval(successes: number, n: number, z: number): [number, number] {
  if (n <= 0) return [0, 1]
  const p = successes / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

export interface RateDifference {
  /** candidate rate − main rate */
  estimate: number
  ci: [number, number]
}

/** Newcombe's interval of rate(candidate) − rate(main) at a two-sided confidence; null when either has no invokes. */
export function rateDifference(
  candidate: { errors: number; invocations: number },
  main: { errors: number; invocations: number },
  confidence: number,
): RateDifference | null {
  if (candidate.invocations <= 0 || main.invocations <= 0) return null
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const p1 = candidate.errors / candidate.invocations
  const p2 = main.errors / main.invocations
  const [l1, u1] = wilsonInterval(candidate.errors, candidate.invocations, z)
  const [l2, u2] = wilsonInterval(main.errors, main.invocations, z)
  const d = p1 - p2
  return {
    estimate: d,
    ci: [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)],
  }
}

const quantiles = new Map<number, number>()

/**
 * The standard normal quantile, as Student's t with 10⁹ degrees of freedom (to about 1e-6): simple-statistics'
 * probit is off in the third digit (1.957 for 1.960), too coarse for intervals at 99.9%.
 */
export function normalQuantile(p: number): number {
  let z = quantiles.get(p)
  if (z === undefined) {
    z = studentTQuantile(p, 1e9)
    quantiles.set(p, z)
  }
  return z
}
