import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js'

// The SDK warns about Node 20 on every client; tests are not the place for it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' }

export interface TestEmulator {
  emulator: RunningEmulator
  endpoint: string
  lambda: LambdaClient
  cloudwatch: CloudWatchClient
  logs: CloudWatchLogsClient
  stop(): Promise<void>
}

/**
 * Starts an emulator in this process on a free port and SDK clients pointed at it (dummy credentials, us-east-1,
 * no retries so that a test sees each error as the emulator sent it).
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, region: 'us-east-1', ...options })
  const common = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }
  const lambda = new LambdaClient(common)
  const cloudwatch = new CloudWatchClient(common)
  const logs = new CloudWatchLogsClient(common)
  return {
    emulator,
    endpoint: emulator.endpoint,
    lambda,
    cloudwatch,
    logs,
    async stop() {
      lambda.destroy()
      cloudwatch.destroy()
      logs.destroy()
      await emulator.stop()
    },
  }
}

export const TEST_ROLE = 'arn:aws:iam::123456789012:role/test-role'

/** CreateFunction of a Node.js function whose index.js is `source`; `extra` sets or overrides any other field. */
export async function createNodeFunction(lambda: LambdaClient, name: string, source: string, extra: Record<string, unknown> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: TEST_ROLE,
      Code: { ZipFile: await zipOf({ 'index.js': source }) },
      ...extra,
    }),
  )
}

/** A deployment package (zip) holding the given files, as CreateFunction's Code.ZipFile takes it. */
export async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import('fflate')
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])))
}

/** An empty functions folder, so that a test's emulator holds only the functions the test creates. */
export async function emptyFunctionsDir(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  return mkdtemp(join(tmpdir(), 'lambda-tune-fns-'))
}
