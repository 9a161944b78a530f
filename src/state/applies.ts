import { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunJournal } from './journal.js'

/**
 * What `sweep --apply` changed, kept so that `lambda-tune restore <fn> --undo-apply <run id>` can put it back, and so
 * that a run killed while applying is undone by `lambda-tune restore`. Written before the change is sent (phase
 * `applying`) and updated once it is made (`applied`). Owner-only, beside the run journals.
 */
export interface ApplyRecord {
  applyVersion: 1
  runId: string
  functionName: string
  target: RunJournal['target']
  startedAt: string
  pid: number
  host?: string
  phase: 'applying' | 'applied'
  /** the memory as found and as set */
  before: { memory: number }
  after: { memory: number }
  /** function: $LATEST's MemorySize was set. alias: a version was published with the pick and the alias moved to it */
  kind: 'function' | 'alias'
  /** $LATEST's RevisionId the change was made on, and right after it (function) */
  revisionBefore?: string
  revisionAfter?: string
  /** alias: its name, the version it pointed to, the version published for it (once known) and that version's description */
  alias?: { name: string; previousVersion: string; version?: string }
  /** alias: the Description $LATEST carries while the version is published (then put back), and $LATEST's own */
  description?: string
  latest?: { memory: number; description: string }
}

export class ApplyStore {
  constructor(readonly dir: string) {}

  private folder(): string {
    return join(this.dir, 'applied')
  }

  save(record: ApplyRecord): void {
    const folder = this.folder()
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    chmodSync(folder, 0o700)
    const file = join(folder, `${record.runId}.json`)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(record, null, 2), { mode: 0o600 })
    renameSync(tmp, file)
  }

  get(runId: string): ApplyRecord | undefined {
    try {
      const r = JSON.parse(readFileSync(join(this.folder(), `${runId}.json`), 'utf8')) as ApplyRecord
      return r.applyVersion === 1 ? r : undefined
    } catch {
      return undefined
    }
  }

  remove(runId: string): void {
    rmSync(join(this.folder(), `${runId}.json`), { force: true })
  }

  /** Every record, oldest first. */
  list(): ApplyRecord[] {
    let files: string[]
    try {
      files = readdirSync(this.folder()).filter((f) => f.endsWith('.json'))
    } catch {
      return []
    }
    return files
      .map((f) => this.get(f.slice(0, -'.json'.length)))
      .filter((r): r is ApplyRecord => r !== undefined)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  }
}
