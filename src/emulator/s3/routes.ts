import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ObjectStore } from './object-store.js'

/** The largest object the emulator's S3 takes in one PUT: a .zip that unpacks to Lambda's 250 MB limit fits. */
export const S3_OBJECT_LIMIT = 256 * 1024 * 1024

/**
 * A request signed for S3 (credential scope `.../s3/aws4_request`, in the Authorization header or a pre-signed URL's
 * query): how the emulator's single endpoint tells S3 from Lambda and CloudWatch, whatever the path looks like.
 */
export function isS3Request(req: IncomingMessage): boolean {
  const auth = req.headers.authorization ?? ''
  if (/Credential=[^,]*\/s3\/aws4_request/.test(auth)) return true
  return /[?&]X-Amz-Credential=[^&]*%2Fs3%2Faws4_request/i.test(req.url ?? '')
}

/**
 * The S3 REST API, path-style (`/bucket/key`), as far as a staging bucket needs it: CreateBucket, HeadBucket,
 * DeleteBucket, ListObjectsV2 (one page), PutObject (single part), GetObject, HeadObject, DeleteObject. Objects live in
 * memory. Errors are S3's XML.
 */
export function handleS3(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, store: ObjectStore): void {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()
  const url = new URL(req.url ?? '/', 'http://s3.local')
  const [bucketPart, ...keyParts] = url.pathname.slice(1).split('/')
  const bucket = decode(bucketPart ?? '')
  const key = keyParts.map(decode).join('/')
  const method = req.method ?? 'GET'
  const fail = (status: number, code: string, message: string, extra: Record<string, string> = {}) => {
    const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: requestId }).map(([k, v]) => `<${k}>${xml(v)}</${k}>`).join('')
    send(res, status, method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`, requestId)
  }
  if (body === undefined) return fail(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${S3_OBJECT_LIMIT} bytes in the emulator).`)
  if (!bucket) return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource (ListBuckets is not emulated).')
  if (!key) {
    switch (method) {
      case 'PUT':
        store.createBucket(bucket)
        return send(res, 200, undefined, requestId, { Location: `/${bucket}` })
      case 'HEAD':
        return store.hasBucket(bucket) ? send(res, 200, undefined, requestId) : fail(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
      case 'DELETE':
        if (!store.hasBucket(bucket)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
        return store.deleteBucket(bucket) ? send(res, 204, undefined, requestId) : fail(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: bucket })
      case 'GET': {
        if (!store.hasBucket(bucket)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
        const prefix = url.searchParams.get('prefix') ?? ''
        const items = store.list(bucket, prefix).slice(0, 1000)
        const contents = items
          .map(([k, o]) => `<Contents><Key>${xml(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>${xml(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`)
          .join('')
        return send(
          res,
          200,
          `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${items.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
          requestId,
          { 'Content-Type': 'application/xml' },
        )
      }
    }
    return fail(405, 'MethodNotAllowed', `${method} on a bucket is not emulated.`)
  }
  switch (method) {
    case 'PUT': {
      const data = isChunked(req) ? decodeAwsChunked(body) : body
      if (data === undefined) return fail(400, 'IncompleteBody', 'The request body is not valid aws-chunked encoding.')
      const object = store.put(bucket, key, data, (req.headers['content-type'] as string | undefined) ?? 'binary/octet-stream')
      return send(res, 200, undefined, requestId, { ETag: object.etag })
    }
    case 'GET':
    case 'HEAD': {
      if (!store.hasBucket(bucket)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
      const object = store.get(bucket, key)
      if (!object) return fail(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key })
      const headers = {
        ETag: object.etag,
        'Content-Type': object.contentType,
        'Content-Length': String(object.body.length),
        'Last-Modified': object.lastModified.toUTCString(),
      }
      return send(res, 200, method === 'GET' ? object.body : undefined, requestId, headers)
    }
    case 'DELETE':
      store.delete(bucket, key)
      return send(res, 204, undefined, requestId)
  }
  return fail(405, 'MethodNotAllowed', `${method} on an object is not emulated.`)
}

function isChunked(req: IncomingMessage): boolean {
  const encoding = String(req.headers['content-encoding'] ?? '')
  const sha = String(req.headers['x-amz-content-sha256'] ?? '')
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-')
}

/** `<hex size>[;chunk-signature=...]\r\n<data>\r\n` ... up to the zero-size chunk (trailers after it are ignored). */
export function decodeAwsChunked(body: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let at = 0
  while (at < body.length) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) return undefined
    const size = parseInt(body.subarray(at, eol).toString('latin1').split(';')[0]!.trim(), 16)
    if (!Number.isFinite(size) || size < 0) return undefined
    if (size === 0) return Buffer.concat(parts)
    const start = eol + 2
    if (start + size > body.length) return undefined
    parts.push(body.subarray(start, start + size))
    at = start + size + 2
  }
  return undefined
}

function send(res: ServerResponse, status: number, body: string | Buffer | undefined, requestId: string, headers: Record<string, string> = {}): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
    ...(typeof body === 'string' ? { 'Content-Type': 'application/xml' } : {}),
    ...(payload && !headers['Content-Length'] ? { 'Content-Length': String(payload.length) } : {}),
    ...headers,
  })
  res.end(payload)
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
}
