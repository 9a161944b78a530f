import { isInitBilled } from '../cost/init-billing.js'
import { monthlyCost, type MonthlyCostBreakdown, type MonthlyCostInput } from '../cost/monthly-cost.js'
import type { Arch } from '../cost/price-types.js'
import type { BillingPart, CostBasis, FunctionInfo } from './types.js'

export interface ObservedCostInput {
  fn: Pick<FunctionInfo, 'memoryMB' | 'architecture' | 'ephemeralStorageMB' | 'packageType' | 'runtime'>
  region: string
  requestsPerMonth: number
  /** average billed duration, ms (may be fractional: the mean of whole-ms bills) */
  billedDurationMs: number
  coldStartShare?: number
  initDurationMs?: number | null
  billingDate?: string
  provisioned?: MonthlyCostInput['provisioned']
}

/**
 * A month at the observed rate with the cost model: the average billed duration (kept exact when fractional, as a
 * two-bar histogram of whole milliseconds), INIT priced on top only when a cold-start share and init duration are
 * given, no free tier (it is account-wide).
 */
export function observedMonthlyCost(input: ObservedCostInput): MonthlyCostBreakdown {
  const billed = Math.max(1, input.billedDurationMs)
  const whole = Math.floor(billed)
  const frac = billed - whole
  return monthlyCost({
    requestsPerMonth: input.requestsPerMonth,
    memoryMB: input.fn.memoryMB,
    duration: frac > 1e-9 ? [{ durationMs: whole, weight: 1 - frac }, { durationMs: whole + 1, weight: frac }] : whole,
    arch: input.fn.architecture,
    region: input.region,
    coldStartRate: input.initDurationMs ? Math.min(1, input.coldStartShare ?? 0) : 0,
    initDurationMs: input.initDurationMs ?? 0,
    packageType: input.fn.packageType,
    runtime: input.fn.runtime,
    billingDate: input.billingDate,
    ephemeralStorageMB: input.fn.ephemeralStorageMB,
    provisioned: input.provisioned,
  })
}

export interface ProductionCostInput {
  fn: FunctionInfo
  region: string
  /** production invokes a month (the sweep's left out) */
  requestsPerMonth: number
  billingDate: string
  /** the REPORT lines split by version and memory size (production only); empty when none were read */
  parts: BillingPart[]
  /** architecture of published versions, from their configuration */
  versionArchitectures?: ReadonlyMap<string, Arch>
  /** without parts: CloudWatch's average Duration, ms */
  averageDurationMs?: number
  /** without parts: cold-start share and INIT duration (from Lambda Insights), when known */
  coldStartShare?: number
  initDurationMs?: number | null
}

/**
 * The month as AWS bills it. With REPORT lines: each part (a version at a memory size) at its own memory and
 * architecture, its share of the invokes at its mean Billed Duration, which already holds INIT where Lambda bills it
 * (container images, custom runtimes, and managed runtimes since August 2025): INIT is never added again. Without:
 * the average Duration rounded up to the next ms at the current setting, plus the cold-start share x INIT where INIT
 * is billed and the cold starts are known.
 */
export function productionCost(input: ProductionCostInput): { total: number; basis: CostBasis } {
  const { fn } = input
  const initBilled = isInitBilled({ packageType: fn.packageType, runtime: fn.runtime, billingDate: input.billingDate }, input.billingDate)
  const counted = input.parts.reduce((n, p) => n + p.invocations, 0)
  if (counted > 0) {
    const ordered = [...input.parts].sort((a, b) => a.memoryMB - b.memoryMB || a.version.localeCompare(b.version, 'en', { numeric: true }))
    const parts = ordered.map((p) => {
      const fromVersion = /^\d+$/.test(p.version) ? input.versionArchitectures?.get(p.version) : undefined
      const architecture = fromVersion ?? fn.architecture
      const share = p.invocations / counted
      const billedDurationMs = p.billedMs / p.invocations
      const cost = observedMonthlyCost({
        fn: { ...fn, memoryMB: p.memoryMB, architecture },
        region: input.region,
        requestsPerMonth: input.requestsPerMonth * share,
        billedDurationMs,
        billingDate: input.billingDate,
      }).total
      return { version: p.version, memoryMB: p.memoryMB, architecture, architectureFrom: fromVersion ? ('version' as const) : ('current' as const), share, billedDurationMs, cost }
    })
    return {
      total: parts.reduce((s, p) => s + p.cost, 0),
      basis: { billedDuration: 'report-lines', init: initBilled ? 'in-billed-duration' : 'not-billed', parts },
    }
  }
  const billedDurationMs = Math.ceil(input.averageDurationMs ?? 0)
  const initKnown = input.coldStartShare !== undefined && input.initDurationMs != null
  const init: CostBasis['init'] = !initBilled ? 'not-billed' : initKnown ? 'added' : 'unknown'
  const cost = observedMonthlyCost({
    fn,
    region: input.region,
    requestsPerMonth: input.requestsPerMonth,
    billedDurationMs,
    ...(init === 'added' ? { coldStartShare: input.coldStartShare, initDurationMs: input.initDurationMs } : {}),
    billingDate: input.billingDate,
  }).total
  return {
    total: cost,
    basis: {
      billedDuration: 'average-duration',
      init,
      parts: [{ version: null, memoryMB: fn.memoryMB, architecture: fn.architecture, architectureFrom: 'current', share: 1, billedDurationMs, cost }],
    },
  }
}
