import { describe, expect, test } from 'vitest'
import { discoverFields, formatInsightsTimestamp } from '../../../src/emulator/cloudwatch/log-fields.js'

function fields(message: string): Record<string, string | number> {
  const found = new Map<string, string | number>()
  discoverFields(message, found)
  return Object.fromEntries(found)
}

describe('fields Logs Insights discovers in Lambda log lines', () => {
  test('a text REPORT line of a cold start, as Lambda writes it (trailing newline)', () => {
    expect(fields('REPORT RequestId: 8f5c-1\tDuration: 469.40 ms\tBilled Duration: 570 ms\tMemory Size: 1024 MB\tMax Memory Used: 21 MB\tInit Duration: 100.99 ms\t\n')).toEqual({
      '@type': 'REPORT',
      '@requestId': '8f5c-1',
      '@duration': 469.4,
      '@billedDuration': 570,
      '@memorySize': 1_024_000_000,
      '@maxMemoryUsed': 21_000_000,
      '@initDuration': 100.99,
    })
  })

  test('a warm REPORT with the old space before the tab, no decimals, and a timeout status', () => {
    expect(fields('REPORT RequestId: abc\tDuration: 3000 ms\tBilled Duration: 3000 ms \tMemory Size: 128 MB\tMax Memory Used: 50 MB\tStatus: timeout')).toEqual({
      '@type': 'REPORT',
      '@requestId': 'abc',
      '@duration': 3000,
      '@billedDuration': 3000,
      '@memorySize': 128_000_000,
      '@maxMemoryUsed': 50_000_000,
    })
  })

  test('a JSON platform.report record, warm: no @initDuration', () => {
    const record = { time: '2026-01-01T00:00:00.000Z', type: 'platform.report', record: { requestId: 'r1', metrics: { durationMs: 1.317, billedDurationMs: 2, memorySizeMB: 128, maxMemoryUsedMB: 70 }, status: 'success' } }
    expect(fields(JSON.stringify(record))).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      type: 'platform.report',
      'record.requestId': 'r1',
      'record.metrics.durationMs': 1.317,
      'record.metrics.billedDurationMs': 2,
      'record.metrics.memorySizeMB': 128,
      'record.metrics.maxMemoryUsedMB': 70,
      'record.status': 'success',
      '@requestId': 'r1',
      '@type': 'REPORT',
      '@duration': 1.317,
      '@billedDuration': 2,
      '@memorySize': 128_000_000,
      '@maxMemoryUsed': 70_000_000,
    })
  })

  test('START, END and handler lines', () => {
    expect(fields('START RequestId: r2 Version: $LATEST')).toEqual({ '@type': 'START', '@requestId': 'r2' })
    expect(fields('END RequestId: r2')).toEqual({ '@type': 'END', '@requestId': 'r2' })
    expect(fields('2026-01-01T00:00:00.000Z\t3e004847-545d-4692-9642-ccb74b872b5e\tINFO\thello')).toEqual({ '@requestId': '3e004847-545d-4692-9642-ccb74b872b5e' })
    expect(fields('plain output')).toEqual({})
    expect(fields('{not json')).toEqual({})
  })

  test('timestamps print as Logs Insights prints them', () => {
    expect(formatInsightsTimestamp(Date.UTC(2026, 0, 1, 0, 5, 0, 7))).toBe('2026-01-01 00:05:00.007')
  })
})
