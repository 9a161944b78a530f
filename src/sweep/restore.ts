import { ExitCode, UsageError, UserError } from '../core/errors.js'
import { configurationDifferences } from '../core/sweep/config-diff.js'
import { ConcurrentChangeError, type FunctionConfig, type LambdaPort } from '../core/sweep/port.js'
import { parseFunctionTarget, shortName } from '../core/sweep/target-name.js'
import { openTarget, type TargetOptions } from '../aws/target.js'
import { isRunning, JournalStore, type RunJournal } from '../state/journal.js'
import { restoreAlias, type RestoredAlias } from '../canary/restore-alias.js'
import type { CanaryLambdaPort } from '../core/canary/port.js'
import type { CopyPort, StagingPort } from '../core/sweep/arch-port.js'
import { restoreCopies } from './restore-copies.js'
import { ApplyStore, type ApplyRecord } from '../state/applies.js'
import { stillApplying, undoApply, type UndoneApply } from './apply.js'
import { message } from './run-outcome.js'

export const RESTORE_SCHEMA_VERSION = 1

/** What `restore` did to one unfinished run. */
export interface RestoredRun {
  runId: string
  function: string
  startedAt: string
  /**
   * restored: $LATEST carried the run's change and got its original MemorySize and Description back;
   * unchanged: it already had them; left: someone else changed it since, so it was left as it is (see `detail`);
   * running: the run's process still runs, so nothing was touched
   */
  configuration: 'restored' | 'unchanged' | 'left' | 'running'
  detail: string
  /** a canary's alias: its routing is put back before the versions it routes to can be deleted */
  alias?: RestoredAlias
  deletedAliases: string[]
  deletedVersions: string[]
  /** a sweep of another architecture: its temporary copies, deleted whole */
  deletedFunctions?: string[]
  /** what could not be done; the journal is kept so that `restore` can be run again */
  problems: string[]
  finished: boolean
}

export interface RestoreResult {
  schemaVersion: typeof RESTORE_SCHEMA_VERSION
  target: { region: string; endpoint: string | null }
  runs: RestoredRun[]
  /** `sweep --apply` changes put back: the one --undo-apply names, or any a killed run left half done */
  undone: UndoneApply[]
}

/** The prefix of every description the run sets (see versionDescription in src/core/sweep/plan.ts). */
function runDescriptionPrefix(runId: string): string {
  return `lambda-tune run ${runId}:`
}

function runAliasPrefix(runId: string): string {
  return `lambda-tune-${runId}-`
}

/** Unfinished runs of one function on one target (endpoint and region), as `sweep` and `restore` see them. */
export function unfinishedRuns(store: JournalStore, target: { endpoint: string | undefined; region: string }, functionName?: string): RunJournal[] {
  return store
    .unfinished({ endpoint: target.endpoint, region: target.region })
    .filter((j) => functionName === undefined || shortName(j.functionName) === shortName(functionName))
}

/** Stops a sweep from starting over an unfinished run of the same function: its original would be the run's leftovers. */
export function refuseUnfinished(store: JournalStore, target: { endpoint: string | undefined; region: string }, functionName: string): void {
  const [run] = unfinishedRuns(store, target, functionName)
  if (!run) return
  const fn = shortName(functionName)
  if (isRunning(run)) {
    throw new UserError(`${fn} is being swept by another lambda-tune run (${run.runId}, pid ${run.pid}); wait for it to end`, ExitCode.runFailed)
  }
  throw new UserError(
    `${fn} has an unfinished lambda-tune run (${run.runId}, started ${run.startedAt}): run \`${restoreCommand(fn, run.target)}\` first`,
    ExitCode.runFailed,
  )
}

/** `lambda-tune restore` for a run, ready to paste: with the endpoint, region and profile its journal was written for. */
export function restoreCommand(functionName: string, target: RunJournal['target']): string {
  const words = [
    'lambda-tune', 'restore', functionName, '--region', target.region,
    ...(target.endpoint ? ['--endpoint-url', target.endpoint] : []),
    ...(target.profile ? ['--profile', target.profile] : []),
  ]
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ')
}

