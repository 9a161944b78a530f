import type { CanaryLambdaPort } from '../canary/port.js'
import type { MemoryResult, Recommendation } from './types.js'

/** What `sweep --apply` and its undo need beyond the sweep's calls: reading an alias and moving it to a version. */
export interface ApplyLambdaPort extends CanaryLambdaPort {
  /** UpdateAlias with FunctionVersion only (its routing and description stay); revisionId: fails when someone else changed it */
  moveAlias(input: { functionName: string; name: string; version: string; revisionId?: string }): Promise<void>
}

/** What `sweep --apply` did (`applied` in the sweep's JSON). */
export interface ApplyOutcome {
  /** applied: the pick is set; unchanged: the pick is the current memory; refused: nothing was changed (see reason) */
  status: 'applied' | 'unchanged' | 'refused'
  /** function: $LATEST's MemorySize; alias: a version published with the pick and the alias moved to it */
  target: 'function' | 'alias'
  alias: string | null
  /** the memory set (the pick), or null when there is none */
  memory: number | null
  /** the memory as found */
  previous: number
  /** alias: the version published with the pick, and the one the alias pointed to before */
  version: string | null
  previousVersion: string | null
  /** $LATEST's RevisionId right after the change (function) */
  revisionId: string | null
  /** one sentence */
  reason: string
  /** the command that puts the old value back: `lambda-tune restore <fn> --undo-apply <run id>` (null: nothing to undo) */
  undo: string | null
  /** the same with the AWS CLI */
  awsCli: string | null
}

/** Why the pick must not be applied, or undefined when it may: there is a pick, it is settled and it did not fail. */
export function applyRefusal(recommendation: Pick<Recommendation, 'memory' | 'settled' | 'confidence' | 'contenders'>, results: readonly Pick<MemoryResult, 'memory' | 'failed'>[]): string | undefined {
  const pick = recommendation.memory
  if (pick === null) return 'there is no pick (every value failed, or none meets the limit)'
  if (results.find((r) => r.memory === pick)?.failed) return `the pick ${pick} MB failed`
  if (!recommendation.settled) {
    const others = recommendation.contenders.filter((m) => m !== pick)
    return `the pick ${pick} MB is not settled at ${Math.round(recommendation.confidence * 1000) / 10}%${others.length ? ` (${others.map((m) => `${m} MB`).join(', ')} could still be preferred)` : ''}: sweep again with more invokes (--max-invocations, or a larger -n), or set it by hand`
  }
  return undefined
}
