import { BUNDLED_LAMBDA_PRICES } from './cost/bundled-prices.js'
import { UsageError } from './errors.js'

/** Commercial AWS regions where Lambda runs, sorted (including the few for which no price was sourced). */
export function lambdaRegions(): string[] {
  return Object.keys(BUNDLED_LAMBDA_PRICES.regions).sort()
}

/** Up to `max` known region names closest to `name` (edit distance), best first; empty when nothing is close. */
export function suggestRegion(name: string, known: readonly string[] = lambdaRegions(), max = 3): string[] {
  const wanted = name.trim().toLowerCase()
  // Allow roughly one typo per four characters, at least two: "us-est-1", "useast1", "eu-west-4" all find a match.
  const limit = Math.max(2, Math.floor(wanted.length / 4))
  return known
    .map((region) => ({ region, distance: editDistance(wanted, region) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.region.localeCompare(b.region))
    .slice(0, max)
    .map((c) => c.region)
}

/** Returns the region name normalised, or throws a UsageError that names the closest known regions. */
export function checkRegion(name: string, known: readonly string[] = lambdaRegions()): string {
  const region = name.trim().toLowerCase()
  if (known.includes(region)) return region
  const close = suggestRegion(region, known)
  const hint = close.length ? `did you mean ${close.join(', ')}?` : `known regions: ${known.join(', ')}`
  throw new UsageError(`unknown region '${name}': ${hint}`)
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitute))
    }
    previous = current
  }
  return previous[b.length]!
}
