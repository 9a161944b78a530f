import type { LogEvent } from '../types.js'

/**
 * Log-level filtering of the system (platform) log, as Lambda applies it to functions with the JSON log format: a
 * platform record is sent to CloudWatch Logs, and to the Invoke log tail, only when its level is at or above the
 * function's SystemLogLevel (DEBUG < INFO < WARN). Levels of the platform records the emulator writes, from the AWS
 * "Log-level filtering" page's event mapping: platform.initStart, platform.initReport, platform.start and
 * platform.report are INFO; platform.initRuntimeDone and platform.runtimeDone are DEBUG. So SystemLogLevel WARN
 * leaves no REPORT record anywhere: duration figures must then come from the CloudWatch metrics.
 * Text-format functions have no system log level and keep every line; so do application (function) log records.
 */
const RANK: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 }

const PLATFORM_LEVEL: Record<string, string> = {
  'platform.initStart': 'INFO',
  'platform.initRuntimeDone': 'DEBUG',
  'platform.initReport': 'INFO',
  'platform.start': 'INFO',
  'platform.runtimeDone': 'DEBUG',
  'platform.report': 'INFO',
  'platform.restoreStart': 'INFO',
  'platform.restoreRuntimeDone': 'DEBUG',
  'platform.restoreReport': 'INFO',
}

export function filterSystemLog(events: LogEvent[], logFormat: 'Text' | 'JSON', systemLogLevel: string | undefined): LogEvent[] {
  if (logFormat !== 'JSON') return events
  const threshold = RANK[(systemLogLevel ?? 'INFO').toUpperCase()] ?? RANK.INFO!
  if (threshold <= RANK.DEBUG!) return events
  return events.filter((e) => {
    const type = platformType(e.message)
    if (type === undefined) return true
    return (RANK[PLATFORM_LEVEL[type] ?? 'INFO'] ?? RANK.INFO!) >= threshold
  })
}

function platformType(message: string): string | undefined {
  if (!message.startsWith('{"time"') || !message.includes('"type":"platform.')) return undefined
  const m = /"type":"(platform\.[A-Za-z]+)"/.exec(message)
  return m?.[1]
}
