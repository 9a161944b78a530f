import type { FunctionSnapshot, LogEvent, ReportFields } from '../types.js'

/**
 * The platform lines Lambda writes around every invoke, in the function's log format. Text messages end with a
 * newline as Lambda's do (`START RequestId: ... Version: $LATEST\n`); JSON records are one object per event.
 */
export class PlatformLog {
  constructor(private readonly snapshot: FunctionSnapshot) {}

  private get json(): boolean {
    return this.snapshot.logFormat === 'JSON'
  }

  private event(time: number, text: string, type: string, record: Record<string, unknown>): LogEvent {
    if (!this.json) return { timestamp: time, message: text + '\n' }
    return { timestamp: time, message: JSON.stringify({ time: new Date(time).toISOString(), type, record }) + '\n' }
  }

  initStart(time: number, runtimeVersion: string, initializationType: 'on-demand' | 'provisioned-concurrency'): LogEvent {
    const arn = runtimeVersionArn(this.snapshot.functionArn, runtimeVersion)
    return this.event(time, `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${arn}`, 'platform.initStart', {
      initializationType,
      phase: 'init',
      runtimeVersion,
      runtimeVersionArn: arn,
      functionName: this.snapshot.functionName,
      functionVersion: this.snapshot.version,
    })
  }

  /** INIT_REPORT appears when the INIT phase failed (or timed out) */
  initReport(time: number, durationMs: number, phase: 'init' | 'invoke', errorType: string, status: 'error' | 'timeout' = 'error'): LogEvent {
    const text = `INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms\tPhase: ${phase}\tStatus: ${status}\tError Type: ${errorType}`
    return this.event(time, text, 'platform.initReport', {
      initializationType: 'on-demand',
      phase,
      status,
      errorType,
      metrics: { durationMs: round2(durationMs) },
    })
  }

  start(time: number, requestId: string): LogEvent {
    return this.event(time, `START RequestId: ${requestId} Version: ${this.snapshot.version}`, 'platform.start', {
      requestId,
      version: this.snapshot.version,
    })
  }

  /** text only: the JSON format has no END record at the INFO system log level */
  end(time: number, requestId: string): LogEvent | undefined {
    return this.json ? undefined : { timestamp: time, message: `END RequestId: ${requestId}\n` }
  }

  /** `<time> <requestId> Task timed out after 3.00 seconds` (text only; JSON carries it in platform.report) */
  timedOut(time: number, requestId: string, timeoutSeconds: number): LogEvent | undefined {
    if (this.json) return undefined
    return { timestamp: time, message: `${new Date(time).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n` }
  }

  /** the platform's line when the runtime process died during an invoke (OOM kill, exit) */
  runtimeExited(time: number, requestId: string, reason: string, errorType: string): LogEvent | undefined {
    if (this.json) return undefined
    return { timestamp: time, message: `RequestId: ${requestId} Error: Runtime exited with error: ${reason}\n${errorType}\n` }
  }

  report(time: number, requestId: string, r: ReportFields, textStatus: boolean): LogEvent {
    let text =
      `REPORT RequestId: ${requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.billedDurationMs} ms` +
      `\tMemory Size: ${r.memorySizeMB} MB\tMax Memory Used: ${r.maxMemoryUsedMB} MB`
    if (r.initDurationMs !== undefined) text += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`
    if (textStatus && r.status !== 'success') {
      text += `\tStatus: ${r.status}`
      if (r.status === 'error' && r.errorType) text += `\tError Type: ${r.errorType}`
    }
    const metrics: Record<string, number> = {
      durationMs: r.durationMs,
      billedDurationMs: r.billedDurationMs,
      memorySizeMB: r.memorySizeMB,
      maxMemoryUsedMB: r.maxMemoryUsedMB,
    }
    if (r.initDurationMs !== undefined) metrics['initDurationMs'] = r.initDurationMs
    const record: Record<string, unknown> = { requestId, metrics, status: r.status }
    if (r.errorType && r.status !== 'success') record['errorType'] = r.errorType
    return this.event(time, text, 'platform.report', record)
  }
}

export function round2(ms: number): number {
  return Math.round(ms * 100) / 100
}

function runtimeVersionArn(functionArn: string, runtimeVersion: string): string {
  const region = functionArn.split(':')[3] || 'us-east-1'
  let h = 0x811c9dc5
  for (const c of runtimeVersion) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
  const hex = h.toString(16).padStart(8, '0').repeat(8)
  return `arn:aws:lambda:${region}::runtime:${hex}`
}

/** `2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef`: one stream per environment, as on Lambda */
export function logStreamName(now: number, version: string, hex32: string): string {
  const d = new Date(now)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/[${version}]${hex32}`
}
