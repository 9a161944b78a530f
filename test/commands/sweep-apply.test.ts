import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateAliasCommand,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configurationDifferences } from '../../src/core/sweep/config-diff.js'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import type { RestoreResult } from '../../src/sweep/restore.js'
import type { SweepDryRun } from '../../src/sweep/service.js'
import type { ApplyRecord } from '../../src/state/applies.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { createNodeFunction, startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { functionState, runSweepCli } from '../sweep/helpers.js'

/** `sweep --apply` through bin/run.js against an emulator, and `restore --undo-apply` putting it back. */
const sweepSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
const restoreSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/restore.json'), 'utf8')) as Schema
// an I/O-bound handler set to 1024 MB: 128 MB is clearly the cheapest, and the pick settles in a few rounds
const WAITS = 'exports.handler = async () => { await new Promise((r) => setTimeout(r, 20)); return { ok: true } }'

let emu: TestEmulator
let state: string
beforeAll(async () => {
  emu = await startTestEmulator()
  state = mkdtempSync(join(tmpdir(), 'lambda-tune-apply-state-'))
  for (const name of ['apply-fn', 'apply-alias', 'apply-routed', 'apply-loose']) {
    await createNodeFunction(emu.lambda, name, WAITS, { MemorySize: 1024, Description: 'waits 20 ms', Environment: { Variables: { STAGE: 'test' } } })
  }
})
afterAll(async () => {
  await emu?.stop()
})

function sweep(args: string[]) {
  return runSweepCli(emu.endpoint, args, { env: { LAMBDA_TUNE_STATE_DIR: state } })
}
function restore(args: string[]) {
  return runCli(['restore', ...args, '--endpoint-url', emu.endpoint, '--region', 'us-east-1'], {
    env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, LAMBDA_TUNE_STATE_DIR: state },
  })
}
const memoryOf = async (name: string, qualifier?: string) =>
  (await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }))).MemorySize

