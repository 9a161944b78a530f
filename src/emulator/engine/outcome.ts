import type { InvokeOutcome, InvokeRequest, LogEvent, ReportFields } from '../types.js'
import type { InitResult, RawResult } from './environment.js'
import { PlatformLog, round2 } from './log-format.js'

/** What the outcome needs to know of the environment that ran the invoke. */
export interface EnvironmentFacts {
  readonly spawnedAt: number
  readonly runtimeVersion: string
  readonly logStream: string
  readonly provisioned: boolean
  readonly pid: number
  readonly peakMemoryMB: number
}

/** What an invoke produced, with the log events Lambda would have written around it. */
export function invokeOutcome(request: InvokeRequest, env: EnvironmentFacts, raw: RawResult, init: InitResult | undefined): InvokeOutcome {
  const { snapshot, requestId } = request
  const log = new PlatformLog(snapshot)
  const events: LogEvent[] = []
  const startTime = Math.round(raw.endTime - raw.durationMs)
  if (init) events.push(log.initStart(env.spawnedAt, env.runtimeVersion, 'on-demand'), ...init.logs)
  events.push(log.start(startTime, requestId), ...raw.logs)
  let payload = raw.body
  let functionError: InvokeOutcome['functionError']
  let status: ReportFields['status'] = 'success'
  let errorType: string | undefined
  let textStatus = false
  let maxMemoryUsedMB = Math.max(1, raw.maxMemoryMB)
  if (raw.kind === 'error') {
    functionError = 'Unhandled'
    status = 'error'
    errorType = raw.errorType
  } else if (raw.kind === 'timeout') {
    functionError = 'Unhandled'
    status = 'timeout'
    errorType = 'Sandbox.Timedout'
    const seconds = snapshot.timeout.toFixed(2)
    payload = json({ errorType, errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` })
    pushDefined(events, log.timedOut(raw.endTime, requestId, snapshot.timeout))
  } else if (raw.kind === 'exit') {
    functionError = 'Unhandled'
    status = 'error'
    textStatus = true
    errorType = raw.oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError'
    if (raw.oom) maxMemoryUsedMB = snapshot.memorySize
    const reason = raw.reason ?? 'signal: killed'
    payload = json({ errorType, errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${reason}` })
    pushDefined(events, log.runtimeExited(raw.endTime, requestId, reason, errorType))
  }
  const durationMs = round2(raw.durationMs)
  const initDurationMs = init ? round2(init.initDurationMs) : undefined
  const report: ReportFields = {
    durationMs,
    billedDurationMs: billed(durationMs, initDurationMs),
    memorySizeMB: snapshot.memorySize,
    maxMemoryUsedMB,
    status,
  }
  if (initDurationMs !== undefined) report.initDurationMs = initDurationMs
  if (errorType) report.errorType = errorType
  pushDefined(events, log.end(raw.endTime, requestId))
  events.push(log.report(raw.endTime, requestId, report, textStatus || status === 'timeout'))
  const outcome: InvokeOutcome = { requestId, payload, report, coldStart: init !== undefined, logEvents: events, logStream: env.logStream }
  if (functionError) outcome.functionError = functionError
  if (env.provisioned) outcome.provisioned = true
  return outcome
}

/** INIT failed: Lambda reports the init error as the invoke's error, and the next invoke starts afresh */
export function initFailureOutcome(request: InvokeRequest, env: EnvironmentFacts, init: InitResult): InvokeOutcome {
  const { snapshot, requestId } = request
  const log = new PlatformLog(snapshot)
  const now = Date.now()
  const errorType = init.errorType ?? 'Runtime.Unknown'
  const status = init.status === 'timeout' ? 'timeout' : 'error'
  const durationMs = round2(init.initDurationMs)
  const events: LogEvent[] = []
  if (env.pid) events.push(log.initStart(env.spawnedAt, env.runtimeVersion, 'on-demand'))
  events.push(...init.logs, log.initReport(now, durationMs, 'init', errorType, status), log.start(now, requestId))
  pushDefined(events, log.end(now, requestId))
  const report: ReportFields = {
    durationMs,
    billedDurationMs: billed(durationMs, undefined),
    memorySizeMB: snapshot.memorySize,
    maxMemoryUsedMB: Math.max(1, env.peakMemoryMB),
    status,
    errorType,
  }
  events.push(log.report(now, requestId, report, true))
  return {
    requestId,
    payload: init.body ?? json({ errorType, errorMessage: 'INIT failed' }),
    functionError: 'Unhandled',
    report,
    coldStart: true,
    logEvents: events,
    logStream: env.logStream,
  }
}

/** Billed Duration: rounded up to the ms; INIT is billed on on-demand cold starts (since August 2025) */
export function billed(durationMs: number, initDurationMs: number | undefined): number {
  return Math.max(1, Math.ceil(round2(durationMs + (initDurationMs ?? 0))))
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value))
}

function pushDefined(events: LogEvent[], e: LogEvent | undefined): void {
  if (e) events.push(e)
}
