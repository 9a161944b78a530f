import { describe, expect, it } from 'vitest'
import { costPerInvoke } from '../../../src/core/cost/index.js'
import { ExitCode, UserError } from '../../../src/core/errors.js'
import type { QualifierFigures } from '../../../src/core/report/qualifier-figures.js'
import type { ReportRecord } from '../../../src/core/report-log.js'
import { aggregateTuningCost, cloudWatchResult, joinReports, type CloudWatchResultInput, type ValueFigures } from '../../../src/core/sweep/aggregate-result.js'
import { decideOnce } from '../../../src/core/sweep/decide/sequential.js'
import { buildSweepResult } from '../../../src/core/sweep/sweep-result.js'
import type { InvokeSample, SweepOptions } from '../../../src/core/sweep/types.js'
import { DECISION_DEFAULTS, US_EAST_X86 } from './fixtures.js'

const JITTER = [0.98, 1.01, 1, 1.02, 0.99, 1.005, 0.995, 1.015, 0.985, 1]

/** What the Invoke responses give without a log tail: status, latency and request id; no REPORT figures. */
function responses(memory: number, count: number, extra: Partial<InvokeSample> = {}): InvokeSample[] {
  return Array.from({ length: count }, (_, i) => ({
    memory, phase: 'measure' as const, coldStart: false, payload: 0, status: 'success' as const, latencyMs: 80, throttles: 0, requestId: `${memory}-${i}`, ...extra,
  }))
}

/** The REPORT lines of those invokes, as CloudWatch Logs holds them: the first a cold start. */
function reportsOf(samples: readonly InvokeSample[], ms: number): ReportRecord[] {
  return samples.map((s, i) => {
    const durationMs = ms * JITTER[i % JITTER.length]!
    return {
      requestId: s.requestId!,
      durationMs,
      billedDurationMs: Math.ceil(durationMs) + (i === 0 ? 300 : 0),
      maxMemoryUsedMB: 60,
      ...(i === 0 ? { initDurationMs: 299.5 } : {}),
    }
  })
}

function qualifier(o: { expected: number; avg?: number; tm?: number; p99?: number | null; invocations?: number; reports?: ReportRecord[]; durationsFrom?: 'metrics' | 'logs' }): QualifierFigures {
  const none = { value: null, source: null }
  const from = o.durationsFrom ?? 'metrics'
  return {
    resource: 'fn:alias', window: { start: '', end: '' }, expected: o.expected,
    invocations: o.avg === undefined ? none : { value: o.invocations ?? o.expected, source: from },
    errors: none,
    duration: o.avg === undefined ? none : { value: { avg: o.avg, trimmedMean: o.tm ?? null, p50: o.avg, p90: o.avg * 1.1, p95: o.avg * 1.15, p99: o.p99 === undefined ? o.avg * 1.2 : o.p99, max: o.avg * 1.3 }, source: from },
    billedDuration: none, coldStarts: none, initDuration: none, maxMemoryUsedMB: none,
    reports: o.reports ?? [], complete: o.avg !== undefined, waitedMs: 1500, failures: { metrics: null, logs: null }, warnings: [],
  }
}

const options: SweepOptions = { ...DECISION_DEFAULTS, strategy: 'cost' }

function input(figures: ValueFigures[], samples: InvokeSample[], over: Partial<CloudWatchResultInput> = {}): CloudWatchResultInput {
  return {
    function: 'fn', currentMemory: 1024, memories: figures.map((f) => f.memory), runId: 'r1', seed: 1, looks: [10], fixed: true,
    warmup: 0, concurrency: 1, coldStarts: 0, options, pricing: US_EAST_X86, samples, figures, perInvoke: false,
    measurement: { asked: 'auto', reason: 'no log tail in the Invoke responses', waitedSeconds: 1.5, warnings: [] },
    ...over,
  }
}

const cost = (memory: number, ms: number) => costPerInvoke({ memoryMB: memory, billedDurationMs: Math.ceil(ms), arch: 'x86_64', region: 'us-east-1' }).totalUsd

