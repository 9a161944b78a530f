import { costPerInvoke } from '../cost/index.js'
import { schedulePayloads, type WeightedPayload } from './payloads.js'
import type { PricingContext } from './types.js'

/** INIT may take at most 10 s on demand: the bound of a cold start's billed INIT in the cost estimate. */
const MAX_INIT_MS = 10_000

export interface SweepPlanInput {
  functionName: string
  qualifier?: string
  /** as parsed from --memory; the current memory is added when missing, so there is a baseline */
  memories: readonly number[]
  /** the memory of the tuned qualifier (the baseline) */
  currentMemory: number
  /** $LATEST's own memory, restored after the versions are published */
  latestMemory: number
  invocations: number
  concurrency: number
  warmup: number
  coldStarts: number
  serial: boolean
  payloads: readonly WeightedPayload[]
  seed: number
  runId: string
  timeoutSeconds: number
  pricing: PricingContext
  /** false when the target returns no RevisionId: the check that nobody else changed the function is not available */
  revisionChecks?: boolean
}

export interface PlannedValue {
  memory: number
  alias: string
  /** Description set on $LATEST while the value's version is published: marks the version as this run's */
  description: string
  /** descriptions of the extra versions published for forced cold starts */
  coldDescriptions: string[]
}

export interface SweepPlan extends Omit<SweepPlanInput, 'memories'> {
  memories: number[]
  values: PlannedValue[]
  /** payload index of each measured invoke, the same order for every memory value */
  payloadOrder: number[]
  /** the AWS calls, in order, as one line each */
  calls: string[]
  invokesPerValue: number
  totalInvokes: number
  /** an upper bound: every invoke running to the function's timeout, every cold start to the 10 s INIT limit */
  estimatedMaxCost: { gbSeconds: number; usd: number }
}

export function aliasName(runId: string, memory: number): string {
  return `lambda-tune-${runId}-${memory}`
}

export function versionDescription(runId: string, memory: number, cold?: number): string {
  return `lambda-tune run ${runId}: ${memory} MB${cold === undefined ? '' : `, cold start ${cold}`}`
}

export function buildPlan(input: SweepPlanInput, random: () => number): SweepPlan {
  const memories = [...new Set([...input.memories, input.currentMemory])].sort((a, b) => a - b)
  const values: PlannedValue[] = memories.map((memory) => ({
    memory,
    alias: aliasName(input.runId, memory),
    description: versionDescription(input.runId, memory),
    coldDescriptions: Array.from({ length: input.coldStarts }, (_, k) => versionDescription(input.runId, memory, k + 1)),
  }))
  const payloadOrder = schedulePayloads(input.payloads.map((p) => p.weight), input.invocations, random)
  const invokesPerValue = input.warmup + input.invocations + input.coldStarts
  const fn = input.functionName
  const checked = input.revisionChecks === false ? 'RevisionId check not available: this endpoint returns no RevisionId' : 'RevisionId checked'
  const calls: string[] = [
    `GetFunctionConfiguration ${fn}${input.qualifier ? ` and ${fn}:${input.qualifier}` : ''} (read the original)`,
    `ListVersionsByFunction ${fn} (versions that exist before the run are never deleted)`,
  ]
  for (const v of values) {
    calls.push(`UpdateFunctionConfiguration ${fn} MemorySize=${v.memory} Description="${v.description}" (${checked}), wait until updated`)
    calls.push(`PublishVersion ${fn}, wait until active; CreateAlias ${v.alias} -> that version`)
    for (const d of v.coldDescriptions) {
      calls.push(`UpdateFunctionConfiguration ${fn} Description="${d}", wait; PublishVersion ${fn} (a fresh version for one cold start)`)
    }
  }
  calls.push(
    `UpdateFunctionConfiguration ${fn} MemorySize=${input.latestMemory} Description=(original) (restore $LATEST before any invoke, ${checked})`,
  )
  calls.push(
    `Invoke ${values.length} aliases × ${input.warmup + input.invocations} (warm-up ${input.warmup}), LogType=Tail, concurrency ${input.concurrency}${input.serial ? ', one value at a time' : ', values in parallel'}`,
  )
  if (input.coldStarts > 0) calls.push(`Invoke ${values.length * input.coldStarts} fresh versions once each (forced cold starts)`)
  calls.push(`DeleteAlias × ${values.length}; DeleteFunction Qualifier=<version> × ${values.length * (1 + input.coldStarts)} (only the run's own)`)
  calls.push(`GetFunctionConfiguration ${fn} (check it equals the original)`)
  let gbSeconds = 0
  let usd = 0
  const coldPerValue = input.coldStarts + input.concurrency
  for (const v of values) {
    const warm = costPerInvoke({
      memoryMB: v.memory,
      billedDurationMs: input.timeoutSeconds * 1000,
      arch: input.pricing.arch,
      region: input.pricing.region,
    })
    gbSeconds += warm.gbSeconds * invokesPerValue
    usd += warm.totalUsd * invokesPerValue
    if (input.pricing.initBilled) {
      const initGbS = (v.memory / 1024) * (MAX_INIT_MS / 1000) * coldPerValue
      gbSeconds += initGbS
      usd += (warm.computeUsd / ((v.memory / 1024) * input.timeoutSeconds)) * initGbS
    }
  }
  return {
    ...input,
    memories,
    values,
    payloadOrder,
    calls,
    invokesPerValue,
    totalInvokes: invokesPerValue * values.length,
    estimatedMaxCost: { gbSeconds, usd },
  }
}
