/**
 * The Lambda calls a sweep makes, and nothing else. Implemented over the SDK by src/aws/lambda.ts; the orchestration
 * in src/sweep only sees this interface.
 */

/** The fields of GetFunctionConfiguration a sweep reads; the rest is kept for the before/after comparison. */
export interface FunctionConfig {
  FunctionName?: string
  FunctionArn?: string
  Version?: string
  MemorySize?: number
  Description?: string
  CodeSha256?: string
  RevisionId?: string
  Runtime?: string
  PackageType?: string
  Architectures?: string[]
  Timeout?: number
  EphemeralStorage?: { Size?: number }
  LastUpdateStatus?: string
  State?: string
  [field: string]: unknown
}

export interface AliasRef {
  name: string
  version: string
}

export type InvokeResult =
  | {
      throttled: false
      statusCode: number
      /** 'Unhandled' | 'Handled' when the function failed */
      functionError?: string
      /** base64 tail of the log (LogType Tail) */
      logResult?: string
      payload: string
      executedVersion?: string
      /** the invoke's request id (x-amzn-RequestId): the RequestId of its REPORT line in CloudWatch Logs */
      requestId?: string
      /** SDK attempts made; more than one means the SDK retried a throttle or a server error */
      attempts: number
    }
  | { throttled: true; attempts: number; reason?: string }

export interface LambdaPort {
  getFunctionConfiguration(functionName: string, qualifier?: string): Promise<FunctionConfig>
  /** only the fields a sweep changes; `revisionId` makes the update fail when someone else changed the function */
  updateFunctionConfiguration(input: {
    functionName: string
    memorySize: number
    description: string
    revisionId?: string
  }): Promise<FunctionConfig>
  /** SDK waiter: LastUpdateStatus Successful */
  waitUntilUpdated(functionName: string): Promise<void>
  publishVersion(input: { functionName: string; description: string; revisionId?: string; codeSha256?: string }): Promise<FunctionConfig>
  /** SDK waiter: the version's State Active */
  waitUntilVersionActive(functionName: string, version: string): Promise<void>
  createAlias(input: { functionName: string; name: string; version: string; description: string }): Promise<void>
  deleteAlias(functionName: string, name: string): Promise<void>
  /** DeleteFunction with a version qualifier: never called without one */
  deleteVersion(functionName: string, version: string): Promise<void>
  listAliases(functionName: string): Promise<AliasRef[]>
  listVersions(functionName: string): Promise<FunctionConfig[]>
  invoke(input: { functionName: string; qualifier: string; payload: string; signal?: AbortSignal }): Promise<InvokeResult>
}

/** Thrown by the adapter when RevisionId no longer matches: someone else changed the function. */
export class ConcurrentChangeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConcurrentChangeError'
  }
}