/** `lambda-tune restore [fn]`: finishes every unfinished run of the function (or of all functions) on the target. */
export async function restoreRuns(
  req: { function?: string; target: TargetOptions; undoApply?: string },
  store: JournalStore = new JournalStore(),
): Promise<RestoreResult> {
  if (req.undoApply !== undefined && req.function === undefined) {
    throw new UsageError(`name the function whose apply to undo: lambda-tune restore <function> --undo-apply ${req.undoApply}`)
  }
  if (req.target.local) {
    throw new UsageError('--local runs need no restore: their emulator lives and dies inside the sweep, so nothing is left behind')
  }
  let fn: string | undefined
  if (req.function !== undefined) {
    const parsed = parseFunctionTarget(req.function)
    if (parsed.qualifier) throw new UsageError(`restore takes a function name or ARN without a qualifier, got "${req.function}"`)
    fn = parsed.functionName
  }
  const target = await openTarget(req.target)
  try {
    const journals = req.undoApply !== undefined ? [] : unfinishedRuns(store, target, fn)
    const applies = new ApplyStore(store.dir)
    const records = appliesToUndo(applies, target, fn, req.undoApply)
    const result: RestoreResult = {
      schemaVersion: RESTORE_SCHEMA_VERSION,
      target: { region: target.region, endpoint: target.endpoint ?? null },
      runs: [],
      undone: [],
    }
    if (journals.length === 0 && records.length === 0) return result
    const { applyLambdaPort } = await import('../aws/lambda-apply.js')
    const port = applyLambdaPort(await target.lambda(), target.endpoint)
    for (const journal of journals) {
      const copies = journal.copies?.length ? await copyPorts(target, journal) : undefined
      const run = await restoreRun(port, journal, copies)
      if (run.finished) store.remove(journal.runId)
      result.runs.push(run)
    }
    for (const record of records) {
      const undone = await undoApply(port, record).catch((err: unknown): UndoneApply => ({
        runId: record.runId, function: shortName(record.functionName), status: 'left', detail: '', problems: [`could not undo the apply: ${message(err)}`], finished: false,
      }))
      if (undone.finished) applies.remove(record.runId)
      result.undone.push(undone)
    }
    return result
  } finally {
    await target.close()
  }
}

/**
 * The applies to put back: the one --undo-apply names (it must be of this function on this target), or else every
 * apply a killed run left half done (phase `applying`) whose process is gone.
 */
function appliesToUndo(applies: ApplyStore, target: { endpoint: string | undefined; region: string }, fn: string | undefined, runId: string | undefined): ApplyRecord[] {
  const sameTarget = (r: ApplyRecord) => (r.target.endpoint ?? undefined) === (target.endpoint ?? undefined) && r.target.region === target.region
  if (runId !== undefined) {
    const record = applies.get(runId)
    if (!record || shortName(record.functionName) !== shortName(fn!) || !sameTarget(record)) {
      throw new UsageError(`no --apply of run ${runId} on ${shortName(fn!)} is recorded for ${target.endpoint ?? 'AWS'} (${target.region}) in ${applies.dir}`)
    }
    if (stillApplying(record)) throw new UserError(`run ${runId} is still applying (pid ${record.pid}); wait for it to end`, ExitCode.runFailed)
    return [record]
  }
  return applies.list().filter((r) => r.phase === 'applying' && sameTarget(r) && (fn === undefined || shortName(r.functionName) === shortName(fn)) && !stillApplying(r))
}

/**
 * Finishes one run from its journal: puts $LATEST's MemorySize and Description back if it still carries the run's
 * own change, then deletes the run's aliases and versions, found by the names the journal recorded and by the
 * run-specific alias names and version descriptions (a version published just before a crash has no recorded number).
 */
