import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GetAliasCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunJournal } from '../../src/state/journal.js'
import type { RestoreResult } from '../../src/sweep/restore.js'
import type { TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { cli, expectAsFound, snapshot, tempStateDir, until } from '../reliability/helpers.js'
import { aliasState, canaryEmulator, createProduction } from './helpers.js'

const restoreSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/restore.json'), 'utf8')) as Schema

let emu: TestEmulator
beforeAll(async () => {
  emu = await canaryEmulator({ shop: 30 })
  await createProduction(emu, 'shop')
})
afterAll(async () => {
  await emu?.stop()
})

describe('kill -9 in the middle of a canary, then `lambda-tune restore`', () => {
  it('the routing was journaled before it was made: restore routes everything back and deletes the candidate versions', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'shop')
    const alias = await aliasState(emu.lambda, 'shop')
    const state = tempStateDir()
    let pid = 0
    const running = cli(emu.endpoint, state, ['canary', 'shop:live', '--memory', '1024,2048', '--weight', '30', '--duration', '60s', '--period', '1'], {
      onSpawn: (p) => (pid = p),
    })
    const routing = async () => (await emu.lambda.send(new GetAliasCommand({ FunctionName: 'shop', Name: 'live' }))).RoutingConfig?.AdditionalVersionWeights ?? {}
    await until(async () => Object.keys(await routing()).length > 0, 'the canary’s routing', 600, 50)
    process.kill(pid, 'SIGKILL')
    expect((await running).signal).toBe('SIGKILL')
    const routed = await routing()
    expect(Object.values(routed)).toEqual([0.3])

    const files = readdirSync(join(state, 'runs')).filter((f) => f.endsWith('.json'))
    expect(files).toHaveLength(1)
    const journal = JSON.parse(readFileSync(join(state, 'runs', files[0]!), 'utf8')) as RunJournal
    expect(journal.alias).toMatchObject({ name: 'live', original: { functionVersion: '1', description: 'production traffic', weights: {} }, pending: routed })

    // a canary or a sweep does not start over the leftovers
    const refused = await cli(emu.endpoint, state, ['canary', 'shop:live', '--memory', '1024', '--duration', '10s', '--period', '1'])
    expect(refused.code).toBe(4)
    expect(refused.stderr).toMatch(/^Error: shop has an unfinished lambda-tune run \([0-9a-f]+, started .*\): run `lambda-tune restore shop --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+` first\n$/)

    const r = await cli(emu.endpoint, state, ['restore', 'shop', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RestoreResult
    expect(validateSchema(out, restoreSchema)).toEqual([])
    expect(out.runs).toHaveLength(1)
    expect(out.runs[0]).toMatchObject({ runId: journal.runId, alias: { name: 'live', routing: 'restored' }, configuration: 'unchanged', problems: [], finished: true })
    expect(out.runs[0]!.deletedVersions.length).toBe(2)
    expect(await aliasState(emu.lambda, 'shop')).toBe(alias)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'shop'))
    expect(readdirSync(join(state, 'runs')).filter((f) => f.endsWith('.json'))).toEqual([])

    const text = await cli(emu.endpoint, state, ['restore', 'shop'])
    expect(text.stdout).toMatch(/^No unfinished lambda-tune run of shop/)
  })

  it('SIGTERM mid-canary routes all traffic back first, deletes the versions and leaves no journal', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'shop')
    const alias = await aliasState(emu.lambda, 'shop')
    const state = tempStateDir()
    let pid = 0
    const running = cli(emu.endpoint, state, ['canary', 'shop:live', '--memory', '1024', '--weight', '30', '--duration', '60s', '--period', '1', '--json'], {
      onSpawn: (p) => (pid = p),
    })
    const routing = async () => (await emu.lambda.send(new GetAliasCommand({ FunctionName: 'shop', Name: 'live' }))).RoutingConfig?.AdditionalVersionWeights ?? {}
    await until(async () => Object.keys(await routing()).length > 0, 'the canary’s routing', 600, 50)
    process.kill(pid, 'SIGTERM')
    const r = await running
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/^\nSIGTERM: stopping, routing the alias's traffic back and deleting the candidate versions\.\.\.\nError: interrupted: live routes everything to version 1 again and the candidate versions are deleted\n$/)
    expect(await aliasState(emu.lambda, 'shop')).toBe(alias)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'shop'))
    expect(readdirSync(join(state, 'runs')).filter((f) => f.endsWith('.json'))).toEqual([])
  })
})
