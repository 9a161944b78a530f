import { binomialCdf } from '../../stats/quantile-bounds.js'

/**
 * The Clopper-Pearson lower confidence bound of an error rate: the smallest rate p at which `errors` or more
 * failures in `invokes` still has probability alpha. Exact for any n, and never below the truth more often than
 * alpha.
 */
export function errorRateLowerBound(errors: number, invokes: number, alpha: number): number {
  if (errors <= 0 || invokes <= 0) return 0
  const atLeast = (p: number) => 1 - binomialCdf(errors - 1, invokes, p)
  let lo = 0
  let hi = errors / invokes
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (atLeast(mid) < alpha) lo = mid
    else hi = mid
  }
  return lo
}

/**
 * Whether a value fails while the sweep still runs: only when the data show its error rate is above the threshold
 * at the decisions' confidence, so one unlucky error among a few invokes does not drop a good value. At the end of
 * the run the plain share decides, as the table shows it.
 */
export function failsDuringRun(errors: number, invokes: number, threshold: number, alpha: number): boolean {
  return errorRateLowerBound(errors, invokes, alpha) > threshold
}
