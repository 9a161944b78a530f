import { setMaxListeners } from 'node:events'
import { ExitCode, UserError } from '../core/errors.js'
import { parseReport } from '../core/report-log.js'
import type { SweepPlan } from '../core/sweep/plan.js'
import type { LambdaPort } from '../core/sweep/port.js'
import type { InvokeSample } from '../core/sweep/types.js'
import { Interrupted } from './run-outcome.js'

/** Retries of one throttled invoke before it is recorded as a TooManyRequestsException error. */
const MAX_THROTTLE_RETRIES = 8

export interface InvokeIo {
  signal: AbortSignal
  now(): number
  sleep(ms: number): Promise<void>
  /** jitter for the throttle backoff */
  random(): number
  /** after each invoke: how many of the value's invokes this round are done, of how many */
  onSample(sample: InvokeSample, doneForValue: number, totalForValue: number): void
  /**
   * An invoke whose log tail held no REPORT line. Without this hook the run fails (exit 4: nothing was measured); with
   * it the sample is kept without the REPORT line's figures, and the run measures from CloudWatch (cloudwatch-source.ts).
   */
  onNoReport?(qualifier: string, hadTail: boolean): void
}

interface Job {
  memory: number
  qualifier: string
  phase: InvokeSample['phase']
  payload: number
}

/** What a value has been invoked with so far, across rounds. */
export interface InvokeProgress {
  warmedUp: Set<number>
  measured: Map<number, number>
}

export function newProgress(): InvokeProgress {
  return { warmedUp: new Set(), measured: new Map() }
}

/**
 * One round: invokes each value's alias until it has made `targets` measured invokes (its warm-up first, on its first
 * round), `concurrency` at a time per value. Values run in parallel, or with `serial` in turns, one batch of
 * `concurrency` invokes each, so that drift of the host or of a downstream hits every value alike either way.
 */
export async function invokeRound(
  port: LambdaPort,
  plan: SweepPlan,
  targets: ReadonlyMap<number, number>,
  progress: InvokeProgress,
  io: InvokeIo,
): Promise<InvokeSample[]> {
  const queues = new Map<number, Job[]>()
  // A value's first invokes start its execution environments: cold starts, whose INIT burns CPU. They go first, all
  // of them, before any warm invoke is measured, so that no value's warm durations share the host with other values'
  // cold starts (seen in the emulator as first rounds up to twice as slow, which biased the values dropped early).
  const starts = new Map<number, Job[]>()
  for (const v of plan.values) {
    const target = targets.get(v.memory)
    if (target === undefined) continue
    const jobs: Job[] = []
    const fresh = !progress.warmedUp.has(v.memory)
    if (fresh) {
      for (let i = 0; i < plan.warmup; i++) jobs.push({ memory: v.memory, qualifier: v.alias, phase: 'warmup', payload: payloadAt(plan, i) })
      progress.warmedUp.add(v.memory)
    }
    for (let i = progress.measured.get(v.memory) ?? 0; i < target; i++) {
      jobs.push({ memory: v.memory, qualifier: v.alias, phase: 'measure', payload: payloadAt(plan, i) })
    }
    progress.measured.set(v.memory, Math.max(target, progress.measured.get(v.memory) ?? 0))
    if (fresh) starts.set(v.memory, jobs.splice(0, plan.concurrency))
    queues.set(v.memory, jobs)
  }
  const started = starts.size ? await runJobs(port, plan, starts, io) : []
  return [...started, ...(await runJobs(port, plan, queues, io))]
}

/** The forced cold starts: one invoke of each fresh version, after the measured rounds. */
export async function invokeColdVersions(
  port: LambdaPort,
  plan: SweepPlan,
  coldVersions: ReadonlyMap<number, string[]>,
  io: InvokeIo,
): Promise<InvokeSample[]> {
  const queues = new Map<number, Job[]>()
  for (const [memory, versions] of coldVersions) {
    if (versions.length) queues.set(memory, versions.map((version, i) => ({ memory, qualifier: version, phase: 'cold', payload: payloadAt(plan, i) })))
  }
  return runJobs(port, plan, queues, io)
}

function payloadAt(plan: SweepPlan, i: number): number {
  const order = plan.payloadOrder
  return order.length ? (order[i % order.length] ?? 0) : 0
}

async function runJobs(port: LambdaPort, plan: SweepPlan, queues: ReadonlyMap<number, Job[]>, io: InvokeIo): Promise<InvokeSample[]> {
  const payloadTexts = plan.payloads.map((p) => JSON.stringify(p.payload))
  const samples: InvokeSample[] = []
  // One failure stops every value's invokes, so that nothing still runs while the run's versions are deleted.
  const stop = new AbortController()
  const signal = AbortSignal.any([io.signal, stop.signal])
  // Each invoke in flight adds the SDK's abort listener to this signal until it settles: values x concurrency of them
  // at once, beyond Node's default warning level of 10 with `--memory all`. That many is expected, not a leak.
  setMaxListeners(Math.max(10, (plan.serial ? 1 : queues.size) * plan.concurrency + 1), signal)
  const guarded = { ...io, signal }
  const errors: unknown[] = []
  const totals = new Map([...queues].map(([m, jobs]) => [m, jobs.length]))
  const done = new Map<number, number>()
  const run = async (job: Job) => {
    const sample = await invokeOnce(port, plan.functionName, job, payloadTexts[job.payload] ?? '{}', guarded)
    samples.push(sample)
    const n = (done.get(job.memory) ?? 0) + 1
    done.set(job.memory, n)
    io.onSample(sample, n, totals.get(job.memory) ?? n)
  }
  const settle = async (work: Promise<void>) => {
    try {
      await work
    } catch (err) {
      errors.push(err)
      stop.abort()
    }
  }
  if (plan.serial) {
    // in turns: one batch of `concurrency` invokes per value, value after value, until every queue is empty
    const pending = new Map([...queues].map(([m, jobs]) => [m, [...jobs]]))
    while (errors.length === 0 && [...pending.values()].some((q) => q.length > 0)) {
      for (const q of pending.values()) {
        if (errors.length > 0 || q.length === 0) continue
        await settle(pool(q.splice(0, plan.concurrency), plan.concurrency, run))
      }
    }
  } else {
    await Promise.all([...queues.values()].map((jobs) => settle(pool(jobs, plan.concurrency, run))))
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
      if (!io.onNoReport) {
        throw new UserError(
          `Invoke of ${functionName}:${job.qualifier} returned ${r.logResult ? 'a log tail without a REPORT line' : 'no log tail'}, so nothing was measured (a JSON log format whose system log level filters platform.report, or an endpoint that returns no tail); --source auto measures from CloudWatch instead`,
          ExitCode.runFailed,
        )
      }
      io.onNoReport(job.qualifier, r.logResult !== undefined)
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
      ...(r.requestId ? { requestId: r.requestId } : {}),
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
