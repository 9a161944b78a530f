import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  ListAliasesCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configurationDifferences } from '../../src/core/sweep/config-diff.js'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { startTestEmulator, zipOf, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { functionState, runSweepCli, type FunctionState } from '../sweep/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

function expectUnchanged(before: FunctionState, after: FunctionState) {
  expect(configurationDifferences(before.config, after.config)).toEqual([])
  expect(after.aliases).toEqual(before.aliases)
  expect(after.versions).toEqual(before.versions)
  expect(after.aliases.some((a) => a.startsWith('lambda-tune-'))).toBe(false)
}

describe('a sweep leaves the function exactly as found', () => {
  it('after a normal run through an alias, keeping the versions and aliases that were there', async () => {
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'noop', Description: 'release 1' }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'noop', Name: 'live', FunctionVersion: v.Version! }))
    const before = await functionState(emu.lambda, 'noop')
    expect(before.aliases).toEqual(['live'])
    const r = await runSweepCli(emu.endpoint, ['noop:live', '--memory', '128,256', '--invocations', '3', '--cold-starts', '1', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.qualifier).toBe('live')
    expectUnchanged(before, await functionState(emu.lambda, 'noop'))
  })

  it('after a run with function errors (flaky), which are counted and fail the values above the threshold', async () => {
    const before = await functionState(emu.lambda, 'flaky')
    const r = await runSweepCli(emu.endpoint, ['flaky', '--memory', '128,512', '--invocations', '8', '--json'])
    // every value failed: the result is printed, and the run exits 1 with the reason, as a gate would
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Error: flaky: no memory value can be recommended: every value failed \(128 MB, 256 MB, 512 MB\)\n$/)
    const out = JSON.parse(r.stdout) as SweepResult
    for (const v of out.results) {
      expect(v.errors).toBe(2)
      expect(v.errorTypes).toEqual({ Error: 2 })
      expect(v.failed).toBe(true)
    }
    expect(out.recommendation.memory).toBeNull()
    expectUnchanged(before, await functionState(emu.lambda, 'flaky'))
    // the same errors, allowed, count as results
    const allowed = await runSweepCli(emu.endpoint, ['flaky', '--memory', '128', '--invocations', '8', '--allowed-errors', 'Error', '--json'])
    const a = JSON.parse(allowed.stdout) as SweepResult
    expect(a.results[0]).toMatchObject({ errors: 0, failed: false })
    expect(a.recommendation.memory).not.toBeNull()
  })

  it('after a run interrupted by SIGINT while it invokes: exit 4, no alias or version of the run left', async () => {
    const before = await functionState(emu.lambda, 'io-wait')
    let pid = 0
    const running = runSweepCli(
      emu.endpoint,
      ['io-wait', '--memory', '128,256,512', '--invocations', '200', '--payload', '{"waitMs":50}', '--serial'],
      { onSpawn: (p) => (pid = p) },
    )
    // Invoking has begun once every alias of the run exists and $LATEST carries its original description again.
    for (let i = 0; i < 400; i++) {
      const state = await functionState(emu.lambda, 'io-wait')
      const aliases = state.aliases.filter((a) => a.startsWith('lambda-tune-'))
      if (aliases.length === 3 && state.config.Description === before.config.Description) break
      await new Promise((res) => setTimeout(res, 50))
    }
    await new Promise((res) => setTimeout(res, 300))
    process.kill(pid, 'SIGINT')
    const r = await running
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/^Error: interrupted: io-wait was restored and the run's aliases and versions deleted$/m)
    expectUnchanged(before, await functionState(emu.lambda, 'io-wait'))
  })

  it('after a --dry-run, which prints the plan, the calls and the cost bound', async () => {
    const before = await functionState(emu.lambda, 'cpu-hash')
    const r = await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '128,512', '--invocations', '10', '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Dry run for cpu-hash \(current 1769 MB, us-east-1\): nothing was changed\.$/m)
    expect(r.stdout).toMatch(/^Memory values: 128, 512, 1769 MB; 10 invokes each, 30 in all; seed \d+\.$/m)
    expect(r.stdout).toMatch(/UpdateFunctionConfiguration cpu-hash MemorySize=128/)
    expect(r.stdout).toMatch(/DeleteAlias × 3; DeleteFunction Qualifier=<version> × 3/)
    expect(r.stdout).toMatch(/^Estimated cost of the run: at most \$/m)
    const json = await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '128', '--dry-run', '--json', '--seed', '5'])
    const plan = JSON.parse(json.stdout)
    expect(validateSchema(plan, { ...schema, $ref: '#/$defs/dryRun', required: [], properties: {}, additionalProperties: true })).toEqual([])
    // sequential by default: the plan bounds each value at its last look (100 warm invokes and the cold start)
    expect(plan).toMatchObject({ dryRun: true, seed: 5, memories: [128, 1769], sampling: 'sequential', looks: [4, 6, 9, 14, 21, 32, 48, 72, 100], totalInvokes: 2 * 101 })
    const text = await runSweepCli(emu.endpoint, ['cpu-hash', '--memory', '128', '--dry-run', '--max-invocations', '20'])
    expect(text.stdout).toMatch(/^Memory values: 128, 1769 MB; in rounds, looking after 4, 6, 9, 14, 20 warm invokes per value; at most 21 invokes each, 42 in all; seed \d+\.$/m)
    expect(text.stdout).toMatch(/a value stops when it cannot be the pick, the run when the pick is settled/)
    expectUnchanged(before, await functionState(emu.lambda, 'cpu-hash'))
  })
})

