import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
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
  /** where the function lives: the endpoint (absent for AWS itself) and region name the target */
  target: { region: string; endpoint?: string; profile?: string }
  functionName: string
  functionArn: string
  /** the configuration fields the run may change, as they were before it started */
  original: Record<string, unknown>
  /** RevisionId of $LATEST right after the run's own last change, so a restore never overwrites someone else's */
  expectedRevisionId?: string
  /** what the run has created, or is about to create (recorded before the call is sent) */
  versions: string[]
  aliases: string[]
  phase: 'running' | 'restoring' | 'done'
}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAMBDA_TUNE_STATE_DIR ?? join(homedir(), '.lambda-tune')
}

function runsDir(dir: string): string {
  return join(dir, 'runs')
}

export class JournalStore {
  constructor(private readonly dir: string = stateDir()) {}

  save(journal: RunJournal): void {
    const runs = runsDir(this.dir)
    mkdirSync(runs, { recursive: true, mode: 0o700 })
    chmodSync(this.dir, 0o700)
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
