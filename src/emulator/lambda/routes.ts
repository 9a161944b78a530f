import type { IncomingHttpHeaders } from 'node:http'
import { readFile } from 'node:fs/promises'
import { badRequestContent, LambdaApiError, unknownOperation, validationError } from './errors.js'
import * as concurrency from './concurrency.js'
import type { InvokeResponse, Invoker } from './invoke.js'
import { parseFunctionRef, parseResourceArn, type FunctionRef } from './names.js'
import type { FunctionStore } from './store.js'

export interface LambdaRequest {
  method: string
  /** the raw path, still percent-encoded */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  requestId: string
}

type Json = Record<string, unknown>
type Handler = (ctx: Context) => Promise<InvokeResponse> | InvokeResponse

interface Context {
  req: LambdaRequest
  params: string[]
  store: FunctionStore
  invoker: Invoker
  json(): Json
  fn(): FunctionRef
}

const ok = (body: Json, status = 200): InvokeResponse => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
})
const empty = (status = 204): InvokeResponse => ({ status, headers: {} })

const SEG = '([^/]+)'
const FN = `/2015-03-31/functions/${SEG}`

/** Every Lambda REST-JSON route the emulator serves: operation, method, path pattern, handler (paths as the SDK's schemas write them). */
const ROUTES: [string, string, RegExp, Handler][] = [
  ['CreateFunction', 'POST', /^\/2015-03-31\/functions\/?$/, async (c) => ok(await c.store.createFunction(c.json()), 201)],
  ['ListFunctions', 'GET', /^\/2015-03-31\/functions\/?$/, (c) => ok(c.store.listFunctions(c.req.query))],
  ['Invoke', 'POST', re(`${FN}/invocations/?`), (c) => c.invoker.invoke(c.fn(), c.req.headers, c.req.body, c.req.requestId)],
  ['GetFunction', 'GET', re(`${FN}/?`), (c) => ok(c.store.getFunction(c.fn()))],
  ['DeleteFunction', 'DELETE', re(`${FN}/?`), (c) => (c.store.deleteFunction(c.fn()), empty())],
  ['GetFunctionConfiguration', 'GET', re(`${FN}/configuration/?`), (c) => ok(c.store.getFunctionConfiguration(c.fn()))],
  ['UpdateFunctionConfiguration', 'PUT', re(`${FN}/configuration/?`), (c) => ok(c.store.updateFunctionConfiguration(c.fn(), c.json()))],
  ['UpdateFunctionCode', 'PUT', re(`${FN}/code/?`), async (c) => ok(await c.store.updateFunctionCode(c.fn(), c.json()))],
  ['PublishVersion', 'POST', re(`${FN}/versions/?`), (c) => ok(c.store.publishVersion(c.fn(), c.json()), 201)],
  ['ListVersionsByFunction', 'GET', re(`${FN}/versions/?`), (c) => ok(c.store.listVersionsByFunction(c.fn(), c.req.query))],
  ['CreateAlias', 'POST', re(`${FN}/aliases/?`), (c) => ok(c.store.createAlias(c.fn(), c.json()), 201)],
  ['ListAliases', 'GET', re(`${FN}/aliases/?`), (c) => ok(c.store.listAliases(c.fn(), c.req.query))],
  ['GetAlias', 'GET', re(`${FN}/aliases/${SEG}/?`), (c) => ok(c.store.getAlias(c.fn(), c.params[1]!))],
  ['UpdateAlias', 'PUT', re(`${FN}/aliases/${SEG}/?`), (c) => ok(c.store.updateAlias(c.fn(), c.params[1]!, c.json()))],
  ['DeleteAlias', 'DELETE', re(`${FN}/aliases/${SEG}/?`), (c) => (c.store.deleteAlias(c.fn(), c.params[1]!), empty())],
  ['PutFunctionConcurrency', 'PUT', re(`/2017-10-31/functions/${SEG}/concurrency/?`), (c) => ok(concurrency.putFunctionConcurrency(c.store, c.fn(), c.json()))],
  ['DeleteFunctionConcurrency', 'DELETE', re(`/2017-10-31/functions/${SEG}/concurrency/?`), (c) => (concurrency.deleteFunctionConcurrency(c.store, c.fn()), empty())],
  ['GetFunctionConcurrency', 'GET', re(`/2019-09-30/functions/${SEG}/concurrency/?`), (c) => ok(concurrency.getFunctionConcurrency(c.store, c.fn()))],
  ['PutProvisionedConcurrencyConfig', 'PUT', re(`/2019-09-30/functions/${SEG}/provisioned-concurrency/?`), (c) => ok(concurrency.putProvisionedConcurrency(c.store, c.fn(), c.json()), 202)],
  [
    'GetProvisionedConcurrencyConfig',
    'GET',
    re(`/2019-09-30/functions/${SEG}/provisioned-concurrency/?`),
    (c) =>
      ok(c.req.query.get('List') === 'ALL' ? concurrency.listProvisionedConcurrency(c.store, c.fn(), c.req.query) : concurrency.getProvisionedConcurrency(c.store, c.fn())),
  ],
  ['DeleteProvisionedConcurrencyConfig', 'DELETE', re(`/2019-09-30/functions/${SEG}/provisioned-concurrency/?`), (c) => (concurrency.deleteProvisionedConcurrency(c.store, c.fn()), empty())],
  ['GetAccountSettings', 'GET', /^\/2016-08-19\/account-settings\/?$/, (c) => ok(concurrency.accountSettings(c.store))],
  ['TagResource', 'POST', re(`/2017-03-31/tags/${SEG}/?`), (c) => (c.store.tagResource(parseResourceArn(c.params[0]!), c.json()), empty())],
  ['ListTags', 'GET', re(`/2017-03-31/tags/${SEG}/?`), (c) => ok(c.store.listTags(parseResourceArn(c.params[0]!)))],
  [
    'UntagResource',
    'DELETE',
    re(`/2017-03-31/tags/${SEG}/?`),
    (c) => (c.store.untagResource(parseResourceArn(c.params[0]!), c.req.query.getAll('tagKeys')), empty()),
  ],
  ['PublishLayerVersion', 'POST', re(`/2018-10-31/layers/${SEG}/versions/?`), async (c) => ok(await c.store.layers.publish(c.params[0]!, c.json()), 201)],
  ['ListLayerVersions', 'GET', re(`/2018-10-31/layers/${SEG}/versions/?`), (c) => ok(c.store.layers.list(c.params[0]!))],
  ['GetLayerVersion', 'GET', re(`/2018-10-31/layers/${SEG}/versions/${SEG}/?`), (c) => ok(c.store.layers.get(c.params[0]!, c.params[1]!))],
  ['DeleteLayerVersion', 'DELETE', re(`/2018-10-31/layers/${SEG}/versions/${SEG}/?`), (c) => (c.store.layers.delete(c.params[0]!, c.params[1]!), empty())],
  ['ListLayers', 'GET', /^\/2018-10-31\/layers\/?$/, (c) => ok(layersQuery(c))],
  ['DownloadCode', 'GET', re(`/lambda-tune/code/${SEG}/${SEG}\\.zip`), (c) => download(c)],
  ['DownloadLayer', 'GET', re(`/lambda-tune/layer/${SEG}/${SEG}\\.zip`), (c) => downloadLayer(c)],
]

