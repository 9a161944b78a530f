import type { Arch } from '../cost/price-types.js'
import { attempt, type CallFailure, WarningLog } from './call-failure.js'
import type { ReportWindow } from './lookback.js'
import { FAMILY_FIGURES, foldMetricResults, planMetricQueries, queryFamily } from './metric-queries.js'
import {
  BILLING_PARTS_BY_GROUP_QUERY,
  excludingVersions,
  MAX_LOG_GROUPS_PER_QUERY,
  parseBillingPartsByGroup,
  parseReportLinesByGroup,
  REPORT_LINES_BY_GROUP_QUERY,
  rowsLackStats,
  type QueryRow,
} from './logs-query.js'
import { buildReport, type FunctionLogs } from './build-report.js'
import { findSweepTraffic, type KnownRun, type QualifiedMetric, type SweepTraffic } from './sweep-traffic.js'
import type { FunctionInfo, MetricQuery, MetricSeries, ReportResult } from './types.js'

/**
 * The CloudWatch reads a report needs (implemented over the SDK in src/aws/cloudwatch.ts). A read that fails throws a
 * CallFailedError; getMetricData instead answers what it could and names the queries whose call failed.
 */
export interface MetricsPort {
  getMetricData(queries: MetricQuery[], start: Date, end: Date): Promise<{ series: MetricSeries[]; failed: { ids: string[]; failure: CallFailure }[] }>
  insightsFunctions(): Promise<Set<string>>
  /** every AWS/Lambda metric with a Resource dimension (ListMetrics): where qualified invokes, sweeps' included, show */
  qualifiedMetrics(): Promise<QualifiedMetric[]>
  readonly calls: { getMetricData: number }
}

/** The Logs Insights reads (src/aws/logs.ts); null when a log group does not exist. */
export interface LogsPort {
  query(logGroups: string[], queryString: string, start: Date, end: Date): Promise<QueryRow[] | null>
  readonly calls: { startQuery: number }
}

/** The architecture of each published version of a function (ListVersionsByFunction). */
export interface VersionsPort {
  architectures(functionName: string): Promise<Map<string, Arch>>
}

export interface RunReportInput {
  region: string
  window: ReportWindow
  functions: FunctionInfo[]
  metrics: MetricsPort
  /** absent: no cold-start, memory or billed-duration figures from the logs */
  logs?: LogsPort
  versions?: VersionsPort
  /** lambda-tune's runs the local journal knows (their versions are exact; the metrics find the rest) */
  knownRuns?: KnownRun[]
  /** Logs Insights queries in flight at once (AWS allows 30 per account) */
  logsParallel?: number
}

const LOGS_LOST = 'cold starts, memory use and billed durations from the REPORT lines are null'

/**
 * Reads the metrics of every function in as few GetMetricData calls as the 500-query limit allows, then the REPORT
 * lines of the functions that ran (a log group exists only once a function has logged), and shapes the report.
 * lambda-tune's own sweep traffic is found and left out. A read that fails costs only the figures it gives: those are
 * null and one warning per cause says why.
 */
