import { hostname } from 'node:os'
import { ExitCode, UsageError, UserError } from '../core/errors.js'
import { applyRefusal, type ApplyLambdaPort, type ApplyOutcome } from '../core/sweep/apply.js'
import { configurationDifferences } from '../core/sweep/config-diff.js'
import { ConcurrentChangeError, type FunctionConfig } from '../core/sweep/port.js'
import type { SweepResult } from '../core/sweep/sweep-result.js'
import { shortName } from '../core/sweep/target-name.js'
import type { ApplyRecord, ApplyStore } from '../state/applies.js'
import type { RunJournal } from '../state/journal.js'
import { restoreCommand } from './restore.js'

export interface ApplyContext {
  functionName: string
  /** the alias tuned, if any (a version cannot be changed: refused before the run) */
  alias?: string
  runId: string
  /** $LATEST as found before the run, and the alias's configuration as found */
  original: FunctionConfig
  qualified?: FunctionConfig
  /** where undo records go; none with --local (the emulator ends with the run) */
  store?: ApplyStore
  target: RunJournal['target']
  /** a reason not to apply beyond the pick's own (a failed --baseline gate) */
  blocked?: string
  now?: () => Date
}

/** --apply is refused before anything runs with --keep (the run must end clean) and for a version (it cannot change). */
export function checkApply(targets: ReadonlyArray<{ functionName: string; qualifier?: string }>, keep: boolean): void {
  if (keep) throw new UsageError('--apply sets the pick once the run has deleted its aliases and versions; --keep keeps them: give one of the two')
  for (const t of targets) {
    if (t.qualifier !== undefined && (/^\d+$/.test(t.qualifier) || t.qualifier === '$LATEST')) {
      throw new UsageError(`--apply cannot change ${shortName(t.functionName)}:${t.qualifier}: a published version never changes; tune the function or an alias`)
    }
  }
}

/** The calls `--apply` would make, for --dry-run. */
export function applyPlan(fn: string, alias: string | undefined, current: number, runId: string): string[] {
  const when = `once the run is clean, if the pick is settled and is not the current ${current} MB`
  if (!alias) {
    return [`then, ${when}: GetFunctionConfiguration ${fn} (it must equal the original), UpdateFunctionConfiguration ${fn} MemorySize=<the pick> with the RevisionId last seen, wait until updated (journaled, so \`lambda-tune restore ${fn} --undo-apply ${runId}\` puts ${current} MB back)`]
  }
  return [
    `then, ${when}: GetAlias ${alias} (refused if it routes weights), UpdateFunctionConfiguration ${fn} MemorySize=<the pick> Description="lambda-tune apply ${runId}: ..." (RevisionId checked), PublishVersion, UpdateFunctionConfiguration ${fn} back to its MemorySize and Description, UpdateAlias ${alias} FunctionVersion=<that version> (RevisionId checked; journaled for \`lambda-tune restore ${fn} --undo-apply ${runId}\`)`,
  ]
}

/**
 * Sets the sweep's pick on the function once the run is clean: $LATEST's MemorySize (with the RevisionId last seen,
 * after checking nothing else changed since the run started), or for an alias a new version published with the pick
 * and the alias moved to it ($LATEST gets its own MemorySize and Description back: nothing else of it is touched).
 * Refuses an unsettled or failed pick. Journaled before each change, so `restore --undo-apply` can put it back and a
 * run killed mid-way is undone by `restore`.
 */
