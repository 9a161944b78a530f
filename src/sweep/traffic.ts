import type { Target } from '../aws/target.js'
import { shortName } from '../core/sweep/target-name.js'
import { TRAFFIC_DAYS, trafficFromInvocations, type Traffic } from '../core/sweep/monthly.js'
import { message } from './run-outcome.js'

/**
 * The requests a month a sweep prices its values at: --monthly-requests when given; otherwise the function's own
 * Invocations over the last 30 days (the alias's, for an alias), read before the run's first invoke so the run's own
 * traffic is not counted. A --local emulator has no history: no figure. A read that fails is a warning, not a failure.
 */
export async function sweepTraffic(
  target: Target,
  fn: { functionName: string; qualifier?: string },
  monthlyRequests: number | undefined,
  warn: (message: string) => void,
  now: Date = new Date(),
): Promise<Traffic | null> {
  if (monthlyRequests !== undefined) return { monthlyRequests, source: 'flag', observed: null }
  if (target.local) return null
  const start = new Date(now.getTime() - TRAFFIC_DAYS * 86_400_000)
  try {
    const { readInvocations } = await import('../aws/invocations.js')
    const alias = fn.qualifier && !/^\d+$/.test(fn.qualifier) && fn.qualifier !== '$LATEST' ? fn.qualifier : undefined
    const count = await readInvocations(await target.cloudwatch(), { functionName: shortName(fn.functionName), ...(alias ? { alias } : {}) }, start, now, target.endpoint)
    return trafficFromInvocations(count.invocations, start, now, count.dimension)
  } catch (err) {
    // The sweep is worth having without the monthly figures: a metrics read never fails it.
    warn(`no $/month figures: ${message(err)}; give --monthly-requests to price the values at your traffic`)
    return null
  }
}
