import { speedBasis } from './results.js'
import type { ArchitectureComparison, MemoryResult } from './types.js'

/** The pick's memory size on the other architecture of a two-architecture sweep: what it would cost, how fast it was. */
export function otherArchitecture(picked: MemoryResult, results: readonly MemoryResult[]): ArchitectureComparison | null {
  const other = results.find((r) => r.memory === picked.memory && r.architecture !== picked.architecture)
  if (!other) return null
  return {
    architecture: other.architecture,
    memory: other.memory,
    failed: other.failed,
    failureReason: other.failed ? (other.failureReason ?? 'failed') : null,
    costPerMillion: other.failed ? null : other.costPerMillion,
    p50: other.failed ? null : (speedBasis(other)?.p50 ?? null),
  }
}

/** The end of the pick's reason in a two-architecture sweep: the same memory on the other architecture. */
export function architectureClause(picked: MemoryResult, other: ArchitectureComparison): string {
  const at = `${other.architecture} at ${other.memory} MB`
  if (other.failed) return `; ${at} failed (${other.failureReason})`
  const parts: string[] = []
  const mine = picked.costPerMillion
  if (other.costPerMillion !== null) {
    const change = mine ? other.costPerMillion / mine - 1 : null
    parts.push(`would cost $${money(other.costPerMillion)} per 1M invokes${change === null ? '' : ` (${Math.abs(Math.round(change * 100))}% ${change >= 0 ? 'more' : 'less'})`}`)
  }
  const p50 = speedBasis(picked)?.p50
  if (other.p50 !== null) {
    const ratio = p50 ? other.p50 / p50 : null
    parts.push(`took ${ms(other.p50)} warm p50${ratio === null ? '' : ` (${ratio >= 1 ? `${ratio.toFixed(2)}× slower` : `${(1 / ratio).toFixed(2)}× faster`})`}`)
  }
  return parts.length ? `; ${at} ${parts.join(' and ')}` : ''
}

function money(usd: number): string {
  return usd < 10 ? usd.toFixed(3) : usd.toFixed(2)
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString()} ms`
}
