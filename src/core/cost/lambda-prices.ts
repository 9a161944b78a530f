import { UsageError } from '../errors.js'
import { checkRegion } from '../regions.js'
import { BUNDLED_LAMBDA_PRICES } from './bundled-prices.js'
import { ARCHES, type Arch, type DurationTier, type LambdaPriceTable } from './price-types.js'

/** The prices one calculation uses, looked up once, with every figure it needs present. */
export interface ResolvedLambdaPrices {
  region: string
  arch: Arch
  asOf: string
  source: LambdaPriceTable['source']
  table: LambdaPriceTable
}

/** Throws a UsageError for anything but 'x86_64' or 'arm64' (also accepts 'x86', 'amd64', 'arm', 'aarch64', 'graviton'). */
export function checkArch(arch: string | undefined): Arch {
  if (arch === undefined) return 'x86_64'
  const a = arch.trim().toLowerCase().replace('-', '_')
  if (a === 'x86_64' || a === 'x86' || a === 'amd64') return 'x86_64'
  if (a === 'arm64' || a === 'arm' || a === 'aarch64' || a === 'graviton') return 'arm64'
  throw new UsageError(`unknown architecture '${arch}': use ${ARCHES.join(' or ')}`)
}

export function resolveLambdaPrices(
  region: string | undefined,
  arch: string | undefined,
  table: LambdaPriceTable = BUNDLED_LAMBDA_PRICES,
): ResolvedLambdaPrices {
  return {
    region: checkRegion(region ?? 'us-east-1', Object.keys(table.regions)),
    arch: checkArch(arch),
    asOf: table.asOf,
    source: table.source,
    table,
  }
}

/**
 * A price that is null in the table is an error, never a guess: the message names the figure, region, architecture and
 * the table's date, and the way out (--fetch-prices asks the AWS Price List API).
 */
function missing(p: ResolvedLambdaPrices, what: string): never {
  throw new UsageError(
    `no ${what} price for ${p.region} (${p.arch}) in the ${p.source} price table of ${p.asOf}: ` +
      `use --fetch-prices for current AWS prices, or another region or architecture`,
  )
}

export function durationTiers(p: ResolvedLambdaPrices): DurationTier[] {
  return p.table.regions[p.region]![p.arch].durationTiers ?? missing(p, 'duration (GB-second)')
}

export function firstTierPrice(p: ResolvedLambdaPrices): number {
  return durationTiers(p)[0]!.pricePerGbSecond
}

export function requestPrice(p: ResolvedLambdaPrices): number {
  const perMillion = p.table.regions[p.region]!.requestsPerMillion ?? missing(p, 'request')
  return perMillion / 1e6
}

export function storagePrice(p: ResolvedLambdaPrices): number {
  return p.table.regions[p.region]!.ephemeralStoragePerGbSecond ?? missing(p, 'ephemeral storage')
}

export function provisionedPrices(p: ResolvedLambdaPrices): { concurrency: number; duration: number } {
  const a = p.table.regions[p.region]![p.arch]
  return {
    concurrency: a.provisionedConcurrencyPerGbSecond ?? missing(p, 'provisioned concurrency'),
    duration: a.provisionedDurationPerGbSecond ?? missing(p, 'provisioned duration'),
  }
}

/** Warnings about how trustworthy the figures for this region are. */
export function priceWarnings(p: ResolvedLambdaPrices, usesUpperTiers: boolean): string[] {
  const r = p.table.regions[p.region]!
  return usesUpperTiers && r.tiersDerived
    ? [`duration tiers 2 and 3 for ${p.region} are derived (first tier x 0.9 and x 0.8), not read from AWS`]
    : []
}
