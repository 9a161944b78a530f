import { describe, expect, it } from 'vitest'
import { parseReport } from '../../src/core/report-log.js'

const TEXT_TAIL = [
  'START RequestId: 8f5cfb2d-1c4e-4b4a-9f1e-2a0c3e0c9e11 Version: $LATEST',
  '2026-11-26T23:01:02.003Z\t8f5cfb2d-1c4e-4b4a-9f1e-2a0c3e0c9e11\tINFO\thashing',
  'END RequestId: 8f5cfb2d-1c4e-4b4a-9f1e-2a0c3e0c9e11',
  'REPORT RequestId: 8f5cfb2d-1c4e-4b4a-9f1e-2a0c3e0c9e11\tDuration: 469.40 ms\tBilled Duration: 470 ms\tMemory Size: 1024 MB\tMax Memory Used: 21 MB\tInit Duration: 100.99 ms\t',
  '',
].join('\n')

describe('parseReport, text format', () => {
  it('reads every field of a cold-start REPORT', () => {
    expect(parseReport(TEXT_TAIL)).toEqual({
      requestId: '8f5cfb2d-1c4e-4b4a-9f1e-2a0c3e0c9e11',
      durationMs: 469.4,
      billedDurationMs: 470,
      memorySizeMB: 1024,
      maxMemoryUsedMB: 21,
      initDurationMs: 100.99,
    })
  })

  it('decodes a base64 tail as Invoke returns it in LogResult', () => {
    const b64 = Buffer.from(TEXT_TAIL, 'utf8').toString('base64')
    expect(parseReport(b64)?.durationMs).toBe(469.4)
  })

  it('leaves a missing field absent, not zero (warm invoke: no Init Duration)', () => {
    const r = parseReport('REPORT RequestId: abc\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t')
    expect(r).toBeDefined()
    expect('initDurationMs' in r!).toBe(false)
    expect('status' in r!).toBe(false)
    expect(r!.billedDurationMs).toBe(3)
  })

  it('accepts the old space-before-tab layout and integer durations', () => {
    const r = parseReport('REPORT RequestId: old-1\tDuration: 100 ms\tBilled Duration: 100 ms \tMemory Size: 128 MB\tMax Memory Used: 18 MB')
    expect(r).toEqual({ requestId: 'old-1', durationMs: 100, billedDurationMs: 100, memorySizeMB: 128, maxMemoryUsedMB: 18 })
  })

  it('takes the LAST REPORT of a tail that holds several', () => {
    const tail = [
      'REPORT RequestId: first\tDuration: 10.00 ms\tBilled Duration: 10 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB',
      'START RequestId: second Version: 3',
      'REPORT RequestId: second\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 256 MB\tMax Memory Used: 51 MB',
    ].join('\n')
    expect(parseReport(tail)).toMatchObject({ requestId: 'second', durationMs: 20, memorySizeMB: 256 })
  })

  it('reads a timeout status and an error type', () => {
    const r = parseReport(
      '2026-11-26T23:01:05.000Z abc Task timed out after 3.00 seconds\n' +
        'REPORT RequestId: abc\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout',
    )
    expect(r).toMatchObject({ durationMs: 3000, status: 'timeout' })
    const oom = parseReport(
      'REPORT RequestId: def\tDuration: 812.12 ms\tBilled Duration: 813 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory',
    )
    expect(oom).toMatchObject({ status: 'error', errorType: 'Runtime.OutOfMemory', maxMemoryUsedMB: 128 })
  })

  it('reads SnapStart restore fields without confusing them with Duration', () => {
    const r = parseReport(
      'REPORT RequestId: snap\tDuration: 12.34 ms\tBilled Duration: 88 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 75 ms',
    )
    expect(r).toMatchObject({ durationMs: 12.34, billedDurationMs: 88, restoreDurationMs: 474.16, billedRestoreDurationMs: 75 })
    expect('initDurationMs' in r!).toBe(false)
  })

  it('returns undefined when the tail has no REPORT', () => {
    expect(parseReport('START RequestId: x Version: $LATEST\nEND RequestId: x\n')).toBeUndefined()
    expect(parseReport('')).toBeUndefined()
  })
})

describe('parseReport, JSON format', () => {
  const cold = JSON.stringify({
    time: '2026-11-26T23:01:02.003Z',
    type: 'platform.report',
    record: {
      requestId: 'j-1',
      metrics: { durationMs: 1.317, billedDurationMs: 2, memorySizeMB: 128, maxMemoryUsedMB: 70, initDurationMs: 10 },
      status: 'success',
    },
  })
  const warmError = JSON.stringify({
    time: '2026-11-26T23:01:03.003Z',
    type: 'platform.report',
    record: {
      requestId: 'j-2',
      metrics: { durationMs: 5, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 71 },
      status: 'error',
      errorType: 'Error',
    },
  })

  it('reads the metrics, status and request id', () => {
    expect(parseReport(cold)).toEqual({
      requestId: 'j-1',
      durationMs: 1.317,
      billedDurationMs: 2,
      memorySizeMB: 128,
      maxMemoryUsedMB: 70,
      initDurationMs: 10,
      status: 'success',
    })
  })

  it('takes the last platform.report among other JSON records, base64 too', () => {
    const tail = [
      JSON.stringify({ time: 't', type: 'platform.start', record: { requestId: 'j-2' } }),
      cold,
      JSON.stringify({ timestamp: 't', level: 'INFO', requestId: 'j-2', message: 'hello' }),
      warmError,
      JSON.stringify({ time: 't', type: 'platform.runtimeDone', record: { requestId: 'j-2', status: 'error' } }),
    ].join('\n')
    const r = parseReport(Buffer.from(tail).toString('base64'))
    expect(r).toMatchObject({ requestId: 'j-2', status: 'error', errorType: 'Error', durationMs: 5 })
    expect('initDurationMs' in r!).toBe(false)
  })
})