export async function runReport(input: RunReportInput): Promise<ReportResult> {
  const { window, functions } = input
  const warnings = new WarningLog()

  const insights = await attempt(() => input.metrics.insightsFunctions())
  if (!insights.ok) warnings.failure(insights.failure, 'Lambda Insights figures are not read')
  const qualified = await attempt(() => input.metrics.qualifiedMetrics())
  if (!qualified.ok) warnings.failure(qualified.failure, "lambda-tune's own sweep traffic is found only from the local run journal")
  const sweeps = functions.map((fn) => findSweepTraffic(fn.name, qualified.ok ? qualified.value : [], input.knownRuns ?? []))
  const sweepQualifiers = new Map<number, string[]>()
  sweeps.forEach((s, i) => {
    if (s?.qualifiers.length) sweepQualifiers.set(i, s.qualifiers)
  })

  const withInsights = new Set(insights.ok ? functions.map((f) => f.name).filter((n) => insights.value.has(n)) : [])
  const plan = planMetricQueries(functions, window, withInsights, sweepQualifiers)
  const answer = await input.metrics.getMetricData(plan.queries, window.start, window.end)
  const byId = new Map(plan.queries.map((q) => [q.id, q]))
  for (const f of answer.failed) {
    const families = new Set(f.ids.map((id) => queryFamily(byId.get(id)!)))
    for (const family of families) warnings.failure(f.failure, FAMILY_FIGURES[family])
  }
  const metrics = foldMetricResults(plan, answer.series, functions.length, window, answer.failed.flatMap((f) => f.ids))

  const logs: (FunctionLogs | undefined)[] = functions.map(() => undefined)
  if (input.logs) {
    const ran = functions
      .map((fn, i) => ({ fn, i }))
      .filter(({ i }) => metrics[i]!.failed?.has('invocations') || (metrics[i]!.values.invocations ?? 0) > 0)
    for (const { i } of ran) logs[i] = { summary: null, parts: [], state: 'read' }
    const plain = ran.filter(({ i }) => !sweeps[i]?.versions.length)
    const swept = ran.filter(({ i }) => sweeps[i]?.versions.length)
    const parallel = input.logsParallel ?? 10
    const jobs: { entries: typeof ran; filter?: SweepTraffic }[] = [{ entries: plain }, ...swept.map((e) => ({ entries: [e], filter: sweeps[e.i]! }))]
    for (const job of jobs) {
      if (!job.entries.length) continue
      const groups = [...new Set(job.entries.map((e) => e.fn.logGroup))]
      const versions = job.filter?.versions ?? []
      const summaries = await queryGroups(input.logs, groups, excludingVersions(REPORT_LINES_BY_GROUP_QUERY, versions), window, parallel)
      const found = groups.filter((g) => summaries.answered.has(g))
      const partsRows = await queryGroups(input.logs, found, excludingVersions(BILLING_PARTS_BY_GROUP_QUERY, versions), window, parallel)
      for (const failure of [...summaries.failures, ...partsRows.failures]) warnings.failure(failure, LOGS_LOST)
      const noStats = summaries.noStats || partsRows.noStats
      if (noStats) {
        warnings.add(`Logs Insights answered rows without the stats fields the query asked for (invocations, coldStarts, billedSum, ...): ${LOGS_LOST}`)
      }
      const summaryOf = parseReportLinesByGroup(summaries.rows)
      const partsOf = parseBillingPartsByGroup(partsRows.rows)
      for (const { fn, i } of job.entries) {
        const entry = logs[i]!
        if (summaries.failed.has(fn.logGroup) || (summaries.noStats && !summaryOf.has(fn.logGroup))) entry.state = 'failed'
        entry.summary = summaryOf.get(fn.logGroup) ?? null
        entry.parts = partsRows.failed.has(fn.logGroup) ? [] : (partsOf.get(fn.logGroup) ?? [])
        if (summaries.missing.has(fn.logGroup)) {
          entry.state = 'skipped'
          warnings.add(`${fn.name}: log group ${fn.logGroup} not found: no cold-start or memory figures`)
        }
      }
    }
  }

  const versionArchitectures: (Map<string, Arch> | undefined)[] = functions.map(() => undefined)
  if (input.versions) {
    for (const [i, fn] of functions.entries()) {
      if (!logs[i]?.parts.some((p) => /^\d+$/.test(p.version))) continue
      const got = await attempt(() => input.versions!.architectures(fn.name))
      if (got.ok) versionArchitectures[i] = got.value
      else warnings.failure(got.failure, "published versions are priced at the function's current architecture")
    }
  }

  return buildReport({
    region: input.region,
    window,
    functions,
    metrics,
    logs,
    sweeps,
    versionArchitectures,
    calls: { getMetricData: input.metrics.calls.getMetricData, metricQueries: plan.queries.length, logsQueries: input.logs?.calls.startQuery ?? 0 },
    warnings: warnings.list(),
  })
}

interface GroupAnswers {
  /** every row answered (each names its group in @log) */
  rows: QueryRow[]
  /** the groups whose query answered */
  answered: Set<string>
  missing: Set<string>
  /** groups whose query failed, and why */
  failed: Set<string>
  failures: CallFailure[]
  noStats: boolean
}

/**
 * Runs one query over up to 50 log groups at a time, grouped by @log. A query naming a log group that does not exist
 * fails as a whole, so such a batch is split in halves until the missing groups are isolated.
 */
async function queryGroups(logs: LogsPort, groups: string[], query: string, window: ReportWindow, parallel: number): Promise<GroupAnswers> {
  const out: GroupAnswers = { rows: [], answered: new Set(), missing: new Set(), failed: new Set(), failures: [], noStats: false }
  const parts = query.includes('billedSum by @log')
  async function run(batch: string[]): Promise<void> {
    const answer = await attempt(() => logs.query(batch, query, window.start, window.end))
    if (!answer.ok) {
      out.failures.push(answer.failure)
      for (const g of batch) out.failed.add(g)
      return
    }
    const rows = answer.value
    if (rows !== null) {
      if (rowsLackStats(rows, parts)) {
        out.noStats = true
        for (const g of batch) out.failed.add(g)
        return
      }
      for (const g of batch) out.answered.add(g)
      out.rows.push(...rows)
      return
    }
    if (batch.length === 1) {
      out.missing.add(batch[0]!)
      return
    }
    const half = Math.ceil(batch.length / 2)
    await run(batch.slice(0, half))
    await run(batch.slice(half))
  }
  const batches: string[][] = []
  for (let i = 0; i < groups.length; i += MAX_LOG_GROUPS_PER_QUERY) batches.push(groups.slice(i, i + MAX_LOG_GROUPS_PER_QUERY))
  for (let i = 0; i < batches.length; i += parallel) await Promise.all(batches.slice(i, i + parallel).map(run))
  return out
}
