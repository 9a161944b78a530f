import { HOURS_PER_MONTH } from '../quantity.js'
import { meanBilledMs, type DurationInput } from './duration-mix.js'
import { isInitBilled } from './init-billing.js'
import {
  billedMs, checkMemory, checkNonNegative, checkShare, checkStorage,
  FREE_STORAGE_MB, FREE_TIER_GB_SECONDS, FREE_TIER_REQUESTS,
} from './limits.js'
import {
  durationTiers, priceWarnings, provisionedPrices, requestPrice, resolveLambdaPrices, storagePrice,
} from './lambda-prices.js'
import type { Arch, LambdaPriceTable } from './price-types.js'
import { priceThroughTiers, type TierCharge } from './tiers.js'
import { UsageError } from '../errors.js'

export interface ProvisionedInput {
  /** provisioned concurrency: the number of environments kept warm */
  environments: number
  /** hours a month it is enabled (default 730, the whole month); billed in 5-minute steps, rounded up */
  hoursEnabled?: number
  /** share (0..1) of the month's invokes it serves; default: what it can serve if traffic were flat, at most 1 */
  shareOfInvokes?: number
}

export interface MonthlyCostInput {
  requestsPerMonth: number
  memoryMB: number
  /** ms: a single value, a list, or a histogram of {durationMs, count | weight} */
  duration: DurationInput
  arch?: Arch
  region?: string
  /** share (0..1) of on-demand invokes that are cold starts */
  coldStartRate?: number
  /** INIT duration of one cold start, ms */
  initDurationMs?: number
  /** overrides the rule below when given */
  initBilled?: boolean
  packageType?: 'Zip' | 'Image'
  runtime?: string
  /** ISO date of the month modelled (INIT rule); default: the price table's date */
  billingDate?: string
  /** take the monthly free tier off (1M requests, 400,000 GB-s; account-wide) */
  freeTier?: boolean
  ephemeralStorageMB?: number
  provisioned?: ProvisionedInput
  prices?: LambdaPriceTable
}

export interface ProvisionedBreakdown {
  environments: number
  hoursEnabled: number
  /** hours billed: rounded up to 5 minutes */
  billedHours: number
  shareOfInvokes: number
  invokes: number
  /** GB-s of enabled time, priced at the concurrency rate */
  concurrencyGbSeconds: number
  /** GB-s of invokes it served, priced at the provisioned duration rate */
  durationGbSeconds: number
}

export interface MonthlyCostBreakdown {
  region: string
  arch: Arch
  memoryMB: number
  requestsPerMonth: number
  /** mean billed duration of one invoke, ms (each invoke rounded up to 1 ms) */
  billedDurationMs: number
  coldStarts: number
  initBilled: boolean
  /** on-demand GB-s through the tiers (invokes + billed INIT), before the free tier */
  onDemandGbSeconds: number
  initGbSeconds: number
  storageGbSeconds: number
  /** USD a month, net of the free tier */
  requests: number
  /** on-demand invoke duration, USD, net of the free tier */
  compute: number
  /** billed INIT duration, USD, net of the free tier (tiers and free tier shared with compute pro rata) */
  init: number
  computeTiers: TierCharge[]
  ephemeralStorage: number
  provisionedConcurrency: number
  provisionedDuration: number
  /** what the free tier took off requests and compute (positive numbers; already subtracted above) */
  freeTierCredit: { requests: number; compute: number; total: number }
  provisioned: ProvisionedBreakdown | null
  total: number
  /** USD per million invokes (null with no invokes) */
  perMillion: number | null
  pricesAsOf: string
  priceSource: LambdaPriceTable['source']
  warnings: string[]
}

const FIVE_MINUTES_H = 5 / 60