describe('--keep', () => {
  it("keeps the run's aliases and versions, lists them, and still restores $LATEST", async () => {
    const before = await functionState(emu.lambda, 'noop')
    const r = await runSweepCli(emu.endpoint, ['noop', '--memory', '512', '--invocations', '2', '--keep', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(out.kept!.aliases).toEqual(out.results.map((v) => `lambda-tune-${out.runId}-${v.memory}`))
    const after = await functionState(emu.lambda, 'noop')
    expect(configurationDifferences(before.config, after.config)).toEqual([])
    expect(after.aliases).toEqual([...before.aliases, ...out.kept!.aliases].sort())
    expect(after.versions).toEqual([...before.versions, ...out.kept!.versions].sort())
    for (const alias of out.kept!.aliases) await emu.lambda.send(new DeleteAliasCommand({ FunctionName: 'noop', Name: alias }))
    for (const version of out.kept!.versions) await emu.lambda.send(new DeleteFunctionCommand({ FunctionName: 'noop', Qualifier: version }))
  })
})

describe('a sweep refuses bad input with one line and changes nothing', () => {
  it.each([
    [['cpu-hash', '--memory', '64,512'], 2, /^Error: --memory value 64 MB is outside Lambda's 128-10240 MB range$/m],
    [['cpu-hash', '--memory', '128..99999:512'], 2, /outside Lambda's 128-10240 MB range/],
    [['cpu-hash', '--strategy', 'slo'], 2, /--strategy slo needs --p99 <ms> or --p95 <ms>/],
    [['cpu-hash', '--payload', '{oops'], 2, /--payload is not valid JSON/],
    [['cpu-hash', '--payloads', '/nonexistent/payloads.json'], 2, /--payloads \/nonexistent\/payloads.json: no such file/],
    [['cpu-hash', '--weight', '2', '--strategy', 'balanced'], 2, /--weight must be between 0/],
    [['no-such-function'], 3, /^Error: .*no-such-function.*\(while reading function no-such-function\)$/m],
    [[], 2, /name the function to tune/],
  ])('%j exits %i', async (args, code, message) => {
    const before = await functionState(emu.lambda, 'cpu-hash')
    const r = await runSweepCli(emu.endpoint, args as string[])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expectUnchanged(before, await functionState(emu.lambda, 'cpu-hash'))
  })

  it('a qualifier whose code differs from $LATEST is explained, exit 2, before anything changes', async () => {
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'heavy-init' }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'heavy-init', Name: 'old', FunctionVersion: v.Version! }))
    await emu.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'heavy-init', ZipFile: await zipOf({ 'index.mjs': 'export const handler = async () => 1\n' }) }),
    )
    for (let i = 0; i < 100; i++) {
      const c = await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'heavy-init' }))
      if (c.LastUpdateStatus !== 'InProgress') break
      await new Promise((res) => setTimeout(res, 50))
    }
    const before = await functionState(emu.lambda, 'heavy-init')
    const r = await runSweepCli(emu.endpoint, ['heavy-init:old', '--memory', '128'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^Error: heavy-init:old differs from \$LATEST in CodeSha256; lambda-tune publishes the tuned versions from \$LATEST/)
    expectUnchanged(before, await functionState(emu.lambda, 'heavy-init'))
    const aliases = await emu.lambda.send(new ListAliasesCommand({ FunctionName: 'heavy-init' }))
    expect(aliases.Aliases?.map((a) => a.Name)).toEqual(['old'])
  })
})
