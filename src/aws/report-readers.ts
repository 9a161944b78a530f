import { attempt, WarningLog } from '../core/report/call-failure.js'
import type { ReportWindow } from '../core/report/lookback.js'
import { runReport } from '../core/report/run-report.js'
import type { KnownRun } from '../core/report/sweep-traffic.js'
import type { ReportResult } from '../core/report/types.js'
import { JournalStore } from '../state/journal.js'
import { metricsReader } from './cloudwatch.js'
import { lambdaInventory, type FunctionSelection } from './lambda-inventory.js'
import { logsReader } from './logs.js'
import type { Target } from './target.js'

export interface ReadReportOptions {
  selection: FunctionSelection
  window: ReportWindow
  /** query the REPORT lines with Logs Insights (cold starts, memory used, billed durations) */
  logs: boolean
  /** where lambda-tune's run journal lives (its sweeps' versions are left out exactly); the default state folder if absent */
  journal?: JournalStore
}

/** Wires the SDK adapters of a target into the report core: the one place `report` and `recommend` share. */
export async function readReport(target: Target, options: ReadReportOptions): Promise<ReportResult> {
  const inventory = lambdaInventory(await target.lambda(), target.endpoint)
  const functions = await inventory.select(options.selection)
  const metrics = metricsReader(await target.cloudwatch(), { endpoint: target.endpoint })
  const logs = options.logs ? logsReader(await target.logs(), { endpoint: target.endpoint }) : undefined
  return runReport({
    region: target.region,
    window: options.window,
    functions,
    metrics,
    logs,
    versions: inventory,
    knownRuns: target.local ? [] : knownRuns(options.journal ?? new JournalStore(), target),
  })
}

/** The sweeps the local journal knows on this target: unfinished ones, and finished ones from its history. */
function knownRuns(store: JournalStore, target: Target): KnownRun[] {
  const where = { endpoint: target.endpoint, region: target.region }
  const shortName = (fn: string) => fn.slice(fn.lastIndexOf(':') + 1)
  return [
    // a canary's versions serve production traffic through its alias: not the tool's own
    ...store.unfinished(where).filter((j) => !j.alias).map((j) => ({ runId: j.runId, functionName: shortName(j.functionName), versions: j.versions, aliases: j.aliases })),
    ...store.history(where).map((r) => ({ runId: r.runId, functionName: shortName(r.functionName), versions: r.versions, aliases: r.aliases })),
  ]
}

/** The concurrency settings `recommend` weighs; null (with a warning) where the read failed. */
export interface ConcurrencySettings {
  /** null: not set; undefined: unknown (the read failed) */
  reserved: number | null | undefined
  provisioned: number | undefined
  accountLimit: number | null
  warnings: string[]
}

export async function readConcurrencySettings(target: Target, name: string): Promise<ConcurrencySettings> {
  const inventory = lambdaInventory(await target.lambda(), target.endpoint)
  const warnings = new WarningLog()
  const reserved = await attempt(() => inventory.reservedConcurrency(name))
  if (!reserved.ok) warnings.failure(reserved.failure, 'the reserved concurrency is unknown')
  const provisioned = await attempt(() => inventory.provisionedConcurrency(name))
  if (!provisioned.ok) warnings.failure(provisioned.failure, 'the provisioned concurrency is unknown')
  const limit = await attempt(() => inventory.accountConcurrencyLimit())
  if (!limit.ok) warnings.failure(limit.failure, "the account's concurrency limit is unknown")
  return {
    reserved: reserved.ok ? reserved.value : undefined,
    provisioned: provisioned.ok ? provisioned.value : undefined,
    accountLimit: limit.ok ? limit.value : null,
    warnings: warnings.list(),
  }
}
