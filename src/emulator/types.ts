/**
 * The contract between the emulator's control plane (HTTP APIs, function store, throttling, CloudWatch)
 * and its execution engine (environments, Runtime API, runtimes, CPU and memory limits).
 */

export type RuntimeId = string // nodejs20.x | nodejs22.x | python3.x | provided.al2023 | provided.al2

/** Everything an execution environment is built from. Immutable: a config or code change makes a new one. */
export interface FunctionSnapshot {
  functionName: string
  functionArn: string
  /** '$LATEST' or a published version number */
  version: string
  runtime: RuntimeId
  handler: string
  memorySize: number
  /** seconds */
  timeout: number
  /** MB of /tmp */
  ephemeralStorage: number
  architecture: 'x86_64' | 'arm64'
  /** the function's own variables only: never the host's */
  environment: Record<string, string>
  logFormat: 'Text' | 'JSON'
  logGroup: string
  /** unpacked code on disk, read only for the engine */
  codeDir: string
  codeSha256: string
  /** the function's layers, unpacked, in their order (on Lambda they are extracted into /opt, later over earlier) */
  layerDirs?: string[]
  /** changes whenever anything above changes; environments are pooled by it */
  revisionKey: string
}

export interface InvokeRequest {
  snapshot: FunctionSnapshot
  requestId: string
  payload: Buffer
  /** base64 client context, passed to the runtime as Lambda-Runtime-Client-Context */
  clientContext?: string
}

export interface ReportFields {
  durationMs: number
  billedDurationMs: number
  memorySizeMB: number
  maxMemoryUsedMB: number
  /** present on cold starts only */
  initDurationMs?: number
  status: 'success' | 'error' | 'timeout'
  errorType?: string
}

export interface LogEvent {
  timestamp: number
  message: string
}

export interface InvokeOutcome {
  requestId: string
  /** the handler's response, or the Lambda error payload {errorType, errorMessage, trace} */
  payload: Buffer
  functionError?: 'Unhandled' | 'Handled'
  report: ReportFields
  coldStart: boolean
  /** served by a provisioned-concurrency environment (pre-warmed by provision()) */
  provisioned?: boolean
  /** every log event of this invoke (INIT lines on a cold start, START, handler output, END, REPORT), in order */
  logEvents: LogEvent[]
  logStream: string
}

export interface ExecutionEngine {
  invoke(request: InvokeRequest): Promise<InvokeOutcome>
  /** pre-warm `count` environments for provisioned concurrency; resolves when all have finished INIT */
  provision(snapshot: FunctionSnapshot, count: number): Promise<void>
  /** drop provisioned environments of this snapshot */
  deprovision(snapshot: FunctionSnapshot): Promise<void>
  /** stop and drop every environment of the function (or of one version), e.g. on delete or update */
  retire(functionName: string, version?: string): Promise<void>
  /** environments that exist (busy or idle) for a function, for tests and metrics */
  environmentCount(functionName: string): number
  stop(): Promise<void>
}

/** One invoke as CloudWatch sees it (a throttled request is recorded with throttled: true and nothing else counted). */
export interface InvocationRecord {
  functionName: string
  /** the version that ran ('$LATEST' or a number): the ExecutedVersion dimension */
  executedVersion: string
  /** the qualifier as invoked (alias name, version, or undefined for unqualified): the Resource dimension is name:qualifier */
  qualifier?: string
  /** epoch ms when the invoke started */
  timestamp: number
  throttled: boolean
  /** a function error (Unhandled or Handled), timeouts and OOM included */
  error: boolean
  durationMs?: number
  initDurationMs?: number
  maxMemoryUsedMB?: number
  memorySizeMB?: number
  /** environments of this function busy at the moment this invoke started, itself included */
  concurrentExecutions?: number
  /** account-wide busy environments of functions without reserved concurrency, itself included */
  unreservedConcurrentExecutions?: number
  /** true: ran on a provisioned environment; false: the qualifier has provisioned concurrency but this invoke spilled
   * over to on-demand; absent: no provisioned concurrency configured (CloudWatch counts PC invocations and spillovers) */
  provisioned?: boolean
  /** provisioned environments of this qualifier busy when this invoke started, itself included (provisioned: true only) */
  provisionedConcurrentExecutions?: number
  /** allocated provisioned concurrency of the invoked qualifier: ProvisionedConcurrencyUtilization's denominator */
  provisionedConcurrency?: number
}

/** What the control plane tells the CloudWatch side after every invoke. */
export interface CloudWatchSink {
  recordInvocation(record: InvocationRecord): void
  /** creates the group and stream when they do not exist */
  appendLogs(logGroup: string, logStream: string, events: LogEvent[]): void
}
