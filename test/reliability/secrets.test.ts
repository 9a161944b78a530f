import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { cli, createGuardedFunction, ENV_SECRET, expectAsFound, PAYLOAD_SECRET, snapshot, tempStateDir } from './helpers.js'

const HOST_SECRET = 'host-secret-3c9d7e-never-in-a-handler'

let emu: TestEmulator
const saved = { canary: process.env.LAMBDA_TUNE_HOST_CANARY, secret: process.env.AWS_SECRET_ACCESS_KEY }
beforeAll(async () => {
  // The emulator (and so the engine that spawns handlers) runs in this process: give it a host environment to leak.
  process.env.LAMBDA_TUNE_HOST_CANARY = HOST_SECRET
  process.env.AWS_SECRET_ACCESS_KEY = HOST_SECRET
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createGuardedFunction(emu.lambda)
})
afterAll(async () => {
  await emu?.stop()
  for (const [k, v] of [['LAMBDA_TUNE_HOST_CANARY', saved.canary], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

const PAYLOAD = JSON.stringify({ secret: PAYLOAD_SECRET })

function expectNoSecret(text: string) {
  expect(text).not.toContain(ENV_SECRET)
  expect(text).not.toContain(PAYLOAD_SECRET)
  expect(text).not.toContain(HOST_SECRET)
}

describe('no environment variable value or payload in output unless asked for', () => {
  it('sweep: table, Markdown, JSON with --include-samples, --out, and a run whose invokes fail with the secret in the message', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const state = tempStateDir()
    const out = join(state, 'out.md')
    const runs = [
      ['sweep', 'guarded', '--memory', '128', '--invocations', '2', '--payload', PAYLOAD],
      ['sweep', 'guarded', '--memory', '128', '--invocations', '2', '--payload', PAYLOAD, '--format', 'md', '--out', out],
      ['sweep', 'guarded', '--memory', '128', '--invocations', '2', '--payload', PAYLOAD, '--json', '--include-samples', '--cold-starts', '1'],
      ['sweep', 'guarded', '--memory', '128', '--invocations', '2', '--payload', JSON.stringify({ fail: true, secret: PAYLOAD_SECRET }), '--json', '--include-samples'],
      ['sweep', 'guarded', '--memory', '128', '--payload', `{"secret": "${PAYLOAD_SECRET}" oops}`],
      ['sweep', 'guarded', '--memory', '128', '--payload', PAYLOAD_SECRET],
      ['sweep', 'guarded', '--memory', '128', '--dry-run', '--payload', PAYLOAD],
    ]
    for (const args of runs) {
      const r = await cli(emu.endpoint, state, args)
      // 1: the run whose invokes all fail has no memory size to pick
      expect([0, 1, 2]).toContain(r.code)
      expectNoSecret(r.stdout + r.stderr)
    }
    expectNoSecret(readFileSync(out, 'utf8'))
    // V8's JSON errors quote the start of the text: a short payload would be quoted whole
    const short = await cli(emu.endpoint, state, ['sweep', 'guarded', '--payload', 'hunter2'])
    expect(short.code).toBe(2)
    expect(short.stderr).toMatch(/^Error: --payload is not valid JSON/)
    expect(short.stderr).not.toContain('hunter')
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })

  it('report and recommend read logs that hold the secret (the handler logs it) and print none of it', async () => {
    // production traffic of its own: the sweeps' invokes above are left out of reports
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'guarded', Payload: new TextEncoder().encode(JSON.stringify({ password: PAYLOAD_SECRET })) }))
    for (const args of [['report', 'guarded', '--json'], ['report', 'guarded', '--format', 'md'], ['recommend', 'guarded']]) {
      const r = await cli(emu.endpoint, tempStateDir(), args)
      // warnings only (the sweeps above ran in the same periods: the peak concurrency cannot be split from theirs)
      expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('Warning: '))).toEqual([])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('guarded')
      expectNoSecret(r.stdout + r.stderr)
    }
  })
})

describe('the emulator keeps to itself', () => {
  it('gives handler processes no host environment: not its credentials, not its other variables', async () => {
    const r = await emu.lambda.send(new InvokeCommand({ FunctionName: 'guarded', Payload: new TextEncoder().encode('{}') }))
    const body = JSON.parse(new TextDecoder().decode(r.Payload)) as { hostSecret: string | null; canary: string | null; names: string[]; token: string }
    expect(body.token).toBe(ENV_SECRET) // the function's own variables are there
    expect(body.canary).toBeNull()
    expect(body.hostSecret).not.toBe(HOST_SECRET)
    expect(body.names).not.toContain('LAMBDA_TUNE_HOST_CANARY')
    expect(body.names).not.toContain('LAMBDA_TUNE_STATE_DIR')
    expect(body.names).not.toContain('VITEST')
  })

  it('listens on loopback only', async () => {
    expect(new URL(emu.endpoint).hostname).toBe('127.0.0.1')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    if (!external) return // no other interface on this machine: nothing else to reach it by
    const reached = await new Promise<boolean>((resolve) => {
      const req = request({ host: external.address, port: emu.emulator.port, path: '/2015-03-31/functions', timeout: 2000 }, () => resolve(true))
      req.on('error', () => resolve(false))
      req.on('timeout', () => {
        req.destroy()
        resolve(false)
      })
      req.end()
    })
    expect(reached).toBe(false)
  })

  it('serves code only from its functions: a path outside them is refused', async () => {
    const fn = await emu.lambda.send(new GetFunctionCommand({ FunctionName: 'guarded' }))
    const location = new URL(fn.Code!.Location!)
    expect(location.hostname).toBe('127.0.0.1')
    for (const path of [
      '/lambda-tune/code/..%2F..%2F..%2Fetc%2Fpasswd/1.zip',
      '/lambda-tune/code/guarded/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/lambda-tune/code/../../../etc/passwd',
      '/lambda-tune/code/no-such-function/%24LATEST.zip',
    ]) {
      const res = await fetch(`${emu.endpoint}${path}`)
      const text = await res.text()
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(text).not.toMatch(/root:/)
    }
  })
})
