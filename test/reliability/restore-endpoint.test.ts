import { PublishVersionCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lambdaPort } from '../../src/aws/lambda.js'
import { JournalStore } from '../../src/state/journal.js'
import type { RestoreResult } from '../../src/sweep/restore.js'
import { emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { cli, createGuardedFunction, expectAsFound, snapshot, tempStateDir } from './helpers.js'

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createGuardedFunction(emu.lambda)
})
afterAll(async () => {
  await emu?.stop()
})

describe('restore finds a run however its endpoint is spelled', () => {
  it('a run journaled against http://127.0.0.1:<port> is restored through http://localhost:<port>/', async () => {
    const before = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const original = (await lambdaPort(emu.lambda).getFunctionConfiguration('guarded')) as Record<string, unknown>
    // what a run killed while publishing leaves: $LATEST changed, one version of its own
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'guarded', MemorySize: 512, Description: 'lambda-tune run feed0001: 512 MB' }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'guarded' })
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'guarded', Description: 'lambda-tune run feed0001: 512 MB' }))
    const state = tempStateDir()
    new JournalStore(state).save({
      journalVersion: 1, runId: 'feed0001', startedAt: new Date().toISOString(), pid: 999_999_999,
      target: { region: 'us-east-1', endpoint: emu.endpoint }, functionName: 'guarded', functionArn: String(original.FunctionArn), original,
      pending: { MemorySize: 512, Description: 'lambda-tune run feed0001: 512 MB' },
      descriptions: ['lambda-tune run feed0001: 512 MB'], versions: [v.Version!], aliases: [], phase: 'running',
    })
    const localhost = `${emu.endpoint.replace('127.0.0.1', 'localhost')}/`
    const r = await cli(localhost, state, ['restore', 'guarded', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RestoreResult
    expect(out.runs).toEqual([expect.objectContaining({ runId: 'feed0001', configuration: 'restored', deletedVersions: [v.Version], finished: true })])
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    // the finished run is remembered, for reports to leave its traffic out
    expect(new JournalStore(state).history({ endpoint: emu.endpoint }).map((h) => h.runId)).toEqual(['feed0001'])
  })
})
