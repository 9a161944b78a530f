import { studentTQuantile } from '../stats/student-t.js'

/** An estimate with its standard error and degrees of freedom (an exact value has se 0). */
export interface Estimate {
  value: number
  se: number
  df: number
}

/**
 * constant + Σ coefᵢ·Xᵢ over independent estimates Xᵢ. Each candidate is measured in its own window, so estimates of
 * different candidates are independent; one candidate's duration, cost and score are all lines in its one duration
 * ratio, so they never count as two independent things. Degrees of freedom by Welch–Satterthwaite.
 */
export interface LinearForm {
  constant: number
  terms: Array<{ coef: number; x: Estimate }>
}

export function evaluate(form: LinearForm): Estimate {
  let value = form.constant
  let variance = 0
  let denominator = 0
  for (const { coef, x } of form.terms) {
    value += coef * x.value
    const v = (coef * x.se) ** 2
    variance += v
    if (v > 0) denominator += (v * v) / x.df
  }
  return { value, se: Math.sqrt(variance), df: denominator > 0 ? (variance * variance) / denominator : Infinity }
}

/** a − c·b */
export function difference(a: LinearForm, b: LinearForm, c = 1): LinearForm {
  return { constant: a.constant - c * b.constant, terms: [...a.terms, ...b.terms.map((t) => ({ coef: -c * t.coef, x: t.x }))] }
}

/** One-sided upper bound at `confidence`. */
export function upper(e: Estimate, confidence: number): number {
  if (e.se === 0) return e.value
  return e.value + quantile(confidence, e.df) * e.se
}

export function lower(e: Estimate, confidence: number): number {
  if (e.se === 0) return e.value
  return e.value - quantile(confidence, e.df) * e.se
}

/** Two-sided interval at `confidence`. */
export function interval(e: Estimate, confidence: number): [number, number] {
  const q = e.se === 0 ? 0 : quantile(1 - (1 - confidence) / 2, e.df) * e.se
  return [e.value - q, e.value + q]
}

function quantile(p: number, df: number): number {
  return studentTQuantile(p, Number.isFinite(df) ? df : 1e9)
}
