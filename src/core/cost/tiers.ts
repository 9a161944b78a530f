import type { DurationTier } from './price-types.js'

/** The GB-seconds that fell in one price band, and what they cost. */
export interface TierCharge {
  /** cumulative GB-s where this band starts */
  fromGbSeconds: number
  upToGbSeconds: number | null
  pricePerGbSecond: number
  gbSeconds: number
  usd: number
}

/**
 * Prices a month's GB-seconds through the bands (thresholds apply per account, region and architecture), after taking
 * `freeGbSeconds` off the bottom: the free tier covers the month's first GB-seconds, which are first-band ones.
 * Returns every band, even empty ones, so a table can show where a workload sits.
 */
export function priceThroughTiers(gbSeconds: number, tiers: readonly DurationTier[], freeGbSeconds = 0): TierCharge[] {
  let from = 0
  return tiers.map((tier) => {
    const upTo = tier.upToGbSeconds
    const inBand = Math.max(0, Math.min(gbSeconds, upTo ?? Infinity) - from)
    const freeInBand = Math.max(0, Math.min(freeGbSeconds, upTo ?? Infinity) - from)
    const billable = Math.max(0, inBand - freeInBand)
    const charge = { fromGbSeconds: from, upToGbSeconds: upTo, pricePerGbSecond: tier.pricePerGbSecond, gbSeconds: billable, usd: billable * tier.pricePerGbSecond }
    from = upTo ?? Infinity
    return charge
  })
}