describe('joinReports: each invoke with its REPORT line from CloudWatch Logs, by request id', () => {
  it('fills in the REPORT figures and the cold-start flag; an invoke throttled until it gave up never ran and needs none', () => {
    const samples = [...responses(512, 3), { ...responses(512, 1)[0]!, requestId: undefined, status: 'error' as const, errorType: 'TooManyRequestsException', throttles: 9 }]
    const lines = reportsOf(samples.slice(0, 3), 100)
    const joined = joinReports(samples, [{ memory: 512, alias: qualifier({ expected: 3, avg: 100, reports: lines }), cold: [] }])!
    expect(joined.map((s) => [s.coldStart, s.durationMs, s.billedDurationMs, s.initDurationMs])).toEqual([
      [true, 98, 398, 299.5],
      [false, 101, 101, undefined],
      [false, 100, 100, undefined],
      [false, undefined, undefined, undefined],
    ])
    expect(joined[3]).toBe(samples[3])
  })

  it('is undefined when an invoke that ran has no REPORT line (yet), or no request id to find it by', () => {
    const samples = responses(512, 3)
    const lines = reportsOf(samples, 100)
    expect(joinReports(samples, [{ memory: 512, alias: qualifier({ expected: 3, avg: 100, reports: lines.slice(0, 2) }), cold: [] }])).toBeUndefined()
    const anonymous = samples.map(({ requestId: _r, ...s }) => s)
    expect(joinReports(anonymous, [{ memory: 512, alias: qualifier({ expected: 3, avg: 100, reports: lines }), cold: [] }])).toBeUndefined()
  })

  it('a failed invoke keeps its error type, and a REPORT line that says timeout makes it one', () => {
    const samples = [...responses(512, 1, { status: 'error', errorType: 'Error' }), ...responses(512, 1, { requestId: 't', status: 'error', errorType: 'Sandbox.Timedout' })]
    const lines: ReportRecord[] = [{ requestId: '512-0', durationMs: 5, billedDurationMs: 5 }, { requestId: 't', durationMs: 3000, billedDurationMs: 3000, status: 'timeout' }]
    const joined = joinReports(samples, [{ memory: 512, alias: qualifier({ expected: 2, avg: 10, reports: lines }), cold: [] }])!
    expect(joined.map((s) => [s.status, s.errorType])).toEqual([['error', 'Error'], ['timeout', 'Sandbox.Timedout']])
  })
})

