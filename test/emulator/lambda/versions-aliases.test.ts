import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  ListAliasesCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListVersionsByFunctionCommand,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../../helpers/emulator.js'

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:'
const FAST_WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 10 }

let t: TestEmulator
let lambda: LambdaClient

beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir(), accountConcurrency: 200 })
  lambda = t.lambda
})
afterAll(() => t.stop())

async function ready(name: string) {
  await createNodeFunction(lambda, name, 'exports.handler = async () => 1')
  await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: name })
}

async function setMemory(name: string, MemorySize: number) {
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize }))
  await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: name })
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected the call to fail, it succeeded')
}

describe('PublishVersion and ListVersionsByFunction', () => {
  it('snapshots $LATEST into numbered versions that later updates do not touch', async () => {
    await ready('pub')
    await setMemory('pub', 512)
    const latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub' }))
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'pub', Description: 'first', CodeSha256: latest.CodeSha256, RevisionId: latest.RevisionId }))
    expect(v1.$metadata.httpStatusCode).toBe(201)
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${ARN}pub:1`, MemorySize: 512, Description: 'first', CodeSha256: latest.CodeSha256 })
    expect((await waitUntilPublishedVersionActive({ client: lambda, ...FAST_WAIT }, { FunctionName: 'pub', Qualifier: '1' })).state).toBe('SUCCESS')

    // nothing changed since version 1: Lambda returns it instead of a new version
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'pub' }))).Version).toBe('1')
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub' }))).Description).toBe('')

    await setMemory('pub', 1024)
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'pub' }))
    expect(v2).toMatchObject({ Version: '2', MemorySize: 1024 })
    // a description change of $LATEST is a configuration change too
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'pub', Description: 'changed' }))
    await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'pub' })
    const v3 = await lambda.send(new PublishVersionCommand({ FunctionName: 'pub' }))
    expect(v3).toMatchObject({ Version: '3', Description: 'changed' })
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub', Qualifier: '1' }))).MemorySize).toBe(512)
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pub:2' }))).MemorySize).toBe(1024)

    const wrongSha = await rejection(lambda.send(new PublishVersionCommand({ FunctionName: 'pub', CodeSha256: 'abc' })))
    expect(wrongSha).toBeInstanceOf(InvalidParameterValueException)

    const page1 = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'pub', MaxItems: 2 }))
    expect(page1.Versions!.map((v) => v.Version)).toEqual(['$LATEST', '1'])
    expect(page1.Versions![0]!.FunctionArn).toBe(`${ARN}pub:$LATEST`)
    const page2 = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'pub', MaxItems: 2, Marker: page1.NextMarker }))
    expect(page2.Versions!.map((v) => v.Version)).toEqual(['2', '3'])
    expect(page2.NextMarker).toBeUndefined()
  })

  it('deletes one version, never $LATEST, and not while an alias points at it', async () => {
    await ready('delver')
    await lambda.send(new PublishVersionCommand({ FunctionName: 'delver' }))
    await setMemory('delver', 256)
    await lambda.send(new PublishVersionCommand({ FunctionName: 'delver' }))
    await lambda.send(new CreateAliasCommand({ FunctionName: 'delver', Name: 'live', FunctionVersion: '2' }))
    expect(await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: 'delver', Qualifier: '2' })))).toBeInstanceOf(ResourceConflictException)
    expect(await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: 'delver', Qualifier: '$LATEST' })))).toBeInstanceOf(
      InvalidParameterValueException,
    )
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'delver', Qualifier: '1' }))
    expect(await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'delver', Qualifier: '1' })))).toBeInstanceOf(ResourceNotFoundException)
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'delver', Qualifier: '2' }))).Configuration?.Version).toBe('2')
    // version numbers are never reused
    await setMemory('delver', 384)
    expect((await lambda.send(new PublishVersionCommand({ FunctionName: 'delver' }))).Version).toBe('3')
  })
})

describe('aliases', () => {
  it('creates, reads, routes, lists, updates and deletes aliases', async () => {
    await ready('ali')
    await lambda.send(new PublishVersionCommand({ FunctionName: 'ali' }))
    await setMemory('ali', 256)
    await lambda.send(new PublishVersionCommand({ FunctionName: 'ali' }))

    const created = await lambda.send(new CreateAliasCommand({ FunctionName: 'ali', Name: 'prod', FunctionVersion: '1', Description: 'production' }))
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created).toMatchObject({ AliasArn: `${ARN}ali:prod`, Name: 'prod', FunctionVersion: '1', Description: 'production' })
    expect(created.RevisionId).toBeTruthy()

    const got = await lambda.send(new GetAliasCommand({ FunctionName: 'ali', Name: 'prod' }))
    expect(got).toMatchObject({ Name: 'prod', FunctionVersion: '1', RevisionId: created.RevisionId })
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'ali', Qualifier: 'prod' }))).Version).toBe('1')

    const updated = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'ali', Name: 'prod', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.25 } } }),
    )
    expect(updated).toMatchObject({ FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.25 } } })
    expect(updated.RevisionId).not.toBe(created.RevisionId)

    await lambda.send(new CreateAliasCommand({ FunctionName: 'ali', Name: 'beta', FunctionVersion: '$LATEST' }))
    const all = await lambda.send(new ListAliasesCommand({ FunctionName: 'ali' }))
    expect(all.Aliases!.map((a) => a.Name)).toEqual(['beta', 'prod'])
    const onV2 = await lambda.send(new ListAliasesCommand({ FunctionName: 'ali', FunctionVersion: '2' }))
    expect(onV2.Aliases!.map((a) => a.Name)).toEqual(['prod'])
    const paged = await lambda.send(new ListAliasesCommand({ FunctionName: 'ali', MaxItems: 1 }))
    expect(paged.Aliases).toHaveLength(1)
    expect(paged.NextMarker).toBeTruthy()

    const deleted = await lambda.send(new DeleteAliasCommand({ FunctionName: 'ali', Name: 'beta' }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    expect(await rejection(lambda.send(new GetAliasCommand({ FunctionName: 'ali', Name: 'beta' })))).toBeInstanceOf(ResourceNotFoundException)
  })

  it('refuses bad alias names, missing versions and duplicates', async () => {
    await ready('ali-bad')
    const numeric = await rejection(lambda.send(new CreateAliasCommand({ FunctionName: 'ali-bad', Name: '123', FunctionVersion: '$LATEST' })))
    expect(numeric.name).toBe('ValidationException')
    expect(numeric.$metadata?.httpStatusCode).toBe(400)
    const missing = await rejection(lambda.send(new CreateAliasCommand({ FunctionName: 'ali-bad', Name: 'x', FunctionVersion: '7' })))
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
    await lambda.send(new CreateAliasCommand({ FunctionName: 'ali-bad', Name: 'x', FunctionVersion: '$LATEST' }))
    const dup = await rejection(lambda.send(new CreateAliasCommand({ FunctionName: 'ali-bad', Name: 'x', FunctionVersion: '$LATEST' })))
    expect(dup).toBeInstanceOf(ResourceConflictException)
  })
})

describe('concurrency and account settings', () => {
  it('reserves concurrency per function and reports it in GetFunction and GetAccountSettings', async () => {
    await ready('conc')
    const before = await lambda.send(new GetAccountSettingsCommand({}))
    expect(before.AccountLimit).toMatchObject({ ConcurrentExecutions: 200, UnreservedConcurrentExecutions: 200 })
    expect(before.AccountLimit?.CodeSizeZipped).toBe(52428800)

    expect(await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'conc' }))).not.toHaveProperty('ReservedConcurrentExecutions')
    const put = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'conc', ReservedConcurrentExecutions: 25 }))
    expect(put.ReservedConcurrentExecutions).toBe(25)
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'conc' }))).ReservedConcurrentExecutions).toBe(25)
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'conc' }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 25 })
    expect((await lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions).toBe(175)

    // the account keeps a minimum unreserved pool (100 on AWS's 1,000; a tenth of smaller limits)
    const tooMuch = await rejection(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'conc', ReservedConcurrentExecutions: 190 })))
    expect(tooMuch).toBeInstanceOf(InvalidParameterValueException)
    expect(tooMuch.message).toMatch(/UnreservedConcurrentExecution below its minimum value of \[20\]/)

    const deleted = await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'conc' }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    expect((await lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions).toBe(200)
  })

  it('configures provisioned concurrency on a version or alias: IN_PROGRESS, then READY', async () => {
    await ready('pc')
    await lambda.send(new PublishVersionCommand({ FunctionName: 'pc' }))
    await lambda.send(new CreateAliasCommand({ FunctionName: 'pc', Name: 'live', FunctionVersion: '1' }))
    const onLatest = await rejection(
      lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: '$LATEST', ProvisionedConcurrentExecutions: 1 })),
    )
    expect(onLatest).toBeInstanceOf(InvalidParameterValueException)
    const missing = await rejection(lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' })))
    expect(missing).toBeInstanceOf(ProvisionedConcurrencyConfigNotFoundException)

    const put = await lambda.send(new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }))
    expect(put.$metadata.httpStatusCode).toBe(202)
    expect(put).toMatchObject({ RequestedProvisionedConcurrentExecutions: 1, Status: 'IN_PROGRESS' })
    let status = put.Status
    for (let i = 0; i < 200 && status === 'IN_PROGRESS'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }))).Status
    }
    expect(status).toBe('READY')
    const got = await lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }))
    expect(got).toMatchObject({ AllocatedProvisionedConcurrentExecutions: 1, AvailableProvisionedConcurrentExecutions: 1 })
    const list = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc' }))
    expect(list.ProvisionedConcurrencyConfigs).toEqual([expect.objectContaining({ FunctionArn: `${ARN}pc:live`, Status: 'READY' })])
    const deleted = await lambda.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: 'pc', Qualifier: 'live' }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    expect((await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'pc' }))).ProvisionedConcurrencyConfigs).toEqual([])
  })
})
