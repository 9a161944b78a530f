/**
 * Lambda's REPORT log line, in the text and the JSON log formats, as returned by Invoke with LogType Tail
 * (base64, the last 4 KB of the invoke's log) or read from CloudWatch Logs.
 */
export interface ReportRecord {
  requestId?: string
  durationMs?: number
  billedDurationMs?: number
  memorySizeMB?: number
  maxMemoryUsedMB?: number
  /** present on cold starts only */
  initDurationMs?: number
  /** SnapStart restores only */
  restoreDurationMs?: number
  billedRestoreDurationMs?: number
  /** 'success' | 'error' | 'timeout' as Lambda writes it; absent when the line does not say */
  status?: string
  errorType?: string
}

/**
 * Parses the LAST REPORT of a log tail (text or JSON format, base64 or plain). A field the line does not carry is
 * absent, never zero. Returns undefined when the tail holds no REPORT.
 */
export function parseReport(logTailBase64OrText: string): ReportRecord | undefined {
  const text = looksLikeBase64(logTailBase64OrText) ? decodeBase64(logTailBase64OrText) : logTailBase64OrText
  const lines = text.split(/\r?\n/)
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!
    const json = parseJsonReport(line)
    if (json) return json
    const plain = parseTextReport(line)
    if (plain) return plain
  }
  return undefined
}

const TEXT_NUMBERS: ReadonlyArray<[keyof ReportRecord, string]> = [
  ['durationMs', 'Duration'],
  ['billedDurationMs', 'Billed Duration'],
  ['memorySizeMB', 'Memory Size'],
  ['maxMemoryUsedMB', 'Max Memory Used'],
  ['initDurationMs', 'Init Duration'],
  ['restoreDurationMs', 'Restore Duration'],
  ['billedRestoreDurationMs', 'Billed Restore Duration'],
]

function parseTextReport(line: string): ReportRecord | undefined {
  const start = line.search(/(?:^|\s)REPORT RequestId:/)
  if (start < 0) return undefined
  const body = line.slice(start)
  const record: ReportRecord = {}
  const id = /REPORT RequestId:\s*(\S+)/.exec(body)
  if (id) record.requestId = id[1]!
  for (const [field, label] of TEXT_NUMBERS) {
    // "Duration" must not match inside "Billed Duration" or "Init Duration": the label may not follow a word.
    const m = new RegExp(`(?<![A-Za-z] )${label}:\\s*(\\d+(?:\\.\\d+)?)\\s*(?:ms|MB)`).exec(body)
    if (m) (record[field] as number) = Number(m[1])
  }
  const status = /(?<![A-Za-z] )Status:\s*([A-Za-z]+)/.exec(body)
  if (status) record.status = status[1]!
  const errorType = /Error Type:\s*([^\s]+)/.exec(body)
  if (errorType) record.errorType = errorType[1]!
  return record
}

interface JsonReport {
  type?: unknown
  record?: {
    requestId?: unknown
    status?: unknown
    errorType?: unknown
    metrics?: Record<string, unknown>
  }
}

const JSON_NUMBERS: ReadonlyArray<keyof ReportRecord> = [
  'durationMs',
  'billedDurationMs',
  'memorySizeMB',
  'maxMemoryUsedMB',
  'initDurationMs',
  'restoreDurationMs',
  'billedRestoreDurationMs',
]

function parseJsonReport(line: string): ReportRecord | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('{') || !trimmed.includes('platform.report')) return undefined
  let parsed: JsonReport
  try {
    parsed = JSON.parse(trimmed) as JsonReport
  } catch {
    return undefined
  }
  if (parsed.type !== 'platform.report' || typeof parsed.record !== 'object' || parsed.record === null) return undefined
  const { record: r } = parsed
  const record: ReportRecord = {}
  if (typeof r.requestId === 'string') record.requestId = r.requestId
  for (const field of JSON_NUMBERS) {
    const value = r.metrics?.[field]
    if (typeof value === 'number' && Number.isFinite(value)) (record[field] as number) = value
  }
  if (typeof r.status === 'string') record.status = r.status
  if (typeof r.errorType === 'string') record.errorType = r.errorType
  return record
}

function looksLikeBase64(text: string): boolean {
  const t = text.trim()
  return t.length > 0 && t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t)
}

function decodeBase64(text: string): string {
  const binary = atob(text.trim())
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}
