import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ExecutionEngine, FunctionSnapshot, InvokeOutcome, InvokeRequest, LogEvent } from '../types.js'
import { Admission, type Reservation } from './admission.js'
import { Cgroups, isAlive } from './cgroups.js'
import { Environment, type EnvironmentDeps, type InitResult } from './environment.js'
import { MB_PER_VCPU } from '../../core/cost/limits.js'
import { logStreamName, PlatformLog } from './log-format.js'
import { initFailureOutcome, invokeOutcome } from './outcome.js'
import { RuntimeError, runtimeCommand } from './runtimes.js'

export { MB_PER_VCPU }

/** cores kept free of environments by default, for the emulator's HTTP path and the clients on the same host */
export const HOST_RESERVE_CORES = 0.5

export interface EngineOptions {
  /** host cores that stand for one Lambda vCPU (default 1) */
  coresPerVcpu?: number
  /**
   * cores the running environments may use together (default: the host's cores less HOST_RESERVE_CORES, at least 1):
   * the emulator's own process and its clients (the SDK calls of a sweep) need CPU too, and an environment that had
   * to share its cores with them would measure slower than it does alone
   */
  maxCores?: number
  /** an idle environment is stopped after this long (default 10 minutes) */
  idleTimeoutMs?: number
  /** parent folder of the environments' private TMPDIRs (default: the OS temp folder) */
  tmpRoot?: string
  /** how the CPU share is enforced: cgroup v1 cpu quota, SIGSTOP/SIGCONT duty cycling, or not at all (default auto) */
  cpuLimit?: 'auto' | 'cgroup' | 'signals' | 'none'
  /** how the memory limit is enforced: cgroup v1 memory limit, polling the resident size, or not at all (default auto) */
  memoryLimit?: 'auto' | 'cgroup' | 'poll' | 'none'
  /**
   * CFS period for the CPU quota and the duty cycle, µs (default 20,000). Each invoke starts with a full quota and
   * is then held to it period by period, so a Duration comes out in steps of one period: short periods keep that
   * rounding small. 20 ms still gives 128 MB (0.072 vCPU) the kernel's minimum quota of 1 ms.
   */
  cfsPeriodUs?: number
  /** freeze environments between invokes (default true) */
  freeze?: boolean
  /** INIT longer than this fails with Sandbox.Timedout (default 10 s, Lambda's limit) */
  initTimeoutMs?: number
  /** cgroup v1 mount point (default /sys/fs/cgroup) */
  cgroupRoot?: string
  /** python interpreter for python3.x (default: python3 on the PATH, resolved to its real executable) */
  python?: string
  /** INIT output of provisioned environments, which no invoke carries */
  onProvisionedInit?: (snapshot: FunctionSnapshot, logStream: string, events: LogEvent[]) => void
}

export interface EngineStatus {
  cpuLimit: 'cgroup' | 'signals' | 'none'
  memoryLimit: 'cgroup' | 'poll' | 'none'
  maxCores: number
  coresInUse: number
  /** the most cores reserved at once so far */
  peakCores: number
  /** invokes queued now for their CPU share, and how many had to wait so far */
  waiting: number
  waited: number
}

interface HandoffWaiter {
  env?: Environment
  resolve: () => void
}

interface Lease {
  env: Environment
  init?: InitResult
}

/** The execution engine: pools environments by snapshot.revisionKey and runs invokes in them. */
export class LocalEngine implements ExecutionEngine {
  private readonly pools = new Map<string, Environment[]>()
  /** invokes waiting for admission, by pool, that a running environment can be handed to */
  private readonly waiting = new Map<string, HandoffWaiter[]>()
  private readonly all = new Set<Environment>()
  private readonly cleanups = new Set<Promise<void>>()
  private readonly admission: Admission
  /** the last Duration by pool: admission's estimate of the next invoke (see Admission on backfilling) */
  private readonly lastDurationMs = new Map<string, number>()
  private readonly ready: Promise<void>
  private readonly engineId = `e${process.pid}-${randomBytes(4).toString('hex')}`
  private readonly tmpDir: string
  private readonly opts: Required<Omit<EngineOptions, 'python' | 'onProvisionedInit'>> & Pick<EngineOptions, 'onProvisionedInit'>
  private deps?: EnvironmentDeps
  private python = 'python3'
  private stopped = false
  private readonly killOnExit = (): void => {
    for (const env of this.all) env.kill()
  }

