import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import type { FunctionSnapshot, InvokeRequest } from '../../../src/emulator/types.js'

const FIXTURES = fileURLToPath(new URL('../../../fixtures/functions/', import.meta.url))
const TEST_FUNCTIONS = fileURLToPath(new URL('./functions/', import.meta.url))

interface FunctionJson {
  runtime: string
  handler: string
  memorySize: number
  timeout: number
  environment?: Record<string, string>
  architecture?: 'x86_64' | 'arm64'
  logFormat?: 'Text' | 'JSON'
}

/** a snapshot of a bundled fixture, as the control plane would build one; overrides change the revision */
export function fixture(name: string, overrides: Partial<FunctionSnapshot> = {}): FunctionSnapshot {
  const dir = existsSync(FIXTURES + name) ? FIXTURES + name : TEST_FUNCTIONS + name
  const config = JSON.parse(readFileSync(`${dir}/function.json`, 'utf8')) as FunctionJson
  const functionName = overrides.functionName ?? name
  const base: FunctionSnapshot = {
    functionName,
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    version: '$LATEST',
    runtime: config.runtime,
    handler: config.handler,
    memorySize: config.memorySize,
    timeout: config.timeout,
    ephemeralStorage: 512,
    architecture: config.architecture ?? 'x86_64',
    environment: config.environment ?? {},
    logFormat: config.logFormat ?? 'Text',
    logGroup: `/aws/lambda/${functionName}`,
    codeDir: dir,
    codeSha256: 'test',
    revisionKey: '',
    ...overrides,
  }
  base.revisionKey = overrides.revisionKey ?? JSON.stringify([base.functionName, base.version, base.memorySize, base.timeout, base.environment, base.logFormat, base.runtime, base.handler, base.codeDir])
  return base
}

export function request(snapshot: FunctionSnapshot, payload: unknown = {}): InvokeRequest {
  return { snapshot, requestId: randomUUID(), payload: Buffer.from(JSON.stringify(payload)) }
}

export function body(outcome: { payload: Buffer }): any {
  return JSON.parse(outcome.payload.toString('utf8'))
}

/** the state letter of /proc/<pid>/stat (R running, S sleeping, T stopped), or undefined when the process is gone */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  } catch {
    return undefined
  }
}

export function alive(pid: number): boolean {
  const state = processState(pid)
  return state !== undefined && state !== 'Z'
}

export async function waitFor(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 10))
  }
  return check()
}

export function messages(outcome: { logEvents: { message: string }[] }): string[] {
  return outcome.logEvents.map((e) => e.message)
}
