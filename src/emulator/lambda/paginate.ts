import { invalidParameter, validationError } from './errors.js'

const DEFAULT_PAGE = 50

/** Marker is the index of the next item, as an opaque string; MaxItems 1..10,000 (50 by default). */
export function paginate<T>(items: T[], query: URLSearchParams): { items: T[]; next?: string } {
  const marker = query.get('Marker')
  const maxRaw = query.get('MaxItems')
  let start = 0
  if (marker) {
    const decoded = Number.parseInt(Buffer.from(marker, 'base64url').toString(), 10)
    if (!Number.isInteger(decoded) || decoded < 0) throw invalidParameter(`Invalid Marker: ${marker}`)
    start = decoded
  }
  let max = DEFAULT_PAGE
  if (maxRaw !== null) {
    max = Number(maxRaw)
    if (!Number.isInteger(max) || max < 1 || max > 10_000) {
      throw validationError(maxRaw, 'maxItems', 'Member must have value between 1 and 10000')
    }
  }
  const page = items.slice(start, start + max)
  const end = start + page.length
  return end < items.length ? { items: page, next: Buffer.from(String(end)).toString('base64url') } : { items: page }
}