export async function restoreRun(
  port: LambdaPort & Partial<Pick<CanaryLambdaPort, 'getAlias' | 'setAliasRouting'>>,
  journal: RunJournal,
  copies?: { copy: CopyPort; staging?: StagingPort },
): Promise<RestoredRun> {
  const fn = journal.functionName
  const out: RestoredRun = {
    runId: journal.runId,
    function: shortName(fn),
    startedAt: journal.startedAt,
    configuration: 'unchanged',
    detail: '',
    deletedAliases: [],
    deletedVersions: [],
    problems: [],
    finished: false,
  }
  if (isRunning(journal)) {
    out.configuration = 'running'
    out.detail = `the run is still going (pid ${journal.pid}); it cleans up after itself`
    out.problems.push(out.detail)
    return out
  }
  if (journal.copies?.length) {
    if (copies) {
      const done = await restoreCopies(journal, copies)
      out.deletedFunctions = done.deleted
      out.problems.push(...done.problems)
    } else {
      out.problems.push(`this restore cannot delete the run's copies (${journal.copies.map((c) => c.functionName).join(', ')})`)
    }
  }
  if (journal.alias) {
    try {
      if (!port.getAlias || !port.setAliasRouting) throw new Error('this restore cannot read aliases')
      out.alias = await restoreAlias({ getAlias: port.getAlias, setAliasRouting: port.setAliasRouting }, journal)
    } catch (err) {
      out.problems.push(`could not route alias ${journal.alias.name} back: ${message(err)}`)
    }
  }
  try {
    let now = await port.getFunctionConfiguration(fn)
    if (now.LastUpdateStatus === 'InProgress') {
      await port.waitUntilUpdated(fn)
      now = await port.getFunctionConfiguration(fn)
    }
    Object.assign(out, await restoreConfiguration(port, journal, now))
  } catch (err) {
    // A function deleted since has nothing left to restore: its versions and aliases went with it.
    if (/^Function not found\b/.test(message(err))) {
      return { ...out, configuration: 'left', detail: `${out.function} no longer exists: nothing to restore`, finished: out.problems.length === 0 }
    }
    if (err instanceof ConcurrentChangeError) {
      out.configuration = 'left'
      out.detail = `${err.message}; left as it is`
    } else {
      out.problems.push(`could not restore the configuration: ${message(err)}`)
    }
  }
  const ours = new Set(journal.descriptions ?? [])
  const prefix = runDescriptionPrefix(journal.runId)
  try {
    const aliases = await port.listAliases(fn)
    const names = aliases.map((a) => a.name).filter((n) => journal.aliases.includes(n) || n.startsWith(runAliasPrefix(journal.runId)))
    for (const name of names) {
      try {
        await port.deleteAlias(fn, name)
        out.deletedAliases.push(name)
      } catch (err) {
        out.problems.push(`could not delete alias ${name}: ${message(err)}`)
      }
    }
  } catch (err) {
    out.problems.push(`could not list the aliases: ${message(err)}`)
  }
  try {
    const versions = await port.listVersions(fn)
    for (const v of versions) {
      const version = v.Version ?? ''
      const description = v.Description ?? ''
      // A version is the run's only if it carries the run's description: a recorded number alone is not enough.
      if (!/^\d+$/.test(version) || !(ours.has(description) || description.startsWith(prefix))) continue
      try {
        await port.deleteVersion(fn, version)
        out.deletedVersions.push(version)
      } catch (err) {
        out.problems.push(`could not delete version ${version}: ${message(err)}`)
      }
    }
  } catch (err) {
    out.problems.push(`could not list the versions: ${message(err)}`)
  }
  out.finished = out.problems.length === 0
  return out
}

async function restoreConfiguration(
  port: LambdaPort,
  journal: RunJournal,
  now: FunctionConfig,
): Promise<Pick<RestoredRun, 'configuration' | 'detail'>> {
  const original = journal.original as FunctionConfig
  const memory = original.MemorySize ?? 128
  const description = original.Description ?? ''
  if (now.MemorySize === memory && (now.Description ?? '') === description) {
    return { configuration: 'unchanged', detail: `$LATEST already has its original MemorySize (${memory}) and Description` }
  }
  const foreign = configurationDifferences(original, now).filter((f) => f !== 'MemorySize' && f !== 'Description')
  // The run's own last change: the RevisionId it recorded after it, or (when it died before recording one) exactly
  // the MemorySize and Description it recorded before sending it, with nothing else changed.
  const pending = journal.pending
  const byRevision = journal.expectedRevisionId !== undefined && now.RevisionId === journal.expectedRevisionId
  const byPending =
    pending !== undefined &&
    now.MemorySize === pending.MemorySize &&
    (now.Description ?? '') === pending.Description &&
    pending.Description.startsWith(runDescriptionPrefix(journal.runId))
  if (foreign.length > 0 || !(byRevision || byPending)) {
    const what = foreign.length > 0 ? `${foreign.join(', ')} changed` : `MemorySize ${now.MemorySize}, Description "${now.Description ?? ''}"`
    return {
      configuration: 'left',
      detail: `$LATEST no longer carries this run's change (${what}): someone else changed it since, so it was left as it is`,
    }
  }
  await port.updateFunctionConfiguration({
    functionName: journal.functionName,
    memorySize: memory,
    description,
    ...(now.RevisionId ? { revisionId: now.RevisionId } : {}),
  })
  await port.waitUntilUpdated(journal.functionName)
  return { configuration: 'restored', detail: `MemorySize ${now.MemorySize} -> ${memory} and Description restored` }
}

/** The calls that delete a run's copies (and their staging objects), over the target's clients. */
async function copyPorts(target: Awaited<ReturnType<typeof openTarget>>, journal: RunJournal): Promise<{ copy: CopyPort; staging?: StagingPort }> {
  const { copyLambdaPort } = await import('../aws/lambda-copy.js')
  const copy = copyLambdaPort(await target.lambda(), target.endpoint)
  if (!journal.copies?.some((c) => c.staging)) return { copy }
  const { stagingPort } = await import('../aws/s3-staging.js')
  return { copy, staging: stagingPort(await target.s3(), target.endpoint) }
}
