import { setTimeout as sleep } from 'node:timers/promises'
import { readQualifierFigures, type FigureSourceChoice, type QualifierFigures, type QualifierRef, type WaitProgress } from '../core/report/qualifier-figures.js'
import { metricsReader } from './cloudwatch.js'
import { logsReader } from './logs.js'
import type { Target } from './target.js'

/** Both log formats: `REPORT RequestId: ...` (text) and `"type":"platform.report"` (JSON). */
const REPORT_PATTERN = '?"REPORT RequestId" ?"platform.report"'

export interface ReadQualifierOptions {
  ref: QualifierRef
  start: Date
  end: Date
  expected: number
  source: FigureSourceChoice
  /** share cut at each end for the durations' trimmed mean */
  trim?: number
  timeoutMs?: number
  pollMs?: number
  onProgress?(p: WaitProgress): void
  /** stops the wait (the read then rejects with the abort's reason) */
  signal?: AbortSignal
}

/**
 * One alias's or version's figures from CloudWatch (metrics by Resource) and CloudWatch Logs (the REPORT lines of its
 * versions' log streams), waiting with the real clock for them to arrive: the adapter a sweep uses when the Invoke
 * log tails hold no REPORT line (see src/core/report/qualifier-figures.ts).
 */
export async function readQualifier(target: Target, options: ReadQualifierOptions): Promise<QualifierFigures> {
  const metrics = metricsReader(await target.cloudwatch(), { endpoint: target.endpoint })
  const logs = logsReader(await target.logs(), { endpoint: target.endpoint })
  return readQualifierFigures({
    ...options,
    ports: {
      getMetricData: (queries, start, end) => metrics.getMetricData(queries, start, end),
      async reportEvents(logGroup, prefixes, start, end) {
        const pages = await Promise.all(prefixes.map((prefix) => logs.filterEvents(logGroup, REPORT_PATTERN, start, end, prefix)))
        return pages.flat()
      },
    },
    now: () => Date.now(),
    sleep: (ms) => sleep(ms, undefined, options.signal ? { signal: options.signal } : {}),
  })
}
