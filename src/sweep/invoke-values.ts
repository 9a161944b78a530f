import { ExitCode, UserError } from '../core/errors.js'
import { parseReport } from '../core/report-log.js'
import type { SweepPlan } from '../core/sweep/plan.js'
import type { LambdaPort } from '../core/sweep/port.js'
import type { InvokeSample } from '../core/sweep/types.js'

/** Retries of one throttled invoke before it is recorded as a TooManyRequestsException error. */
const MAX_THROTTLE_RETRIES = 8

export interface InvokeIo {
  signal: AbortSignal
  now(): number
  sleep(ms: number): Promise<void>
  /** jitter for the throttle backoff */
  random(): number
  onSample(sample: InvokeSample, doneForValue: number, totalForValue: number): void
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'Interrupted'
  }
}

interface Job {
  memory: number
  qualifier: string
  phase: InvokeSample['phase']
  payload: number
}

/**
 * Invokes every value's alias (warm-up first, then the measured invokes, then one invoke of each fresh cold-start
 * version), `concurrency` at a time per value, the values in parallel unless serial.
 */
export async function invokeValues(
  port: LambdaPort,
  plan: SweepPlan,
  coldVersions: ReadonlyMap<number, string[]>,
  io: InvokeIo,
): Promise<InvokeSample[]> {
  const payloadTexts = plan.payloads.map((p) => JSON.stringify(p.payload))
  const samples: InvokeSample[] = []
  // One failure stops every value's invokes, so that nothing still runs while the run's versions are deleted.
  const stop = new AbortController()
  const signal = AbortSignal.any([io.signal, stop.signal])
  const guarded = { ...io, signal }
  const errors: unknown[] = []
  const settle = async (work: Promise<void>) => {
    try {
      await work
    } catch (err) {
      errors.push(err)
      stop.abort()
    }
  }
  const order = plan.payloadOrder
  const runValue = async (memory: number, alias: string) => {
    const at = (i: number) => order[i % order.length] ?? 0
    const warmup: Job[] = Array.from({ length: plan.warmup }, (_, i) => ({ memory, qualifier: alias, phase: 'warmup', payload: at(i) }))
    const measure: Job[] = order.map((payload) => ({ memory, qualifier: alias, phase: 'measure', payload }))
    const cold: Job[] = (coldVersions.get(memory) ?? []).map((version, i) => ({ memory, qualifier: version, phase: 'cold', payload: at(i) }))
    const total = warmup.length + measure.length + cold.length
    let done = 0
    for (const jobs of [warmup, measure, cold]) {
      await pool(jobs, plan.concurrency, async (job) => {
        const sample = await invokeOnce(port, plan.functionName, job, payloadTexts[job.payload] ?? '{}', guarded)
        samples.push(sample)
        io.onSample(sample, ++done, total)
      })
    }
  }
  if (plan.serial) {
    for (const v of plan.values) if (errors.length === 0) await settle(runValue(v.memory, v.alias))
  } else {
    await Promise.all(plan.values.map((v) => settle(runValue(v.memory, v.alias))))
  }
  if (errors.length > 0) throw errors.find((e) => !(e instanceof Interrupted)) ?? errors[0]
  return samples
}

async function invokeOnce(port: LambdaPort, functionName: string, job: Job, payload: string, io: InvokeIo): Promise<InvokeSample> {
  let throttles = 0
  for (let attempt = 0; ; attempt++) {
    if (io.signal.aborted) throw new Interrupted()
    const started = io.now()
    let r
    try {
      r = await port.invoke({ functionName, qualifier: job.qualifier, payload, signal: io.signal })
    } catch (err) {
      if (io.signal.aborted) throw new Interrupted()
      throw err
    }
    const latencyMs = io.now() - started
    if (r.throttled) {
      throttles += r.attempts
      if (attempt >= MAX_THROTTLE_RETRIES) {
        return { memory: job.memory, phase: job.phase, coldStart: false, payload: job.payload, status: 'error', errorType: 'TooManyRequestsException', latencyMs, throttles }
      }
      // Exponential backoff with jitter: 100 ms, 200 ms, ... capped at 5 s.
      await io.sleep(Math.min(5000, 100 * 2 ** attempt) * (0.5 + io.random() / 2))
      continue
    }
    throttles += r.attempts - 1
    const report = r.logResult ? parseReport(r.logResult) : undefined
    // Without a REPORT line there is no duration, no billed time and no cold-start flag: nothing the sweep could claim.
    if (!report) {
      throw new UserError(
        `Invoke of ${functionName}:${job.qualifier} returned ${r.logResult ? 'a log tail without a REPORT line' : 'no log tail'}, so nothing was measured (a JSON log format whose system log level filters platform.report, or an endpoint that returns no tail)`,
        ExitCode.runFailed,
      )
    }
    const status: InvokeSample['status'] =
      report?.status === 'timeout' ? 'timeout' : r.functionError || report?.status === 'error' ? 'error' : 'success'
    const errorType = status === 'success' ? undefined : (payloadErrorType(r.payload) ?? report?.errorType ?? (status === 'timeout' ? 'Sandbox.Timedout' : r.functionError))
    return {
      memory: job.memory,
      phase: job.phase,
      coldStart: report?.initDurationMs !== undefined,
      payload: job.payload,
      ...(report?.durationMs !== undefined ? { durationMs: report.durationMs } : {}),
      ...(report?.billedDurationMs !== undefined ? { billedDurationMs: report.billedDurationMs } : {}),
      ...(report?.initDurationMs !== undefined ? { initDurationMs: report.initDurationMs } : {}),
      ...(report?.maxMemoryUsedMB !== undefined ? { maxMemoryUsedMB: report.maxMemoryUsedMB } : {}),
      status,
      ...(errorType ? { errorType } : {}),
      latencyMs,
      throttles,
    }
  }
}

function payloadErrorType(payload: string): string | undefined {
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown }
    return typeof parsed?.errorType === 'string' ? parsed.errorType : undefined
  } catch {
    return undefined
  }
}

/** Runs `work` over the items, `size` at a time; after a failure no new item starts, and all running ones settle. */
async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { err: unknown } | undefined
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        await work(items[next++]!)
      } catch (err) {
        failure ??= { err }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, size), items.length) }, worker))
  if (failure) throw failure.err
}