/** A month of Lambda traffic priced as AWS bills it. See docs/cost.md for every rule and assumption. */
export function monthlyCost(input: MonthlyCostInput): MonthlyCostBreakdown {
  const p = resolveLambdaPrices(input.region, input.arch, input.prices)
  const memoryMB = checkMemory(input.memoryMB)
  const memoryGB = memoryMB / 1024
  const requests = checkNonNegative(input.requestsPerMonth, 'requests per month')
  const durationMs = meanBilledMs(input.duration)
  const durationS = durationMs / 1000
  const coldStartRate = checkShare(input.coldStartRate ?? 0, 'cold-start rate')
  const initMs = billedMs(checkNonNegative(input.initDurationMs ?? 0, 'init duration'))
  const initBilled = input.initBilled ?? isInitBilled(input, p.asOf)
  const extraStorageGB = (checkStorage(input.ephemeralStorageMB ?? FREE_STORAGE_MB) - FREE_STORAGE_MB) / 1024
  const warnings: string[] = []

  const pc = input.provisioned && input.provisioned.environments > 0 ? provisioned(input.provisioned, requests, durationS, memoryGB, warnings) : null
  const onDemandInvokes = requests - (pc?.invokes ?? 0)
  const coldStarts = onDemandInvokes * coldStartRate
  if (coldStartRate > 0 && initMs === 0) warnings.push('a cold-start rate without an init duration adds no INIT cost')

  const invokeGbSeconds = onDemandInvokes * durationS * memoryGB
  const initGbSeconds = initBilled ? coldStarts * (initMs / 1000) * memoryGB : 0
  const onDemandGbSeconds = invokeGbSeconds + initGbSeconds
  const tiers = durationTiers(p)
  const freeGbSeconds = input.freeTier ? Math.min(FREE_TIER_GB_SECONDS, onDemandGbSeconds) : 0
  const computeTiers = priceThroughTiers(onDemandGbSeconds, tiers, freeGbSeconds)
  const durationUsd = computeTiers.reduce((sum, t) => sum + t.usd, 0)
  const invokeShare = onDemandGbSeconds > 0 ? invokeGbSeconds / onDemandGbSeconds : 1
  warnings.push(...priceWarnings(p, computeTiers.slice(1).some((t) => t.gbSeconds > 0)))

  const perRequest = requestPrice(p)
  const freeRequests = input.freeTier ? Math.min(FREE_TIER_REQUESTS, requests) : 0
  const requestsUsd = (requests - freeRequests) * perRequest

  const billedInitS = initBilled ? coldStarts * (initMs / 1000) : 0
  const storageGbSeconds = extraStorageGB * (requests * durationS + billedInitS)
  const storageUsd = storageGbSeconds > 0 ? storageGbSeconds * storagePrice(p) : 0

  let provisionedConcurrency = 0
  let provisionedDuration = 0
  if (pc) {
    const rates = provisionedPrices(p)
    provisionedConcurrency = pc.concurrencyGbSeconds * rates.concurrency
    provisionedDuration = pc.durationGbSeconds * rates.duration
  }

  const freeCompute = freeGbSeconds * tiers[0]!.pricePerGbSecond
  const freeRequestsUsd = freeRequests * perRequest
  const total = requestsUsd + durationUsd + storageUsd + provisionedConcurrency + provisionedDuration
  return {
    region: p.region,
    arch: p.arch,
    memoryMB,
    requestsPerMonth: requests,
    billedDurationMs: durationMs,
    coldStarts,
    initBilled,
    onDemandGbSeconds,
    initGbSeconds,
    storageGbSeconds,
    requests: requestsUsd,
    compute: durationUsd * invokeShare,
    init: durationUsd * (1 - invokeShare),
    computeTiers,
    ephemeralStorage: storageUsd,
    provisionedConcurrency,
    provisionedDuration,
    freeTierCredit: { requests: freeRequestsUsd, compute: freeCompute, total: freeRequestsUsd + freeCompute },
    provisioned: pc,
    total,
    perMillion: requests > 0 ? (total / requests) * 1e6 : null,
    pricesAsOf: p.asOf,
    priceSource: p.source,
    warnings,
  }
}

function provisioned(
  input: ProvisionedInput, requests: number, durationS: number, memoryGB: number, warnings: string[],
): ProvisionedBreakdown {
  const environments = input.environments
  if (!Number.isInteger(environments) || environments < 0) {
    throw new UsageError(`provisioned concurrency must be a whole number of environments, got ${environments}`)
  }
  const hoursEnabled = checkNonNegative(input.hoursEnabled ?? HOURS_PER_MONTH, 'provisioned hours enabled')
  const billedHours = Math.ceil(hoursEnabled / FIVE_MINUTES_H - 1e-9) * FIVE_MINUTES_H
  // One environment serves one invoke at a time: its capacity is the seconds it is enabled.
  const capacityS = environments * hoursEnabled * 3600
  const demandS = requests * durationS
  const flatShare = demandS > 0 ? Math.min(1, capacityS / demandS) : 0
  const shareOfInvokes = checkShare(input.shareOfInvokes ?? flatShare, 'provisioned share of invokes')
  if (shareOfInvokes > flatShare + 1e-9) {
    warnings.push(`provisioned concurrency serves ${pct(shareOfInvokes)} of invokes but its ${environments} environment(s) can serve at most ${pct(flatShare)} at this duration`)
  }
  const invokes = requests * shareOfInvokes
  return {
    environments,
    hoursEnabled,
    billedHours,
    shareOfInvokes,
    invokes,
    concurrencyGbSeconds: environments * memoryGB * billedHours * 3600,
    durationGbSeconds: invokes * durationS * memoryGB,
  }
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
