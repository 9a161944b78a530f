import {
  CreateAliasCommand,
  DeleteFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lambdaPort } from '../../src/aws/lambda.js'
import type { RunJournal } from '../../src/state/journal.js'
import { restoreRun } from '../../src/sweep/restore.js'
import { emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { createGuardedFunction, expectAsFound, snapshot, type Snapshot } from './helpers.js'

let emu: TestEmulator
let before: Snapshot
let original: Record<string, unknown>
beforeEach(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createGuardedFunction(emu.lambda)
  before = await snapshot(emu.lambda, emu.emulator, 'guarded')
  original = (await lambdaPort(emu.lambda).getFunctionConfiguration('guarded')) as Record<string, unknown>
})
afterEach(async () => {
  await emu?.stop()
})

const RUN = 'abcd1234'
const desc = (memory: number) => `lambda-tune run ${RUN}: ${memory} MB`

async function update(lambda: LambdaClient, input: { MemorySize?: number; Description?: string; Timeout?: number }) {
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'guarded', ...input }))
  await waitUntilFunctionUpdatedV2({ client: lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'guarded' })
}

function journal(over: Partial<RunJournal> = {}): RunJournal {
  return {
    journalVersion: 1,
    runId: RUN,
    startedAt: '2026-11-26T10:00:00.000Z',
    pid: 999_999_999, // no such process
    target: { region: 'us-east-1', endpoint: emu.endpoint },
    functionName: 'guarded',
    functionArn: String(original.FunctionArn),
    original,
    expectedRevisionId: String(original.RevisionId),
    descriptions: [],
    versions: [],
    aliases: [],
    phase: 'running',
    ...over,
  }
}

describe('restoreRun: what a crashed run left, found from its journal', () => {
  it('a version published just before the crash (number never recorded) is found by its description and deleted', async () => {
    await update(emu.lambda, { MemorySize: 512, Description: desc(512) })
    const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'guarded', Description: desc(512) }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'guarded', Name: `lambda-tune-${RUN}-512`, FunctionVersion: v.Version! }))
    // the journal knew only what it was about to do: no version number, no alias, no RevisionId after the change
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ pending: { MemorySize: 512, Description: desc(512) }, descriptions: [desc(512)] }))
    expect(out).toMatchObject({ configuration: 'restored', deletedAliases: [`lambda-tune-${RUN}-512`], deletedVersions: [v.Version], problems: [], finished: true })
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })

  it('never deletes a version or alias that is not the run’s, even one whose number the journal holds', async () => {
    const theirs = await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'guarded', Description: 'release 1' }))
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'guarded', Name: 'live', FunctionVersion: theirs.Version! }))
    const withTheirs = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ versions: [theirs.Version!], aliases: [] }))
    expect(out).toMatchObject({ configuration: 'unchanged', deletedAliases: [], deletedVersions: [], finished: true })
    expectAsFound(withTheirs, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })

  it('leaves $LATEST alone when its memory is no longer the run’s change, even under the run’s description', async () => {
    await update(emu.lambda, { MemorySize: 512, Description: desc(512) })
    await update(emu.lambda, { MemorySize: 2048 }) // someone else, after the crash
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ pending: { MemorySize: 512, Description: desc(512) } }))
    expect(out.configuration).toBe('left')
    expect(out.detail).toMatch(/^\$LATEST no longer carries this run's change \(MemorySize 2048, Description "lambda-tune run abcd1234: 512 MB"\)/)
    const after = await snapshot(emu.lambda, emu.emulator, 'guarded')
    expect(after.user.MemorySize).toBe(2048)
  })

  it('leaves $LATEST alone when another field changed too, and says which', async () => {
    await update(emu.lambda, { MemorySize: 512, Description: desc(512) })
    await update(emu.lambda, { Timeout: 8 })
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ pending: { MemorySize: 512, Description: desc(512) } }))
    expect(out).toMatchObject({ configuration: 'left', finished: true })
    expect(out.detail).toMatch(/\(Timeout changed\)/)
  })

  it('does not touch a run whose process is still alive', async () => {
    await update(emu.lambda, { MemorySize: 512, Description: desc(512) })
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ pid: process.ppid, pending: { MemorySize: 512, Description: desc(512) } }))
    expect(out).toMatchObject({ configuration: 'running', finished: false })
    expect((await snapshot(emu.lambda, emu.emulator, 'guarded')).user.MemorySize).toBe(512)
  })

  it('finishes the run of a function deleted since: nothing is left to restore', async () => {
    await update(emu.lambda, { MemorySize: 512, Description: desc(512) })
    await emu.lambda.send(new DeleteFunctionCommand({ FunctionName: 'guarded' }))
    const out = await restoreRun(lambdaPort(emu.lambda), journal({ pending: { MemorySize: 512, Description: desc(512) } }))
    expect(out).toMatchObject({ configuration: 'left', detail: 'guarded no longer exists: nothing to restore', problems: [], finished: true })
  })
})
