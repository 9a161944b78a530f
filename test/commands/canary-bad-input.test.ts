import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateAliasCommand, PublishVersionCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'
import { snapshot, type Snapshot } from '../reliability/helpers.js'
import { aliasState, canaryEmulator, createProduction } from '../canary/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-canary-bad-input-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const MISSING = join(dir, 'missing.json')
const MALFORMED = file('malformed.json', '{"results": ')
const sweepOf = (fn: string, failed: number[]) =>
  JSON.stringify({ schemaVersion: 1, function: fn, results: [512, 1024, 2048].map((memory) => ({ memory, failed: failed.includes(memory) })) })
const SWEEP_FAILED_1024 = file('sweep-shop.json', sweepOf('shop', [1024]))
const SWEEP_OTHER = file('sweep-other.json', sweepOf('other', []))
const STATE = mkdtempSync(join(tmpdir(), 'lambda-tune-state-'))
const UNREACHABLE = 'http://127.0.0.1:1'

type Via = 'emu' | 'none' | 'unreachable'
interface Row {
  args: string[]
  via: Via
  code: number
  message: RegExp
}

const canary = (target: string, ...rest: string[]) => ['canary', target, ...rest]
const fine = ['--memory', '1024', '--duration', '10s', '--period', '1']
const rows: Row[] = [
  { args: ['canary'], via: 'emu', code: 2, message: /name the alias to tune: lambda-tune canary <function>:<alias>/ },
  { args: canary('shop', ...fine), via: 'emu', code: 2, message: /give <function>:<alias>, not the function alone \("shop"\)/ },
  { args: canary('shop:1', ...fine), via: 'emu', code: 2, message: /not a version \("shop:1"\)/ },
  { args: canary('no such!', ...fine), via: 'emu', code: 2, message: /is not a function name/ },
  { args: canary('shop:live', '--duration', '10s'), via: 'emu', code: 2, message: /--memory is required/ },
  { args: canary('shop:live', '--memory', '1024'), via: 'emu', code: 2, message: /--duration is required/ },
  { args: canary('shop:live', '--memory', '64', '--duration', '10s'), via: 'emu', code: 2, message: /64 MB is outside Lambda's 128-10240 MB range/ },
  { args: canary('shop:live', '--memory', '1024', '--duration', '10'), via: 'emu', code: 2, message: /--duration: cannot read '10' as a duration/ },
  { args: canary('shop:live', ...fine, '--weight', '0'), via: 'emu', code: 2, message: /--weight must be above 0 and at most 50/ },
  { args: canary('shop:live', ...fine, '--weight', '60'), via: 'emu', code: 2, message: /--weight must be above 0 and at most 50/ },
  { args: canary('shop:live', ...fine, '--weight', 'ten'), via: 'emu', code: 2, message: /--weight: cannot read 'ten' as a percentage/ },
  { args: canary('shop:live', '--memory', '1024', '--duration', '10m', '--period', '30'), via: 'none', code: 2, message: /Lambda publishes its metrics per minute/ },
  { args: canary('shop:live', '--memory', '1024', '--duration', '10s', '--period', '3'), via: 'emu', code: 2, message: /--duration 10s is not a whole number of --period 3s/ },
  { args: canary('shop:live', '--memory', '1024', '--duration', '4s', '--period', '1'), via: 'emu', code: 2, message: /a canary needs at least 6 .*give --duration 6s or more/ },
  { args: canary('shop:live', '--memory', '512', '--duration', '10s', '--period', '1'), via: 'emu', code: 2, message: /--memory 512 is the alias's own memory/ },
  { args: canary('shop:live', ...fine, '--strategy', 'slo'), via: 'emu', code: 2, message: /--strategy slo needs --p99/ },
  { args: canary('shop:live', ...fine, '--p99', '100', '--p95', '80'), via: 'emu', code: 2, message: /give one of --p99 and --p95/ },
  { args: canary('shop:live', ...fine, '--tolerance', '150'), via: 'emu', code: 2, message: /--tolerance must be at least 0 and below 100/ },
  { args: canary('shop:live', ...fine, '--confidence', '0.2'), via: 'emu', code: 2, message: /--confidence must be from 50% to below 100%/ },
  { args: canary('shop:live', ...fine, '--max-error-increase', 'lots'), via: 'emu', code: 2, message: /--max-error-increase/ },
  { args: canary('shop:live', ...fine, '--lookback', '3x'), via: 'emu', code: 2, message: /--lookback/ },
  { args: canary('shop:live', ...fine, '--sweep', MISSING), via: 'emu', code: 2, message: /--sweep .*missing\.json: no such file/ },
  { args: canary('shop:live', ...fine, '--sweep', MALFORMED), via: 'emu', code: 2, message: /malformed\.json: not valid JSON/ },
  { args: canary('shop:live', ...fine, '--sweep', SWEEP_OTHER), via: 'emu', code: 2, message: /is a sweep of other, not of shop/ },
  { args: canary('shop:live', ...fine, '--sweep', SWEEP_FAILED_1024), via: 'emu', code: 2, message: /refusing to send real traffic: 1024 MB failed in the sweep in .*sweep-shop\.json \(--force tries it anyway\)/ },
  {
    args: canary('shop:live', '--memory', '256', '--duration', '10s', '--period', '1', '--memory-margin', '1000'),
    via: 'emu',
    code: 2,
    message: /refusing to send real traffic: 256 MB is below the main version's Max Memory Used in production \(\d+ MB\) plus 1000% \(\d+ MB\)/,
  },
  { args: canary('latest:live', ...fine), via: 'emu', code: 2, message: /latest:live points to \$LATEST: Lambda routes weighted traffic only between published versions/ },
  { args: canary('routed:live', ...fine), via: 'emu', code: 2, message: /routed:live already routes 10% to version 2: an alias routes to two versions at most/ },
  { args: canary('quiet:live', ...fine), via: 'emu', code: 2, message: /quiet:live had no invocations in the last 15s: a canary measures real traffic/ },
  { args: canary('thin:live', '--memory', '1024', '--duration', '6s', '--period', '1', '--weight', '1'), via: 'emu', code: 2, message: /too few to compare; give --duration \S+ or more, or a larger --weight/ },
  { args: canary('shop:nope', ...fine), via: 'emu', code: 3, message: /nope/ },
  { args: canary('nosuch:live', ...fine), via: 'emu', code: 3, message: /nosuch/ },
  { args: canary('shop:live', ...fine), via: 'unreachable', code: 3, message: /cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/ },
  // the emulator's traffic generator
  { args: ['emulator', '--port', '0', '--traffic', 'noop'], via: 'none', code: 2, message: /--traffic 'noop' is not <function>\[:<qualifier>\]=<rate>\/s\[,<payload file>\]/ },
  { args: ['emulator', '--port', '0', '--traffic', 'noop=0/s'], via: 'none', code: 2, message: /the rate must be above 0/ },
  { args: ['emulator', '--port', '0', '--traffic', `noop=5/s,${MISSING}`], via: 'none', code: 2, message: /missing\.json: no such file/ },
  { args: ['emulator', '--port', '0', '--traffic', `noop=5/s,${MALFORMED}`], via: 'none', code: 2, message: /malformed\.json is not JSON/ },
  { args: ['emulator', '--port', '0', '--metrics-period', '0'], via: 'none', code: 2, message: /metrics-period/ },
]

let emu: TestEmulator
const names = ['shop', 'latest', 'routed', 'quiet', 'thin']
beforeAll(async () => {
  emu = await canaryEmulator({ shop: 20, latest: 5, routed: 5, thin: 0.5 })
  await createProduction(emu, 'shop')
  const { lambda } = emu
  const { createNodeFunction } = await import('../helpers/emulator.js')
  for (const name of ['latest', 'routed', 'quiet', 'thin']) {
    await createNodeFunction(lambda, name, 'exports.handler = async () => ({})', { MemorySize: 512 })
    await waitUntilFunctionUpdatedV2({ client: lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: name })
  }
  await lambda.send(new CreateAliasCommand({ FunctionName: 'latest', Name: 'live', FunctionVersion: '$LATEST' }))
  await lambda.send(new PublishVersionCommand({ FunctionName: 'routed' }))
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'routed', Description: 'v2' }))
  await waitUntilFunctionUpdatedV2({ client: lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'routed' })
  await lambda.send(new PublishVersionCommand({ FunctionName: 'routed' }))
  await lambda.send(new CreateAliasCommand({ FunctionName: 'routed', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }))
  for (const name of ['quiet', 'thin']) {
    await lambda.send(new PublishVersionCommand({ FunctionName: name }))
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: '1' }))
  }
})
afterAll(async () => {
  await emu?.stop()
})

