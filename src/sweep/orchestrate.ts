import { ExitCode, UsageError, UserError } from '../core/errors.js'
import { configurationDifferences, runtimeDifferences } from '../core/sweep/config-diff.js'
import type { SweepPlan } from '../core/sweep/plan.js'
import { ConcurrentChangeError, type FunctionConfig, type LambdaPort } from '../core/sweep/port.js'
import type { InvokeSample } from '../core/sweep/types.js'
import { invokeColdVersions, invokeRound, newProgress, type InvokeIo } from './invoke-values.js'
import { changedBySomeoneElse, Interrupted, message, putLatestBack, settleRun } from './run-outcome.js'
import type { RunRecorder } from './run-recorder.js'

export interface ResolvedFunction {
  /** $LATEST as found */
  original: FunctionConfig
  /** the requested alias or version, when one was given */
  qualified?: FunctionConfig
  /** memory of what is tuned: the qualifier's, else $LATEST's */
  currentMemory: number
  /** versions that existed before the run: never deleted */
  existingVersions: Set<string>
}

/**
 * Reads the function (and the qualifier) without changing anything. A qualifier is tuned through $LATEST, so it
 * must run the same code and settings as $LATEST; otherwise the run stops here, before anything is touched.
 */
export async function resolveFunction(port: LambdaPort, functionName: string, qualifier?: string): Promise<ResolvedFunction> {
  let original = await port.getFunctionConfiguration(functionName)
  if (original.LastUpdateStatus === 'InProgress') {
    await port.waitUntilUpdated(functionName)
    original = await port.getFunctionConfiguration(functionName)
  }
  let qualified: FunctionConfig | undefined
  if (qualifier) {
    qualified = await port.getFunctionConfiguration(functionName, qualifier)
    const differ = runtimeDifferences(original, qualified)
    if (differ.length > 0) {
      throw new UsageError(
        `${functionName}:${qualifier} differs from $LATEST in ${differ.join(', ')}; lambda-tune publishes the tuned versions from $LATEST, so deploy that code and configuration to $LATEST first, or tune ${functionName} itself`,
      )
    }
  }
  const versions = await port.listVersions(functionName)
  return {
    original,
    ...(qualified ? { qualified } : {}),
    currentMemory: (qualified ?? original).MemorySize ?? 128,
    existingVersions: new Set(versions.map((v) => v.Version ?? '').filter(Boolean)),
  }
}

export interface SweepIo extends Omit<InvokeIo, 'onSample'> {
  phase(message: string): void
  onSample: InvokeIo['onSample']
}

/** What the measuring part of a run may do once the aliases exist: invoke rounds, then the forced cold starts. */
export interface Invoker {
  /** invokes each value until it has made `targets` measured invokes */
  round(targets: ReadonlyMap<number, number>): Promise<InvokeSample[]>
  /** one invoke of each fresh version made for a forced cold start */
  coldStarts(): Promise<InvokeSample[]>
  /** the version behind each value's alias, and each value's cold-start versions: whose log streams hold their REPORT lines */
  versions(): { aliased: ReadonlyMap<number, string>; cold: ReadonlyMap<number, readonly string[]> }
}

/** Decides what to invoke (a fixed count, or sequential rounds) and returns every sample. */
export type Measure = (invoker: Invoker) => Promise<InvokeSample[]>

/** A fixed count: every value up to the plan's last look, then the forced cold starts. */
export const measureFixed =
  (plan: SweepPlan): Measure =>
  async (invoker) => [...(await invoker.round(new Map(plan.values.map((v) => [v.memory, plan.maxMeasured])))), ...(await invoker.coldStarts())]

export interface SweepRun {
  samples: InvokeSample[]
  /** with keep: the aliases and versions left in place */
  kept?: { aliases: string[]; versions: string[] }
}

/**
 * The safe part: for each memory value set it on $LATEST, publish a version and alias it; restore $LATEST before any
 * invoke; invoke; then delete exactly what the run created, whatever happened (error, SIGINT), and check that
 * $LATEST's configuration equals the original.
 */
