import {
  CreateAliasCommand,
  DeleteAliasCommand,
  GetAliasCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canaryLambdaPort } from '../../src/aws/lambda-alias.js'
import { restoreAlias } from '../../src/canary/restore-alias.js'
import type { RunJournal } from '../../src/state/journal.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'

let t: TestEmulator
const WAIT = { minDelay: 0.05, maxWaitTime: 20 }
beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createNodeFunction(t.lambda, 'fn', 'exports.handler = async () => ({})')
  await waitUntilFunctionActiveV2({ client: t.lambda, ...WAIT }, { FunctionName: 'fn' })
  await t.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))
  await t.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', MemorySize: 1024, Description: 'lambda-tune run r1: 1024 MB' }))
  await waitUntilFunctionUpdatedV2({ client: t.lambda, ...WAIT }, { FunctionName: 'fn' })
  await t.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }))
})
afterAll(async () => {
  await t?.stop()
})

async function aliasWith(weights: Record<string, number>, description = 'prod') {
  await t.lambda.send(new DeleteAliasCommand({ FunctionName: 'fn', Name: 'live' }))
  const a = await t.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1', Description: description, RoutingConfig: { AdditionalVersionWeights: weights } }))
  return a.RevisionId!
}

function journal(alias: Partial<NonNullable<RunJournal['alias']>>): RunJournal {
  return {
    journalVersion: 1,
    runId: 'r1',
    startedAt: new Date().toISOString(),
    pid: 1,
    target: { region: 'us-east-1' },
    functionName: 'fn',
    functionArn: 'fn',
    original: {},
    versions: [],
    aliases: [],
    alias: { name: 'live', original: { functionVersion: '1', description: 'prod', weights: {} }, ...alias },
    phase: 'running',
  }
}

describe('restoreAlias: a canary’s routing after a crash', () => {
  it('died after recording the routing but before its RevisionId: the weights it recorded identify it', async () => {
    await aliasWith({ '2': 0.1 })
    const out = await restoreAlias(canaryLambdaPort(t.lambda), journal({ expectedRevisionId: 'stale', pending: { '2': 0.1 } }))
    expect(out).toEqual({ name: 'live', routing: 'restored', detail: 'alias live routed 10% to version 2 -> no weighted routing' })
    const now = await t.lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))
    expect(now.RoutingConfig?.AdditionalVersionWeights ?? {}).toEqual({})
    expect(now.Description).toBe('prod')
  })

  it('the RevisionId it recorded after its change identifies it too', async () => {
    const revision = await aliasWith({ '2': 0.1 })
    expect((await restoreAlias(canaryLambdaPort(t.lambda), journal({ expectedRevisionId: revision }))).routing).toBe('restored')
  })

  it('already routed back: unchanged', async () => {
    await aliasWith({})
    expect((await restoreAlias(canaryLambdaPort(t.lambda), journal({ pending: { '2': 0.1 } }))).routing).toBe('unchanged')
  })

  it('someone else’s routing or description is left as it is', async () => {
    await aliasWith({ '2': 0.5 })
    const other = await restoreAlias(canaryLambdaPort(t.lambda), journal({ expectedRevisionId: 'stale', pending: { '2': 0.1 } }))
    expect(other.routing).toBe('left')
    expect(other.detail).toMatch(/^alias live no longer carries this run's routing \(now version 1, 50% to version 2\): someone else changed it since/)
    await aliasWith({ '2': 0.1 }, 'their deploy')
    expect((await restoreAlias(canaryLambdaPort(t.lambda), journal({ expectedRevisionId: 'stale', pending: { '2': 0.1 } }))).routing).toBe('left')
    expect((await t.lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))).RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 })
    await t.lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } }))
  })

  it('a deleted alias is left (nothing to route)', async () => {
    await t.lambda.send(new DeleteAliasCommand({ FunctionName: 'fn', Name: 'live' }))
    expect(await restoreAlias(canaryLambdaPort(t.lambda), journal({ pending: { '2': 0.1 } }))).toEqual({ name: 'live', routing: 'left', detail: 'alias live no longer exists' })
    await t.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }))
  })
})