async function everything(): Promise<Record<string, { fn: Snapshot; alias: string }>> {
  const out: Record<string, { fn: Snapshot; alias: string }> = {}
  for (const name of names) out[name] = { fn: await snapshot(emu.lambda, emu.emulator, name), alias: await aliasState(emu.lambda, name) }
  return out
}

function argsFor(row: Row): { args: string[]; env: Record<string, string> } {
  const creds = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey }
  const base = { LAMBDA_TUNE_STATE_DIR: STATE }
  const target = (endpoint: string) => [...row.args, '--endpoint-url', endpoint, '--region', 'us-east-1']
  switch (row.via) {
    case 'emu':
      return { args: target(emu.endpoint), env: { ...base, ...creds } }
    case 'unreachable':
      return { args: target(UNREACHABLE), env: { ...base, ...creds } }
    case 'none':
      return { args: row.args, env: base }
  }
}

describe('canary bad input: one line on stderr, the documented exit code, nothing changed', () => {
  it.each(rows.map((r) => [r.args.join(' '), r.via, r] as const))('%s (%s)', async (_label, _via, row) => {
    const before = row.via === 'emu' ? await everything() : undefined
    const { args, env } = argsFor(row)
    const r = await runCli(args, { env, timeoutMs: 30_000 })
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: row.code })
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: /)
    expect(lines[0]).toMatch(row.message)
    expect(r.stderr + r.stdout).not.toMatch(/^\s{4}at /m)
    if (before) expect(await everything()).toEqual(before)
  })

  it('--period below a minute against an endpoint that reads metrics only at CloudWatch’s periods: refused before any change', async () => {
    const plain = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), traffic: [{ functionName: 'shop', qualifier: 'live', rate: 20 }] })
    try {
      await createProduction(plain, 'shop')
      const alias = await aliasState(plain.lambda, 'shop')
      const before = await snapshot(plain.lambda, plain.emulator, 'shop')
      const r = await runCli([...canary('shop:live', '--memory', '1024', '--duration', '14s', '--period', '2'), '--endpoint-url', plain.endpoint, '--region', 'us-east-1'], {
        env: { LAMBDA_TUNE_STATE_DIR: STATE, AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey },
      })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/^Error: --period 2s: http:\/\/127\.0\.0\.1:\d+ does not read metrics at any multiple of 2s \(.*\); start the emulator with --metrics-period 2\n$/)
      expect(await aliasState(plain.lambda, 'shop')).toBe(alias)
      expect(await snapshot(plain.lambda, plain.emulator, 'shop')).toEqual(before)
    } finally {
      await plain.stop()
    }
  })

  it('--force lets a refused candidate through the guards that come before any change (here: a dry run)', async () => {
    const { args, env } = argsFor({ args: canary('shop:live', ...fine, '--sweep', SWEEP_FAILED_1024, '--force', '--dry-run', '--json'), via: 'emu', code: 0, message: /./ })
    const r = await runCli(args, { env })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).guards.refusals).toEqual([expect.stringMatching(/^1024 MB failed in the sweep in .*sweep-shop\.json$/)])
  })
})
