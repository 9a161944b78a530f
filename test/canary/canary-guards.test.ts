import { GetAliasCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CanaryResult } from '../../src/core/canary/result.js'
import type { TestEmulator } from '../helpers/emulator.js'
import { validateSchema } from '../helpers/schema.js'
import { cli, expectAsFound, snapshot, tempStateDir, until } from '../reliability/helpers.js'
import { aliasState, canaryEmulator, canarySchema, createProduction } from './helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await canaryEmulator({ shop: 30, edited: 30 })
  await Promise.all([createProduction(emu, 'shop'), createProduction(emu, 'edited')])
})
afterAll(async () => {
  await emu?.stop()
})

describe('the guards of a running canary', () => {
  it('a candidate whose handler fails is stopped by the error guard within a minute, and all traffic goes back', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'shop')
    const alias = await aliasState(emu.lambda, 'shop')
    const started = Date.now()
    // 128 MB: the handler throws below 256 MB, as one that runs out of memory would
    const r = await cli(emu.endpoint, tempStateDir(), ['canary', 'shop:live', '--memory', '128', '--weight', '20', '--duration', '60s', '--period', '1', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(Date.now() - started).toBeLessThan(60_000)
    const out = JSON.parse(r.stdout) as CanaryResult
    expect(validateSchema(out, canarySchema)).toEqual([])
    const [c] = out.candidates
    expect(c).toMatchObject({ memory: 128, status: 'stopped', stop: { reason: 'errors' } })
    expect(c!.stop!.afterSeconds).toBeLessThanOrEqual(15)
    expect(c!.stop!.detail).toMatch(/^error rate 100\.0% \(\d+ of \d+\) against 0\.0% for the main version: more than 1 points higher/)
    expect(c!.candidate.errorRate).toBe(1)
    expect(c!.comparison.errorRate!.ci[0]).toBeGreaterThan(0.5)
    // a stopped candidate is never the pick
    expect(out.recommendation.memory).toBe(512)
    expect(await aliasState(emu.lambda, 'shop')).toBe(alias)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'shop'))
  })

  it('someone else’s change of the alias mid-canary stops it without being overwritten', async () => {
    const state = tempStateDir()
    let pid = 0
    const running = cli(emu.endpoint, state, ['canary', 'edited:live', '--memory', '1024', '--weight', '20', '--duration', '60s', '--period', '1', '--json'], {
      onSpawn: (p) => (pid = p),
    })
    const routing = async () => (await emu.lambda.send(new GetAliasCommand({ FunctionName: 'edited', Name: 'live' }))).RoutingConfig?.AdditionalVersionWeights ?? {}
    await until(async () => Object.keys(await routing()).length > 0, 'the canary’s routing', 600, 50)
    const weights = await routing()
    // a deploy tool changes the alias's description, keeping the routing it found
    await emu.lambda.send(new UpdateAliasCommand({ FunctionName: 'edited', Name: 'live', Description: 'changed by a deploy' }))
    const r = await running
    expect(pid).toBeGreaterThan(0)
    expect(r.code).toBe(4)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^Error: alias live of edited was changed by someone else during the canary \(now version 1, 20% to version \d+\); lambda-tune stopped without overwriting it; could not delete version \d+: .*; `lambda-tune restore edited` finishes the clean-up\n$/)
    const now = await emu.lambda.send(new GetAliasCommand({ FunctionName: 'edited', Name: 'live' }))
    expect(now.Description).toBe('changed by a deploy')
    expect(now.RoutingConfig?.AdditionalVersionWeights).toEqual(weights)

    // restore leaves their alias alone too, and keeps the journal while the version cannot go
    const restore = await cli(emu.endpoint, state, ['restore', 'edited', '--json'])
    expect(restore.code).toBe(4)
    const result = JSON.parse(restore.stdout) as { runs: Array<{ alias: { routing: string }; finished: boolean }> }
    expect(result.runs[0]).toMatchObject({ alias: { routing: 'left' }, finished: false })
    expect((await emu.lambda.send(new GetAliasCommand({ FunctionName: 'edited', Name: 'live' }))).Description).toBe('changed by a deploy')

    // once their rollout is over, restore deletes what is left
    await emu.lambda.send(new UpdateAliasCommand({ FunctionName: 'edited', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } }))
    const again = await cli(emu.endpoint, state, ['restore', 'edited', '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).runs[0]).toMatchObject({ alias: { routing: 'unchanged' }, finished: true, deletedVersions: [Object.keys(weights)[0]] })
  })
})