export async function applyPick(port: ApplyLambdaPort, result: SweepResult, ctx: ApplyContext): Promise<ApplyOutcome> {
  const fn = ctx.functionName
  const previous = result.currentMemory
  const base: ApplyOutcome = {
    status: 'refused', target: ctx.alias ? 'alias' : 'function', alias: ctx.alias ?? null, memory: result.recommendation.memory,
    previous, version: null, previousVersion: null, revisionId: null, reason: '', undo: null, awsCli: null,
  }
  const refusal = applyRefusal(result.recommendation, result.results) ?? ctx.blocked
  if (refusal) return { ...base, reason: `not applied: ${refusal}` }
  const pick = result.recommendation.memory!
  if (pick === previous) return { ...base, status: 'unchanged', reason: `${shortName(fn)}${ctx.alias ? `:${ctx.alias}` : ''} already has ${pick} MB: nothing to apply` }
  let now = await port.getFunctionConfiguration(fn)
  if (now.LastUpdateStatus === 'InProgress') {
    await port.waitUntilUpdated(fn)
    now = await port.getFunctionConfiguration(fn)
  }
  const changed = configurationDifferences(ctx.original, now)
  if (changed.length > 0) return { ...base, reason: `not applied: ${shortName(fn)} changed since the run started (${changed.join(', ')})` }
  const record: ApplyRecord = {
    applyVersion: 1,
    runId: ctx.runId,
    functionName: fn,
    target: ctx.target,
    startedAt: (ctx.now ?? (() => new Date()))().toISOString(),
    pid: process.pid,
    host: hostname(),
    phase: 'applying',
    before: { memory: previous },
    after: { memory: pick },
    kind: ctx.alias ? 'alias' : 'function',
    ...(now.RevisionId ? { revisionBefore: now.RevisionId } : {}),
  }
  const undo = ctx.store ? `${restoreCommand(shortName(fn), ctx.target)} --undo-apply ${ctx.runId}` : null
  const region = ` --region ${ctx.target.region}${ctx.target.endpoint ? ` --endpoint-url ${ctx.target.endpoint}` : ''}${ctx.target.profile ? ` --profile ${ctx.target.profile}` : ''}`
  if (!ctx.alias) {
    ctx.store?.save(record)
    try {
      await port.updateFunctionConfiguration({ functionName: fn, memorySize: pick, description: now.Description ?? '', ...(now.RevisionId ? { revisionId: now.RevisionId } : {}) })
    } catch (err) {
      ctx.store?.remove(ctx.runId)
      if (err instanceof ConcurrentChangeError) return { ...base, reason: `not applied: ${err.message}` }
      throw err
    }
    await port.waitUntilUpdated(fn)
    const after = await port.getFunctionConfiguration(fn)
    record.phase = 'applied'
    if (after.RevisionId) record.revisionAfter = after.RevisionId
    ctx.store?.save(record)
    return {
      ...base, status: 'applied', revisionId: after.RevisionId ?? null,
      reason: `${shortName(fn)} MemorySize ${previous} -> ${pick} MB`,
      undo, awsCli: `aws lambda update-function-configuration --function-name ${shortName(fn)} --memory-size ${previous}${region}`,
    }
  }

  const name = ctx.alias
  const alias = await port.getAlias(fn, name)
  if (Object.keys(alias.weights).length > 0) {
    return { ...base, reason: `not applied: alias ${name} routes weights to other versions (a rollout under way); moving it would cut that short` }
  }
  if (ctx.qualified?.Version && alias.functionVersion !== ctx.qualified.Version) {
    return { ...base, reason: `not applied: alias ${name} points to version ${alias.functionVersion} now, not ${ctx.qualified.Version} as when the run started` }
  }
  const description = `lambda-tune apply ${ctx.runId}: ${pick} MB for alias ${name} (was version ${alias.functionVersion})`
  record.alias = { name, previousVersion: alias.functionVersion }
  record.description = description
  record.latest = { memory: now.MemorySize ?? 128, description: now.Description ?? '' }
  ctx.store?.save(record)
  try {
    await port.updateFunctionConfiguration({ functionName: fn, memorySize: pick, description, ...(now.RevisionId ? { revisionId: now.RevisionId } : {}) })
    await port.waitUntilUpdated(fn)
    const staged = await port.getFunctionConfiguration(fn)
    const foreign = configurationDifferences(ctx.original, staged).filter((f) => f !== 'MemorySize' && f !== 'Description')
    if (foreign.length > 0 || staged.MemorySize !== pick || staged.Description !== description) {
      throw new ConcurrentChangeError(`${shortName(fn)} was changed by someone else while the pick was applied${foreign.length ? ` (${foreign.join(', ')})` : ''}`)
    }
    const published = await port.publishVersion({
      functionName: fn, description,
      ...(staged.RevisionId ? { revisionId: staged.RevisionId } : {}),
      ...(ctx.original.CodeSha256 ? { codeSha256: ctx.original.CodeSha256 } : {}),
    })
    if (!published.Version || published.Description !== description) {
      throw new UserError(`PublishVersion of ${shortName(fn)} returned version ${published.Version ?? '(none)'}, not the one published for the pick`, ExitCode.aws)
    }
    record.alias.version = published.Version
    ctx.store?.save(record)
    const latest = await port.getFunctionConfiguration(fn)
    await port.updateFunctionConfiguration({ functionName: fn, memorySize: record.latest.memory, description: record.latest.description, ...(latest.RevisionId ? { revisionId: latest.RevisionId } : {}) })
    await port.waitUntilUpdated(fn)
    await port.waitUntilVersionActive(fn, published.Version)
    await port.moveAlias({ functionName: fn, name, version: published.Version, ...(alias.revisionId ? { revisionId: alias.revisionId } : {}) })
  } catch (err) {
    // Put back what this apply did so far; the record stays for `restore` if that fails too.
    const undone = await undoApply(port, record).catch((e: unknown) => ({ finished: false, problems: [String(e)] }))
    if (undone.finished) ctx.store?.remove(ctx.runId)
    if (err instanceof ConcurrentChangeError) return { ...base, reason: `not applied: ${err.message}` }
    throw err
  }
  record.phase = 'applied'
  ctx.store?.save(record)
  return {
    ...base, status: 'applied', version: record.alias.version ?? null, previousVersion: alias.functionVersion,
    reason: `alias ${name} -> version ${record.alias.version} (${pick} MB; was version ${alias.functionVersion}, ${previous} MB); $LATEST as found`,
    undo, awsCli: `aws lambda update-alias --function-name ${shortName(fn)} --name ${name} --function-version ${alias.functionVersion}${region}`,
  }
}