describe('cloudWatchResult', () => {
  it('every REPORT line arrived: the usual result on the joined invokes, decided once, which can settle; every figure from the logs', () => {
    const samples = [...responses(512, 10), ...responses(1024, 10)]
    const figures = [
      { memory: 512, alias: qualifier({ expected: 10, avg: 200, reports: reportsOf(samples.slice(0, 10), 200), durationsFrom: 'logs' }), cold: [] },
      { memory: 1024, alias: qualifier({ expected: 10, avg: 100, reports: reportsOf(samples.slice(10), 100), durationsFrom: 'logs' }), cold: [] },
    ]
    const r = cloudWatchResult(input(figures, samples, { perInvoke: true }))
    expect(r.measurement).toEqual({ asked: 'auto', source: 'logs', reason: 'no log tail in the Invoke responses', waitedSeconds: 1.5, warnings: [] })
    const joined = joinReports(samples, figures)!
    const usual = buildSweepResult({ ...input(figures, samples), decision: decideOnce({ ...options, memories: [512, 1024], pricing: US_EAST_X86 }, joined), samples: joined, measurement: { ...r.measurement } })
    expect(r.recommendation).toEqual(usual.recommendation)
    expect(r.results.map(({ sources: _s, ...v }) => v)).toEqual(usual.results)
    expect(r.tuningCost).toEqual(usual.tuningCost)
    expect(r.results[0]!.sources).toEqual({ invocations: 'invoke', errors: 'invoke', duration: 'logs', cost: 'logs', coldStarts: 'logs', initDuration: 'logs', maxMemoryUsed: 'logs' })
    expect(r.results[0]!.warm?.count).toBe(9)
    expect(r.results[0]!.cold?.count).toBe(1)
  })

  it('aggregates only: the same rule on the point estimates (the cheapest band, the fastest in it), never settled, and says why', () => {
    // 128 MB is the cheapest; 256 MB costs within 10% of it and is twice as fast; 1024 MB costs far more
    const samples = [...responses(128, 10), ...responses(256, 10), ...responses(1024, 10)]
    const figures = [
      { memory: 128, alias: qualifier({ expected: 10, avg: 400 }), cold: [] },
      { memory: 256, alias: qualifier({ expected: 10, avg: 210 }), cold: [] },
      { memory: 1024, alias: qualifier({ expected: 10, avg: 100 }), cold: [] },
    ]
    const r = cloudWatchResult(input(figures, samples))
    expect(r.measurement.source).toBe('aggregates')
    expect(r.recommendation).toMatchObject({ memory: 256, settled: false, stoppedBy: 'fixed', contenders: [128, 256, 1024], ties: [], bandPosition: null })
    expect(r.recommendation.reason).toBe(
      "256 MB is within 10% of the cheapest (128 MB) by CloudWatch's figures, and preferred on the other measure ($1.075 per 1M invokes, mean 210 ms); " +
        "not settled: CloudWatch's aggregates hold no per-invoke data to bound the decision",
    )
    const at = (m: number) => r.results.find((v) => v.memory === m)!
    expect(at(256)).toMatchObject({
      invocations: 10, errors: 0, failed: false, warm: null, cold: null, percentileBounds: null, costCi95: null,
      costPerInvocation: cost(256, 210),
      aggregate: { source: 'metrics', invocations: 10, mean: 210, trimmedMean: null, p50: 210 },
      sources: { invocations: 'invoke', errors: 'invoke', duration: 'metrics', cost: 'metrics', coldStarts: null, initDuration: null, maxMemoryUsed: null },
      decision: { status: 'pick' },
    })
    expect(at(128).decision).toEqual({ status: 'open', reason: "0.96× the pick's cost, 1.90× its duration by CloudWatch's figures; no per-invoke data to decide on", after: null })
    expect(at(256).speedup).toBeCloseTo(100 / 210, 10)
    expect(at(256).saving).toBeCloseTo(1 - cost(256, 210) / cost(1024, 100), 10)
    // the bill: each alias's invokes at its average duration rounded up
    expect(r.tuningCost.usd).toBeCloseTo(10 * (cost(128, 400) + cost(256, 210) + cost(1024, 100)), 12)
  })

  it('the decision compares CloudWatch\'s trimmed means, as the race compares trimmed means: one slow invoke does not decide', async () => {
    const samples = [...responses(512, 20), ...responses(1769, 20)]
    // 1769 MB's mean carries one invoke 20× slower; its trimmed mean does not, and puts it in the cost band
    const figures = [
      { memory: 512, alias: qualifier({ expected: 20, avg: 206, tm: 206 }), cold: [] },
      { memory: 1769, alias: qualifier({ expected: 20, avg: 60 * 1.95, tm: 60 }), cold: [] },
    ]
    const r = cloudWatchResult(input(figures, samples, { currentMemory: 1769 }))
    expect(r.recommendation.memory).toBe(1769)
    expect(r.results.find((v) => v.memory === 1769)!.aggregate).toMatchObject({ mean: 117, trimmedMean: 60 })
    // the plain means alone would put 1769 MB out of the band
    const plain = cloudWatchResult(input(figures.map((f) => ({ ...f, alias: qualifier({ expected: 20, avg: f.alias.duration.value!.avg }) })), samples, { currentMemory: 1769 }))
    expect(plain.recommendation.memory).toBe(512)
  })

  it('aggregates with the REPORT lines of CloudWatch Logs for what they give: cold starts, INIT, memory, and a warm invoke\'s cost', () => {
    const samples = [...responses(512, 10), ...responses(512, 1, { phase: 'cold', requestId: 'c' })]
    const lines = reportsOf(samples.slice(0, 10), 100)
    const coldLine: ReportRecord = { requestId: 'c', durationMs: 120, billedDurationMs: 420, initDurationMs: 300, maxMemoryUsedMB: 70 }
    const figures = [{ memory: 512, alias: qualifier({ expected: 10, avg: 100, reports: lines }), cold: [qualifier({ expected: 1, avg: 120, reports: [coldLine] })] }]
    const r = cloudWatchResult(input(figures, samples, { currentMemory: 512 }))
    const v = r.results[0]!
    expect(v.sources).toMatchObject({ duration: 'metrics', cost: 'logs', coldStarts: 'logs', initDuration: 'logs', maxMemoryUsed: 'logs' })
    expect(v.cold?.count).toBe(2)
    expect(v.initDuration?.mean).toBeCloseTo((299.5 + 300) / 2, 10)
    expect(v.maxMemoryUsedMB).toBe(70)
    const warmCosts = lines.slice(1).map((l) => cost(512, l.billedDurationMs!))
    expect(v.costPerInvocation).toBeCloseTo(warmCosts.reduce((a, b) => a + b, 0) / warmCosts.length, 15)
    expect(v.invocations).toBe(11)
  })

  it('errors come from the Invoke responses: a value over the threshold fails', () => {
    const samples = [...responses(128, 10, { status: 'error', errorType: 'Runtime.OutOfMemory' }), ...responses(512, 10)]
    const figures = [
      { memory: 128, alias: qualifier({ expected: 10, avg: 50 }), cold: [] },
      { memory: 512, alias: qualifier({ expected: 10, avg: 100 }), cold: [] },
    ]
    const r = cloudWatchResult(input(figures, samples))
    expect(r.results[0]).toMatchObject({ failed: true, errors: 10, errorTypes: { 'Runtime.OutOfMemory': 10 }, decision: { status: 'failed' } })
    expect(r.recommendation.memory).toBe(512)
  })

  it('slo: CloudWatch\'s percentile says whether a value meets the limit; without it no value is shown to', () => {
    const samples = [...responses(128, 10), ...responses(512, 10)]
    const slo = { ...options, strategy: 'slo' as const, slo: { percentile: 'p99' as const, ms: 200 } }
    const figures = [
      { memory: 128, alias: qualifier({ expected: 10, avg: 200, p99: 260 }), cold: [] },
      { memory: 512, alias: qualifier({ expected: 10, avg: 60, p99: 90 }), cold: [] },
    ]
    const r = cloudWatchResult(input(figures, samples, { options: slo, currentMemory: 512 }))
    expect(r.recommendation.memory).toBe(512)
    expect(r.results[0]!.decision).toEqual({ status: 'ruled out', reason: 'p99 260 ms by CloudWatch, above the 200 ms limit', after: null })
    const dropped = figures.map((f) => ({ ...f, alias: qualifier({ expected: 10, avg: f.alias.duration.value!.avg, p99: null }) }))
    const none = cloudWatchResult(input(dropped, samples, { options: slo, currentMemory: 512 }))
    expect(none.recommendation).toMatchObject({ memory: null, reason: 'no memory value is shown to meet p99 ≤ 200 ms: CloudWatch gave no p99' })
  })

  it('no durations from any source: exit 4 with one line that says why', () => {
    const figures = [{ memory: 512, alias: qualifier({ expected: 10 }), cold: [] }]
    const warnings = ['GetMetricData answered HTTP 500 with an HTML page, not an AWS error: no figures from the CloudWatch metrics of 512 MB']
    let thrown: unknown
    try {
      cloudWatchResult(input(figures, responses(512, 10), { measurement: { asked: 'auto', reason: 'no log tail in the Invoke responses', waitedSeconds: 0, warnings } }))
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(UserError)
    expect((thrown as UserError).exitCode).toBe(ExitCode.runFailed)
    expect((thrown as UserError).message).toBe(
      `fn: nothing was measured: no log tail in the Invoke responses, and CloudWatch gave no durations (${warnings[0]}; CloudWatch Logs holds no REPORT line of the run)`,
    )
  })

  it('the bill of REPORT lines that all arrived is their Billed Durations, INIT included', () => {
    const samples = responses(512, 3)
    const lines = reportsOf(samples, 100)
    const bill = aggregateTuningCost([{ memory: 512, alias: qualifier({ expected: 3, avg: 100, reports: lines }), cold: [] }], US_EAST_X86)
    expect(bill.usd).toBeCloseTo(lines.reduce((sum, l) => sum + cost(512, l.billedDurationMs!), 0), 15)
  })
})
