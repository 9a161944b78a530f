import {
  FilterLogEventsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs'
import { CallFailedError } from '../core/report/call-failure.js'
import type { QueryRow } from '../core/report/logs-query.js'
import { toCallFailure } from './errors.js'

/** The CloudWatch Logs reads lambda-tune makes: Logs Insights queries and plain event filtering. */
export interface LogsReader {
  /** runs a Logs Insights query to completion; null when a log group does not exist; a failure is a CallFailedError */
  query(logGroups: string[], queryString: string, start: Date, end: Date): Promise<QueryRow[] | null>
  /**
   * events in time order; `streamPrefix` keeps one log stream family (e.g. one version's: `2026/01/01/[7]`); none when
   * the log group does not exist (yet); a failure is a CallFailedError
   */
  filterEvents(logGroup: string, filterPattern: string, start: Date, end: Date, streamPrefix?: string): Promise<{ timestamp: number; message: string; logStreamName?: string }[]>
  readonly calls: { startQuery: number; getQueryResults: number; filterLogEvents: number }
}

export interface LogsReaderOptions {
  endpoint?: string
  /** first wait between polls, ms; doubles up to 2 s */
  pollMs?: number
  /** give up after this long, ms */
  timeoutMs?: number
}

export function logsReader(client: CloudWatchLogsClient, options: LogsReaderOptions = {}): LogsReader {
  const calls = { startQuery: 0, getQueryResults: 0, filterLogEvents: 0 }
  return {
    calls,
    async query(logGroups, queryString, start, end) {
      calls.startQuery++
      let queryId: string | undefined
      try {
        const started = await client.send(new StartQueryCommand({
          logGroupNames: logGroups,
          queryString,
          startTime: Math.floor(start.getTime() / 1000),
          endTime: Math.ceil(end.getTime() / 1000),
        }))
        queryId = started.queryId
      } catch (err) {
        if ((err as { name?: string }).name === 'ResourceNotFoundException') return null
        throw toCallFailure(err, 'StartQuery', `starting a Logs Insights query on ${logGroups.join(', ')}`, options.endpoint)
      }
      const deadline = Date.now() + (options.timeoutMs ?? 120_000)
      let wait = options.pollMs ?? 100
      for (;;) {
        calls.getQueryResults++
        const page = await client
          .send(new GetQueryResultsCommand({ queryId }))
          .catch((err) => { throw toCallFailure(err, 'GetQueryResults', 'reading Logs Insights results', options.endpoint) })
        if (page.status === 'Complete') return (page.results ?? []) as QueryRow[]
        if (page.status === 'Failed' || page.status === 'Cancelled' || page.status === 'Timeout') {
          throw new CallFailedError({ call: 'GetQueryResults', status: 200, kind: 'aws', code: `status ${page.status}`, message: `the query on ${logGroups.join(', ')} ended ${page.status}` })
        }
        if (Date.now() > deadline) {
          throw new CallFailedError({ call: 'GetQueryResults', status: 200, kind: 'aws', code: 'status Running', message: `the query did not finish in ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s` })
        }
        await new Promise((r) => setTimeout(r, wait))
        wait = Math.min(2000, wait * 2)
      }
    },
    async filterEvents(logGroup, filterPattern, start, end, streamPrefix) {
      const events: { timestamp: number; message: string; logStreamName?: string }[] = []
      let token: string | undefined
      do {
        calls.filterLogEvents++
        const page = await client
          .send(new FilterLogEventsCommand({
            logGroupName: logGroup, filterPattern, startTime: start.getTime(), endTime: end.getTime(), nextToken: token,
            ...(streamPrefix ? { logStreamNamePrefix: streamPrefix } : {}),
          }))
          .catch((err) => {
            if ((err as { name?: string }).name === 'ResourceNotFoundException') return { events: [], nextToken: undefined }
            throw toCallFailure(err, 'FilterLogEvents', `reading log group ${logGroup}`, options.endpoint)
          })
        for (const e of page.events ?? []) events.push({ timestamp: e.timestamp ?? 0, message: e.message ?? '', ...(e.logStreamName ? { logStreamName: e.logStreamName } : {}) })
        token = page.nextToken
      } while (token)
      return events
    },
  }
}
