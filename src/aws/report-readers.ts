import type { ReportWindow } from '../core/report/lookback.js'
import { runReport } from '../core/report/run-report.js'
import type { ReportResult } from '../core/report/types.js'
import { metricsReader } from './cloudwatch.js'
import { lambdaInventory, type FunctionSelection, type LambdaInventory } from './lambda-inventory.js'
import { logsReader } from './logs.js'
import type { Target } from './target.js'

export interface ReadReportOptions {
  selection: FunctionSelection
  window: ReportWindow
  /** query the REPORT lines with Logs Insights (cold starts, memory used) */
  logs: boolean
}

/** Wires the SDK adapters of a target into the report core: the one place `report` and `recommend` share. */
export async function readReport(target: Target, options: ReadReportOptions): Promise<{ report: ReportResult; inventory: LambdaInventory }> {
  const inventory = lambdaInventory(await target.lambda(), target.endpoint)
  const functions = await inventory.select(options.selection)
  const metrics = metricsReader(await target.cloudwatch(), { endpoint: target.endpoint })
  const logs = options.logs ? logsReader(await target.logs(), { endpoint: target.endpoint }) : undefined
  const report = await runReport({ region: target.region, window: options.window, functions, metrics, logs })
  return { report, inventory }
}