  constructor(options: EngineOptions = {}) {
    const hostCores = os.availableParallelism()
    this.opts = {
      coresPerVcpu: options.coresPerVcpu ?? 1,
      maxCores: Math.min(options.maxCores ?? Math.max(1, hostCores - HOST_RESERVE_CORES), hostCores),
      idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
      tmpRoot: options.tmpRoot ?? os.tmpdir(),
      cpuLimit: options.cpuLimit ?? 'auto',
      memoryLimit: options.memoryLimit ?? 'auto',
      cfsPeriodUs: options.cfsPeriodUs ?? 20_000,
      freeze: options.freeze ?? true,
      initTimeoutMs: options.initTimeoutMs ?? 10_000,
      cgroupRoot: options.cgroupRoot ?? '/sys/fs/cgroup',
      onProvisionedInit: options.onProvisionedInit,
    }
    this.admission = new Admission(this.opts.maxCores)
    this.tmpDir = path.join(this.opts.tmpRoot, `lambda-tune-${this.engineId}`)
    process.on('exit', this.killOnExit)
    this.ready = this.setup(options.python)
    this.ready.catch(() => undefined)
  }

  private async setup(python: string | undefined): Promise<void> {
    const { cpuLimit, memoryLimit } = this.opts
    const cgroups = await Cgroups.open(this.opts.cgroupRoot, this.engineId, {
      cpu: cpuLimit === 'auto' || cpuLimit === 'cgroup',
      memory: memoryLimit === 'auto' || memoryLimit === 'cgroup',
    })
    if (cpuLimit === 'cgroup' && !cgroups.support.cpu) throw new Error(`cgroup v1 cpu controller is not writable under ${this.opts.cgroupRoot}`)
    if (memoryLimit === 'cgroup' && !cgroups.support.memory) throw new Error(`cgroup v1 memory controller is not writable under ${this.opts.cgroupRoot}`)
    await removeStaleTmp(this.opts.tmpRoot)
    await mkdir(this.tmpDir, { recursive: true })
    this.python = python ?? (await resolvePython())
    const engine = this
    this.deps = {
      cgroups,
      tmpRoot: this.tmpDir,
      periodUs: this.opts.cfsPeriodUs,
      initTimeoutMs: this.opts.initTimeoutMs,
      freeze: this.opts.freeze,
      cpuLimit: cgroups.support.cpu ? 'cgroup' : cpuLimit === 'none' ? 'none' : 'signals',
      memoryLimit: cgroups.support.memory ? 'cgroup' : memoryLimit === 'none' ? 'none' : 'poll',
      region: 'us-east-1',
      pathDirs: [...new Set([path.dirname(process.execPath), path.dirname(this.python)])].filter((d) => d !== '.'),
      onIdle: (env) => engine.onIdle(env),
      onReleasing: (env) => engine.onReleasing(env),
      onExit: (env) => engine.onExit(env),
    }
  }

  /** how limits are enforced and how much CPU is reserved right now (after the first invoke or `status()` call) */
  async status(): Promise<EngineStatus> {
    await this.ready
    return {
      cpuLimit: this.deps!.cpuLimit,
      memoryLimit: this.deps!.memoryLimit,
      maxCores: this.opts.maxCores,
      coresInUse: this.admission.inUse,
      peakCores: this.admission.peak,
      waiting: this.admission.waiting,
      waited: this.admission.waited,
    }
  }

  /** how long an invoke of this snapshot is expected to run: its last Duration, else its timeout */
  private expectedMs(snapshot: FunctionSnapshot): number {
    return this.lastDurationMs.get(snapshot.revisionKey) ?? snapshot.timeout * 1000
  }

