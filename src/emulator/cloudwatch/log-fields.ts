/**
 * The fields CloudWatch Logs Insights discovers in a Lambda log event. REPORT lines (text or JSON platform.report)
 * give @type, @requestId, @duration, @billedDuration (ms), @memorySize and @maxMemoryUsed (bytes: MB × 1,000,000, as
 * Lambda's discovered fields are) and @initDuration (cold starts only).
 */
export type FieldValue = string | number
export type Fields = Map<string, FieldValue>

const MB = 1_000_000
const REQUEST_ID = /RequestId: (\S+)/
const REPORT_PART = /(Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration|Restore Duration|Billed Restore Duration|Status|Error Type): *([^\t]*?) *(?:ms|MB)?\s*(?=\t|$)/g
const APP_LINE = /^\S+\t([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f-]{20,})\t/

function addReport(fields: Fields, metrics: { duration?: number; billed?: number; memory?: number; used?: number; init?: number }): void {
  fields.set('@type', 'REPORT')
  if (metrics.duration !== undefined) fields.set('@duration', metrics.duration)
  if (metrics.billed !== undefined) fields.set('@billedDuration', metrics.billed)
  if (metrics.memory !== undefined) fields.set('@memorySize', metrics.memory * MB)
  if (metrics.used !== undefined) fields.set('@maxMemoryUsed', metrics.used * MB)
  if (metrics.init !== undefined) fields.set('@initDuration', metrics.init)
}

function flatten(prefix: string, value: unknown, into: Fields): void {
  if (value === null || value === undefined) return
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(prefix ? `${prefix}.${k}` : k, v, into)
    return
  }
  if (typeof value === 'number' || typeof value === 'string') into.set(prefix, value)
  else into.set(prefix, JSON.stringify(value))
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** fields discovered in the message itself (the caller adds @timestamp, @message, @logStream, @log) */
export function discoverFields(message: string, fields: Fields): void {
  if (message.startsWith('REPORT ')) {
    const id = REQUEST_ID.exec(message)
    if (id) fields.set('@requestId', id[1]!)
    const parts: Record<string, string> = {}
    for (const m of message.matchAll(REPORT_PART)) parts[m[1]!] = m[2]!
    const read = (k: string): number | undefined => (parts[k] === undefined ? undefined : Number.parseFloat(parts[k]))
    addReport(fields, {
      duration: read('Duration'),
      billed: read('Billed Duration'),
      memory: read('Memory Size'),
      used: read('Max Memory Used'),
      init: read('Init Duration'),
    })
    return
  }
  if (message.startsWith('START ') || message.startsWith('END ')) {
    const id = REQUEST_ID.exec(message)
    if (id) {
      fields.set('@type', message.startsWith('START ') ? 'START' : 'END')
      fields.set('@requestId', id[1]!)
    }
    return
  }
  if (message.startsWith('{')) {
    let record: unknown
    try {
      record = JSON.parse(message)
    } catch {
      return
    }
    flatten('', record, fields)
    const r = record as { type?: unknown; record?: { requestId?: unknown; metrics?: Record<string, unknown> }; requestId?: unknown }
    const requestId = r.record?.requestId ?? r.requestId
    if (typeof requestId === 'string') fields.set('@requestId', requestId)
    if (r.type === 'platform.start') fields.set('@type', 'START')
    if (r.type === 'platform.report') {
      const m = r.record?.metrics ?? {}
      addReport(fields, {
        duration: num(m['durationMs']),
        billed: num(m['billedDurationMs']),
        memory: num(m['memorySizeMB']),
        used: num(m['maxMemoryUsedMB']),
        init: num(m['initDurationMs']),
      })
    }
    return
  }
  const app = APP_LINE.exec(message)
  if (app) fields.set('@requestId', app[1]!)
}

/** Logs Insights prints timestamps as `2026-11-26 23:15:00.000` (UTC) */
export function formatInsightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}
