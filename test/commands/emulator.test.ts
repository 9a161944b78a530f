import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT, RUN_JS } from '../helpers/cli.js'
import { TEST_CREDENTIALS } from '../helpers/emulator.js'

/** Skipped, with the reason, only where no AWS CLI is installed. */
const hasAws = await new Promise<boolean>((resolve) => execFile('aws', ['--version'], (err) => resolve(!err)))
const home = mkdtempSync(join(tmpdir(), 'lambda-tune-emulator-home-'))
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-emulator-fns-'))
const file = (name: string, text: string) => {
  mkdirSync(dirname(join(dir, name)), { recursive: true })
  writeFileSync(join(dir, name), text)
}
file('arm/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler", "architectures": ["arm64"]}')
file('arm/index.js', 'exports.handler = async () => 1')
file('broken/function.json', '{"runtime": "java21", "handler": "x"}')

let child: ChildProcessWithoutNullStreams | undefined
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  child = undefined
})

/** Starts `lambda-tune emulator` as a process; resolves once it prints its export line. */
async function startEmulator(args: string[]): Promise<{ stdout: () => string; stderr: () => string; exportLine: string; endpoint: string }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1' }
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k]
  const proc = spawn(process.execPath, [RUN_JS, 'emulator', '--port', '0', ...args], { cwd: REPO_ROOT, env })
  child = proc
  let out = ''
  let err = ''
  proc.stderr.on('data', (d) => (err += d))
  const exportLine = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d
      const line = /^export .*$/m.exec(out)?.[0]
      if (line && out.includes('Press Ctrl-C')) resolve(line)
    })
    proc.on('exit', () => reject(new Error(`emulator exited early: ${err}`)))
  })
  return { stdout: () => out, stderr: () => err, exportLine, endpoint: /AWS_ENDPOINT_URL=(\S+)/.exec(exportLine)![1]! }
}

describe('lambda-tune emulator', () => {
  it.skipIf(!hasAws)('prints an export line that AWS CLI v1 (which reads only AWS_DEFAULT_REGION) can use as it is', async () => {
    const { exportLine } = await startEmulator([])
    expect(exportLine).toMatch(/ AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 /)
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('sh', ['-c', `${exportLine}; unset AWS_REGION; aws lambda list-functions --output json`], {
        env: { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      }, (e, stdout, stderr) => resolve({ code: e ? 1 : 0, stdout, stderr }))
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { Functions: { FunctionName: string }[] }).Functions.map((f) => f.FunctionName)).toContain('noop')
  })

  it('skips a broken function folder with a warning, and warns once about an architecture the host cannot give', async () => {
    const emu = await startEmulator(['--functions', dir])
    expect(emu.stdout()).toMatch(/^functions \(1\): arm$/m)
    expect(emu.stderr()).toMatch(/^Warning: skipped function broken: .*broken\/function\.json: runtime "java21" is not one the emulator runs/m)
    const lambda = new LambdaClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 })
    try {
      for (let i = 0; i < 3; i++) expect((await lambda.send(new InvokeCommand({ FunctionName: 'arm' }))).StatusCode).toBe(200)
    } finally {
      lambda.destroy()
    }
    const arm = emu.stderr().split('\n').filter((l) => l.startsWith('Warning: arm:'))
    const hostArch = process.arch === 'x64' ? 'x86_64' : process.arch
    expect(arm).toHaveLength(hostArch === 'arm64' ? 0 : 1)
  })
})
