import { access, constants } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FunctionSnapshot } from '../types.js'

/**
 * How each runtime id is started. The bootstraps under src/emulator/runtimes are plain .mjs / .py files run by the
 * host's node and python3; they are resolved from the package root, so this works from src (vitest) and dist alike.
 */
export const RUNTIMES_DIR = fileURLToPath(new URL('../../../src/emulator/runtimes/', import.meta.url))

export interface RuntimeCommand {
  command: string
  args: string[]
  /** what Lambda prints in INIT_START: `Runtime Version: nodejs:20.v48` */
  runtimeVersion: string
  /** AWS_EXECUTION_ENV (absent for custom runtimes, as on Lambda) */
  executionEnv?: string
  /** the bootstrap takes a Unix socket path for the Runtime API as its last argument */
  socketArg?: boolean
}

export class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message)
  }
}

export function isSupportedRuntime(runtime: string): boolean {
  return /^nodejs\d+\.x$/.test(runtime) || /^python3\.\d+$/.test(runtime) || /^provided(\.al2|\.al2023)?$/.test(runtime)
}

export async function runtimeCommand(snapshot: FunctionSnapshot, python: string): Promise<RuntimeCommand> {
  const { runtime, memorySize } = snapshot
  const node = /^nodejs(\d+)\.x$/.exec(runtime)
  if (node) {
    // Lambda's Node.js bootstrap sizes the old space at 90% of the function's memory
    const oldSpace = Math.max(16, Math.floor(memorySize * 0.9))
    return {
      command: process.execPath,
      args: [`--max-old-space-size=${oldSpace}`, path.join(RUNTIMES_DIR, 'node', 'bootstrap.mjs')],
      runtimeVersion: `nodejs:${node[1]}.v48`,
      executionEnv: `AWS_Lambda_${runtime}`,
      socketArg: true,
    }
  }
  const py = /^python(3\.\d+)$/.exec(runtime)
  if (py) {
    return {
      command: python,
      args: ['-B', '-u', path.join(RUNTIMES_DIR, 'python', 'bootstrap.py')],
      runtimeVersion: `python:${py[1]}.v61`,
      executionEnv: `AWS_Lambda_${runtime}`,
      socketArg: true,
    }
  }
  if (/^provided(\.al2|\.al2023)?$/.test(runtime)) {
    const bootstrap = path.join(snapshot.codeDir, 'bootstrap')
    try {
      await access(bootstrap, constants.X_OK)
    } catch {
      throw new RuntimeError('Runtime.InvalidEntrypoint', `Couldn't find valid bootstrap(s): [${bootstrap}]`)
    }
    return { command: bootstrap, args: [], runtimeVersion: `${runtime === 'provided' ? 'provided:1' : runtime.replace('provided.', 'provided:')}.v24` }
  }
  throw new RuntimeError('Runtime.InvalidRuntime', `The runtime ${runtime} is not supported by the lambda-tune emulator.`)
}
