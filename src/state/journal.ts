import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, hostname } from 'node:os'
import { join } from 'node:path'

/**
 * A sweep's journal: written before the run changes anything and updated as it goes, so that a run killed
 * at any point (kill -9 included) can be finished by `lambda-tune restore`. Files are readable by the owner only:
 * they hold the function's original configuration, environment variables included.
 */
export interface RunJournal {
  journalVersion: 1
  runId: string
  startedAt: string
  pid: number
  /** the machine that ran it: the pid only means something there */
  host?: string
  /** where the function lives: the endpoint (absent for AWS itself) and region name the target */
  target: { region: string; endpoint?: string; profile?: string }
  functionName: string
  functionArn: string
  /** the configuration fields the run may change, as they were before it started */
  original: Record<string, unknown>
  /** RevisionId of $LATEST right after the run's own last change, so a restore never overwrites someone else's */
  expectedRevisionId?: string
  /**
   * MemorySize and Description the run is about to set on $LATEST (recorded before the call), so a restore can tell
   * the run's own last change from someone else's even when the run died before it could record the new RevisionId.
   */
  pending?: { MemorySize: number; Description: string }
  /** descriptions of the versions the run publishes (recorded before PublishVersion): they find a version whose number was never recorded */
  descriptions?: string[]
  /** what the run has created, or is about to create (recorded before the call is sent) */
  versions: string[]
  aliases: string[]
  /** a canary's alias: its routing is changed, and must be put back, before its versions can be deleted */
  alias?: CanaryAliasJournal
  /** temporary copies of the function on another architecture (sweep --arch), recorded before CreateFunction */
  copies?: CopyJournal[]
  phase: 'running' | 'restoring' | 'done'
}

/**
 * A copy a sweep makes to measure another architecture. `restore` deletes it whole (its versions and aliases go with it)
 * once its tag shows it is this run's, and deletes the staging object of its code when one was written.
 */
export interface CopyJournal {
  functionName: string
  architecture: string
  /** the copy's package in the staging bucket (--staging-bucket), recorded before PutObject until it is deleted */
  staging?: { bucket: string; key: string }
}

/**
 * The alias a canary routes: as found, and the routing the run is about to set (recorded before UpdateAlias), so a
 * restore after a kill -9 can tell the run's own routing from someone else's change, as `pending` does for $LATEST.
 */
export interface CanaryAliasJournal {
  name: string
  /** FunctionVersion, Description and AdditionalVersionWeights as found ({} when the alias had no routing) */
  original: { functionVersion: string; description: string; weights: Record<string, number> }
  /** the alias's RevisionId right after the run's own last change of it */
  expectedRevisionId?: string
  /** the weights the run is setting or has set; {} once it routed everything back */
  pending?: Record<string, number>
}

/** Whether the process that wrote the journal still runs (on this machine): such a run is not to be finished by anyone else. */
export function isRunning(journal: RunJournal, self: number = process.pid): boolean {
  if (journal.pid === self || (journal.host !== undefined && journal.host !== hostname())) return false
  try {
    process.kill(journal.pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAMBDA_TUNE_STATE_DIR ?? join(homedir(), '.lambda-tune')
}

function runsDir(dir: string): string {
  return join(dir, 'runs')
}

export class JournalStore {
  constructor(readonly dir: string = stateDir()) {}

  save(journal: RunJournal): void {
    const runs = runsDir(this.dir)
    // The state folder may be one the user named (LAMBDA_TUNE_STATE_DIR=/tmp...): only the runs folder, which is
    // lambda-tune's own, is made private; folders created here get 0700 from the start.
    mkdirSync(runs, { recursive: true, mode: 0o700 })
    chmodSync(runs, 0o700)
    const file = join(runs, `${journal.runId}.json`)
    // Write then rename, so a crash mid-write never leaves a half journal behind.
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(journal, null, 2), { mode: 0o600 })
    renameSync(tmp, file)
  }

  remove(runId: string): void {
    rmSync(join(runsDir(this.dir), `${runId}.json`), { force: true })
  }

  /** Unfinished runs, oldest first; optionally only those of one function on one target. */
  unfinished(filter?: { functionName?: string; endpoint?: string; region?: string }): RunJournal[] {
    let files: string[]
    try {
      files = readdirSync(runsDir(this.dir)).filter((f) => f.endsWith('.json'))
    } catch {
      return []
    }
    const journals: RunJournal[] = []
    for (const f of files) {
      try {
        const j = JSON.parse(readFileSync(join(runsDir(this.dir), f), 'utf8')) as RunJournal
        if (j.journalVersion !== 1 || j.phase === 'done') continue
        if (filter?.functionName && j.functionName !== filter.functionName) continue
        if (filter && 'endpoint' in filter && (j.target.endpoint ?? undefined) !== (filter.endpoint ?? undefined)) continue
        if (filter?.region && j.target.region !== filter.region) continue
        journals.push(j)
      } catch {
        // A journal that cannot be read is left for a human to look at; it never blocks another function.
      }
    }
    return journals.sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  }
}
