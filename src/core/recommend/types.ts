import type { FunctionReport } from '../report/types.js'

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

/** The production figures a recommendation weighs: a report's function whose CloudWatch counts were read. */
export type ObservedFunction = Omit<FunctionReport, 'invocations' | 'errors' | 'errorRate' | 'throttles' | 'throttleRate' | 'monthly'> & {
  invocations: number
  errors: number
  errorRate: number
  throttles: number
  throttleRate: number
  monthly: { invocations: number; cost: number | null; basis?: FunctionReport['monthly']['basis'] }
}

/** An error share at or above this is named as a warning in every recommendation it distorts. */
export const ERROR_RATE_WARNING = 0.05
/** A throttle share at or above this is named as a warning where it hides demand. */
export const THROTTLE_RATE_WARNING = 0.01

/**
 * The error and throttle rates as a recommendation states them: an evidence line whenever there were any, and a
 * warning saying what they do to this recommendation when they are high enough to matter.
 */
export function rateNotes(r: ObservedFunction, effects: { errors?: string; throttles?: string }): { evidence: string[]; warnings: string[] } {
  const evidence: string[] = []
  const warnings: string[] = []
  if (r.errors > 0) {
    evidence.push(`errors: ${pct(r.errorRate)} (${r.errors} of ${r.invocations} invokes)`)
    if (effects.errors && r.errorRate >= ERROR_RATE_WARNING) warnings.push(`${pct(r.errorRate)} of invokes failed (${r.errors} of ${r.invocations}): ${effects.errors}`)
  }
  if (r.throttles > 0) {
    evidence.push(`throttles: ${pct(r.throttleRate)} of requests (${r.throttles})`)
    if (effects.throttles && r.throttleRate >= THROTTLE_RATE_WARNING) warnings.push(`${pct(r.throttleRate)} of requests were throttled (${r.throttles}): ${effects.throttles}`)
  }
  return { evidence, warnings }
}
