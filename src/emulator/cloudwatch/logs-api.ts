import { randomUUID } from 'node:crypto'
import { logsErrors as errors } from './api-error.js'
import { asArray, asBoolean, asNumber, asObject, asString, type Input } from './coerce.js'
import { compileFilterPattern } from './filter-pattern.js'
import { parseInsightsQuery } from './insights-parser.js'
import { runInsightsQuery, type Row } from './insights-query.js'
import { discoverFields, formatInsightsTimestamp, type FieldValue } from './log-fields.js'
import { type LogGroup, type LogStore, type LogStream, type StoredEvent } from './log-store.js'

type Output = Record<string, unknown>

const MAX_EVENTS = 10_000
const MAX_QUERY_ROWS = 10_000
const MAX_KEPT_QUERIES = 1000

function requiredString(input: Input, name: string): string {
  const value = asString(input[name])
  if (value === undefined || value === '') {
    throw errors.invalidParameter(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`)
  }
  return value
}

function optionalInt(input: Input, name: string, min: number, max: number): number | undefined {
  const value = asNumber(input[name])
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < min || value > max) {
    throw errors.invalidParameter(`1 validation error detected: Value '${String(input[name])}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`)
  }
  return value
}

function encodeToken(state: object): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url')
}

function decodeOffset(token: unknown): number {
  const text = asString(token)
  try {
    const state = asObject(JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8')))
    const offset = state?.['o']
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset
  } catch {
    // falls through to the AWS error
  }
  throw errors.invalidParameter('The specified nextToken is invalid.')
}

/** a log group named directly or by ARN (logGroupIdentifier) */
function groupName(input: Input, nameKey = 'logGroupName', idKey = 'logGroupIdentifier'): string {
  const name = asString(input[nameKey])
  const id = asString(input[idKey])
  if (name && id) throw errors.invalidParameter(`LogGroup name and LogGroup ARN are mutually exclusive parameters.`)
  const chosen = name ?? (id?.startsWith('arn:') ? id.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '') : id)
  if (!chosen) throw errors.invalidParameter(`1 validation error detected: Value null at '${nameKey}' failed to satisfy constraint: Member must not be null`)
  return chosen
}

interface QueryRecord {
  status: 'Complete' | 'Cancelled'
  results: Array<Array<{ field: string; value: string }>>
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number; logGroupsScanned: number }
  queryString: string
}

