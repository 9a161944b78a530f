import { hostname } from 'node:os'
import { ExitCode, UserError } from '../core/errors.js'
import type { FunctionConfig } from '../core/sweep/port.js'
import type { JournalStore, RunJournal } from '../state/journal.js'
import { restoreCommand } from './restore.js'

/**
 * What the orchestration tells the journal as it goes. Every "about to" call comes before the AWS call it announces,
 * so that whatever a kill -9 interrupts, the journal already names it.
 */
export interface RunRecorder {
  /** before UpdateFunctionConfiguration of $LATEST (the run's own change, or its restore) */
  changing(memory: number, description: string): void
  /** before PublishVersion with this description */
  publishing(description: string): void
  published(version: string): void
  /** $LATEST's RevisionId right after one of the run's own changes */
  revision(revisionId: string | undefined): void
  /** before CreateAlias */
  aliasing(alias: string): void
  restoring(): void
  /** the run ended with $LATEST restored and everything it created deleted (or kept on request): nothing to finish */
  finished(): void
  /** the command that finishes the run if it cannot finish itself, with the target its journal names */
  readonly restoreCommand: string
}

/** A recorder that writes each step to the run's journal file before the step is taken. */
export function journalRecorder(
  store: JournalStore,
  run: { runId: string; functionName: string; original: FunctionConfig; target: RunJournal['target'] },
  now: () => Date = () => new Date(),
): RunRecorder {
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
    phase: 'running',
  }
  try {
    store.save(journal)
  } catch (err) {
    // Nothing has changed yet: without a journal a crash could not be finished, so the run does not start.
    throw new UserError(
      `cannot write the run journal (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) in ${store.dir}: set LAMBDA_TUNE_STATE_DIR to a folder you can write`,
      ExitCode.usage,
    )
  }
  const save = () => store.save(journal)
  return {
    restoreCommand: restoreCommand(run.functionName, run.target),
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
    restoring() {
      journal.phase = 'restoring'
      save()
    },
    finished() {
      store.remove(journal.runId)
    },
  }
}
