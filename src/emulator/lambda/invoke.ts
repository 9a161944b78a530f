import type { IncomingHttpHeaders } from 'node:http'
import type { CloudWatchSink, ExecutionEngine, InvocationRecord, InvokeOutcome, LogEvent } from '../types.js'
import { badRequestContent, serviceError, tooManyRequests, validationError } from './errors.js'
import type { Faults } from './faults.js'
import type { FunctionRef } from './names.js'
import type { FunctionStore, InvokeTarget } from './store.js'
import { filterSystemLog } from './system-log-level.js'

export interface InvokeResponse {
  status: number
  headers: Record<string, string>
  body?: Buffer
}

export const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024
export const ASYNC_PAYLOAD_LIMIT = 256 * 1024
const TAIL_BYTES = 4096
const EVENT_RETRIES = 6

/**
 * Runs invokes: resolves the qualifier, applies reserved and account concurrency (429 when exceeded), hands the
 * request to the execution engine and tells CloudWatch about every invoke and every throttle.
 */
export class Invoker {
  /** invokes running per function, all versions together (reserved concurrency is per function) */
  private readonly running = new Map<string, number>()
  /** invokes running of functions without reserved concurrency: they share the account's unreserved pool */
  private unreservedRunning = 0
  private readonly background = new Set<Promise<void>>()
  /** invokes of each qualifier with provisioned concurrency running now */
  private readonly runningOnQualifier = new Map<string, number>()
  private closed = false

  constructor(
    private readonly store: FunctionStore,
    private readonly engine: () => ExecutionEngine | undefined,
    private readonly sink: () => CloudWatchSink,
    private readonly random: () => number,
    private readonly faults: Pick<Faults, 'noLogTail'> = { noLogTail: false },
  ) {}

  inFlight(functionName?: string): number {
    if (functionName !== undefined) return this.running.get(functionName) ?? 0
    let sum = 0
    for (const n of this.running.values()) sum += n
    return sum
  }