function formatValue(field: string, value: FieldValue): string {
  if (field === '@timestamp' || field === '@ingestionTime' || (typeof value === 'number' && /^bin\(/.test(field))) {
    return formatInsightsTimestamp(value as number)
  }
  return String(value)
}

/** An event as Logs Insights sees it: the fields discovered in its message (derived once, then cached) plus its metadata. */
class EventRow implements Row {
  private readonly fields: Map<string, FieldValue>
  constructor(
    private readonly accountId: string,
    private readonly group: LogGroup,
    private readonly stream: LogStream,
    readonly event: StoredEvent,
  ) {
    if (!event.fields) {
      event.fields = new Map()
      discoverFields(event.message, event.fields)
    }
    this.fields = event.fields
  }

  get(field: string): FieldValue | undefined {
    const discovered = this.fields.get(field)
    if (discovered !== undefined) return discovered
    switch (field) {
      case '@timestamp':
        return this.event.timestamp
      case '@message':
        return this.event.message
      case '@logStream':
        return this.stream.name
      case '@log':
        return `${this.accountId}:${this.group.name}`
      case '@ingestionTime':
        return this.event.ingestionTime
      case '@ptr':
        return Buffer.from(`${this.group.name}\u0000${this.stream.name}\u0000${this.event.seq}`).toString('base64')
      default:
        return undefined
    }
  }

  has(field: string): boolean {
    return this.get(field) !== undefined
  }
}

export interface LogsApiFaults {
  /** Logs Insights rows lose their stats (aggregate) fields, keeping only the group-by fields */
  withoutStats?: () => boolean
}

export class LogsApi {
  private readonly queries = new Map<string, QueryRecord>()
  constructor(
    private readonly store: LogStore,
    private readonly faults: LogsApiFaults = {},
  ) {}

  private group(name: string): LogGroup {
    const group = this.store.groups.get(name)
    if (!group) throw errors.notFound('The specified log group does not exist.')
    return group
  }

  createLogGroup(input: Input): Output {
    const name = requiredString(input, 'logGroupName')
    if (!/^[\w\-/.#]{1,512}$/.test(name)) {
      throw errors.invalidParameter(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`)
    }
    if (this.store.groups.has(name)) throw errors.alreadyExists('The specified log group already exists')
    this.store.createGroup(name)
    return {}
  }

  deleteLogGroup(input: Input): Output {
    const name = requiredString(input, 'logGroupName')
    if (!this.store.deleteGroup(name)) throw errors.notFound('The specified log group does not exist.')
    return {}
  }

  createLogStream(input: Input): Output {
    const group = this.group(requiredString(input, 'logGroupName'))
    const name = requiredString(input, 'logStreamName')
    if (name.includes(':') || name.includes('*') || name.length > 512) {
      throw errors.invalidParameter(`1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`)
    }
    if (group.streams.has(name)) throw errors.alreadyExists('The specified log stream already exists')
    this.store.createStream(group, name)
    return {}
  }

  describeLogGroups(input: Input): Output {
    const prefix = asString(input['logGroupNamePrefix'])
    const pattern = asString(input['logGroupNamePattern'])
    if (prefix !== undefined && pattern !== undefined) {
      throw errors.invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.')
    }
    const limit = optionalInt(input, 'limit', 1, 50) ?? 50
    const names = [...this.store.groups.keys()]
      .filter((n) => (prefix === undefined || n.startsWith(prefix)) && (pattern === undefined || n.toLowerCase().includes(pattern.toLowerCase())))
      .sort()
    const offset = input['nextToken'] === undefined ? 0 : decodeOffset(input['nextToken'])
    const page = names.slice(offset, offset + limit).map((n) => {
      const g = this.store.groups.get(n)!
      return {
        logGroupName: g.name,
        creationTime: g.creationTime,
        metricFilterCount: 0,
        arn: `${this.store.groupArn(g.name)}:*`,
        storedBytes: g.storedBytes,
        logGroupClass: 'STANDARD',
        logGroupArn: this.store.groupArn(g.name),
      }
    })
    const output: Output = { logGroups: page }
    if (offset + limit < names.length) output['nextToken'] = encodeToken({ o: offset + limit })
    return output
  }

  describeLogStreams(input: Input): Output {
    const group = this.group(groupName(input))
    const prefix = asString(input['logStreamNamePrefix'])
    const orderBy = asString(input['orderBy']) ?? 'LogStreamName'
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      throw errors.invalidParameter(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`)
    }
    if (orderBy === 'LastEventTime' && prefix !== undefined) {
      throw errors.invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.')
    }
    const descending = asBoolean(input['descending']) ?? false
    const limit = optionalInt(input, 'limit', 1, 50) ?? 50
    const streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix))
    streams.sort((a, b) =>
      orderBy === 'LogStreamName' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0),
    )
    if (descending) streams.reverse()
    const offset = input['nextToken'] === undefined ? 0 : decodeOffset(input['nextToken'])
    const page = streams.slice(offset, offset + limit).map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      firstEventTimestamp: s.firstEventTimestamp,
      lastEventTimestamp: s.lastEventTimestamp,
      lastIngestionTime: s.lastIngestionTime,
      uploadSequenceToken: String(s.events.length),
      arn: `${this.store.groupArn(group.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    }))
    const output: Output = { logStreams: page }
    if (offset + limit < streams.length) output['nextToken'] = encodeToken({ o: offset + limit })
    return output
  }

  putLogEvents(input: Input): Output {
    const group = this.group(requiredString(input, 'logGroupName'))
    const streamName = requiredString(input, 'logStreamName')
    const stream = group.streams.get(streamName)
    if (!stream) throw errors.notFound('The specified log stream does not exist.')
    const events = asArray(input['logEvents'])
    if (!events || events.length === 0 || events.length > 10_000) {
      throw errors.invalidParameter(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and 10000`)
    }
    let previous = -Infinity
    const parsed = events.map((item, i) => {
      const e = asObject(item)
      const timestamp = asNumber(e?.['timestamp'])
      const message = asString(e?.['message'])
      if (timestamp === undefined || !Number.isInteger(timestamp) || message === undefined) {
        throw errors.invalidParameter(`1 validation error detected: Value at 'logEvents.${i + 1}' failed to satisfy constraint: timestamp and message are required`)
      }
      if (timestamp < previous) throw errors.invalidParameter('Log events in a single PutLogEvents request must be in chronological order.')
      previous = timestamp
      return { timestamp, message }
    })
    this.store.append(group.name, streamName, parsed)
    return { nextSequenceToken: String(stream.events.length) }
  }

  getLogEvents(input: Input): Output {
    const group = this.group(groupName(input))
    const streamName = requiredString(input, 'logStreamName')
    const stream = group.streams.get(streamName)
    if (!stream) throw errors.notFound('The specified log stream does not exist.')
    const start = asNumber(input['startTime'])
    const end = asNumber(input['endTime'])
    const limit = optionalInt(input, 'limit', 1, MAX_EVENTS) ?? MAX_EVENTS
    const fromHead = asBoolean(input['startFromHead']) ?? false
    const inRange = stream.events
      .filter((e) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp < end))
      .sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq)
    // tokens are positions in the time-ordered range: f/N reads forward from N, b/N backward before N
    const token = asString(input['nextToken'])
    let from: number
    let to: number
    if (token !== undefined) {
      const m = /^([fb])\/(\d+)$/.exec(token)
      if (!m) throw errors.invalidParameter('The specified nextToken is invalid.')
      const n = Math.min(Number(m[2]), inRange.length)
      if (m[1] === 'f') [from, to] = [n, Math.min(inRange.length, n + limit)]
      else [from, to] = [Math.max(0, n - limit), n]
    } else if (fromHead) {
      ;[from, to] = [0, Math.min(inRange.length, limit)]
    } else {
      ;[from, to] = [Math.max(0, inRange.length - limit), inRange.length]
    }
    return {
      events: inRange.slice(from, to).map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: `f/${String(to).padStart(56, '0')}`,
      nextBackwardToken: `b/${String(from).padStart(56, '0')}`,
    }
  }

  filterLogEvents(input: Input): Output {
    const group = this.group(groupName(input))
    const names = asArray(input['logStreamNames'])?.map((n) => asString(n) ?? '')
    const prefix = asString(input['logStreamNamePrefix'])
    if (names && prefix !== undefined) throw errors.invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.')
    const start = asNumber(input['startTime'])
    const end = asNumber(input['endTime'])
    const limit = optionalInt(input, 'limit', 1, MAX_EVENTS) ?? MAX_EVENTS
    const matches = compileFilterPattern(asString(input['filterPattern']))
    let streams: LogStream[] = [...group.streams.values()]
    if (names) {
      for (const n of names) if (!group.streams.has(n)) throw errors.notFound('The specified log stream does not exist.')
      streams = streams.filter((s) => names.includes(s.name))
    }
    if (prefix !== undefined) streams = streams.filter((s) => s.name.startsWith(prefix))
    const found: Array<{ stream: string; event: StoredEvent }> = []
    for (const s of streams) {
      for (const e of s.events) {
        if (start !== undefined && e.timestamp < start) continue
        if (end !== undefined && e.timestamp > end) continue
        if (matches(e.message)) found.push({ stream: s.name, event: e })
      }
    }
    found.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq)
    const offset = input['nextToken'] === undefined ? 0 : decodeOffset(input['nextToken'])
    const output: Output = {
      events: found.slice(offset, offset + limit).map(({ stream, event }) => ({
        logStreamName: stream,
        timestamp: event.timestamp,
        message: event.message,
        ingestionTime: event.ingestionTime,
        eventId: String(event.seq).padStart(56, '0'),
      })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
    }
    if (offset + limit < found.length) output['nextToken'] = encodeToken({ o: offset + limit })
    return output
  }

  startQuery(input: Input): Output {
    const queryString = requiredString(input, 'queryString')
    const start = asNumber(input['startTime'])
    const end = asNumber(input['endTime'])
    if (start === undefined || end === undefined || !Number.isFinite(start) || !Number.isFinite(end)) {
      throw errors.invalidParameter('1 validation error detected: startTime and endTime (epoch seconds) are required')
    }
    if (end < start) throw errors.invalidParameter('End time must be greater than or equal to start time.')
    const limit = optionalInt(input, 'limit', 1, MAX_QUERY_ROWS) ?? MAX_QUERY_ROWS
    const identifiers = [
      ...(asString(input['logGroupName']) !== undefined ? [asString(input['logGroupName'])!] : []),
      ...(asArray(input['logGroupNames']) ?? []).map((n) => asString(n) ?? ''),
      ...(asArray(input['logGroupIdentifiers']) ?? []).map((n) => groupName({ logGroupIdentifier: n })),
    ]
    if (identifiers.length === 0) throw errors.invalidParameter('Log group names or identifiers are required.')
    const groups = identifiers.map((n) => this.group(n))
    const commands = parseInsightsQuery(queryString)

    const fromMs = start * 1000
    const toMs = (end + 1) * 1000
    const rows: EventRow[] = []
    let bytesScanned = 0
    for (const group of groups) {
      for (const stream of group.streams.values()) {
        for (const e of stream.events) {
          if (e.timestamp < fromMs || e.timestamp >= toMs) continue
          bytesScanned += Buffer.byteLength(e.message)
          rows.push(new EventRow(this.store.account.accountId, group, stream, e))
        }
      }
    }
    rows.sort((a, b) => b.event.timestamp - a.event.timestamp || b.event.seq - a.event.seq)
    const outcome = runInsightsQuery(commands, rows, limit)
    let columns = outcome.hasStats ? outcome.columns : [...outcome.columns, '@ptr']
    if (outcome.hasStats && this.faults.withoutStats?.()) columns = columns.filter((c) => !outcome.aggregates.includes(c))
    const results = outcome.rows.map((row) =>
      columns.filter((c) => row.has(c)).map((field) => ({ field, value: formatValue(field, row.get(field)!) })),
    )
    const queryId = randomUUID()
    // results stay readable for the most recent queries only, so a long-running emulator does not grow without bound
    if (this.queries.size >= MAX_KEPT_QUERIES) this.queries.delete(this.queries.keys().next().value!)
    this.queries.set(queryId, {
      status: 'Complete',
      results,
      queryString,
      statistics: { recordsMatched: outcome.recordsMatched, recordsScanned: rows.length, bytesScanned, logGroupsScanned: groups.length },
    })
    return { queryId }
  }

  getQueryResults(input: Input): Output {
    const queryId = requiredString(input, 'queryId')
    const query = this.queries.get(queryId)
    if (!query) throw errors.notFound(`Query does not exist: ${queryId}`)
    return { queryLanguage: 'CWLI', results: query.results, statistics: query.statistics, status: query.status }
  }

  stopQuery(input: Input): Output {
    const queryId = requiredString(input, 'queryId')
    if (!this.queries.has(queryId)) throw errors.notFound(`Query does not exist: ${queryId}`)
    // queries finish inside StartQuery: there is never one left to stop
    return { success: false }
  }

}