export async function runSweep(
  port: LambdaPort,
  plan: SweepPlan,
  resolved: ResolvedFunction,
  io: SweepIo,
  options: { keep?: boolean; recorder?: RunRecorder; measure?: Measure } = {},
): Promise<SweepRun> {
  const recorder = options.recorder
  const fn = plan.functionName
  const original = resolved.original
  const created = { aliases: [] as string[], versions: [] as string[] }
  const coldVersions = new Map<number, string[]>()
  const ourDescriptions = new Set(plan.values.flatMap((v) => [v.description, ...v.coldDescriptions]))
  let revision = original.RevisionId
  let touched = false
  let restored = false

  // $LATEST may differ from the original only in what this run set; anything else is someone else's change.
  const checkOnlyOurs = (now: FunctionConfig, memory: number, description: string) => {
    const foreign = configurationDifferences(original, now).filter((f) => f !== 'MemorySize' && f !== 'Description')
    if (now.MemorySize !== memory || now.Description !== description) foreign.unshift('MemorySize or Description')
    if (foreign.length > 0) throw changedBySomeoneElse(fn, foreign)
  }

  const publishWith = async (memory: number, description: string): Promise<string> => {
    touched = true
    recorder?.changing(memory, description)
    recorder?.publishing(description)
    await port.updateFunctionConfiguration({ functionName: fn, memorySize: memory, description, ...(revision ? { revisionId: revision } : {}) })
    await port.waitUntilUpdated(fn)
    const staged = await port.getFunctionConfiguration(fn)
    checkOnlyOurs(staged, memory, description)
    recorder?.revision(staged.RevisionId)
    const published = await port.publishVersion({
      functionName: fn,
      description,
      ...(staged.RevisionId ? { revisionId: staged.RevisionId } : {}),
      ...(original.CodeSha256 ? { codeSha256: original.CodeSha256 } : {}),
    })
    const version = published.Version
    if (!version || resolved.existingVersions.has(version) || published.Description !== description) {
      throw new UserError(`PublishVersion of ${fn} returned version ${version ?? '(none)'}, which this run did not create; stopping`, ExitCode.aws)
    }
    if (!created.versions.includes(version)) created.versions.push(version)
    recorder?.published(version)
    const after = await port.getFunctionConfiguration(fn)
    checkOnlyOurs(after, memory, description)
    revision = after.RevisionId
    recorder?.revision(after.RevisionId)
    return version
  }

  // Only undo what this run set: if $LATEST carries anything but one of our descriptions, someone else changed it.
  const restore = () =>
    putLatestBack(port, fn, original, { descriptions: ourDescriptions, memories: (m) => plan.memories.includes(m) }, () => {
      recorder?.restoring()
      recorder?.changing(original.MemorySize ?? 128, original.Description ?? '')
    })

  let failure: unknown
  let samples: InvokeSample[] = []
  try {
    const warmVersions = new Map<number, string>()
    for (const v of plan.values) {
      if (io.signal.aborted) throw new Interrupted()
      io.phase(`publishing ${v.memory} MB`)
      warmVersions.set(v.memory, await publishWith(v.memory, v.description))
      const cold: string[] = []
      for (const d of v.coldDescriptions) {
        if (io.signal.aborted) throw new Interrupted()
        cold.push(await publishWith(v.memory, d))
      }
      coldVersions.set(v.memory, cold)
    }
    io.phase('restoring $LATEST')
    // A published version is a snapshot: $LATEST can be restored while the versions become active.
    const settled = await Promise.allSettled([
      restore().then(() => {
        restored = true
      }),
      ...created.versions.map((version) => port.waitUntilVersionActive(fn, version)),
    ])
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (rejected) throw rejected.reason
    for (const v of plan.values) {
      recorder?.aliasing(v.alias)
      await port.createAlias({ functionName: fn, name: v.alias, version: warmVersions.get(v.memory)!, description: v.description })
      created.aliases.push(v.alias)
    }
    if (io.signal.aborted) throw new Interrupted()
    io.phase('invoking')
    const progress = newProgress()
    const measure = options.measure ?? measureFixed(plan)
    samples = await measure({
      round: (targets) => invokeRound(port, plan, targets, progress, io),
      coldStarts: () => invokeColdVersions(port, plan, coldVersions, io),
      versions: () => ({ aliased: warmVersions, cold: coldVersions }),
    })
  } catch (err) {
    failure = err
  }

  const problems: string[] = []
  // Whether a `lambda-tune restore` could still do something: a restore that failed or a delete that failed.
  let unfinished = false
  if (touched && !restored) {
    try {
      await restore()
    } catch (err) {
      // Someone else's change is not ours to undo: nothing is left for a restore to finish there.
      if (!(err instanceof ConcurrentChangeError)) unfinished = true
      problems.push(
        `could not restore ${fn} (MemorySize ${original.MemorySize}, Description "${original.Description ?? ''}"): ${message(err)}`,
      )
    }
  }
  if (!options.keep) {
    io.phase('deleting the run’s aliases and versions')
    for (const alias of created.aliases) {
      try {
        await port.deleteAlias(fn, alias)
      } catch (err) {
        unfinished = true
        problems.push(`could not delete alias ${alias}: ${message(err)}`)
      }
    }
    for (const version of created.versions) {
      try {
        await port.deleteVersion(fn, version)
      } catch (err) {
        unfinished = true
        problems.push(`could not delete version ${version}: ${message(err)}`)
      }
    }
  }
  if (touched) {
    try {
      const after = await port.getFunctionConfiguration(fn)
      const differ = configurationDifferences(original, after)
      if (differ.length > 0) problems.push(`${fn} differs from before the run in ${differ.join(', ')}`)
    } catch (err) {
      problems.push(`could not check ${fn} after the run: ${message(err)}`)
    }
  }

  if (unfinished) problems.push(`\`${recorder?.restoreCommand ?? `lambda-tune restore ${fn}`}\` finishes the clean-up`)
  else recorder?.finished()

  settleRun(failure, problems, io.signal.aborted, `${fn} was restored and the run's aliases and versions deleted`)
  return { samples, ...(options.keep ? { kept: { ...created } } : {}) }
}
