import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { lambdaPricesFromPriceList } from '../core/cost/price-list.js'
import type { LambdaPriceTable } from '../core/cost/price-types.js'
import { toUserError } from './errors.js'

export interface FetchPricesOptions {
  /** the Lambda region whose prices to fetch */
  region: string
  /** where fetched tables are cached (the CLI passes oclif's cache dir, e.g. ~/.cache/lambda-tune) */
  cacheDir: string
  /** a cached table younger than this is used without asking AWS (default 24 h) */
  maxAgeHours?: number
  profile?: string
  endpointUrl?: string
  now?: Date
}

interface CacheFile {
  fetchedAt: string
  table: LambdaPriceTable
}

/**
 * Current Lambda prices for one region from the AWS Price List API (an endpoint in us-east-1; needs credentials with
 * pricing:GetProducts), cached on disk. Only `cost --fetch-prices` calls this; the bundled table is the default.
 */
export async function fetchLambdaPrices(options: FetchPricesOptions): Promise<LambdaPriceTable> {
  const now = options.now ?? new Date()
  const file = join(options.cacheDir, `lambda-prices-${options.region}.json`)
  const cached = await readCache(file)
  const maxAgeMs = (options.maxAgeHours ?? 24) * 3_600_000
  if (cached && now.getTime() - Date.parse(cached.fetchedAt) < maxAgeMs) return cached.table

  const { PricingClient, paginateGetProducts } = await import('@aws-sdk/client-pricing')
  const client = new PricingClient({
    region: 'us-east-1',
    maxAttempts: 3,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
  })
  const items: string[] = []
  try {
    const pages = paginateGetProducts({ client }, {
      ServiceCode: 'AWSLambda',
      FormatVersion: 'aws_v1',
      Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: options.region }],
    })
    for await (const page of pages) items.push(...(page.PriceList ?? []))
  } catch (err) {
    throw toUserError(err, 'fetching Lambda prices from the AWS Price List API', options.endpointUrl)
  } finally {
    client.destroy()
  }
  const table = lambdaPricesFromPriceList(options.region, items, now.toISOString().slice(0, 10))
  await writeCache(file, { fetchedAt: now.toISOString(), table })
  return table
}

async function readCache(file: string): Promise<CacheFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile
    return parsed.table?.regions && parsed.fetchedAt ? parsed : undefined
  } catch {
    return undefined // missing or unreadable: fetch again
  }
}

async function writeCache(file: string, content: CacheFile): Promise<void> {
  try {
    await mkdir(join(file, '..'), { recursive: true })
    await writeFile(`${file}.tmp`, JSON.stringify(content, null, 2))
    await rename(`${file}.tmp`, file)
  } catch {
    // A cache that cannot be written only costs a fetch next time.
  }
}
