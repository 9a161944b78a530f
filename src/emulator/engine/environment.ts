import type { Reservation } from './admission.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, rm } from 'node:fs/promises'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import net, { type AddressInfo } from 'node:net'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { FunctionSnapshot, InvokeRequest, LogEvent } from '../types.js'
import { periodFor, quotaUs, wrapCommand, type Cgroups } from './cgroups.js'
import { ProcessLimits } from './limits.js'
import { busyDurationMs, hostClock, type ThreadClock } from './schedstat.js'
import type { RuntimeCommand } from './runtimes.js'

const API = '/2018-06-01/runtime'
const MAX_RESPONSE_BYTES = 6 * 1024 * 1024
const MB = 1024 * 1024

export type EnvState = 'init' | 'idle' | 'busy' | 'releasing' | 'dead'

export interface EnvironmentDeps {
  cgroups: Cgroups
  tmpRoot: string
  periodUs: number
  initTimeoutMs: number
  freeze: boolean
  cpuLimit: 'cgroup' | 'signals' | 'none'
  memoryLimit: 'cgroup' | 'poll' | 'none'
  region: string
  /** folders of the host's node and python3, put on the runtime's PATH */
  pathDirs: string[]
  /** the runtime asked for the next event and none is queued: the engine freezes it or hands it work */
  onIdle(env: Environment): void
  /** the environment answered its invoke and will ask for the next one: it can be handed straight to a waiting invoke */
  onReleasing(env: Environment): void
  /** the process is gone (after any invoke it was running has been settled) */
  onExit(env: Environment): void
}

export interface InitResult {
  ok: boolean
  initDurationMs: number
  /** the runtime's own output during INIT */
  logs: LogEvent[]
  errorType?: string
  /** the error payload the runtime posted to /runtime/init/error, or one the engine made */
  body?: Buffer
  status?: 'error' | 'timeout'
}

export interface RawResult {
  kind: 'response' | 'error' | 'timeout' | 'exit'
  body: Buffer
  errorType?: string
  /** for kind 'exit': `signal: killed`, `exit status 1` */
  reason?: string
  oom?: boolean
  /** the process died before this event was handed to it: the invoke can run elsewhere */
  undelivered?: boolean
  durationMs: number
  endTime: number
  maxMemoryMB: number
  logs: LogEvent[]
}

interface Delivery {
  request: InvokeRequest
  deadline: number
  startedAt: number
  /** the runtime main thread's CPU time and host wait when the event was handed over (schedstat.ts); undefined where unreadable */
  clockAtStart?: ThreadClock
  logs: LogEvent[]
  timer?: NodeJS.Timeout
  resolve: (r: RawResult) => void
  settled: boolean
}

/**
 * One execution environment: a runtime process with its own Runtime API listener, private TMPDIR and cgroups.
 * It serves one event at a time; between events it waits in `next`, frozen (SIGSTOP) by the engine.
 */
export class Environment {
  state: EnvState = 'init'
  /** an invoke has been promised this environment */
  claimed = false
  /** the CPU group's quota file (cgroups only): its cpu.stat says how long the quota throttled the runtime */
  private quotaFile: string | undefined
  /** the environment's CPU share, reserved in admission control while it runs (none while it is frozen) */
  reservation?: Reservation
  retired = false
  frozen = false
  lastUsed = Date.now()
  idleTimer?: NodeJS.Timeout
  pid = 0
  readonly spawnedAt = Date.now()
  initDurationMs = 0

  private proc?: ChildProcess
  private server?: http.Server
  private unixServer?: net.Server
  private pendingNext?: ServerResponse
  private queued?: Delivery
  private current?: Delivery
  /** the delivery whose log lines are still being gathered (until its result is built) */
  private collecting?: Delivery
  private stray: LogEvent[] = []
  private initLogs: LogEvent[] = []
  private initResolve?: (r: InitResult) => void
  private initTimer?: NodeJS.Timeout
  private spawnStart = 0
  private weKilled = false
  private exited?: Promise<void>
  private tmpDir: string
  /** CFS period of this environment's CPU quota, µs */
  private readonly periodUs: number
  /** the CPU the environment is held to, in cores (the quota over its period): Duration's floor for its CPU time */
  private readonly shareCores: number
  private readonly limits: ProcessLimits

