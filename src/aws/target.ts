import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'

export interface TargetOptions {
  region?: string
  profile?: string
  endpointUrl?: string
  local?: boolean
  /** with local: the folder of function folders to load (default: the bundled fixtures/functions) */
  functionsDir?: string
  /** with local: the functions the command names, whose folders must load (a broken one is a usage error) */
  functions?: string[]
}

/**
 * Where AWS calls go. The commands never know whether this is AWS or the emulator: only the endpoint differs.
 * SDK modules are imported lazily so that commands which never call AWS start fast.
 */
export interface Target {
  readonly region: string
  readonly endpoint: string | undefined
  readonly local: boolean
  lambda(): Promise<LambdaClient>
  cloudwatch(): Promise<CloudWatchClient>
  logs(): Promise<CloudWatchLogsClient>
  close(): Promise<void>
}

const DUMMY_CREDENTIALS = { accessKeyId: 'lambda-tune-local', secretAccessKey: 'lambda-tune-local' }

export async function openTarget(options: TargetOptions): Promise<Target> {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  let endpoint = options.endpointUrl ?? process.env.AWS_ENDPOINT_URL
  let stopEmulator: (() => Promise<void>) | undefined
  if (options.local) {
    const { startEmulator } = await import('../emulator/index.js')
    const emulator = await startEmulator({ port: 0, functionsDir: options.functionsDir, region, mustLoad: options.functions })
    endpoint = emulator.endpoint
    stopEmulator = () => emulator.stop()
  }
  const common = {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.local ? { credentials: DUMMY_CREDENTIALS } : {}),
    maxAttempts: 3,
  }
  const clients: Partial<Record<'lambda' | 'cloudwatch' | 'logs', unknown>> = {}
  return {
    region,
    endpoint,
    local: Boolean(options.local),
    async lambda() {
      const { LambdaClient } = await import('@aws-sdk/client-lambda')
      return (clients.lambda ??= new LambdaClient(common)) as LambdaClient
    },
    async cloudwatch() {
      const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch')
      return (clients.cloudwatch ??= new CloudWatchClient(common)) as CloudWatchClient
    },
    async logs() {
      const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs')
      return (clients.logs ??= new CloudWatchLogsClient(common)) as CloudWatchLogsClient
    },
    async close() {
      for (const client of Object.values(clients)) (client as { destroy(): void }).destroy()
      await stopEmulator?.()
    },
  }
}
