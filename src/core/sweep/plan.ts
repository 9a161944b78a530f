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
  /**
   * Measured invokes per value at each look: the sequential schedule (lookSchedule up to --max-invocations), or a
   * single look for a fixed count (-n). The last look is the most a value can get.
   */
  looks: readonly number[]
  /** a fixed count (-n): every value gets the last look's invokes */
  fixed: boolean
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

export interface SweepPlan extends Omit<SweepPlanInput, 'memories' | 'looks'> {
  memories: number[]
  looks: number[]
  /** the most measured invokes a value can get (the last look, plus its cold starts) */
  maxMeasured: number
  /** measured invokes per value that are cold by design: the first `concurrency` on a fresh version, less the warm-up */
  coldPerValue: number
  values: PlannedValue[]
  /** payload index of each measured invoke, the same order for every value; each look's share of it is balanced */
  payloadOrder: number[]
  /** the AWS calls, in order, as one line each */
  calls: string[]
  invokesPerValue: number
  totalInvokes: number
  /** an upper bound: every value invoked up to the last look, each invoke running to the function's timeout, every cold start to the 10 s INIT limit */
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
  const looks = [...input.looks]
  const coldPerValue = Math.max(0, input.concurrency - input.warmup)
  const maxMeasured = looks[looks.length - 1]! + (input.fixed ? 0 : coldPerValue)
  const payloadOrder = balancedOrder(input.payloads.map((p) => p.weight), [...looks.slice(0, -1).map((n) => n + (input.fixed ? 0 : coldPerValue)), maxMeasured], random)
  const invokesPerValue = input.warmup + maxMeasured + input.coldStarts
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
  const how = `LogType=Tail, concurrency ${input.concurrency}${input.serial ? ', one value at a time, in turns' : ', values in parallel'}`
  calls.push(
    input.fixed
      ? `Invoke ${values.length} aliases × ${input.warmup + maxMeasured} (warm-up ${input.warmup}), ${how}`
      : `Invoke ${values.length} aliases in rounds (warm-up ${input.warmup}): looks after ${looks.join(', ')} warm invokes per value; a value stops when it cannot be the pick, the run when the pick is settled; at most ${input.warmup + maxMeasured} each, ${how}`,
  )
  if (input.coldStarts > 0) calls.push(`Invoke ${values.length * input.coldStarts} fresh versions once each (forced cold starts)`)
  calls.push(`DeleteAlias × ${values.length}; DeleteFunction Qualifier=<version> × ${values.length * (1 + input.coldStarts)} (only the run's own)`)
  calls.push(`GetFunctionConfiguration ${fn} (check it equals the original)`)
  let gbSeconds = 0
  let usd = 0
  const coldStartsPerValue = input.coldStarts + input.concurrency
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
      const initGbS = (v.memory / 1024) * (MAX_INIT_MS / 1000) * coldStartsPerValue
      gbSeconds += initGbS
      usd += (warm.computeUsd / ((v.memory / 1024) * input.timeoutSeconds)) * initGbS
    }
  }
  return {
    ...input,
    memories,
    looks,
    maxMeasured,
    coldPerValue,
    values,
    payloadOrder,
    calls,
    invokesPerValue,
    totalInvokes: invokesPerValue * values.length,
    estimatedMaxCost: { gbSeconds, usd },
  }
}

/**
 * The payload of each measured invoke: the weights honoured exactly within each look's segment, so that whatever look
 * a value stops at, its payload mix is the one asked for (up to one invoke per payload).
 */
function balancedOrder(weights: readonly number[], ends: readonly number[], random: () => number): number[] {
  const order: number[] = []
  let from = 0
  for (const end of ends) {
    if (end > from) order.push(...schedulePayloads(weights, end - from, random))
    from = Math.max(from, end)
  }
  return order
}