describe('sweep --apply', () => {
  it('sets a settled pick on $LATEST, journals it, prints the undo; restore --undo-apply puts it back once', async () => {
    const before = await functionState(emu.lambda, 'apply-fn')
    const r = await sweep(['apply-fn', '--memory', '128,1024', '--apply', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, sweepSchema)).toEqual([])
    expect(out.recommendation).toMatchObject({ memory: 128, settled: true })
    expect(out.applied).toMatchObject({ status: 'applied', target: 'function', memory: 128, previous: 1024, alias: null })
    expect(out.applied!.undo).toBe(`lambda-tune restore apply-fn --region us-east-1 --endpoint-url ${emu.endpoint} --undo-apply ${out.runId}`)
    expect(out.applied!.awsCli).toBe(`aws lambda update-function-configuration --function-name apply-fn --memory-size 1024 --region us-east-1 --endpoint-url ${emu.endpoint}`)
    const after = await functionState(emu.lambda, 'apply-fn')
    // only the memory changed; the run's aliases and versions are gone
    expect(configurationDifferences(before.config, after.config)).toEqual(['MemorySize'])
    expect(after.config.MemorySize).toBe(128)
    expect(after.config.RevisionId).toBe(out.applied!.revisionId)
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
    const record = JSON.parse(readFileSync(join(state, 'applied', `${out.runId}.json`), 'utf8')) as ApplyRecord
    expect(record).toMatchObject({ phase: 'applied', kind: 'function', before: { memory: 1024 }, after: { memory: 128 }, revisionAfter: out.applied!.revisionId })

    const table = await restore(['apply-fn', '--undo-apply', out.runId])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toBe(`apply-fn: the --apply of run ${out.runId}: put back: MemorySize 128 -> 1024 MB\n`)
    expect(configurationDifferences(before.config, (await functionState(emu.lambda, 'apply-fn')).config)).toEqual([])
    expect(existsSync(join(state, 'applied', `${out.runId}.json`))).toBe(false)
    const again = await restore(['apply-fn', '--undo-apply', out.runId])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(new RegExp(`^Error: no --apply of run ${out.runId} on apply-fn is recorded for `))
  })

  it('an undo leaves a memory someone else set since as it is', async () => {
    const r = await sweep(['apply-loose', '--memory', '128,1024', '--apply', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(out.applied!.status).toBe('applied')
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'apply-loose', MemorySize: 256 }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 0.1 }, { FunctionName: 'apply-loose' })
    const undo = await restore(['apply-loose', '--undo-apply', out.runId, '--json'])
    expect(undo.code, undo.stderr).toBe(0)
    const result = JSON.parse(undo.stdout) as RestoreResult
    expect(validateSchema(result, restoreSchema)).toEqual([])
    expect(result.undone).toEqual([
      expect.objectContaining({ runId: out.runId, status: 'left', finished: true, detail: expect.stringMatching(/^MemorySize is 256 MB, not the 128 MB applied: someone else changed it since/) }),
    ])
    expect(await memoryOf('apply-loose')).toBe(256)
  })

  it('for an alias: publishes a version with the pick and moves the alias, $LATEST left as found; the undo moves it back and deletes that version', async () => {
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'apply-alias', Description: 'release 1' }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'apply-alias', Name: 'live', FunctionVersion: v.Version! }))
    const before = await functionState(emu.lambda, 'apply-alias')
    const r = await sweep(['apply-alias:live', '--memory', '128,1024', '--apply', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, sweepSchema)).toEqual([])
    expect(out.applied).toMatchObject({ status: 'applied', target: 'alias', alias: 'live', memory: 128, previous: 1024, previousVersion: v.Version })
    const alias = await emu.lambda.send(new GetAliasCommand({ FunctionName: 'apply-alias', Name: 'live' }))
    expect(alias.FunctionVersion).toBe(out.applied!.version)
    expect(await memoryOf('apply-alias', 'live')).toBe(128)
    const after = await functionState(emu.lambda, 'apply-alias')
    expect(configurationDifferences(before.config, after.config)).toEqual([])
    expect(after.versions).toEqual([...before.versions, out.applied!.version!].sort())
    const published = (await emu.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'apply-alias' }))).Versions!.find((x) => x.Version === out.applied!.version)
    expect(published?.Description).toBe(`lambda-tune apply ${out.runId}: 128 MB for alias live (was version ${v.Version})`)
    expect(published?.Environment?.Variables).toEqual({ STAGE: 'test' })

    const undo = await restore(['apply-alias', '--undo-apply', out.runId])
    expect(undo.code, undo.stderr).toBe(0)
    expect(undo.stdout).toBe(`apply-alias: the --apply of run ${out.runId}: put back: alias live -> version ${v.Version} (1024 MB); version ${out.applied!.version} deleted\n`)
    const restored = await functionState(emu.lambda, 'apply-alias')
    expect(restored.versions).toEqual(before.versions)
    expect((await emu.lambda.send(new GetAliasCommand({ FunctionName: 'apply-alias', Name: 'live' }))).FunctionVersion).toBe(v.Version)
  })

  it('refuses an alias that routes weights to another version, changing nothing', async () => {
    const v1 = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'apply-routed', Description: 'release 1' }))
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'apply-routed', Description: 'release 2' }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 0.1 }, { FunctionName: 'apply-routed' })
    const v2 = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'apply-routed', Description: 'release 2' }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'apply-routed', Name: 'live', FunctionVersion: v1.Version! }))
    await emu.lambda.send(new UpdateAliasCommand({ FunctionName: 'apply-routed', Name: 'live', FunctionVersion: v2.Version!, RoutingConfig: { AdditionalVersionWeights: { [v1.Version!]: 0.1 } } }))
    const before = await functionState(emu.lambda, 'apply-routed')
    const r = await sweep(['apply-routed:live', '--memory', '128,1024', '--apply'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Error: apply-routed: not applied: alias live routes weights to other versions \(a rollout under way\)/m)
    expect(r.stdout).toMatch(/^Not applied: alias live routes weights/m)
    const after = await functionState(emu.lambda, 'apply-routed')
    expect(configurationDifferences(before.config, after.config)).toEqual([])
    expect(after.versions).toEqual(before.versions)
    expect((await emu.lambda.send(new GetAliasCommand({ FunctionName: 'apply-routed', Name: 'live' }))).FunctionVersion).toBe(v2.Version)
  })

  it('restore undoes an apply whose run was killed half way (its record still says applying)', async () => {
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'apply-loose', MemorySize: 128 }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, maxWaitTime: 30, minDelay: 0.1 }, { FunctionName: 'apply-loose' })
    const record: ApplyRecord = {
      applyVersion: 1, runId: 'deadbeef', functionName: 'apply-loose', target: { region: 'us-east-1', endpoint: emu.endpoint },
      startedAt: new Date().toISOString(), pid: 2 ** 22 + 12345, phase: 'applying', before: { memory: 512 }, after: { memory: 128 }, kind: 'function',
    }
    mkdirSync(join(state, 'applied'), { recursive: true })
    writeFileSync(join(state, 'applied', 'deadbeef.json'), JSON.stringify(record))
    const r = await restore(['apply-loose'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('apply-loose: the --apply of run deadbeef: put back: MemorySize 128 -> 512 MB\n')
    expect(await memoryOf('apply-loose')).toBe(512)
    expect(existsSync(join(state, 'applied', 'deadbeef.json'))).toBe(false)
  })

  it('refuses a pick that is not settled (exit 1), and changes nothing', async () => {
    const before = await functionState(emu.lambda, 'apply-fn')
    // one invoke a value proves nothing
    const r = await sweep(['apply-fn', '--memory', '128,1024', '-n', '1', '--apply', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(out.recommendation.settled).toBe(false)
    expect(out.applied).toMatchObject({ status: 'refused', undo: null })
    expect(out.applied!.reason).toMatch(/^not applied: the pick \d+ MB is not settled at 95%/)
    expect(r.stderr).toBe(`Error: apply-fn: ${out.applied!.reason}\n`)
    expect(configurationDifferences(before.config, (await functionState(emu.lambda, 'apply-fn')).config)).toEqual([])
  })

  it('--dry-run says what it would do; --keep and a version are usage errors before anything runs', async () => {
    const before = await functionState(emu.lambda, 'apply-fn')
    const dry = await sweep(['apply-fn', '--memory', '128,1024', '--apply', '--dry-run', '--json'])
    expect(dry.code, dry.stderr).toBe(0)
    const plan = JSON.parse(dry.stdout) as SweepDryRun
    expect(validateSchema(plan, sweepSchema)).toEqual([])
    expect(plan.apply).toEqual([expect.stringMatching(/^then, once the run is clean, if the pick is settled and is not the current 1024 MB: .*UpdateFunctionConfiguration apply-fn MemorySize=<the pick> with the RevisionId last seen/)])
    expect(plan.apply![0]).toContain(`lambda-tune restore apply-fn --undo-apply ${plan.runId}`)
    expect(plan.calls[plan.calls.length - 1]).toBe(plan.apply![0])
    for (const [args, message] of [
      [['apply-fn', '--apply', '--keep'], /^Error: --apply sets the pick once the run has deleted its aliases and versions; --keep keeps them/],
      [['apply-fn:1', '--apply'], /^Error: --apply cannot change apply-fn:1: a published version never changes/],
    ] as const) {
      const r = await sweep([...args])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
    }
    expect(configurationDifferences(before.config, (await functionState(emu.lambda, 'apply-fn')).config)).toEqual([])
  })
})
