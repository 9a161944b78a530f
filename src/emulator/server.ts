import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { LambdaApiError, requestTooLarge, serviceError, tooManyRequests, unknownOperation } from './lambda/errors.js'
import { htmlErrorPage, type Faults } from './lambda/faults.js'
import { ASYNC_PAYLOAD_LIMIT, SYNC_PAYLOAD_LIMIT, type InvokeResponse } from './lambda/invoke.js'
import { isLambdaPath, lambdaOperation, type LambdaRequest } from './lambda/routes.js'
import type { ObjectStore } from './s3/object-store.js'
import { handleS3, isS3Request, S3_OBJECT_LIMIT } from './s3/routes.js'

export interface CloudWatchHandler {
  /** false when the request is not CloudWatch's or CloudWatch Logs' */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>
}

export interface ServerParts {
  lambda(req: LambdaRequest): Promise<InvokeResponse>
  cloudwatch?: CloudWatchHandler
  /** the staging bucket's S3 (requests signed for s3) */
  s3?: ObjectStore
  faults: Faults
  random(): number
}

/** Control-plane bodies: Lambda's own limit (CreateFunction carries a base64 zip of up to 50 MB). */
const API_BODY_LIMIT = 69_905_067

/**
 * The emulator's single HTTP endpoint on 127.0.0.1: Lambda's REST-JSON API by path, everything else offered to
 * CloudWatch (JSON 1.0 / awsQuery) and Logs, and AWS-shaped errors for anything unknown. A handler failure becomes a
 * 500 ServiceException: the server itself keeps serving.
 */
export function createApiServer(parts: ServerParts): Server {
  const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, (req, res) => {
    handle(req, res, parts).catch((err) => {
      if (!res.headersSent) sendError(res, err instanceof LambdaApiError ? err : serviceError(), randomUUID())
      else res.destroy()
    })
  })
  server.headersTimeout = 60_000
  return server
}

export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}

async function handle(req: IncomingMessage, res: ServerResponse, parts: ServerParts): Promise<void> {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const requestId = randomUUID()
  if (parts.s3 && isS3Request(req)) {
    handleS3(req, res, await readBody(req, S3_OBJECT_LIMIT), parts.s3)
    return
  }
  const lambda = isLambdaPath(path)
  const invoke = lambda && req.method === 'POST' && /\/invocations\/?$/.test(path)
  const limit = invoke ? (req.headers['x-amz-invocation-type'] === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT) : API_BODY_LIMIT
  const body = await readBody(req, limit)
  if (body === undefined) {
    sendError(res, requestTooLarge(limit, invoke ? 'InvokeFunction' : 'request'), requestId)
    return
  }
  if (!lambda) {
    if (parts.cloudwatch && (await parts.cloudwatch.handle(req, res, body))) return
    sendError(res, unknownOperation(), requestId)
    return
  }
  const { faults } = parts
  if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1))
  const html = faults.htmlErrors[lambdaOperation(req.method ?? 'GET', path, query) ?? '']
  if (html !== undefined) {
    sendHtml(res, html)
    return
  }
  if (faults.throttleRate > 0 && parts.random() < faults.throttleRate) {
    sendError(res, tooManyRequests('CallerRateLimitExceeded', 'Rate exceeded'), requestId)
    return
  }
  if (faults.errorRate > 0 && parts.random() < faults.errorRate) {
    sendError(res, serviceError('An internal error occurred (injected fault).'), requestId)
    return
  }
  let out: InvokeResponse
  try {
    out = await parts.lambda({
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      body,
      requestId,
    })
  } catch (err) {
    if (!(err instanceof LambdaApiError)) {
      process.emitWarning(`lambda-tune emulator: ${(err as Error).stack ?? String(err)}`)
    }
    sendError(res, err instanceof LambdaApiError ? err : serviceError(), requestId)
    return
  }
  out.headers['x-amzn-RequestId'] = requestId
  const sent = faults.noRevisionId && out.body && out.headers['Content-Type'] === 'application/json' && !invoke ? withoutRevisionIds(out.body) : out.body
  res.writeHead(out.status, out.headers)
  res.end(sent)
}

/** An HTTP error whose body is an HTML page, as a proxy or a web server in front of an endpoint answers. */
export function sendHtml(res: ServerResponse, status: number): void {
  const body = htmlErrorPage(status)
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/** The response as an endpoint that does not implement RevisionId sends it: the member is gone at every depth. */
function withoutRevisionIds(body: Buffer): Buffer {
  try {
    return Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), (key, value: unknown) => (key === 'RevisionId' ? undefined : value)))
  } catch {
    return body
  }
}

/** Resolves undefined when the body is over `limit` (the rest is drained so that the connection stays usable). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) {
    req.resume()
    return new Promise((resolve) => req.on('end', () => resolve(undefined)).on('error', () => resolve(undefined)))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendError(res: ServerResponse, err: LambdaApiError, requestId: string): void {
  res.writeHead(err.status, {
    'Content-Type': 'application/json',
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': err.code,
    ...err.headers,
  })
  res.end(err.body())
}
