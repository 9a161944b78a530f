import { MB_PER_VCPU } from '../../cost/limits.js'

/**
 * Coarse to fine over a long list of memory sizes (`--memory all`, a fine range): the race starts on a few sizes
 * spread over the list, and each look adds the neighbours of the pick, and of the size the fitted curve predicts,
 * until the pick's neighbours have been measured. It rests on one assumption, stated in the README: between two
 * measured sizes the rule's preference changes smoothly (no narrow dip hides between neighbours of the coarse grid).
 */

/** Lists longer than this are searched coarse to fine; shorter ones are measured whole. */
export const SEARCH_ABOVE = 7
/** How many sizes the coarse grid has. */
export const COARSE_SIZES = 6

/** Sizes spread evenly in log2(memory) over the list, its ends and `include` always among them. */
export function coarseSubset(sorted: readonly number[], include: readonly number[] = [], count = COARSE_SIZES): number[] {
  if (sorted.length <= SEARCH_ABOVE) return [...sorted]
  const lo = Math.log2(sorted[0]!)
  const hi = Math.log2(sorted[sorted.length - 1]!)
  const chosen = new Set<number>(include.filter((m) => sorted.includes(m)))
  for (let i = 0; i < count; i++) {
    const target = lo + ((hi - lo) * i) / (count - 1)
    chosen.add(sorted.reduce((best, m) => (Math.abs(Math.log2(m) - target) < Math.abs(Math.log2(best) - target) ? m : best)))
  }
  return [...chosen].sort((a, b) => a - b)
}

/** The sizes next to `memory` in the list. */
export function neighbours(sorted: readonly number[], memory: number): number[] {
  const i = sorted.indexOf(memory)
  if (i < 0) return []
  return [sorted[i - 1], sorted[i + 1]].filter((m): m is number => m !== undefined)
}

/**
 * Duration against memory, Amdahl-style: a part that CPU does not speed up plus a part that scales with the CPU share
 * (memory / 1,769 MB vCPU) up to the handler's parallelism:
 *
 *   duration(m) = serialMs + parallelMs / min(m / 1769, parallelism)
 *
 * Fitted by least squares on the log scale (the noise is multiplicative), weighted by each size's precision, with
 * parallelism searched over 0.25-6 vCPU. The residuals say where the curve does not hold (a memory-pressure step, a
 * downstream that saturates).
 */
export interface AmdahlFit {
  serialMs: number
  parallelMs: number
  /** vCPUs the handler uses at most */
  parallelism: number
  /** per measured size: its trimmed-mean duration, the curve's, and their log ratio */
  residuals: Array<{ memory: number; observedMs: number; fittedMs: number; logResidual: number }>
  /** root-mean-square of the log residuals */
  rmsLogResidual: number
}

export function fitAmdahl(points: ReadonlyArray<{ memory: number; ms: number; weight: number }>): AmdahlFit | undefined {
  const usable = points.filter((p) => p.ms > 0 && p.weight > 0 && Number.isFinite(p.weight))
  if (usable.length < 3) return undefined
  let best: { serial: number; parallel: number; p: number; loss: number } | undefined
  for (let p = 0.25; p <= 6.0001; p *= 1.05) {
    const x = usable.map((pt) => 1 / Math.min(pt.memory / MB_PER_VCPU, p))
    // Linear in (serial, parallel) for a fixed parallelism: weighted least squares on the durations, each weighted by
    // weight / ms² so that relative errors count alike (the log scale, to first order).
    const w = usable.map((pt) => pt.weight / (pt.ms * pt.ms))
    const fit = nonNegativeLine(x, usable.map((pt) => pt.ms), w)
    const loss = usable.reduce((sum, pt, i) => sum + pt.weight * Math.log(Math.max(1e-9, fit.a + fit.b * x[i]!) / pt.ms) ** 2, 0)
    if (!best || loss < best.loss) best = { serial: fit.a, parallel: fit.b, p, loss }
  }
  const b = best!
  const residuals = usable.map((pt) => {
    const fittedMs = b.serial + b.parallel / Math.min(pt.memory / MB_PER_VCPU, b.p)
    return { memory: pt.memory, observedMs: pt.ms, fittedMs, logResidual: Math.log(pt.ms / fittedMs) }
  })
  return {
    serialMs: b.serial,
    parallelMs: b.parallel,
    parallelism: b.p,
    residuals,
    rmsLogResidual: Math.sqrt(residuals.reduce((s, r) => s + r.logResidual ** 2, 0) / residuals.length),
  }
}

/** The curve's duration at a memory size. */
export function fittedMs(fit: AmdahlFit, memory: number): number {
  return fit.serialMs + fit.parallelMs / Math.min(memory / MB_PER_VCPU, fit.parallelism)
}

/** Weighted least squares of y = a + b·x with a, b ≥ 0. */
function nonNegativeLine(x: readonly number[], y: readonly number[], w: readonly number[]): { a: number; b: number } {
  const s = (f: (i: number) => number) => x.reduce((acc, _, i) => acc + w[i]! * f(i), 0)
  const sw = s(() => 1)
  const sx = s((i) => x[i]!)
  const sy = s((i) => y[i]!)
  const sxx = s((i) => x[i]! * x[i]!)
  const sxy = s((i) => x[i]! * y[i]!)
  const det = sw * sxx - sx * sx
  let b = det > 0 ? (sw * sxy - sx * sy) / det : 0
  let a = (sy - b * sx) / sw
  if (b < 0) {
    b = 0
    a = sy / sw
  }
  if (a < 0) {
    a = 0
    b = sxx > 0 ? sxy / sxx : 0
  }
  return { a, b }
}

/**
 * The rule applied to the fitted curve over the whole list: where the optimum is predicted to lie. Only a guide for
 * which sizes to measure next; the pick is always made on measured sizes.
 */
export function predictedPick(
  sorted: readonly number[],
  fit: AmdahlFit,
  costOf: (memory: number, ms: number) => number,
  rule: { strategy: 'cost' | 'speed' | 'balanced' | 'slo'; tolerance: number; weight: number },
): number {
  const curve = sorted.map((m) => {
    const ms = fittedMs(fit, m)
    const cost = costOf(m, ms)
    return { m, cost, ms, score: rule.weight * Math.log(cost) + (1 - rule.weight) * Math.log(ms) }
  })
  const primary = (v: (typeof curve)[number]) => (rule.strategy === 'speed' ? Math.log(v.ms) : rule.strategy === 'balanced' ? v.score : Math.log(v.cost))
  const secondary = (v: (typeof curve)[number]) => (rule.strategy === 'cost' || rule.strategy === 'slo' ? Math.log(v.ms) : Math.log(v.cost))
  const L = Math.log(1 + rule.tolerance)
  const best = Math.min(...curve.map(primary))
  const band = curve.filter((v) => primary(v) <= best + L)
  const top = Math.min(...band.map(secondary))
  const near = band.filter((v) => secondary(v) <= top + L)
  return near.reduce((a, b) => (primary(b) < primary(a) ? b : a)).m
}
