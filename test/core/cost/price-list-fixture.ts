// GetProducts items in the AWS Price List format (service AWSLambda), built the way the API returns them:
// one JSON string per product, usage type with a region prefix, OnDemand terms with ranged price dimensions.
interface Dimension { begin: string; end: string; usd: string }

function item(usagetype: string, dims: Dimension[], regionCode = 'eu-west-1'): string {
  const sku = `SKU${usagetype.replace(/[^A-Z0-9]/gi, '').slice(0, 10)}`
  const priceDimensions = Object.fromEntries(dims.map((d, i) => [
    `${sku}.JRTCKXETXF.${i}`,
    { unit: 'Lambda-GB-Second', beginRange: d.begin, endRange: d.end, description: usagetype, appliesTo: [], rateCode: `${sku}.${i}`, pricePerUnit: { USD: d.usd } },
  ]))
  return JSON.stringify({
    product: { productFamily: 'Serverless', sku, attributes: { regionCode, usagetype, servicecode: 'AWSLambda' } },
    serviceCode: 'AWSLambda',
    terms: { OnDemand: { [`${sku}.JRTCKXETXF`]: { priceDimensions, sku, effectiveDate: '2026-08-01T00:00:00Z' } } },
    version: '20260831180000',
    publicationDate: '2026-08-31T18:00:00Z',
  })
}

const flat = (usd: string): Dimension[] => [{ begin: '0', end: 'Inf', usd }]

/** eu-west-1 as the Price List would give it (arm64 provisioned rates included, which the bundled table lacks). */
export const EU_WEST_1_PRICE_LIST: string[] = [
  item('EU-Request', flat('0.0000002')),
  item('EU-Request-ARM', flat('0.0000002')),
  item('EU-Lambda-GB-Second', [
    { begin: '15000000000', end: 'Inf', usd: '0.0000133334' },
    { begin: '0', end: '6000000000', usd: '0.0000166667' },
    { begin: '6000000000', end: '15000000000', usd: '0.0000150000' },
  ]),
  item('EU-Lambda-GB-Second-ARM', [
    { begin: '0', end: '7500000000', usd: '0.0000133334' },
    { begin: '7500000000', end: '18750000000', usd: '0.0000120001' },
    { begin: '18750000000', end: 'Inf', usd: '0.0000106667' },
  ]),
  item('EU-Lambda-Provisioned-Concurrency', flat('0.0000046460')),
  item('EU-Lambda-Provisioned-Concurrency-ARM', flat('0.0000037168')),
  item('EU-Lambda-Provisioned-GB-Second', flat('0.0000108407')),
  item('EU-Lambda-Provisioned-GB-Second-ARM', flat('0.0000086726')),
  item('EU-Lambda-Storage-GB-Second', flat('0.0000000340')),
  item('EU-Lambda-Edge-GB-Second', flat('0.00005001')),
  // the free tier is listed as a zero price up to a limit; it must not become the request price
  item('Global-Request', [{ begin: '0', end: '1000000', usd: '0.0000000000' }]),
]
