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

function historyDir(dir: string): string {
  return join(dir, 'history')
}

/** A finished run as the history keeps it: what it created, so `report` can leave its traffic out. No configuration. */
export interface FinishedRun {
  runId: string
  functionName: string
  target: RunJournal['target']
  startedAt: string
  finishedAt: string
  versions: string[]
  aliases: string[]
}

/** CloudWatch keeps metrics for 455 days: older history can no longer matter to a report. */
const HISTORY_DAYS = 455

/**
 * One spelling per endpoint, so that a run started against http://127.0.0.1:5055 is found through
 * http://localhost:5055/: loopback names (localhost, 127.0.0.1, [::1]) are one host, the scheme and host are
 * lower-cased, a default port (80, 443) and trailing slashes are dropped. Anything that is not a URL is only trimmed.
 */
export function normalizeEndpoint(endpoint: string | undefined | null): string | undefined {
  if (endpoint === undefined || endpoint === null || endpoint.trim() === '') return undefined
  const text = endpoint.trim()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return text.replace(/\/+$/, '')
  }
  const host = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(url.hostname.toLowerCase()) ? 'localhost' : url.hostname.toLowerCase()
  const port = url.port === '' || (url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443') ? '' : `:${url.port}`
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${host}${port}${path}${url.search}`
}

function sameTarget(a: RunJournal['target'], filter: { endpoint?: string; region?: string }, byEndpoint: boolean): boolean {
  if (byEndpoint && normalizeEndpoint(a.endpoint) !== normalizeEndpoint(filter.endpoint)) return false
  return !filter.region || a.region === filter.region
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

  /** Forgets a finished run's journal; what it created stays in the history, so its traffic can be told apart later. */
  remove(runId: string, now: Date = new Date()): void {
    const file = join(runsDir(this.dir), `${runId}.json`)
    try {
      const j = JSON.parse(readFileSync(file, 'utf8')) as RunJournal
      // A canary's versions served the alias's real traffic: that is production, not the tool's own traffic.
      if (!j.alias) this.remember({ runId: j.runId, functionName: j.functionName, target: j.target, startedAt: j.startedAt, finishedAt: now.toISOString(), versions: j.versions, aliases: j.aliases }, now)
    } catch {
      // no journal (or an unreadable one): nothing to remember
    }
    rmSync(file, { force: true })
  }

  private remember(run: FinishedRun, now: Date): void {
    const dir = historyDir(this.dir)
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      const tmp = join(dir, `${run.runId}.json.${process.pid}.tmp`)
      writeFileSync(tmp, JSON.stringify(run, null, 2), { mode: 0o600 })
      renameSync(tmp, join(dir, `${run.runId}.json`))
      const oldest = now.getTime() - HISTORY_DAYS * 86_400_000
      for (const old of this.history()) if (Date.parse(old.finishedAt) < oldest) rmSync(join(dir, `${old.runId}.json`), { force: true })
    } catch {
      // The history only sharpens reports; a run that cleaned up is done even when it cannot be written.
    }
  }

  /** Finished runs, oldest first; optionally only those on one target (endpoint and region). */
  history(filter?: { endpoint?: string; region?: string }): FinishedRun[] {
    const runs = readAll<FinishedRun>(historyDir(this.dir)).filter((r) => typeof r.runId === 'string' && Array.isArray(r.versions))
    return runs
      .filter((r) => !filter || sameTarget(r.target ?? { region: '' }, filter, 'endpoint' in filter))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  }

  /** Unfinished runs, oldest first; optionally only those of one function on one target. */
  unfinished(filter?: { functionName?: string; endpoint?: string; region?: string }): RunJournal[] {
    const journals: RunJournal[] = []
    for (const j of readAll<RunJournal>(runsDir(this.dir))) {
      if (j.journalVersion !== 1 || j.phase === 'done') continue
      if (filter?.functionName && j.functionName !== filter.functionName) continue
      if (filter && !sameTarget(j.target, filter, 'endpoint' in filter)) continue
      journals.push(j)
    }
    return journals.sort((a, b) => a.startedAt.localeCompare(b.startedAt))
  }
}

/** Every JSON file of a folder that can be read; a file that cannot is left for a human to look at, never blocking. */
function readAll<T>(dir: string): T[] {
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  } catch {
    return []
  }
  const out: T[] = []
  for (const f of files) {
    try {
      out.push(JSON.parse(readFileSync(join(dir, f), 'utf8')) as T)
    } catch {
      // unreadable: skipped
    }
  }
  return out
}
