import type { CopyPort, StagingPort } from '../core/sweep/arch-port.js'
import type { RunJournal } from '../state/journal.js'
import { removeCopy } from './copy-function.js'
import { message } from './run-outcome.js'

/**
 * `restore` of a sweep killed while it had a copy on another architecture: each copy the journal names is deleted
 * whole once its tag shows it is the run's (one without the tag is left alone and named), and each staging object.
 */
export async function restoreCopies(
  journal: RunJournal,
  ports: { copy: CopyPort; staging?: StagingPort },
): Promise<{ deleted: string[]; problems: string[] }> {
  const deleted: string[] = []
  const problems: string[] = []
  for (const copy of journal.copies ?? []) {
    try {
      if ((await removeCopy(ports.copy, ports.staging, copy, journal.runId)) === 'deleted') deleted.push(copy.functionName)
    } catch (err) {
      problems.push(`could not delete the ${copy.architecture} copy ${copy.functionName}: ${message(err)}`)
    }
  }
  return { deleted, problems }
}
