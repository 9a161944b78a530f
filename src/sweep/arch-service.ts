import type { Arch } from '../core/cost/price-types.js'
import { UsageError } from '../core/errors.js'
import { imageFlag } from '../core/sweep/arch-copy.js'
import { orderArchitectures, parseArchitectureList, sweepValues } from '../core/sweep/arch-values.js'
import type { CopyPort, StagingPort } from '../core/sweep/arch-port.js'
import type { RaceValue } from '../core/sweep/decide/sequential.js'
import { buildPlan, type SweepPlan, type SweepPlanInput } from '../core/sweep/plan.js'
import type { LambdaPort } from '../core/sweep/port.js'
import { oneRoundBound } from '../core/sweep/sampling.js'
import type { Kept } from '../core/sweep/sweep-result.js'
import type { InvokeSample, PricingContext } from '../core/sweep/types.js'
import { seededRandom } from '../core/stats/random.js'
import type { Target } from '../aws/target.js'
import { runWithCopy } from './architectures.js'
import { prepareCopy, type PreparedCopy } from './copy-function.js'
import { runSweep, type Measure, type ResolvedFunction, type SweepIo } from './orchestrate.js'
import type { RunRecorder } from './run-recorder.js'

/** The sweep's architecture flags, as typed. */
export interface ArchitectureFlags {
  /** --arch x86_64,arm64 */
  arch?: string
  stagingBucket?: string
  /** --image-uri-arm64, --image-uri-x86 */
  imageUris?: Partial<Record<Arch, string>>
}

export interface CheckedArchitectures {
  /** undefined: the function's own */
  list?: Arch[]
  stagingBucket?: string
  imageUris: Partial<Record<Arch, string>>
}

const BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/** Checks the flags before anything is read from AWS. */
export function checkArchitectureFlags(flags: ArchitectureFlags): CheckedArchitectures {
  const list = flags.arch === undefined ? undefined : parseArchitectureList(flags.arch)
  const imageUris = flags.imageUris ?? {}
  for (const [arch, uri] of Object.entries(imageUris) as [Arch, string | undefined][]) {
    if (uri === undefined) continue
    if (!list?.includes(arch)) throw new UsageError(`${imageFlag(arch)} is the image of an ${arch} copy: it needs --arch with ${arch}`)
    if (!/^\S+$/.test(uri)) throw new UsageError(`${imageFlag(arch)} must be an image URI (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:${arch})`)
  }
  if (flags.stagingBucket !== undefined) {
    if (!list) throw new UsageError('--staging-bucket carries the code of a copy on another architecture: it needs --arch')
    if (!BUCKET.test(flags.stagingBucket)) throw new UsageError(`--staging-bucket "${flags.stagingBucket}" is not an S3 bucket name`)
  }
  return { ...(list ? { list } : {}), ...(flags.stagingBucket ? { stagingBucket: flags.stagingBucket } : {}), imageUris }
}

/** What a sweep measures, by architecture: the function's own plan, the copy's, and the values raced over both. */
export interface ArchitecturePlan {
  architectures: Arch[]
  values: RaceValue[]
  /** the plan whose looks and counts the race follows (the function's own, or the copy's when only it runs) */
  plan: SweepPlan
  ownPlan?: SweepPlan
  copyPlan?: SweepPlan
  copy?: PreparedCopy
  /** for --dry-run, over both */
  calls: string[]
  totalInvokes: number
  estimatedMaxCost: { gbSeconds: number; usd: number }
  /** the most one round can cost, over both (a --budget below it is refused) */
  roundBound(timeoutSeconds: number): { usd: number; gbSeconds: number }
  /** one line to say when the emulator runs an architecture on another host CPU */
  emulated(local: boolean): string | undefined
  run(port: LambdaPort, resolved: ResolvedFunction, io: SweepIo, options: RunOptions): Promise<{ samples: InvokeSample[]; kept?: Kept }>
}

interface RunOptions {
  keep: boolean
  measure: Measure
  recorder?: RunRecorder
}

/**
 * Plans the architectures: with only the function's own, exactly the memory sweep; with another, a copy prepared (and
 * checked, so that one which cannot be made stops the run here, before any change) and its plan beside the function's.
 */
