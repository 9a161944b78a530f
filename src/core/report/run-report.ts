import type { ReportWindow } from './lookback.js'
import { foldMetricResults, planMetricQueries } from './metric-queries.js'
import { MAX_LOG_GROUPS_PER_QUERY, parseReportLinesByGroup, REPORT_LINES_BY_GROUP_QUERY, type QueryRow } from './logs-query.js'
import { buildReport } from './build-report.js'
import type { FunctionInfo, LogSummary, MetricQuery, MetricSeries, ReportResult } from './types.js'

/** The CloudWatch reads a report needs (implemented over the SDK in src/aws/cloudwatch.ts). */
export interface MetricsPort {
  getMetricData(queries: MetricQuery[], start: Date, end: Date): Promise<MetricSeries[]>
  insightsFunctions(): Promise<Set<string>>
  readonly calls: { getMetricData: number }
}

/** The Logs Insights reads (src/aws/logs.ts). */
export interface LogsPort {
  query(logGroups: string[], queryString: string, start: Date, end: Date): Promise<QueryRow[] | null>
  readonly calls: { startQuery: number }
}

export interface RunReportInput {
  region: string
  window: ReportWindow
  functions: FunctionInfo[]
  metrics: MetricsPort
  /** absent: no cold-start or memory figures from the logs */
  logs?: LogsPort
  /** Logs Insights queries in flight at once (AWS allows 30 per account) */
  logsParallel?: number
}

/**
 * Reads the metrics of every function in as few GetMetricData calls as the 500-query limit allows, then the REPORT
 * lines of the functions that ran (a log group exists only once a function has logged), and shapes the report.
 */
export async function runReport(input: RunReportInput): Promise<ReportResult> {
  const { window, functions } = input
  const warnings: string[] = []
  const insights = await input.metrics.insightsFunctions()
  const plan = planMetricQueries(functions, window, new Set(functions.map((f) => f.name).filter((n) => insights.has(n))))
  const results = await input.metrics.getMetricData(plan.queries, window.start, window.end)
  const metrics = foldMetricResults(plan, results, functions.length, window)
  const logs: (LogSummary | null)[] = functions.map(() => null)
  if (input.logs) {
    const ran = functions.filter((_, i) => (metrics[i]!.values.invocations ?? 0) > 0)
    const groups = [...new Set(ran.map((f) => f.logGroup))]
    const found = await queryGroups(input.logs, groups, window, input.logsParallel ?? 10)
    functions.forEach((fn, i) => {
      if (!ran.includes(fn)) return
      const summary = found.summaries.get(fn.logGroup)
      logs[i] = summary ?? null
      if (found.missing.has(fn.logGroup)) warnings.push(`${fn.name}: log group ${fn.logGroup} not found: no cold-start or memory figures`)
    })
  }
  return buildReport({
    region: input.region,
    window,
    functions,
    metrics,
    logs,
    calls: { getMetricData: input.metrics.calls.getMetricData, metricQueries: plan.queries.length, logsQueries: input.logs?.calls.startQuery ?? 0 },
    warnings,
  })
}

/**
 * Runs the REPORT-lines query over up to 50 log groups at a time, grouped by @log. A query naming a log group that
 * does not exist fails as a whole, so such a batch is split in halves until the missing groups are isolated.
 */
async function queryGroups(logs: LogsPort, groups: string[], window: ReportWindow, parallel: number) {
  const summaries = new Map<string, LogSummary>()
  const missing = new Set<string>()
  async function run(batch: string[]): Promise<void> {
    const rows = await logs.query(batch, REPORT_LINES_BY_GROUP_QUERY, window.start, window.end)
    if (rows !== null) {
      for (const [group, summary] of parseReportLinesByGroup(rows)) summaries.set(group, summary)
      return
    }
    if (batch.length === 1) {
      missing.add(batch[0]!)
      return
    }
    const half = Math.ceil(batch.length / 2)
    await run(batch.slice(0, half))
    await run(batch.slice(half))
  }
  const batches: string[][] = []
  for (let i = 0; i < groups.length; i += MAX_LOG_GROUPS_PER_QUERY) batches.push(groups.slice(i, i + MAX_LOG_GROUPS_PER_QUERY))
  for (let i = 0; i < batches.length; i += parallel) await Promise.all(batches.slice(i, i + parallel).map(run))
  return { summaries, missing }
}