  /** cores an environment of this snapshot is given: memory / 1,769 MB vCPU, capped at the cores available */
  shareOf(snapshot: FunctionSnapshot): number {
    return Math.min(this.opts.maxCores, (snapshot.memorySize / MB_PER_VCPU) * this.opts.coresPerVcpu)
  }

  /** process ids of the runtimes alive now (for tests that check nothing is left behind) */
  pids(functionName?: string): number[] {
    return [...this.all].filter((e) => e.pid && (functionName === undefined || e.snapshot.functionName === functionName)).map((e) => e.pid)
  }

  environmentCount(functionName: string): number {
    let n = 0
    for (const env of this.all) if (env.state !== 'dead' && env.snapshot.functionName === functionName) n++
    return n
  }

  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    await this.ready
    this.assertRunning()
    const { snapshot } = request
    for (let attempt = 0; ; attempt++) {
      const { env, init } = await this.lease(snapshot)
      if (init && !init.ok) {
        void this.discard(env)
        return initFailureOutcome(request, env, init)
      }
      if (env.reservation) this.admission.expect(env.reservation, this.expectedMs(snapshot))
      const raw = await env.deliver(request)
      if (raw.kind === 'response' || raw.kind === 'error') this.lastDurationMs.set(snapshot.revisionKey, raw.durationMs)
      // a warm environment may die between its last answer and this event (its runtime exited after an uncaught
      // exception): the event never reached it, so it runs in another environment
      if (raw.undelivered && attempt < 3 && !this.stopped) continue
      return invokeOutcome(request, env, raw, init)
    }
  }

  async provision(snapshot: FunctionSnapshot, count: number): Promise<void> {
    await this.ready
    this.assertRunning()
    const pool = this.pool(snapshot.revisionKey)
    const have = pool.filter((e) => e.provisioned && e.state !== 'dead')
    for (const extra of have.slice(count)) {
      extra.provisioned = false
      if (isSpare(extra)) void this.discard(extra)
      else extra.retired = true
    }
    const share = this.shareOf(snapshot)
    const starts: Promise<void>[] = []
    for (let i = have.length; i < count; i++) {
      starts.push(
        (async () => {
          const reservation = await this.admission.enqueue(share, snapshot.timeout * 1000).granted
          if (this.stopped) {
            this.admission.release(reservation)
            throw new Error('the execution engine is stopped')
          }
          const env = await this.spawn(snapshot, share, reservation, true)
          const init = await env.start()
          if (!init.ok) {
            this.discard(env)
            throw new Error(`${init.errorType}: ${errorMessageOf(init.body)}`)
          }
          this.opts.onProvisionedInit?.(snapshot, env.logStream, [
            new PlatformLog(snapshot).initStart(env.spawnedAt, env.runtimeVersion, 'provisioned-concurrency'),
            ...init.logs,
          ])
          env.claimed = false
          this.onIdle(env)
        })(),
      )
    }
    const results = await Promise.allSettled(starts)
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
  }

  async deprovision(snapshot: FunctionSnapshot): Promise<void> {
    for (const env of [...(this.pools.get(snapshot.revisionKey) ?? [])]) {
      if (!env.provisioned) continue
      env.provisioned = false
      if (isSpare(env)) void this.discard(env)
      else env.retired = true
    }
  }

  async retire(functionName: string, version?: string): Promise<void> {
    const waits: Promise<void>[] = []
    for (const env of [...this.all]) {
      if (env.snapshot.functionName !== functionName) continue
      if (version !== undefined && env.snapshot.version !== version) continue
      env.retired = true
      if (isSpare(env)) waits.push(this.discard(env))
    }
    await Promise.all(waits)
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    process.off('exit', this.killOnExit)
    try {
      await this.ready
    } catch {
      return
    }
    for (const env of [...this.all]) void this.discard(env)
    this.admission.clear()
    while (this.cleanups.size > 0) await Promise.allSettled([...this.cleanups])
    await this.deps!.cgroups.close()
    await rm(this.tmpDir, { recursive: true, force: true })
  }

  // ---- leasing environments ------------------------------------------------------------------------------

  private assertRunning(): void {
    if (this.stopped) throw new Error('the execution engine is stopped')
  }

  private pool(revisionKey: string): Environment[] {
    let pool = this.pools.get(revisionKey)
    if (!pool) {
      pool = []
      this.pools.set(revisionKey, pool)
    }
    return pool
  }

  /**
   * A warm environment if there is one, else a new one (a cold start). An environment that has just answered and
   * is about to ask for its next event is taken as it is (it still holds its CPU share); a frozen one needs its
   * share admitted first; a new one too, for its INIT.
   */
  private async lease(snapshot: FunctionSnapshot): Promise<Lease> {
    const pool = this.pool(snapshot.revisionKey)
    const releasing = pick(pool, 'releasing')
    if (releasing) {
      if (!releasing.reservation || this.admission.mayGoOn(releasing.reservation, this.expectedMs(snapshot), snapshot.revisionKey)) {
        return { env: releasing }
      }
      // it goes idle and gives its share back; this invoke queues for it like any other
      releasing.claimed = false
    }
    const share = this.shareOf(snapshot)
    // a cold start's INIT is not known beforehand: it counts as the whole timeout
    const warmOne = pool.some((e) => isFree(e, 'idle'))
    const ticket = this.admission.enqueue(share, warmOne ? this.expectedMs(snapshot) : snapshot.timeout * 1000, snapshot.revisionKey)
    // while the share waits for admission, an environment of this pool that finishes its invoke is handed over
    // directly: it keeps running (and keeps its share) instead of being frozen and thawed again
    const waiter: HandoffWaiter = { resolve: () => undefined }
    const handedOver = new Promise<void>((resolve) => (waiter.resolve = resolve))
    this.handoffs(snapshot.revisionKey).push(waiter)
    const reservation = await Promise.race([ticket.granted, handedOver.then(() => undefined)])
    const queue = this.waiting.get(snapshot.revisionKey)
    const at = queue?.indexOf(waiter) ?? -1
    if (at >= 0) queue!.splice(at, 1)
    if (queue?.length === 0) this.waiting.delete(snapshot.revisionKey)
    if (waiter.env) {
      if (!ticket.cancel()) void ticket.granted.then((r) => this.admission.release(r))
      return { env: waiter.env }
    }
    const granted = reservation ?? (await ticket.granted)
    if (this.stopped) {
      this.admission.release(granted)
      this.assertRunning()
    }
    const warm = pick(pool, 'idle') ?? pick(pool, 'releasing')
    if (warm) {
      if (warm.reservation) this.admission.release(granted)
      else warm.reservation = granted
      return { env: warm }
    }
    let env: Environment
    try {
      env = await this.spawn(snapshot, share, granted, false)
    } catch (err) {
      this.admission.release(granted)
      if (err instanceof RuntimeError) return { env: this.deadEnvironment(snapshot, share), init: initError(err) }
      throw err
    }
    const init = await env.start()
    return { env, init }
  }

  private async spawn(snapshot: FunctionSnapshot, share: number, reservation: Reservation, provisioned: boolean): Promise<Environment> {
    const runtime = await runtimeCommand(snapshot, this.python)
    this.assertRunning()
    const hex = randomBytes(16).toString('hex')
    const deps = { ...this.deps!, region: regionOf(snapshot.functionArn) }
    const env = new Environment(`env-${hex.slice(0, 12)}`, snapshot, share, provisioned, logStreamName(Date.now(), snapshot.version, hex), runtime, deps)
    env.claimed = true
    env.reservation = reservation
    this.pool(snapshot.revisionKey).push(env)
    this.all.add(env)
    return env
  }

  /** stands in for an environment that could not even start (no bootstrap, unknown runtime) */
  private deadEnvironment(snapshot: FunctionSnapshot, share: number): Environment {
    const env = new Environment('env-none', snapshot, share, false, logStreamName(Date.now(), snapshot.version, randomBytes(16).toString('hex')), { command: '', args: [], runtimeVersion: snapshot.runtime }, this.deps!)
    env.state = 'dead'
    return env
  }

  private handoffs(revisionKey: string): HandoffWaiter[] {
    let queue = this.waiting.get(revisionKey)
    if (!queue) {
      queue = []
      this.waiting.set(revisionKey, queue)
    }
    return queue
  }

  /** gives a running environment that has nothing to do to an invoke of its pool that waits for admission */
  private handOver(env: Environment): boolean {
    if (env.claimed || env.retired || this.stopped || !env.reservation) return false
    // first come, first served: when another pool has waited longest, this share goes back to admission instead
    if (this.admission.headTag() !== env.snapshot.revisionKey) return false
    const queue = this.waiting.get(env.snapshot.revisionKey)
    const waiter = queue?.find((w) => !w.env)
    if (!waiter) return false
    env.claimed = true
    waiter.env = env
    waiter.resolve()
    return true
  }

  private onReleasing(env: Environment): void {
    this.handOver(env)
  }

  private onIdle(env: Environment): void {
    if (env.claimed || this.handOver(env)) return
    if (env.retired || this.stopped) {
      void this.discard(env)
      return
    }
    env.freeze()
    this.releaseShare(env)
    if (env.provisioned) return
    clearTimeout(env.idleTimer)
    env.idleTimer = setTimeout(() => {
      if (env.state === 'idle' && !env.claimed) void this.discard(env)
    }, this.opts.idleTimeoutMs)
    env.idleTimer.unref()
  }

  private onExit(env: Environment): void {
    void this.discard(env)
  }

  private releaseShare(env: Environment): void {
    if (!env.reservation) return
    this.admission.release(env.reservation)
    env.reservation = undefined
  }

  private discard(env: Environment): Promise<void> {
    this.releaseShare(env)
    const pool = this.pools.get(env.snapshot.revisionKey)
    if (pool) {
      const i = pool.indexOf(env)
      if (i >= 0) pool.splice(i, 1)
      if (pool.length === 0) this.pools.delete(env.snapshot.revisionKey)
    }
    if (!this.all.delete(env)) return Promise.resolve()
    const cleanup = env.destroy().finally(() => this.cleanups.delete(cleanup))
    this.cleanups.add(cleanup)
    return cleanup
  }
}