/** What undoing one apply did (`restore --undo-apply`, or `restore` for an apply a killed run left half done). */
export interface UndoneApply {
  runId: string
  function: string
  /** restored: the old value is back; unchanged: it already was; left: someone else changed it since (see detail) */
  status: 'restored' | 'unchanged' | 'left'
  detail: string
  problems: string[]
  finished: boolean
}

/**
 * Puts back what an apply set, only where the function still carries it: $LATEST's MemorySize while it is still the
 * applied value (with the RevisionId just read), an alias while it still points to the version the apply published;
 * then deletes that version when no alias points to it. A value someone else changed since is left as it is.
 */
export async function undoApply(port: ApplyLambdaPort, record: ApplyRecord): Promise<UndoneApply> {
  const fn = record.functionName
  const out: UndoneApply = { runId: record.runId, function: shortName(fn), status: 'unchanged', detail: '', problems: [], finished: false }
  let now = await port.getFunctionConfiguration(fn)
  if (now.LastUpdateStatus === 'InProgress') {
    await port.waitUntilUpdated(fn)
    now = await port.getFunctionConfiguration(fn)
  }
  if (record.kind === 'function') {
    if (now.MemorySize === record.before.memory) {
      out.detail = `MemorySize is already ${record.before.memory} MB`
    } else if (now.MemorySize !== record.after.memory) {
      out.status = 'left'
      out.detail = `MemorySize is ${now.MemorySize} MB, not the ${record.after.memory} MB applied: someone else changed it since, so it was left as it is`
    } else {
      await port.updateFunctionConfiguration({ functionName: fn, memorySize: record.before.memory, description: now.Description ?? '', ...(now.RevisionId ? { revisionId: now.RevisionId } : {}) })
      await port.waitUntilUpdated(fn)
      out.status = 'restored'
      out.detail = `MemorySize ${record.after.memory} -> ${record.before.memory} MB`
    }
    out.finished = true
    return out
  }
  const details: string[] = []
  // $LATEST carries the apply's own Description only between its two updates: a killed apply left it there
  if (record.latest && record.description && now.Description === record.description) {
    await port.updateFunctionConfiguration({ functionName: fn, memorySize: record.latest.memory, description: record.latest.description, ...(now.RevisionId ? { revisionId: now.RevisionId } : {}) })
    await port.waitUntilUpdated(fn)
    details.push(`$LATEST MemorySize ${now.MemorySize} -> ${record.latest.memory} MB and Description restored`)
  }
  const a = record.alias!
  const alias = await port.getAlias(fn, a.name)
  if (alias.functionVersion === a.previousVersion) {
    details.push(`alias ${a.name} already points to version ${a.previousVersion}`)
  } else if (a.version !== undefined && alias.functionVersion === a.version) {
    await port.moveAlias({ functionName: fn, name: a.name, version: a.previousVersion, ...(alias.revisionId ? { revisionId: alias.revisionId } : {}) })
    out.status = 'restored'
    details.push(`alias ${a.name} -> version ${a.previousVersion} (${record.before.memory} MB)`)
  } else {
    out.status = 'left'
    details.push(`alias ${a.name} points to version ${alias.functionVersion}, not the version the apply published: someone else moved it since, so it was left as it is`)
  }
  const versions = await port.listVersions(fn)
  const ours = versions.find((v) => v.Description === record.description && /^\d+$/.test(v.Version ?? ''))
  if (ours?.Version) {
    const aliases = await port.listAliases(fn)
    if (aliases.some((x) => x.version === ours.Version)) {
      details.push(`version ${ours.Version} kept: an alias points to it`)
    } else {
      await port.deleteVersion(fn, ours.Version)
      details.push(`version ${ours.Version} deleted`)
    }
  }
  if (out.status === 'unchanged' && details.some((d) => d.startsWith('$LATEST'))) out.status = 'restored'
  out.detail = details.join('; ')
  out.finished = true
  return out
}

/** Whether the process that wrote the record is still applying (on this machine): its record is not to be undone. */
export function stillApplying(record: ApplyRecord): boolean {
  if (record.phase !== 'applying' || record.pid === process.pid || (record.host !== undefined && record.host !== hostname())) return false
  try {
    process.kill(record.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
