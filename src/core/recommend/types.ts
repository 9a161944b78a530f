/** Every recommendation says what is set now, what to set, why, and what it does to the bill. */
export interface Recommendation<T = number> {
  current: T | null
  recommended: T | null
  unit: string
  /** none: keep the current value */
  change: 'increase' | 'decrease' | 'none' | 'set' | 'remove'
  confidence: 'high' | 'medium' | 'low'
  /** one sentence */
  reason: string
  /** the measurements behind it, each a short sentence with its numbers */
  evidence: string[]
  money: Money
  warnings: string[]
}

export interface Money {
  /** USD a month at the observed traffic, now and with the recommendation (null when it cannot be priced) */
  monthlyCurrent: number | null
  monthlyRecommended: number | null
  /** monthlyCurrent - monthlyRecommended: positive saves money */
  monthlySaving: number | null
  note?: string
}

export const NO_MONEY: Money = { monthlyCurrent: null, monthlyRecommended: null, monthlySaving: null }

export function money(current: number | null, recommended: number | null, note?: string): Money {
  return {
    monthlyCurrent: current,
    monthlyRecommended: recommended,
    monthlySaving: current !== null && recommended !== null ? current - recommended : null,
    ...(note ? { note } : {}),
  }
}

export function changeOf(current: number | null, recommended: number | null): Recommendation['change'] {
  if (recommended === null || current === recommended) return 'none'
  if (current === null) return 'set'
  return recommended > current ? 'increase' : 'decrease'
}

/** Formats for evidence sentences: fixed, readable, locale-free. */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`
}

export function usd(value: number): string {
  return Math.abs(value) >= 100 ? `$${value.toFixed(0)}` : Math.abs(value) >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`
}

export function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 && share > 0 ? 2 : 1)}%`
}
