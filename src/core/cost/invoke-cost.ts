import { billedMs, checkMemory, checkNonNegative, checkPositive, checkStorage, FREE_STORAGE_MB } from './limits.js'
import { firstTierPrice, requestPrice, resolveLambdaPrices, storagePrice } from './lambda-prices.js'
import type { Arch, LambdaPriceTable } from './price-types.js'

export interface InvokeCostInput {
  memoryMB: number
  /** rounded up to the next whole ms here if it is not already */
  billedDurationMs: number
  arch?: Arch
  region?: string
  /** billed INIT duration of this invoke when it is a billed cold start (rounded up to 1 ms), else 0 */
  initBilledMs?: number
  /** configured /tmp; only the part above 512 MB costs */
  ephemeralStorageMB?: number
  /** a price table other than the bundled one (e.g. fetched from the AWS Price List API) */
  prices?: LambdaPriceTable
}

export interface InvokeCost {
  requestUsd: number
  computeUsd: number
  initUsd: number
  storageUsd: number
  totalUsd: number
  /** billed GB-seconds of this invoke, INIT included */
  gbSeconds: number
}

/**
 * One on-demand invoke at first-tier prices, no free tier: the marginal price a tuning decision should compare.
 */
export function costPerInvoke(input: InvokeCostInput): InvokeCost {
  const p = resolveLambdaPrices(input.region, input.arch, input.prices)
  const memoryGB = checkMemory(input.memoryMB) / 1024
  const durationS = billedMs(checkPositive(input.billedDurationMs, 'duration')) / 1000
  const initS = billedMs(checkNonNegative(input.initBilledMs ?? 0, 'init duration')) / 1000
  const extraStorageGB = (checkStorage(input.ephemeralStorageMB ?? FREE_STORAGE_MB) - FREE_STORAGE_MB) / 1024
  const gbPrice = firstTierPrice(p)
  const requestUsd = requestPrice(p)
  const computeUsd = memoryGB * durationS * gbPrice
  const initUsd = memoryGB * initS * gbPrice
  const storageUsd = extraStorageGB > 0 ? extraStorageGB * (durationS + initS) * storagePrice(p) : 0
  return {
    requestUsd,
    computeUsd,
    initUsd,
    storageUsd,
    totalUsd: requestUsd + computeUsd + initUsd + storageUsd,
    gbSeconds: memoryGB * (durationS + initS),
  }
}
