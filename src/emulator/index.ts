/** The public face of the local Lambda + CloudWatch emulator: start it, read its endpoint, stop it. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { seededRandom } from '../core/stats/random.js'
import { defaultFaults, type Faults } from './lambda/faults.js'
import { loadFunctions } from './lambda/fixtures.js'
import { withHandlerFaults, writeFaultHandlers } from './lambda/handler-faults.js'
import { Invoker } from './lambda/invoke.js'
import { routeLambda } from './lambda/routes.js'
import { FunctionStore } from './lambda/store.js'
import { createCloudWatch, type CloudWatch } from './cloudwatch/index.js'
import { createEngine, type EngineOptions } from './engine/index.js'
import { createApiServer, listen } from './server.js'
import type { ExecutionEngine } from './types.js'

export type { Faults } from './lambda/faults.js'

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
  /** invokes running now, of one function or of all */
  inFlight(functionName?: string): number
  stop(): Promise<void>
}

export const BUNDLED_FUNCTIONS_DIR = fileURLToPath(new URL('../../fixtures/functions', import.meta.url))
const ACCOUNT_ID = '123456789012'

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const region = options.region ?? 'us-east-1'
  const faults = defaultFaults(options.faults)
  const random = seededRandom(faults.seed)
  const dataDir = await mkdtemp(join(tmpdir(), 'lambda-tune-emulator-'))
  const cloudwatch = createCloudWatch({ faults })
  const sink = cloudwatch.sink
  const engine =
    options.engine ??
    createEngine({
      // INIT of pre-warmed environments belongs in the function's log group, as on Lambda
      onProvisionedInit: (snapshot, logStream, events) => sink.appendLogs(snapshot.logGroup, logStream, events),
      ...options.engineOptions,
    })
  let endpoint = ''
  const store = new FunctionStore({
    region,
    accountId: ACCOUNT_ID,
    dataDir: join(dataDir, 'code'),
    accountConcurrency: options.accountConcurrency ?? 1000,
    updateDelayMs: () => faults.updateDelayMs,
    engine: () => engine,
    codeUrl: (name, version) => `${endpoint}/lambda-tune/code/${encodeURIComponent(name)}/${encodeURIComponent(version)}.zip`,
  })
  // Handler crashes and hangs draw from a generator of their own, so adding them leaves the API faults' sequence as it was.
  const faultHandlersDir = join(dataDir, 'fault-handlers')
  const invokeEngine = withHandlerFaults(engine, faults, seededRandom(faults.seed + 1), faultHandlersDir)
  const invoker = new Invoker(store, () => invokeEngine, () => sink, random, faults)
  const server = createApiServer({
    lambda: (req) => routeLambda(req, store, invoker),
    cloudwatch,
    faults,
    random,
  })
  const cleanup = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    invoker.close()
    await engine.stop().catch(() => undefined)
    await invoker.settle()
    await rm(dataDir, { recursive: true, force: true })
  }
  let port: number
  try {
    await writeFaultHandlers(faultHandlersDir)
    await loadFunctions(options.functionsDir ?? BUNDLED_FUNCTIONS_DIR, store, join(dataDir, 'fixtures'))
    port = await listen(server, options.port ?? 0)
  } catch (err) {
    await cleanup()
    throw err
  }
  endpoint = `http://127.0.0.1:${port}`
  let stopping: Promise<void> | undefined
  return {
    endpoint,
    port,
    region,
    faults,
    engine,
    cloudwatch,
    store,
    inFlight: (name) => invoker.inFlight(name),
    stop: () => (stopping ??= cleanup()),
  }
}