/** The Lambda API's own path prefixes: anything else on the server is CloudWatch's or unknown. */
export const LAMBDA_PREFIXES = ['/2015-03-31/', '/2016-08-19/', '/2017-03-31/', '/2017-10-31/', '/2018-10-31/', '/2019-09-30/', '/lambda-tune/']

export function isLambdaPath(path: string): boolean {
  return LAMBDA_PREFIXES.some((p) => path.startsWith(p)) || path === '/2015-03-31/functions'
}

export async function routeLambda(req: LambdaRequest, store: FunctionStore, invoker: Invoker): Promise<InvokeResponse> {
  for (const [, method, pattern, handler] of ROUTES) {
    if (method !== req.method) continue
    const m = pattern.exec(req.path)
    if (!m) continue
    const params = m.slice(1).map(decodeSegment)
    let parsed: Json | undefined
    const ctx: Context = {
      req,
      params,
      store,
      invoker,
      json: () => (parsed ??= parseBody(req.body)),
      fn: () => parseFunctionRef(params[0]!, req.query.get('Qualifier')),
    }
    return handler(ctx)
  }
  throw unknownOperation()
}

/** The Lambda API operation a request calls (as AWS names it), for fault injection; undefined for an unknown path. */
export function lambdaOperation(method: string, path: string, query: URLSearchParams): string | undefined {
  for (const [name, m, pattern] of ROUTES) {
    if (m !== method || !pattern.test(path)) continue
    return name === 'GetProvisionedConcurrencyConfig' && query.get('List') === 'ALL' ? 'ListProvisionedConcurrencyConfigs' : name
  }
  return undefined
}

function re(source: string): RegExp {
  return new RegExp(`^${source}$`)
}

function decodeSegment(raw: string): string {
  let value: string
  try {
    value = decodeURIComponent(raw)
  } catch {
    throw validationError(raw, 'path', 'Member must be a valid percent-encoded path segment')
  }
  // Names with path separators or parent references never reach the store (nor the disk).
  if (value.includes('/') || value.includes('\\') || value.includes('..') || value.includes('\0')) {
    throw validationError(value, 'functionName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9-_:.$]+ (no path separators)')
  }
  return value
}

function parseBody(body: Buffer): Json {
  if (body.length === 0) return {}
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (err) {
    throw badRequestContent(`Could not parse request body into json: ${(err as Error).message}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequestContent('Could not parse request body into json: the body must be a JSON object')
  }
  return value as Json
}

/** GET /2018-10-31/layers: GetLayerVersionByArn (?find=LayerVersion&Arn=); ListLayers is not emulated. */
function layersQuery(c: Context): Json {
  if (c.req.query.get('find') === 'LayerVersion') return c.store.layers.getByArn(c.req.query.get('Arn'))
  throw unknownOperation()
}

async function downloadLayer(c: Context): Promise<InvokeResponse> {
  const content = c.store.layers.contentOf(c.params[0]!, Number(c.params[1]))
  if (!content?.zipPath) throw new LambdaApiError(404, 'ResourceNotFoundException', 'No such layer package')
  return { status: 200, headers: { 'Content-Type': 'application/zip' }, body: await readFile(content.zipPath) }
}

async function download(c: Context): Promise<InvokeResponse> {
  const code = c.store.codeOf(c.params[0]!, c.params[1]!)
  if (!code?.zipPath) throw new LambdaApiError(404, 'ResourceNotFoundException', 'No such code package')
  return { status: 200, headers: { 'Content-Type': 'application/zip' }, body: await readFile(code.zipPath) }
}
