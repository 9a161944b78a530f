import { studentTCdf, studentTQuantile } from '../stats/student-t.js'
import type { PeriodFigures } from './types.js'

/**
 * The candidate's mean duration relative to the main version's, from per-period CloudWatch aggregates.
 *
 * CloudWatch gives each period's count and sum of Duration per version, not the invokes. Both versions serve the
 * same traffic in the same periods (the alias picks a version at random per invoke), so each period is a pair, and
 * whatever moves a whole period (traffic mix, a slow downstream, time of day) moves both of its means alike. The
 * ratio estimator of survey sampling compares them:
 *
 *   R = Σ wᵢ·cᵢ / Σ wᵢ·mᵢ       (cᵢ, mᵢ: the period's mean duration of the candidate and of the main version)
 *   wᵢ = nᶜᵢ·nᵐᵢ / (nᶜᵢ + nᵐᵢ)   (inverse of the variance factor 1/nᶜ + 1/nᵐ of cᵢ − mᵢ: periods weigh by invokes)
 *   Var(R) ≈ k/(k−1) · Σ wᵢ²·(cᵢ − R·mᵢ)² / (Σ wᵢ·mᵢ)²   (linearised, cluster-robust: periods are the units)
 *
 * and the interval is R ± t(k−1)·SE over the k periods in which both versions ran. The variance comes from how the
 * periods' residuals actually scatter, so it needs no per-invoke spread (which CloudWatch does not give) and holds
 * when the spread changes from period to period. A period is one unit, never one invoke.
 */
export interface PairedRatio {
  /** candidate mean / main mean over the paired periods */
  ratio: number
  standardError: number
  /** degrees of freedom: paired periods − 1 */
  df: number
  /** at the confidence asked for */
  ci: [number, number]
  /** two-sided, of "the means are equal" */
  pValue: number
  /** periods in which both versions ran */
  periods: number
  /** the main version's invocation-weighted mean over those periods, ms */
  mainMeanMs: number
  candidateMeanMs: number
  /** Σ wᵢ: grows with the invokes; the interval's width shrinks as 1/√weight */
  weight: number
  /** candidate invokes in the paired periods */
  candidateInvocations: number
}

/** Pairs the two versions' periods by start time; periods where either has no Duration are left out. */
export function pairPeriods(main: readonly PeriodFigures[], candidate: readonly PeriodFigures[]): Array<[PeriodFigures, PeriodFigures]> {
  const byStart = new Map(main.map((p) => [p.start, p]))
  const pairs: Array<[PeriodFigures, PeriodFigures]> = []
  for (const c of candidate) {
    const m = byStart.get(c.start)
    if (m && m.durationCount > 0 && c.durationCount > 0) pairs.push([m, c])
  }
  return pairs.sort((a, b) => a[0].start - b[0].start)
}

/** The paired ratio and its interval; null with fewer than two paired periods. */
export function pairedRatio(main: readonly PeriodFigures[], candidate: readonly PeriodFigures[], confidence: number): PairedRatio | null {
  const pairs = pairPeriods(main, candidate)
  const k = pairs.length
  if (k < 2) return null
  let weight = 0
  let num = 0
  let den = 0
  let invokes = 0
  const rows = pairs.map(([m, c]) => {
    const nm = m.durationCount
    const nc = c.durationCount
    const w = (nm * nc) / (nm + nc)
    const mm = m.durationSum / nm
    const mc = c.durationSum / nc
    weight += w
    num += w * mc
    den += w * mm
    invokes += c.invocations
    return { w, mm, mc }
  })
  if (!(den > 0)) return null
  const ratio = num / den
  let s2 = 0
  for (const r of rows) s2 += r.w * r.w * (r.mc - ratio * r.mm) ** 2
  const standardError = Math.sqrt((k / (k - 1)) * s2) / den
  const df = k - 1
  const t = studentTQuantile(1 - (1 - confidence) / 2, df)
  const tStat = standardError > 0 ? (ratio - 1) / standardError : ratio === 1 ? 0 : Infinity
  const pValue = Number.isFinite(tStat) ? Math.min(1, 2 * (1 - studentTCdf(Math.abs(tStat), df))) : 0
  return {
    ratio,
    standardError,
    df,
    ci: [ratio - t * standardError, ratio + t * standardError],
    pValue,
    periods: k,
    mainMeanMs: den / weight,
    candidateMeanMs: num / weight,
    weight,
    candidateInvocations: invokes,
  }
}
