import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const RUN_JS = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TEST_STATE_DIR = mkdtempSync(join(tmpdir(), 'lambda-tune-test-state-'))

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  env?: Record<string, string | undefined>
  cwd?: string
  input?: string
  timeoutMs?: number
  /** called once the process is spawned, e.g. to send it a signal later */
  onSpawn?: (pid: number) => void
}

/** Runs `bin/run.js` as a real process, as a user would, and collects its output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_JS, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...cleanEnv(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
    if (child.pid) options.onSpawn?.(child.pid)
    child.stdin.end(options.input ?? '')
  })
}

/** The host environment without AWS settings, so a developer's own credentials or region never reach a test. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('AWS_')) env[k] = v
  }
  env.NO_COLOR = '1'
  // Sweeps keep run journals in the state folder: tests keep theirs out of the developer's ~/.lambda-tune.
  env.LAMBDA_TUNE_STATE_DIR ??= TEST_STATE_DIR
  return env
}