  constructor(
    readonly id: string,
    readonly snapshot: FunctionSnapshot,
    readonly share: number,
    public provisioned: boolean,
    readonly logStream: string,
    private readonly runtime: RuntimeCommand,
    private readonly deps: EnvironmentDeps,
  ) {
    this.tmpDir = path.join(deps.tmpRoot, id)
    this.periodUs = deps.cpuLimit === 'cgroup' ? periodFor(share, deps.periodUs) : deps.periodUs
    this.shareCores = share <= 0 ? 0 : deps.cpuLimit === 'cgroup' ? Number(quotaUs(share, this.periodUs)) / this.periodUs : deps.cpuLimit === 'signals' ? share : 0
    const limits = { share, memoryMB: snapshot.memorySize, periodUs: this.periodUs, cpuLimit: deps.cpuLimit, memoryLimit: deps.memoryLimit }
    this.limits = new ProcessLimits(limits, (sig) => this.signal(sig))
  }

  get runtimeVersion(): string {
    return this.runtime.runtimeVersion
  }

  get peakMemoryMB(): number {
    return this.limits.peakMB()
  }

  /** spawns the runtime; resolves when it first calls `next` (INIT done) or INIT failed */
  start(): Promise<InitResult> {
    return new Promise<InitResult>((resolve) => {
      this.initResolve = resolve
      this.spawnRuntime().catch((err: Error) => this.failInit('Runtime.Unknown', err.message))
    })
  }