export async function prepareArchitectures(input: {
  target: Target
  checked: CheckedArchitectures | undefined
  pricing: PricingContext
  planInput: SweepPlanInput
  runId: string
}): Promise<ArchitecturePlan> {
  const own = input.pricing.arch
  const architectures = orderArchitectures(input.checked?.list, own)
  const other = architectures.find((a) => a !== own)
  // Every plan draws the payload order from the seed alone: the copy's values get the same order as the function's.
  const { qualifier: _q, ...unqualified } = input.planInput
  const plan = (functionName: string, pricing: PricingContext, latestMemory: number) =>
    buildPlan({ ...(functionName === input.planInput.functionName ? input.planInput : unqualified), functionName, latestMemory, pricing }, seededRandom(input.planInput.seed))
  const ownPlan = architectures.includes(own) ? plan(input.planInput.functionName, input.pricing, input.planInput.latestMemory) : undefined
  let copy: PreparedCopy | undefined
  let copyPlan: SweepPlan | undefined
  let copyPort: CopyPort | undefined
  let staging: StagingPort | undefined
  if (other) {
    const { copyLambdaPort } = await import('../aws/lambda-copy.js')
    copyPort = copyLambdaPort(await input.target.lambda(), input.target.endpoint)
    copy = await prepareCopy(copyPort, {
      functionName: input.planInput.functionName,
      runId: input.runId,
      architecture: other,
      ...(input.checked?.imageUris[other] ? { imageUri: input.checked.imageUris[other] } : {}),
      ...(input.checked?.stagingBucket ? { stagingBucket: input.checked.stagingBucket } : {}),
    })
    if (copy.staging) {
      const { stagingPort } = await import('../aws/s3-staging.js')
      staging = stagingPort(await input.target.s3(), input.target.endpoint)
    }
    copyPlan = plan(copy.name, { ...input.pricing, arch: other }, copy.request.MemorySize ?? input.planInput.latestMemory)
  }
  const base = (ownPlan ?? copyPlan)!
  const plans = [ownPlan, copyPlan].filter((p): p is SweepPlan => p !== undefined)
  const values = sweepValues(base.memories, architectures)
  return {
    architectures,
    values,
    plan: base,
    ...(ownPlan ? { ownPlan } : {}),
    ...(copyPlan ? { copyPlan } : {}),
    ...(copy ? { copy } : {}),
    calls: copy ? [...copy.calls.before, ...plans.flatMap((p) => p.calls), ...copy.calls.after] : base.calls,
    totalInvokes: plans.reduce((n, p) => n + p.totalInvokes, 0),
    estimatedMaxCost: {
      gbSeconds: plans.reduce((n, p) => n + p.estimatedMaxCost.gbSeconds, 0),
      usd: plans.reduce((n, p) => n + p.estimatedMaxCost.usd, 0),
    },
    roundBound: (timeout) => {
      const each = architectures.map((arch) => oneRoundBound(base.memories, timeout, { ...input.pricing, arch }))
      return { usd: each.reduce((n, b) => n + b.usd, 0), gbSeconds: each.reduce((n, b) => n + b.gbSeconds, 0) }
    },
    emulated: (local) => {
      const host = process.arch === 'arm64' ? 'arm64' : 'x86_64'
      const foreign = architectures.filter((a) => a !== host)
      if (!local || !copy || foreign.length === 0) return undefined
      return `the emulator runs ${foreign.join(' and ')} on this ${host} host's CPU: ${foreign.join(' and ')} durations are the host's, priced at ${foreign.join(' and ')} rates`
    },
    run: (port, resolved, io, options) => {
      if (!copy) return runSweep(port, base, resolved, io, options)
      return runWithCopy({
        port,
        copyPort: copyPort!,
        ...(staging ? { staging } : {}),
        copy,
        runId: input.runId,
        ownArch: own,
        ...(ownPlan ? { ownPlan } : {}),
        copyPlan: copyPlan!,
        resolved,
        values,
        serial: input.planInput.serial,
        io,
        ...options,
      })
    },
  }
}