/** idle, or done with its invoke and not yet asking for the next: nothing is lost by stopping it now */
function isSpare(env: Environment): boolean {
  return (env.state === 'idle' || env.state === 'releasing') && !env.claimed
}

/** in that state, and neither promised to an invoke nor retired */
function isFree(env: Environment, state: 'idle' | 'releasing'): boolean {
  return env.state === state && !env.claimed && !env.retired
}

function pick(pool: Environment[], state: 'idle' | 'releasing'): Environment | undefined {
  // the most recently used first, so that surplus environments go idle and are reaped
  for (let i = pool.length - 1; i >= 0; i--) {
    const env = pool[i]!
    if (isFree(env, state)) {
      env.claimed = true
      return env
    }
  }
  return undefined
}

function initError(err: RuntimeError): InitResult {
  const body = Buffer.from(JSON.stringify({ errorType: err.errorType, errorMessage: err.message }))
  return { ok: false, initDurationMs: 0, logs: [], errorType: err.errorType, body, status: 'error' }
}

function errorMessageOf(body: Buffer | undefined): string {
  try {
    const parsed = JSON.parse(body?.toString('utf8') ?? '') as { errorMessage?: unknown }
    return String(parsed.errorMessage ?? '')
  } catch {
    return ''
  }
}

function regionOf(arn: string): string {
  return arn.split(':')[3] || 'us-east-1'
}

/** TMPDIRs left by engines whose process is gone (killed before stop()) */
async function removeStaleTmp(tmpRoot: string): Promise<void> {
  const names = await readdir(tmpRoot).catch(() => [] as string[])
  for (const name of names) {
    const pid = Number(/^lambda-tune-e(\d+)-[0-9a-f]{8}$/.exec(name)?.[1])
    if (!pid || isAlive(pid)) continue
    await rm(path.join(tmpRoot, name), { recursive: true, force: true }).catch(() => undefined)
  }
}

async function resolvePython(): Promise<string> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', 'import sys; print(sys.executable)'], { timeout: 10_000 }, (err, stdout) => {
      resolve(err ? 'python3' : stdout.trim() || 'python3')
    })
  })
}
