import { costPerInvoke } from '../cost/index.js'

/** What prices one version's invokes. */
export interface VersionPricing {
  memoryMB: number
  region: string
  arch: 'x86_64' | 'arm64'
  ephemeralStorageMB?: number
  /** whether INIT is billed for this function's cold starts */
  initBilled: boolean
}

/**
 * Cost per invoke as a straight line in the mean Duration: fixed + perMs × mean. Lambda bills each invoke's Duration
 * rounded up to the next ms, which adds half a ms on average to a mean spread over more than a ms; a billed cold start
 * adds its INIT. The canary prices both versions at the main version's share of cold starts, the one of the alias's
 * real traffic (a freshly published candidate starts every environment cold, which says nothing of production), each
 * with its own mean INIT. Being a line, the interval of a mean duration maps straight onto the interval of its cost.
 */
export interface LinearCost {
  fixedUsd: number
  perMsUsd: number
}

export function linearCost(pricing: VersionPricing, cold: { share: number | null; initMeanMs: number | null }): LinearCost {
  const second = costPerInvoke({
    memoryMB: pricing.memoryMB,
    billedDurationMs: 1000,
    arch: pricing.arch,
    region: pricing.region,
    ...(pricing.ephemeralStorageMB ? { ephemeralStorageMB: pricing.ephemeralStorageMB } : {}),
  })
  const perMsUsd = (second.computeUsd + second.storageUsd) / 1000
  const init = pricing.initBilled && cold.share !== null && cold.initMeanMs !== null ? cold.share * cold.initMeanMs : 0
  return { fixedUsd: second.requestUsd + perMsUsd * (0.5 + init), perMsUsd }
}

export function costAt(line: LinearCost, meanMs: number): number {
  return line.fixedUsd + line.perMsUsd * meanMs
}
