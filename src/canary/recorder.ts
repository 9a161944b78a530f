import { hostname } from 'node:os'
import type { AliasConfig } from '../core/canary/port.js'
import { ExitCode, UserError } from '../core/errors.js'
import type { FunctionConfig } from '../core/sweep/port.js'
import type { RunRecorder } from '../sweep/run-recorder.js'
import type { JournalStore, RunJournal } from '../state/journal.js'

/** The sweep's journal steps for $LATEST and the versions, plus the alias's routing. */
export interface CanaryRecorder extends RunRecorder {
  /** before UpdateAlias: the weights about to be set */
  routing(weights: Record<string, number>): void
  /** the alias's RevisionId right after the run's own change of it */
  routed(revisionId: string | undefined): void
}

/**
 * A canary's journal: the same file `lambda-tune restore` reads for a sweep (written before anything changes, each
 * step recorded before the call it announces), with the alias as found. A restore puts the routing back first: a
 * version an alias routes to cannot be deleted.
 */
export function canaryRecorder(
  store: JournalStore,
  run: { runId: string; functionName: string; original: FunctionConfig; alias: AliasConfig; target: RunJournal['target'] },
  now: () => Date = () => new Date(),
): CanaryRecorder {
  const { $metadata: _m, ...original } = run.original as FunctionConfig & { $metadata?: unknown }
  const journal: RunJournal = {
    journalVersion: 1,
    runId: run.runId,
    startedAt: now().toISOString(),
    pid: process.pid,
    host: hostname(),
    target: run.target,
    functionName: run.functionName,
    functionArn: run.original.FunctionArn ?? run.functionName,
    original,
    ...(run.original.RevisionId ? { expectedRevisionId: run.original.RevisionId } : {}),
    descriptions: [],
    versions: [],
    aliases: [],
    alias: {
      name: run.alias.name,
      original: { functionVersion: run.alias.functionVersion, description: run.alias.description, weights: { ...run.alias.weights } },
      ...(run.alias.revisionId ? { expectedRevisionId: run.alias.revisionId } : {}),
    },
    phase: 'running',
  }
  try {
    store.save(journal)
  } catch (err) {
    throw new UserError(
      `cannot write the run journal (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) in ${store.dir}: set LAMBDA_TUNE_STATE_DIR to a folder you can write`,
      ExitCode.usage,
    )
  }
  const save = () => store.save(journal)
  return {
    changing(memory, description) {
      journal.pending = { MemorySize: memory, Description: description }
      save()
    },
    publishing(description) {
      if (!journal.descriptions!.includes(description)) journal.descriptions!.push(description)
      save()
    },
    published(version) {
      if (!journal.versions.includes(version)) journal.versions.push(version)
      save()
    },
    revision(revisionId) {
      if (!revisionId || revisionId === journal.expectedRevisionId) return
      journal.expectedRevisionId = revisionId
      save()
    },
    aliasing(alias) {
      if (!journal.aliases.includes(alias)) journal.aliases.push(alias)
      save()
    },
    routing(weights) {
      journal.alias!.pending = { ...weights }
      save()
    },
    routed(revisionId) {
      if (revisionId) journal.alias!.expectedRevisionId = revisionId
      save()
    },
    restoring() {
      journal.phase = 'restoring'
      save()
    },
    finished() {
      store.remove(journal.runId)
    },
  }
}
