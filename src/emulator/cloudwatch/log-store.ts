import type { LogEvent } from '../types.js'

export interface StoredEvent {
  timestamp: number
  message: string
  ingestionTime: number
  /** unique within the store, in ingestion order */
  seq: number
  /** Logs Insights fields, derived on first query */
  fields?: Map<string, string | number>
}

export interface LogStream {
  name: string
  creationTime: number
  /** in arrival order (appends only); Lambda writes each stream in time order */
  events: StoredEvent[]
  firstEventTimestamp?: number
  lastEventTimestamp?: number
  lastIngestionTime?: number
  storedBytes: number
}

export interface LogGroup {
  name: string
  creationTime: number
  streams: Map<string, LogStream>
  storedBytes: number
}

export interface Account {
  region: string
  accountId: string
}

export class LogStore {
  readonly groups = new Map<string, LogGroup>()
  private seq = 0
  constructor(
    private readonly now: () => number,
    readonly account: Account = { region: 'us-east-1', accountId: '123456789012' },
  ) {}

  groupArn(name: string): string {
    return `arn:aws:logs:${this.account.region}:${this.account.accountId}:log-group:${name}`
  }

  createGroup(name: string): LogGroup {
    let group = this.groups.get(name)
    if (!group) {
      group = { name, creationTime: this.now(), streams: new Map(), storedBytes: 0 }
      this.groups.set(name, group)
    }
    return group
  }

  createStream(group: LogGroup, name: string): LogStream {
    let stream = group.streams.get(name)
    if (!stream) {
      stream = { name, creationTime: this.now(), events: [], storedBytes: 0 }
      group.streams.set(name, stream)
    }
    return stream
  }

  /** creates the group and stream when they do not exist */
  append(groupName: string, streamName: string, events: readonly LogEvent[]): void {
    const group = this.groups.get(groupName) ?? this.createGroup(groupName)
    const stream = group.streams.get(streamName) ?? this.createStream(group, streamName)
    if (events.length === 0) return
    const ingestionTime = this.now()
    for (const e of events) {
      stream.events.push({ timestamp: e.timestamp, message: e.message, ingestionTime, seq: this.seq++ })
      const bytes = Buffer.byteLength(e.message) + 26
      stream.storedBytes += bytes
      group.storedBytes += bytes
      if (stream.firstEventTimestamp === undefined || e.timestamp < stream.firstEventTimestamp) stream.firstEventTimestamp = e.timestamp
      if (stream.lastEventTimestamp === undefined || e.timestamp > stream.lastEventTimestamp) stream.lastEventTimestamp = e.timestamp
    }
    stream.lastIngestionTime = ingestionTime
  }

  deleteGroup(name: string): boolean {
    return this.groups.delete(name)
  }
}