  async invoke(ref: FunctionRef, headers: IncomingHttpHeaders, payload: Buffer, requestId: string): Promise<InvokeResponse> {
    const type = (headers['x-amz-invocation-type'] as string | undefined) ?? 'RequestResponse'
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      throw validationError(type, 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]')
    }
    const logType = (headers['x-amz-log-type'] as string | undefined) ?? 'None'
    if (logType !== 'None' && logType !== 'Tail') {
      throw validationError(logType, 'logType', 'Member must satisfy enum value set: [Tail, None]')
    }
    const target = this.store.resolveInvoke(ref, this.random)
    const executed = { 'X-Amz-Executed-Version': target.record.version }
    if (type === 'DryRun') return { status: 204, headers: executed }
    checkJson(payload)
    const clientContext = headers['x-amz-client-context'] as string | undefined
    if (type === 'Event') {
      const job = this.runEvent(target, payload, requestId, clientContext).finally(() => this.background.delete(job))
      this.background.add(job)
      return { status: 202, headers: executed }
    }
    const outcome = await this.run(target, payload, requestId, clientContext)
    const body = responsePayload(outcome)
    const out: Record<string, string> = { ...executed, 'Content-Type': 'application/json' }
    if (outcome.functionError) out['X-Amz-Function-Error'] = outcome.functionError
    if (logType === 'Tail' && !this.faults.noLogTail) out['X-Amz-Log-Result'] = tail(outcome.logEvents)
    return { status: 200, headers: out, body }
  }

  /** No invoke starts after this (Event invokes waiting for a retry are dropped). */
  close(): void {
    this.closed = true
  }

  /** Waits for Event invokes that are still running to end. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.background])
  }

  /** Event invokes are accepted at once; a throttled one is retried with backoff, as Lambda's async queue does. */
  private async runEvent(target: InvokeTarget, payload: Buffer, requestId: string, clientContext?: string): Promise<void> {
    for (let attempt = 0; attempt <= EVENT_RETRIES; attempt++) {
      try {
        await this.run(target, payload, requestId, clientContext)
        return
      } catch (err) {
        if ((err as { code?: string }).code !== 'TooManyRequestsException') return
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt).unref())
      }
    }
  }

  private async run(target: InvokeTarget, payload: Buffer, requestId: string, clientContext: string | undefined): Promise<InvokeOutcome> {
    const { fn, record, snapshot } = target
    const engine = this.engine()
    if (!engine || this.closed) throw serviceError('The lambda-tune emulator is stopping.')
    const timestamp = Date.now()
    const name = fn.name
    const reserved = fn.reserved
    const running = this.running.get(name) ?? 0
    let reason: string | undefined
    if (reserved !== undefined) {
      if (running >= reserved) reason = 'ReservedFunctionConcurrentInvocationLimitExceeded'
    } else if (this.unreservedRunning >= this.store.accountConcurrency - this.store.reservedTotal()) {
      reason = 'ConcurrentInvocationLimitExceeded'
    }
    const base = {
      functionName: name,
      executedVersion: record.version,
      ...(target.qualifier !== undefined ? { qualifier: target.qualifier } : {}),
      timestamp,
    }
    if (reason) {
      this.sink().recordInvocation({ ...base, throttled: true, error: false })
      throw tooManyRequests(reason, 'Rate Exceeded.')
    }
    this.running.set(name, running + 1)
    if (reserved === undefined) this.unreservedRunning++
    const unreserved = this.unreservedRunning
    const pcKey = `${name}:${target.qualifier}`
    const onQualifier = target.provisioned > 0 ? (this.runningOnQualifier.get(pcKey) ?? 0) + 1 : 0
    if (onQualifier) this.runningOnQualifier.set(pcKey, onQualifier)
    let outcome: InvokeOutcome
    try {
      outcome = await engine.invoke({ snapshot, requestId, payload, ...(clientContext ? { clientContext } : {}) })
    } catch (err) {
      throw serviceError(`The execution engine failed to run the invoke: ${(err as Error).message}`)
    } finally {
      const now = this.running.get(name) ?? 1
      if (now <= 1) this.running.delete(name)
      else this.running.set(name, now - 1)
      if (reserved === undefined) this.unreservedRunning--
      if (onQualifier) {
        const left = (this.runningOnQualifier.get(pcKey) ?? 1) - 1
        if (left > 0) this.runningOnQualifier.set(pcKey, left)
        else this.runningOnQualifier.delete(pcKey)
      }
    }
    const report = outcome.report
    const rec: InvocationRecord = {
      ...base,
      throttled: false,
      error: outcome.functionError !== undefined,
      durationMs: report.durationMs,
      ...(report.initDurationMs !== undefined ? { initDurationMs: report.initDurationMs } : {}),
      maxMemoryUsedMB: report.maxMemoryUsedMB,
      memorySizeMB: report.memorySizeMB,
      concurrentExecutions: running + 1,
      ...(reserved === undefined ? { unreservedConcurrentExecutions: unreserved } : {}),
      ...(target.provisioned > 0
        ? {
            provisioned: outcome.provisioned === true,
            provisionedConcurrency: target.provisioned,
            ...(outcome.provisioned ? { provisionedConcurrentExecutions: Math.min(onQualifier, target.provisioned) } : {}),
          }
        : {}),
    }
    // What the system log level filters out reaches neither CloudWatch Logs nor the log tail.
    outcome.logEvents = filterSystemLog(outcome.logEvents, record.config.logFormat, record.config.systemLogLevel)
    const sink = this.sink()
    sink.recordInvocation(rec)
    sink.appendLogs(snapshot.logGroup, outcome.logStream, outcome.logEvents)
    return outcome
  }
}

/** Lambda refuses a payload that is not JSON before it runs anything. */
function checkJson(payload: Buffer): void {
  if (payload.length === 0) return
  try {
    JSON.parse(payload.toString('utf8'))
  } catch (err) {
    throw badRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`)
  }
}

/** A response over 6 MB becomes Lambda's own error instead of the payload. */
function responsePayload(outcome: InvokeOutcome): Buffer {
  if (outcome.payload.length <= SYNC_PAYLOAD_LIMIT) return outcome.payload
  outcome.functionError = 'Unhandled'
  return Buffer.from(
    JSON.stringify({
      errorMessage: `Response payload size (${outcome.payload.length} bytes) exceeded maximum allowed payload size (${SYNC_PAYLOAD_LIMIT} bytes).`,
      errorType: 'Function.ResponseSizeTooLarge',
    }),
  )
}

/** The last 4 KB of the invoke's log, base64, as X-Amz-Log-Result carries it. */
export function tail(events: LogEvent[]): string {
  let text = ''
  for (const e of events) text += e.message.endsWith('\n') ? e.message : `${e.message}\n`
  const bytes = Buffer.from(text, 'utf8')
  return (bytes.length > TAIL_BYTES ? bytes.subarray(bytes.length - TAIL_BYTES) : bytes).toString('base64')
}
