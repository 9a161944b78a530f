/** The two Lambda (and Fargate) CPU architectures. */
export type Arch = 'x86_64' | 'arm64'

export const ARCHES: readonly Arch[] = ['x86_64', 'arm64']

/** One band of the monthly GB-second tiers: priced up to `upToGbSeconds` (cumulative; null = no upper bound). */
export interface DurationTier {
  upToGbSeconds: number | null
  pricePerGbSecond: number
}

export interface LambdaArchPrices {
  /** null when no figure was sourced for this region and architecture */
  durationTiers: DurationTier[] | null
  provisionedConcurrencyPerGbSecond: number | null
  provisionedDurationPerGbSecond: number | null
}

export interface LambdaRegionPrices {
  requestsPerMillion: number | null
  /** per GB-second of configured /tmp above the free 512 MB */
  ephemeralStoragePerGbSecond: number | null
  /** true when tiers 2 and 3 are derived from the first tier (x 0.9, x 0.8) rather than read from a source */
  tiersDerived: boolean
  x86_64: LambdaArchPrices
  arm64: LambdaArchPrices
}

export interface PriceSource {
  what: string
  where: string
  date: string
}

export interface LambdaPriceTable {
  asOf: string
  /** 'bundled' = shipped with lambda-tune; 'aws-price-list' = fetched from the AWS Price List API */
  source: 'bundled' | 'aws-price-list'
  sources: PriceSource[]
  notes: string[]
  regions: Record<string, LambdaRegionPrices>
}

export interface FargateRate {
  perVcpuHour: number
  perGbHour: number
}

export interface FargateRegionPrices {
  x86_64: FargateRate | null
  arm64: FargateRate | null
  /** observed Spot discount (0..1) in the snapshot the notes name, or null */
  spotDiscountSnapshot: number | null
  spotNote: string
}

export interface FargatePriceTable {
  asOf: string
  sources: PriceSource[]
  notes: string[]
  regions: Record<string, FargateRegionPrices>
}
