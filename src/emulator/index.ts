/** The public face of the local Lambda + CloudWatch emulator: start it, read its endpoint, stop it. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../core/stats/random.js'
import { defaultFaults, type Faults } from './lambda/faults.js'
import { UsageError } from '../core/errors.js'
import { withArchitectureViews } from './arch-view.js'
import { withHostWarnings } from './host-warnings.js'
import { loadFunctions, type LoadProblem } from './lambda/fixtures.js'
import { withHandlerFaults, writeFaultHandlers } from './lambda/handler-faults.js'
import { Invoker } from './lambda/invoke.js'
import { routeLambda } from './lambda/routes.js'
import { FunctionStore } from './lambda/store.js'
import { createCloudWatch, type CloudWatch } from './cloudwatch/index.js'
import { createEngine, type EngineOptions } from './engine/index.js'
import { ObjectStore } from './s3/object-store.js'
import { createApiServer, listen } from './server.js'
import { TrafficGenerator, type TrafficSpec, type TrafficStats } from './traffic.js'
import type { ExecutionEngine } from './types.js'

export type { Faults } from './lambda/faults.js'
export type { LoadProblem } from './lambda/fixtures.js'
export type { TrafficSpec, TrafficStats } from './traffic.js'

export interface EmulatorOptions {
  /** 0 picks a free port */
  port?: number
  host?: '127.0.0.1'
  /** folder of function folders to load; default: the bundled fixtures/functions */
  functionsDir?: string
  region?: string
  /** faults to inject from the start; `emulator.faults` changes them later */
  faults?: Partial<Faults>
  /** the account's concurrency limit (GetAccountSettings, throttling); 1,000 by default as on AWS */
  accountConcurrency?: number
  /** passed to the execution engine's createEngine() */
  engineOptions?: EngineOptions
  /** an execution engine to use instead of creating one (it is stopped with the emulator) */
  engine?: ExecutionEngine
  /**
   * Functions the caller is about to use (names, name:qualifier or ARNs): a folder of one of them that does not load
   * fails the start with its reason (a UsageError), where any other broken folder is skipped with a warning.
   */
  mustLoad?: string[]
  /** where warnings go (broken function folders, a runtime or architecture the host cannot give); default: stderr */
  onWarning?: (message: string) => void
  /** invokes generated from inside the emulator from the start until it stops (see traffic.ts) */
  traffic?: TrafficSpec[]
  /** seconds: Lambda's metrics may also be read at any multiple of this period (default: CloudWatch's periods only) */
  metricsPeriodSeconds?: number
}

export interface RunningEmulator {
  readonly endpoint: string
  readonly port: number
  readonly region: string
  /** live: change a field and the next API call sees it */
  readonly faults: Faults
  readonly engine: ExecutionEngine
  /** the CloudWatch side: its metric and log stores */
  readonly cloudwatch: CloudWatch
  /** the Lambda side's function store (for tests: set the account limit, inspect state) */
  readonly store: FunctionStore
  /** the S3 side's buckets (a staging bucket for code over CreateFunction's direct-upload limit) */
  readonly s3: ObjectStore
  /** function folders that could not be loaded (skipped) */
  readonly loadProblems: readonly LoadProblem[]
  /** the generated traffic so far, one entry per TrafficSpec */
  readonly traffic: readonly TrafficStats[]
  /** invokes running now, of one function or of all */
  inFlight(functionName?: string): number
  stop(): Promise<void>
}

export const BUNDLED_FUNCTIONS_DIR = fileURLToPath(new URL('../../fixtures/functions', import.meta.url))
const ACCOUNT_ID = '123456789012'

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = options.region ?? 'us-east-1'
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`Warning: ${message}\n`))
  const faults = defaultFaults(options.faults)
  const random = seededRandom(faults.seed)
  const dataDir = await mkdtemp(join(tmpdir(), 'lambda-tune-emulator-'))
  const cloudwatch = createCloudWatch({ faults, ...(options.metricsPeriodSeconds !== undefined ? { metricsPeriodSeconds: options.metricsPeriodSeconds } : {}) })
  const sink = cloudwatch.sink
  const engine =
    options.engine ??
    createEngine({
      // INIT of pre-warmed environments belongs in the function's log group, as on Lambda
      onProvisionedInit: (snapshot, logStream, events) => sink.appendLogs(snapshot.logGroup, logStream, events),
      ...options.engineOptions,
    })
  let endpoint = ''
  const s3 = new ObjectStore()
  const store = new FunctionStore({
    region,
    accountId: ACCOUNT_ID,
    dataDir: join(dataDir, 'code'),
    accountConcurrency: options.accountConcurrency ?? 1000,
    updateDelayMs: () => faults.updateDelayMs,
    engine: () => engine,
    codeUrl: (name, version) => `${endpoint}/lambda-tune/code/${encodeURIComponent(name)}/${encodeURIComponent(version)}.zip`,
    s3Object: (bucket, key) => s3.get(bucket, key)?.body,
    layerUrl: (name, version) => `${endpoint}/lambda-tune/layer/${encodeURIComponent(name)}/${version}.zip`,
  })
  // Handler crashes and hangs draw from a generator of their own, so adding them leaves the API faults' sequence as it was.
  const faultHandlersDir = join(dataDir, 'fault-handlers')
  const hostEngine = withHostWarnings(withArchitectureViews(engine, join(dataDir, 'arch-views')), warn, options.engineOptions?.python)
  const invokeEngine = withHandlerFaults(hostEngine, faults, seededRandom(faults.seed + 1), faultHandlersDir)
  const invoker = new Invoker(store, () => invokeEngine, () => sink, random, faults)
  // traffic draws from a generator of its own too, so the faults' sequences stay as they were
  const traffic = new TrafficGenerator(options.traffic ?? [], (ref, headers, payload, id) => invoker.invoke(ref, headers, payload, id), seededRandom(faults.seed + 2))
  const server = createApiServer({
    lambda: (req) => routeLambda(req, store, invoker),
    cloudwatch,
    s3,
    faults,
    random,
  })
  const cleanup = async () => {
    await traffic.stop()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    invoker.close()
    await engine.stop().catch(() => undefined)
    await invoker.settle()
    await rm(dataDir, { recursive: true, force: true })
  }
  let port: number
  let loadProblems: LoadProblem[]
  try {
    await writeFaultHandlers(faultHandlersDir)
    loadProblems = (await loadFunctions(options.functionsDir ?? BUNDLED_FUNCTIONS_DIR, store, join(dataDir, 'fixtures'))).problems
    const wanted = new Set((options.mustLoad ?? []).map(functionName))
    const blocking = loadProblems.find((p) => wanted.has(p.name))
    if (blocking) throw new UsageError(`${blocking.file}: ${blocking.message}`)
    port = await listen(server, options.port ?? 0)
  } catch (err) {
    await cleanup()
    throw err
  }
  endpoint = `http://127.0.0.1:${port}`
  for (const p of loadProblems) warn(`skipped function ${p.name}: ${p.file}: ${p.message}`)
  traffic.start()
  let stopping: Promise<void> | undefined
  return {
    endpoint,
    port,
    region,
    faults,
    engine,
    cloudwatch,
    store,
    s3,
    loadProblems,
    traffic: traffic.stats,
    inFlight: (name) => invoker.inFlight(name),
    stop: () => (stopping ??= cleanup()),
  }
}


/** `my-fn`, `my-fn:live` and `arn:aws:lambda:...:function:my-fn[:7]` all name the function `my-fn`. */
function functionName(nameOrArn: string): string {
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn.split(':')[0]!
}
