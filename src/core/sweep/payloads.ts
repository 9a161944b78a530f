import { shuffle } from 'simple-statistics'
import { UsageError } from '../errors.js'

/** One payload of a weighted set; `payload` is sent as its JSON text. */
export interface WeightedPayload {
  payload: unknown
  weight: number
}

/** Parses `--payload` text: it must be JSON, since that is what Lambda accepts for a synchronous invoke. */
export function parsePayload(text: string, source = '--payload'): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new UsageError(`${source} is not valid JSON: ${(err as Error).message.split('\n')[0]}`)
  }
}

/** Parses a weighted payload set: a JSON array of `{ "payload": ..., "weight": n }` with positive weights. */
export function parsePayloadSet(text: string, source = '--payloads'): WeightedPayload[] {
  const parsed = parsePayload(text, source)
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new UsageError(`${source} must be a non-empty JSON array of {"payload": ..., "weight": n}`)
  }
  return parsed.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || !('payload' in entry)) {
      throw new UsageError(`${source} entry ${i + 1} has no "payload" field`)
    }
    const weight = (entry as { weight?: unknown }).weight ?? 1
    if (typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) {
      throw new UsageError(`${source} entry ${i + 1} needs a positive number as "weight"`)
    }
    return { payload: (entry as { payload: unknown }).payload, weight }
  })
}

/**
 * How many of `total` invokes each payload gets: weights honoured exactly when they divide `total`, otherwise by
 * largest remainder (so the counts always add up to `total` and never drift more than one from the exact share).
 */
export function payloadCounts(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const counts = exact.map((e) => Math.floor(e + 1e-9))
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e + 1e-9) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    counts[i]!++
    left--
  }
  return counts
}

/**
 * The order in which `total` invokes use the payloads: exact counts per weight, shuffled with the given random
 * source (seeded, so the same seed gives the same order). Returns payload indices.
 */
export function schedulePayloads(weights: readonly number[], total: number, random: () => number): number[] {
  const order: number[] = []
  payloadCounts(weights, total).forEach((count, i) => {
    for (let k = 0; k < count; k++) order.push(i)
  })
  return shuffle(order, random)
}
