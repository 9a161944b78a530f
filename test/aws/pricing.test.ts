import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchLambdaPrices } from '../../src/aws/pricing.js'
import { runCli } from '../helpers/cli.js'
import { EU_WEST_1_PRICE_LIST } from '../core/cost/price-list-fixture.js'

// The emulator has no Price List API, so a minimal one speaks the real protocol here (AWS JSON 1.1,
// X-Amz-Target AWSPriceListService.GetProducts) and pages its answer in two, as AWS does with NextToken.
let server: Server
let endpoint = ''
const requests: { target: string; body: Record<string, unknown> }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (d) => (raw += d))
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>
      requests.push({ target: String(req.headers['x-amz-target']), body })
      const half = Math.ceil(EU_WEST_1_PRICE_LIST.length / 2)
      const page = body.NextToken === 'page-2'
        ? { FormatVersion: 'aws_v1', PriceList: EU_WEST_1_PRICE_LIST.slice(half) }
        : { FormatVersion: 'aws_v1', PriceList: EU_WEST_1_PRICE_LIST.slice(0, half), NextToken: 'page-2' }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
      res.end(JSON.stringify(page))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }

describe('fetchLambdaPrices', () => {
  it('asks the Price List API for one region, pages through, and caches the table', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, credentials)
    try {
      const cacheDir = mkdtempSync(join(tmpdir(), 'lambda-tune-prices-'))
      requests.length = 0
      const now = new Date('2026-11-26T12:00:00Z')
      const table = await fetchLambdaPrices({ region: 'eu-west-1', cacheDir, endpointUrl: endpoint, now })
      expect(requests.map((r) => r.target)).toEqual(['AWSPriceListService.GetProducts', 'AWSPriceListService.GetProducts'])
      expect(requests[0]!.body).toMatchObject({ ServiceCode: 'AWSLambda', Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' }] })
      expect(table.regions['eu-west-1']!.arm64.provisionedConcurrencyPerGbSecond).toBe(0.0000037168)
      const cached = JSON.parse(readFileSync(join(cacheDir, 'lambda-prices-eu-west-1.json'), 'utf8'))
      expect(cached.fetchedAt).toBe(now.toISOString())

      // within a day the cache answers; after it, AWS is asked again
      requests.length = 0
      await fetchLambdaPrices({ region: 'eu-west-1', cacheDir, endpointUrl: endpoint, now: new Date('2026-11-27T11:00:00Z') })
      expect(requests).toHaveLength(0)
      await fetchLambdaPrices({ region: 'eu-west-1', cacheDir, endpointUrl: endpoint, now: new Date('2026-11-27T13:00:00Z') })
      expect(requests).toHaveLength(2)
    } finally {
      process.env = saved
    }
  })

  it('turns an unreachable endpoint into one user error', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, credentials)
    try {
      const cacheDir = mkdtempSync(join(tmpdir(), 'lambda-tune-prices-'))
      await expect(fetchLambdaPrices({ region: 'eu-west-1', cacheDir, endpointUrl: 'http://127.0.0.1:9' }))
        .rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/)
    } finally {
      process.env = saved
    }
  })
})

describe('lambda-tune cost --fetch-prices', () => {
  it('prices with the fetched table, caching it under the user cache dir', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'lambda-tune-xdg-'))
    const args = ['cost', '-m', '1024', '-d', '100', '-r', '1M', '--arch', 'arm64', '--region', 'eu-west-1', '--provisioned', '1', '--fetch-prices', '--json']
    const env = { ...credentials, AWS_ENDPOINT_URL: endpoint, XDG_CACHE_HOME: cache }
    const r = await runCli(args, { env })
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout)
    expect(out.prices).toEqual({ source: 'aws-price-list', asOf: '2026-08-31' })
    // 1 x 1 GB x 2,628,000 s x 0.0000037168
    expect(out.monthly.provisionedConcurrency).toBeCloseTo(9.7677504, 8)
    // without --fetch-prices the bundled table has no arm64 provisioned rate for eu-west-1
    const bundled = await runCli(args.filter((a) => a !== '--fetch-prices'), { env })
    expect(bundled.code).toBe(2)
    expect(bundled.stderr).toMatch(/no provisioned concurrency price for eu-west-1 \(arm64\)/)
    // a corrupt cache file is ignored, not fatal
    writeFileSync(join(cache, 'lambda-tune', 'lambda-prices-eu-west-1.json'), '{not json')
    expect((await runCli(args, { env })).code).toBe(0)
  })
})
