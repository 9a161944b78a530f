import { CreateFunctionCommand, GetFunctionCommand, ListFunctionsCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda'
import { S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyLambdaPort } from '../../src/aws/lambda-copy.js'
import { stagingPort } from '../../src/aws/s3-staging.js'
import type { CopyJournal } from '../../src/state/journal.js'
import { createCopy, prepareCopy, removeCopy } from '../../src/sweep/copy-function.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, TEST_ROLE, zipOf, type TestEmulator } from '../helpers/emulator.js'

const WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 10 }

let t: TestEmulator
let s3: S3Client
beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  s3 = new S3Client({ endpoint: t.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true })
  await createNodeFunction(t.lambda, 'orders', 'exports.handler = async () => "ok"', { MemorySize: 512, Environment: { Variables: { STAGE: 'prod' } } })
  await waitUntilFunctionActiveV2({ client: t.lambda, ...WAIT }, { FunctionName: 'orders' })
})
afterAll(async () => {
  s3.destroy()
  await t.stop()
})

async function names(): Promise<string[]> {
  return ((await t.lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName!).sort()
}

describe('a temporary copy, through the SDK adapters', () => {
  it('is journaled before CreateFunction, made with the code read back, staged through S3 when asked, and removed only with the run’s tag', async () => {
    const port = copyLambdaPort(t.lambda, t.endpoint)
    const staging = stagingPort(s3, t.endpoint)
    const copy = await prepareCopy(port, { functionName: 'orders', runId: '0a1b2c3d', architecture: 'arm64' })
    // a staged copy, as a package over the direct-upload limit would be
    const staged = { ...copy, route: 'staged' as const, staging: { bucket: 'stage', key: 'lambda-tune/0a1b2c3d/copy.zip' } }
    const journal: CopyJournal[][] = []
    await createCopy(port, staging, staged, '0a1b2c3d', (c) => journal.push(c.map((x) => ({ ...x }))))
    expect(journal).toEqual([
      [{ functionName: 'lambda-tune-0a1b2c3d-orders', architecture: 'arm64', staging: { bucket: 'stage', key: 'lambda-tune/0a1b2c3d/copy.zip' } }],
      [{ functionName: 'lambda-tune-0a1b2c3d-orders', architecture: 'arm64' }],
    ])
    expect(t.emulator.s3.list('stage')).toEqual([])
    const made = await t.lambda.send(new GetFunctionCommand({ FunctionName: 'lambda-tune-0a1b2c3d-orders' }))
    const original = await t.lambda.send(new GetFunctionCommand({ FunctionName: 'orders' }))
    expect(made.Configuration).toMatchObject({ Architectures: ['arm64'], CodeSha256: original.Configuration!.CodeSha256, MemorySize: 512, Environment: { Variables: { STAGE: 'prod' } } })
    // another run's id does not match the tag: nothing is deleted
    await expect(removeCopy(port, undefined, { functionName: 'lambda-tune-0a1b2c3d-orders', architecture: 'arm64' }, 'ffffffff')).rejects.toThrow(
      'lambda-tune-0a1b2c3d-orders does not carry the tag lambda-tune:run=ffffffff',
    )
    expect(await removeCopy(port, undefined, { functionName: 'lambda-tune-0a1b2c3d-orders', architecture: 'arm64' }, '0a1b2c3d')).toBe('deleted')
    expect(await removeCopy(port, undefined, { functionName: 'lambda-tune-0a1b2c3d-orders', architecture: 'arm64' }, '0a1b2c3d')).toBe('gone')
    expect(await names()).toEqual(['orders'])
  })

  it('a CreateFunction that fails leaves nothing, and the journal says so', async () => {
    const port = copyLambdaPort(t.lambda, t.endpoint)
    const copy = await prepareCopy(port, { functionName: 'orders', runId: '1a1b2c3d', architecture: 'arm64' })
    const journal: CopyJournal[][] = []
    const refused = { ...copy, request: { ...copy.request, Role: 'not-a-role' } }
    await expect(createCopy(port, undefined, refused, '1a1b2c3d', (c) => journal.push(c))).rejects.toThrow(/AWS rejected a value while creating lambda-tune-1a1b2c3d-orders/)
    expect(journal).toEqual([[{ functionName: 'lambda-tune-1a1b2c3d-orders', architecture: 'arm64' }], []])
    expect(await names()).toEqual(['orders'])
  })

  it('the adapter deletes only lambda-tune copies, and a copy is never made of code that changed under it', async () => {
    const port = copyLambdaPort(t.lambda, t.endpoint)
    await expect(port.deleteCopy('orders')).rejects.toThrow('refusing to delete function "orders": not a lambda-tune copy')
    const copy = await prepareCopy(port, { functionName: 'orders', runId: '2a1b2c3d', architecture: 'arm64' })
    const journal: CopyJournal[][] = []
    const changed = { ...copy, original: { ...copy.original, config: { ...copy.original.config, CodeSha256: 'c29tZXRoaW5nIGVsc2U=' } } }
    await expect(createCopy(port, undefined, changed, '2a1b2c3d', (c) => journal.push(c))).rejects.toThrow(/has SHA-256 \S+, not its CodeSha256 c29tZXRoaW5nIGVsc2U=: .* no copy was made/)
    expect(journal.at(-1)).toEqual([])
    expect(await names()).toEqual(['orders'])
    // a function someone else made under a copy's name is not the run's: removeCopy leaves it
    await t.lambda.send(new CreateFunctionCommand({ FunctionName: 'lambda-tune-3a1b2c3d-orders', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { ZipFile: await zipOf({ 'index.js': '' }) } }))
    await expect(removeCopy(port, undefined, { functionName: 'lambda-tune-3a1b2c3d-orders', architecture: 'arm64' }, '3a1b2c3d')).rejects.toThrow(/not this run's copy, so it was left alone/)
    expect(await names()).toEqual(['lambda-tune-3a1b2c3d-orders', 'orders'])
  })
})
