import type { DurationTier, LambdaArchPrices, LambdaPriceTable, LambdaRegionPrices } from './price-types.js'

// Usage types of the AWSLambda offer, without their region prefix ("USE2-", "EU-"; none in us-east-1).
const USAGE = /(?:^|-)(Request|Lambda-GB-Second|Lambda-Provisioned-Concurrency|Lambda-Provisioned-GB-Second|Lambda-Storage-GB-Second)(-ARM)?$/

interface PriceListProduct {
  product?: { attributes?: Record<string, string> }
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> }
  publicationDate?: string
}

interface PriceDimension {
  beginRange?: string
  endRange?: string
  pricePerUnit?: { USD?: string }
}

type Kind = 'Request' | 'Lambda-GB-Second' | 'Lambda-Provisioned-Concurrency' | 'Lambda-Provisioned-GB-Second' | 'Lambda-Storage-GB-Second'

/**
 * Builds a one-region price table from AWS Price List API `GetProducts` items (service code AWSLambda, one JSON
 * string per product). Free-tier rows (usage type "Global-...") and zero prices are ignored; a figure the list does
 * not carry stays null, so the model reports it missing rather than guessing.
 */
export function lambdaPricesFromPriceList(region: string, priceList: readonly string[], fetchedOn: string): LambdaPriceTable {
  const found = new Map<string, DurationTier[]>()
  let published = ''
  for (const item of priceList) {
    const p = JSON.parse(item) as PriceListProduct
    const usage = p.product?.attributes?.usagetype ?? ''
    const m = USAGE.exec(usage)
    if (!m || usage.startsWith('Global-')) continue
    const tiers = Object.values(p.terms?.OnDemand ?? {})
      .flatMap((t) => Object.values(t.priceDimensions ?? {}))
      .map((d) => ({ begin: Number(d.beginRange ?? 0), end: d.endRange, price: Number(d.pricePerUnit?.USD) }))
      .filter((d) => Number.isFinite(d.price) && d.price > 0)
      .sort((a, b) => a.begin - b.begin)
      .map((d) => ({ upToGbSeconds: d.end === undefined || d.end === 'Inf' ? null : Number(d.end), pricePerGbSecond: d.price }))
    if (tiers.length === 0) continue
    found.set(`${m[1]}${m[2] ?? ''}`, tiers)
    if (p.publicationDate && p.publicationDate > published) published = p.publicationDate
  }
  const flat = (kind: Kind, arm: boolean) => found.get(`${kind}${arm ? '-ARM' : ''}`)?.[0]?.pricePerGbSecond ?? null
  const arch = (arm: boolean): LambdaArchPrices => ({
    durationTiers: found.get(`Lambda-GB-Second${arm ? '-ARM' : ''}`) ?? null,
    provisionedConcurrencyPerGbSecond: flat('Lambda-Provisioned-Concurrency', arm),
    provisionedDurationPerGbSecond: flat('Lambda-Provisioned-GB-Second', arm),
  })
  const request = flat('Request', false) ?? flat('Request', true)
  const prices: LambdaRegionPrices = {
    requestsPerMillion: request === null ? null : request * 1e6,
    ephemeralStoragePerGbSecond: flat('Lambda-Storage-GB-Second', false) ?? flat('Lambda-Storage-GB-Second', true),
    tiersDerived: false,
    x86_64: arch(false),
    arm64: arch(true),
  }
  return {
    asOf: published ? published.slice(0, 10) : fetchedOn,
    source: 'aws-price-list',
    sources: [{ what: `AWS Price List API, service AWSLambda, region ${region}`, where: 'pricing.us-east-1.amazonaws.com GetProducts', date: fetchedOn }],
    notes: [],
    regions: { [region]: prices },
  }
}
