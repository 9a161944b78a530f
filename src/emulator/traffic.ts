import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { InvokeResponse } from './lambda/invoke.js'
import type { FunctionRef } from './lambda/names.js'

/**
 * Traffic from inside the emulator: invokes of a function (or an alias or version) arriving at a rate, as production
 * requests would, so that `canary`, `report` and `recommend` have something real to read. Arrivals are a Poisson
 * process (independent, exponentially spaced, seeded), so the count per period varies as real traffic does; they are
 * open-loop: a slow function does not slow the arrivals down, it runs more invokes at once (and is throttled at the
 * account's limit, as on Lambda). A qualifier that does not exist yet is tried again at each arrival until it does.
 */
export interface TrafficSpec {
  functionName: string
  qualifier?: string
  /** invokes per second */
  rate: number
  /** the payload of every invoke (JSON); `{}` when absent */
  payload?: Buffer
  /** where the payload was read from, for messages */
  payloadFile?: string
}

export interface TrafficStats {
  target: string
  rate: number
  /** arrivals so far */
  sent: number
  ok: number
  /** invokes whose function failed (X-Amz-Function-Error) */
  functionErrors: number
  throttled: number
  /** arrivals whose function or qualifier did not exist (yet) */
  missing: number
  /** any other refusal (e.g. the emulator stopping) */
  failed: number
}

/** `<function>[:<qualifier>]=<rate>/s[,<payload file>]`; the payload file is read by the caller. */
export function parseTrafficSpec(text: string): Omit<TrafficSpec, 'payload'> {
  const m = /^([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?=([0-9]*\.?[0-9]+)\/(s|sec|min)(?:,(.+))?$/.exec(text.trim())
  if (!m) {
    throw new Error(`--traffic '${text}' is not <function>[:<qualifier>]=<rate>/s[,<payload file>] (e.g. cpu-hash:live=20/s)`)
  }
  const rate = Number(m[3]) / (m[4] === 'min' ? 60 : 1)
  if (!(rate > 0 && rate <= 10_000)) throw new Error(`--traffic '${text}': the rate must be above 0 and at most 10000/s`)
  return {
    functionName: m[1]!,
    ...(m[2] !== undefined ? { qualifier: m[2] } : {}),
    rate,
    ...(m[5] !== undefined ? { payloadFile: m[5] } : {}),
  }
}

type Invoke = (ref: FunctionRef, headers: IncomingHttpHeaders, payload: Buffer, requestId: string) => Promise<InvokeResponse>

/** Invokes in flight per stream before arrivals are dropped (counted as failed): a bound on what a stuck function can pile up. */
const MAX_IN_FLIGHT = 1000

export class TrafficGenerator {
  readonly stats: TrafficStats[]
  private readonly inFlight = new Set<Promise<void>>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(
    private readonly specs: readonly TrafficSpec[],
    private readonly invoke: Invoke,
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.stats = specs.map((s) => ({
      target: s.qualifier ? `${s.functionName}:${s.qualifier}` : s.functionName,
      rate: s.rate,
      sent: 0,
      ok: 0,
      functionErrors: 0,
      throttled: 0,
      missing: 0,
      failed: 0,
    }))
  }

  start(): void {
    this.specs.forEach((spec, i) => this.schedule(spec, this.stats[i]!, this.now()))
  }

  /** No arrival after this; resolves when the invokes in flight have answered. */
  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    await Promise.allSettled([...this.inFlight])
  }

  private schedule(spec: TrafficSpec, stats: TrafficStats, from: number): void {
    if (this.stopped) return
    // exponential gaps: a Poisson process of the spec's rate; the next arrival is due from the last one, not from now,
    // so the rate holds even when a timer fires late
    const due = from + (-Math.log(1 - this.random()) / spec.rate) * 1000
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (this.stopped) return
      this.arrive(spec, stats)
      this.schedule(spec, stats, due)
    }, Math.max(0, due - this.now()))
    timer.unref()
    this.timers.add(timer)
  }

  private arrive(spec: TrafficSpec, stats: TrafficStats): void {
    stats.sent++
    if (this.inFlight.size >= MAX_IN_FLIGHT * this.specs.length) {
      stats.failed++
      return
    }
    const ref: FunctionRef = { name: spec.functionName, ...(spec.qualifier !== undefined ? { qualifier: spec.qualifier } : {}) }
    const job = this.invoke(ref, {}, spec.payload ?? Buffer.from('{}'), randomUUID())
      .then((res) => {
        if (res.headers['X-Amz-Function-Error']) stats.functionErrors++
        else stats.ok++
      })
      .catch((err: { code?: string }) => {
        if (err.code === 'TooManyRequestsException') stats.throttled++
        else if (err.code === 'ResourceNotFoundException') stats.missing++
        else stats.failed++
      })
      .finally(() => this.inFlight.delete(job))
    this.inFlight.add(job)
  }
}
