import { HOURS_PER_MONTH } from '../quantity.js'
import type { MemoryResult } from './types.js'

/** Where the requests a month come from: --monthly-requests, or the function's own Invocations in CloudWatch. */
export interface Traffic {
  /** requests a month the costs are priced at */
  monthlyRequests: number
  source: 'flag' | 'cloudwatch'
  /** cloudwatch: the Invocations summed over the window, and the window (ISO 8601) */
  observed: { invocations: number; start: string; end: string; dimension: string } | null
}

/** CloudWatch's window for the default monthly requests: the last 30 days. */
export const TRAFFIC_DAYS = 30

/** The Invocations of a window, as requests in a 730-hour month (the month every price of lambda-tune uses). */
export function trafficFromInvocations(invocations: number, start: Date, end: Date, dimension: string): Traffic {
  const hours = Math.max(1, (end.getTime() - start.getTime()) / 3_600_000)
  return {
    monthlyRequests: (invocations * HOURS_PER_MONTH) / hours,
    source: 'cloudwatch',
    observed: { invocations, start: start.toISOString(), end: end.toISOString(), dimension },
  }
}

export interface MonthlyCost {
  requests: number
  /** USD a month: the value's mean cost of a warm invoke × the requests */
  cost: number
}

/** A value's cost at the traffic; null when the traffic is unknown or the value has no cost (it failed). */
export function monthlyCostOf(result: Pick<MemoryResult, 'costPerInvocation' | 'failed'>, traffic: Traffic | null): MonthlyCost | null {
  if (!traffic || result.failed || result.costPerInvocation === null) return null
  return { requests: traffic.monthlyRequests, cost: result.costPerInvocation * traffic.monthlyRequests }
}

/**
 * What the pick saves a month against the current setting: positive is cheaper. Null without traffic, without a
 * pick, or when the current setting was not measured (it failed).
 */
export function monthlySaving(results: ReadonlyArray<Pick<MemoryResult, 'memory'> & { monthly: MonthlyCost | null }>, pick: number | null, current: number): number | null {
  if (pick === null) return null
  const now = results.find((r) => r.memory === current)?.monthly
  const then = results.find((r) => r.memory === pick)?.monthly
  return now && then ? now.cost - then.cost : null
}