  private async spawnRuntime(): Promise<void> {
    const { snapshot, deps } = this
    this.server = http.createServer((req, res) => this.route(req, res))
    this.server.keepAliveTimeout = 0
    this.server.requestTimeout = 0
    this.server.headersTimeout = 0
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject)
      this.server!.listen(0, '127.0.0.1', () => resolve())
    })
    const port = (this.server.address() as AddressInfo).port
    if (this.stoppedEarly()) return
    await mkdir(path.join(this.tmpDir, 'tmp'), { recursive: true })
    if (this.stoppedEarly()) return
    const args = [...this.runtime.args]
    // The bundled runtimes also get the same API on a Unix socket (named on their command line, the environment
    // stays Lambda's): on loopback TCP the kernel's network path cost more CPU per invoke than everything else.
    const socketPath = path.join(this.tmpDir, 'runtime-api.sock')
    if (this.runtime.socketArg && socketPath.length < 100) {
      const server = this.server
      this.unixServer = net.createServer((socket) => server.emit('connection', socket))
      await new Promise<void>((resolve, reject) => {
        this.unixServer!.once('error', reject)
        this.unixServer!.listen(socketPath, () => resolve())
      })
      args.push(socketPath)
      if (this.stoppedEarly()) return
    }
    const procs = await deps.cgroups.create(
      this.id,
      deps.cpuLimit === 'cgroup' ? this.share : 0,
      this.periodUs,
      snapshot.memorySize * MB,
    )
    if (this.stoppedEarly()) return
    const quotaFile = deps.cpuLimit === 'cgroup' ? deps.cgroups.quotaFile(this.id) : undefined
    this.quotaFile = quotaFile
    await this.limits.openQuota(quotaFile)
    if (this.stoppedEarly()) return
    const { command, args: wrapped } = wrapCommand(procs, this.runtime.command, args)
    this.spawnStart = performance.now()
    const proc = spawn(command, wrapped, {
      cwd: snapshot.codeDir,
      env: this.environment(port),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    this.proc = proc
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => {
      this.onProcessExit(code, signal)
      resolve()
    }))
    proc.once('error', (err) => this.failInit('Runtime.InvalidEntrypoint', err.message))
    if (proc.pid === undefined) return
    this.pid = proc.pid
    this.captureOutput(proc)
    this.limits.resume()
    this.initTimer = setTimeout(() => this.onInitTimeout(), deps.initTimeoutMs)
    this.limits.openStatus(proc.pid)
  }

  /** destroy() came while the environment was still being set up: nothing may start after it */
  private stoppedEarly(): boolean {
    if (this.state !== 'dead') return false
    this.server?.close()
    this.unixServer?.close()
    void this.deps.cgroups.remove(this.id)
    void rm(this.tmpDir, { recursive: true, force: true })
    this.failInit('Runtime.Unknown', 'the environment was stopped before it started')
    return true
  }

  private environment(port: number): Record<string, string> {
    const { snapshot, deps, runtime } = this
    const env: Record<string, string> = {
      ...snapshot.environment,
      PATH: [...deps.pathDirs, '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      TMPDIR: path.join(this.tmpDir, 'tmp'),
      LAMBDA_TASK_ROOT: snapshot.codeDir,
      LAMBDA_RUNTIME_DIR: path.dirname(runtime.args[runtime.args.length - 1] ?? runtime.command),
      _HANDLER: snapshot.handler,
      AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
      AWS_LAMBDA_FUNCTION_NAME: snapshot.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: snapshot.version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(snapshot.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: snapshot.logGroup,
      AWS_LAMBDA_LOG_STREAM_NAME: this.logStream,
      AWS_LAMBDA_INITIALIZATION_TYPE: this.provisioned ? 'provisioned-concurrency' : 'on-demand',
      AWS_REGION: deps.region,
      AWS_DEFAULT_REGION: deps.region,
    }
    Object.assign(env, layerPaths(snapshot, env.PATH!))
    if (snapshot.logFormat === 'JSON') env['AWS_LAMBDA_LOG_FORMAT'] = 'JSON'
    if (runtime.executionEnv) env['AWS_EXECUTION_ENV'] = runtime.executionEnv
    return env
  }

  private captureOutput(proc: ChildProcess): void {
    for (const stream of [proc.stdout, proc.stderr]) {
      if (!stream) continue
      stream.setEncoding('utf8')
      let partial = ''
      stream.on('data', (chunk: string) => {
        const text = partial + chunk
        const lines = text.split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) this.addLog(line)
      })
      stream.on('end', () => {
        if (partial) this.addLog(partial)
        partial = ''
      })
    }
  }

  /** a line of the runtime's output: our runtimes write a multi-line message as one line with \r for newlines */
  private addLog(line: string): void {
    const event = { timestamp: Date.now(), message: line.replace(/\r/g, '\n') + '\n' }
    if (this.state === 'init') this.initLogs.push(event)
    else if (this.collecting) this.collecting.logs.push(event)
    else this.stray.push(event)
  }

  // ---- Runtime API ------------------------------------------------------------------------------------------

  private route(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? ''
    if (req.method === 'GET' && url === `${API}/invocation/next`) {
      this.onNext(res)
      return
    }
    if (req.method !== 'POST') {
      reply(res, 405, { errorMessage: 'Method not allowed', errorType: 'InvalidRequest' })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_RESPONSE_BYTES + 1024) chunks.push(c)
    })
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const m = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url)
      if (m) {
        const id = decodeURIComponent(m[1]!)
        if (m[2] === 'response') this.onResponse(id, body, size, res)
        else this.onError(id, body, req.headers['lambda-runtime-function-error-type'] as string | undefined, res)
        return
      }
      if (url === `${API}/init/error`) {
        this.onInitError(body, req.headers['lambda-runtime-function-error-type'] as string | undefined, res)
        return
      }
      reply(res, 404, { errorMessage: `Unknown path ${url}`, errorType: 'InvalidRequest' })
    })
  }

  private onNext(res: ServerResponse): void {
    if (this.state === 'dead') {
      res.destroy()
      return
    }
    this.pendingNext = res
    if (this.state === 'init') {
      this.initDurationMs = performance.now() - this.spawnStart
      clearTimeout(this.initTimer)
      this.state = 'idle'
      const logs = this.initLogs
      this.initLogs = []
      this.initResolve?.({ ok: true, initDurationMs: this.initDurationMs, logs })
      this.initResolve = undefined
    }
    if (this.queued) {
      const d = this.queued
      this.queued = undefined
      this.send(d)
      return
    }
    this.state = 'idle'
    this.deps.onIdle(this)
  }

  private onResponse(id: string, body: Buffer, size: number, res: ServerResponse): void {
    const d = this.current
    if (!d || d.request.requestId !== id || d.settled) {
      reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' })
      return
    }
    if (size > MAX_RESPONSE_BYTES) {
      reply(res, 413, { errorMessage: 'Payload Too Large', errorType: 'RequestEntityTooLarge' })
      const message = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`
      this.complete(d, 'error', Buffer.from(JSON.stringify({ errorMessage: message, errorType: 'Function.ResponseSizeTooLarge' })), 'Function.ResponseSizeTooLarge')
      return
    }
    reply(res, 202, { status: 'OK' })
    this.complete(d, 'response', body)
  }

  private onError(id: string, body: Buffer, errorTypeHeader: string | undefined, res: ServerResponse): void {
    const d = this.current
    if (!d || d.request.requestId !== id || d.settled) {
      reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' })
      return
    }
    reply(res, 202, { status: 'OK' })
    this.complete(d, 'error', body, errorTypeHeader ?? errorTypeOf(body) ?? 'Unhandled')
  }

  private onInitError(body: Buffer, errorTypeHeader: string | undefined, res: ServerResponse): void {
    reply(res, 202, { status: 'OK' })
    if (this.state !== 'init') return
    const errorType = errorTypeHeader ?? errorTypeOf(body) ?? 'Runtime.Unknown'
    this.finishInit({ ok: false, initDurationMs: performance.now() - this.spawnStart, logs: [], errorType, body, status: 'error' })
  }

  // ---- invokes ----------------------------------------------------------------------------------------------

  /** runs one event; the caller has claimed this environment and reserved its CPU share */
  deliver(request: InvokeRequest): Promise<RawResult> {
    return new Promise<RawResult>((resolve) => {
      const d: Delivery = { request, deadline: 0, startedAt: 0, logs: [], resolve, settled: false }
      if (this.state === 'dead') {
        this.settle(d, { kind: 'exit', body: Buffer.alloc(0), reason: 'environment gone', undelivered: true, durationMs: 0, endTime: Date.now(), maxMemoryMB: 0, logs: [] })
        return
      }
      if (this.pendingNext) this.send(d)
      else this.queued = d
    })
  }

  private send(d: Delivery): void {
    const res = this.pendingNext!
    this.pendingNext = undefined
    clearTimeout(this.idleTimer)
    this.state = 'busy'
    this.current = d
    if (this.stray.length) {
      d.logs.push(...this.stray)
      this.stray = []
    }
    this.collecting = d
    this.limits.refillQuota()
    this.thaw()
    const { snapshot, requestId, payload, clientContext } = d.request
    const timeoutMs = snapshot.timeout * 1000
    const now = Date.now()
    d.deadline = now + timeoutMs
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': requestId,
      'Lambda-Runtime-Deadline-Ms': String(d.deadline),
      'Lambda-Runtime-Invoked-Function-Arn': snapshot.functionArn,
      'Lambda-Runtime-Trace-Id': traceId(now, requestId),
    }
    if (clientContext) headers['Lambda-Runtime-Client-Context'] = Buffer.from(clientContext, 'base64').toString('utf8')
    headers['Content-Length'] = String(payload.length)
    d.startedAt = performance.now()
    d.clockAtStart = hostClock(this.pid, this.quotaFile)
    res.writeHead(200, headers)
    res.end(payload)
    d.timer = setTimeout(() => this.onTimeout(d), timeoutMs)
  }

  private complete(d: Delivery, kind: 'response' | 'error', body: Buffer, errorType?: string): void {
    const durationMs = busyDurationMs(performance.now() - d.startedAt, d.clockAtStart, hostClock(this.pid, this.quotaFile), this.shareCores)
    const endTime = Date.now()
    clearTimeout(d.timer)
    d.settled = true
    this.current = undefined
    this.state = 'releasing'
    this.claimed = false
    this.lastUsed = endTime
    this.deps.onReleasing(this)
    // log lines written before the response may still sit in the pipe: read them in this turn of the loop
    setImmediate(() => {
      this.limits.readPeak()
      if (this.collecting === d) this.collecting = undefined
      d.resolve({ kind, body, ...(errorType ? { errorType } : {}), durationMs, endTime, maxMemoryMB: this.peakMemoryMB, logs: d.logs })
    })
  }

  private onTimeout(d: Delivery): void {
    if (d.settled || this.current !== d) return
    const durationMs = d.request.snapshot.timeout * 1000
    d.settled = true
    this.current = undefined
    this.limits.readPeak()
    const maxMemoryMB = this.peakMemoryMB
    this.kill()
    // settle once the process is gone, so the environment no longer counts when the caller looks
    void (this.exited ?? Promise.resolve()).then(() => {
      if (this.collecting === d) this.collecting = undefined
      this.settle(d, { kind: 'timeout', body: Buffer.alloc(0), durationMs, endTime: Date.now(), maxMemoryMB, logs: d.logs })
    })
  }

  private settle(d: Delivery, r: RawResult): void {
    d.settled = true
    clearTimeout(d.timer)
    d.resolve(r)
  }

  // ---- freezing and resource limits ------------------------------------------------------------------------

  freeze(): void {
    if (this.frozen || this.state === 'dead' || !this.deps.freeze) return
    this.limits.pause()
    this.signal('SIGSTOP')
    this.frozen = true
  }

  private thaw(): void {
    if (this.frozen) {
      this.signal('SIGCONT')
      this.frozen = false
    }
    this.limits.resume()
  }

  private signal(sig: NodeJS.Signals): void {
    if (!this.pid) return
    try {
      process.kill(-this.pid, sig)
    } catch {
      // the process group is already gone
    }
  }

  // ---- the end of an environment ---------------------------------------------------------------------------

  private onInitTimeout(): void {
    if (this.state !== 'init') return
    const durationMs = performance.now() - this.spawnStart
    const body = JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `Init timed out after ${(durationMs / 1000).toFixed(2)} seconds` })
    this.finishInit({ ok: false, initDurationMs: durationMs, logs: [], errorType: 'Sandbox.Timedout', body: Buffer.from(body), status: 'timeout' })
  }

  private failInit(errorType: string, message: string): void {
    const body = Buffer.from(JSON.stringify({ errorType, errorMessage: message }))
    this.finishInit({ ok: false, initDurationMs: this.spawnStart ? performance.now() - this.spawnStart : 0, logs: [], errorType, body, status: 'error' })
  }

  private finishInit(r: InitResult): void {
    if (!this.initResolve) return
    const resolve = this.initResolve
    this.initResolve = undefined
    clearTimeout(this.initTimer)
    this.limits.readPeak()
    this.kill()
    // let the runtime's last lines (its error report) arrive before handing them over
    setImmediate(() => {
      const logs = this.initLogs
      this.initLogs = []
      resolve({ ...r, logs: [...logs, ...r.logs] })
    })
  }

  private onProcessExit(code: number | null, signal: NodeJS.Signals | null): void {
    const wasInit = this.state === 'init'
    this.state = 'dead'
    this.limits.pause()
    clearTimeout(this.idleTimer)
    if (this.pendingNext) {
      this.pendingNext.destroy()
      this.pendingNext = undefined
    }
    const reason = signal ? `signal: ${signalName(signal)}` : `exit status ${code ?? 0}`
    void this.detectOom(signal).then((oom) => {
      if (wasInit && this.initResolve) {
        const errorType = oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError'
        const message = `RequestId: Error: Runtime exited with error: ${reason}`
        this.finishInit({ ok: false, initDurationMs: performance.now() - this.spawnStart, logs: [], errorType, body: Buffer.from(JSON.stringify({ errorType, errorMessage: message })), status: 'error' })
      }
      for (const d of [this.current, this.queued]) {
        if (!d || d.settled) continue
        const durationMs = d.startedAt ? performance.now() - d.startedAt : 0
        setImmediate(() => {
          if (this.collecting === d) this.collecting = undefined
          this.settle(d, {
            kind: 'exit',
            body: Buffer.alloc(0),
            reason,
            oom,
            ...(d.startedAt ? {} : { undelivered: true }),
            durationMs,
            endTime: Date.now(),
            maxMemoryMB: oom ? this.snapshot.memorySize : this.peakMemoryMB,
            logs: d.logs,
          })
        })
      }
      this.current = undefined
      this.queued = undefined
      this.deps.onExit(this)
    })
  }

  private async detectOom(signal: NodeJS.Signals | null): Promise<boolean> {
    if (this.limits.oomKilled) return true
    if (signal !== 'SIGKILL' || this.weKilled) return false
    // SIGKILL that the engine did not send: the kernel's OOM killer, confirmed by the memory group where there is one
    return this.deps.memoryLimit === 'cgroup' ? this.deps.cgroups.oomKilled(this.id) : true
  }

  /** SIGKILL to the runtime's whole process group; cleanup follows its exit */
  kill(): void {
    if (this.state === 'dead' && !this.pid) return
    this.weKilled = true
    this.signal('SIGKILL')
    if (!this.proc) this.state = 'dead'
  }

  /** kills the environment and removes its listener, cgroups and TMPDIR */
  async destroy(): Promise<void> {
    this.kill()
    clearTimeout(this.initTimer)
    clearTimeout(this.idleTimer)
    this.limits.pause()
    if (this.exited) await this.exited
    this.state = 'dead'
    await this.limits.close()
    this.unixServer?.close()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
    await this.deps.cgroups.remove(this.id)
    await rm(this.tmpDir, { recursive: true, force: true })
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) })
  res.end(text)
}

function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorType?: unknown }
    return typeof parsed.errorType === 'string' ? parsed.errorType : undefined
  } catch {
    return undefined
  }
}

function signalName(signal: NodeJS.Signals): string {
  const names: Record<string, string> = { SIGKILL: 'killed', SIGABRT: 'aborted', SIGSEGV: 'segmentation fault', SIGTERM: 'terminated' }
  return names[signal] ?? signal.toLowerCase().replace(/^sig/, '')
}

function traceId(now: number, requestId: string): string {
  const hex = requestId.replace(/[^0-9a-f]/gi, '').padEnd(24, '0').slice(0, 24)
  return `Root=1-${Math.floor(now / 1000).toString(16)}-${hex};Parent=${hex.slice(0, 16)};Sampled=0;Lineage=1:${hex.slice(0, 8)}:0`
}

/**
 * Where a runtime finds its layers. Lambda extracts them into /opt, a later layer's files over an earlier one's, and
 * searches /opt/nodejs/node<major>/node_modules, /opt/nodejs/node_modules, /opt/python (and its site-packages) and
 * /opt/bin; the emulator keeps each layer in its own folder and puts those folders on the same paths, the last layer
 * first. Code that names /opt itself does not find them.
 */
export function layerPaths(snapshot: FunctionSnapshot, path: string): Record<string, string> {
  const dirs = [...(snapshot.layerDirs ?? [])].reverse()
  if (dirs.length === 0) return {}
  const node = /^nodejs(\d+)\.x$/.exec(snapshot.runtime)?.[1]
  const python = /^python(3\.\d+)$/.exec(snapshot.runtime)?.[1]
  return {
    PATH: [...dirs.map((d) => `${d}/bin`), path].join(':'),
    ...(node ? { NODE_PATH: dirs.flatMap((d) => [`${d}/nodejs/node${node}/node_modules`, `${d}/nodejs/node_modules`]).join(':') } : {}),
    ...(python ? { PYTHONPATH: dirs.flatMap((d) => [`${d}/python`, `${d}/python/lib/python${python}/site-packages`]).join(':') } : {}),
  }
}
