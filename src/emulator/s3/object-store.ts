import { createHash } from 'node:crypto'

/** One object as the emulator keeps it, in memory. */
export interface StoredObject {
  body: Buffer
  /** MD5 of the body, quoted, as S3 writes a single-part upload's ETag */
  etag: string
  contentType: string
  lastModified: Date
}

/**
 * The emulator's S3 buckets: enough for a staging bucket (put the package, let CreateFunction read it, delete it).
 * A bucket exists from CreateBucket or from the first object put in it, so that a sweep against `--local`, whose
 * emulator no one else can reach, can name any bucket.
 */
export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>()

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map())
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket)
  }

  /** false when the bucket still holds objects (S3 refuses to delete it) */
  deleteBucket(bucket: string): boolean {
    const objects = this.buckets.get(bucket)
    if (objects && objects.size > 0) return false
    this.buckets.delete(bucket)
    return true
  }

  put(bucket: string, key: string, body: Buffer, contentType = 'binary/octet-stream'): StoredObject {
    this.createBucket(bucket)
    const object = { body, etag: `"${createHash('md5').update(body).digest('hex')}"`, contentType, lastModified: new Date() }
    this.buckets.get(bucket)!.set(key, object)
    return object
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.buckets.get(bucket)?.get(key)
  }

  delete(bucket: string, key: string): void {
    this.buckets.get(bucket)?.delete(key)
  }

  /** keys of a bucket under a prefix, sorted as S3 lists them (UTF-8 binary order) */
  list(bucket: string, prefix = ''): Array<[string, StoredObject]> {
    const objects = this.buckets.get(bucket)
    if (!objects) return []
    return [...objects].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  }
}
