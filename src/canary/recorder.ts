import type { AliasConfig } from '../core/canary/port.js'
import type { FunctionConfig } from '../core/sweep/port.js'
import { journalRecorder, type RunRecorder } from '../sweep/run-recorder.js'
import { JournalStore, type CanaryAliasJournal, type RunJournal } from '../state/journal.js'

/** The sweep's journal steps for $LATEST and the versions, plus the alias's routing. */
export interface CanaryRecorder extends RunRecorder {
  /** before UpdateAlias: the weights about to be set */
  routing(weights: Record<string, number>): void
  /** the alias's RevisionId right after the run's own change of it */
  routed(revisionId: string | undefined): void
}

/**
 * A canary's journal: the sweep's (written before anything changes, each step recorded before the call it announces,
 * read by `lambda-tune restore`) with the alias as found. A restore puts the routing back first: a version an alias
 * routes to cannot be deleted.
 */
export function canaryRecorder(
  store: JournalStore,
  run: { runId: string; functionName: string; original: FunctionConfig; alias: AliasConfig; target: RunJournal['target'] },
  now: () => Date = () => new Date(),
): CanaryRecorder {
  const alias: CanaryAliasJournal = {
    name: run.alias.name,
    original: { functionVersion: run.alias.functionVersion, description: run.alias.description, weights: { ...run.alias.weights } },
    ...(run.alias.revisionId ? { expectedRevisionId: run.alias.revisionId } : {}),
  }
  // The sweep's recorder writes every step; each write carries the alias too.
  let last: RunJournal | undefined
  const withAlias = new (class extends JournalStore {
    override save(journal: RunJournal): void {
      last = journal
      super.save({ ...journal, alias })
    }
  })(store.dir)
  const base = journalRecorder(withAlias, { runId: run.runId, functionName: run.functionName, original: run.original, target: run.target }, now)
  return {
    ...base,
    routing(weights) {
      alias.pending = { ...weights }
      withAlias.save(last!)
    },
    routed(revisionId) {
      if (revisionId) alias.expectedRevisionId = revisionId
      withAlias.save(last!)
    },
  }
}
