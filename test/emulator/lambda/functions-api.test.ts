import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  ListFunctionsCommand,
  ListTagsCommand,
  paginateListFunctions,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, TEST_ROLE, zipOf, type TestEmulator } from '../../helpers/emulator.js'

const ROLE = TEST_ROLE
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:'
const FAST_WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 10 }

let t: TestEmulator
let lambda: LambdaClient

beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  lambda = t.lambda
})
afterAll(() => t.stop())

function create(name: string, extra: Record<string, unknown> = {}) {
  return createNodeFunction(lambda, name, `exports.handler = async () => ${JSON.stringify(name)}`, extra)
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected the call to fail, it succeeded')
}

describe('CreateFunction and GetFunction', () => {
  it('creates a function that is Pending, then Active for waitUntilFunctionActiveV2', async () => {
    const zip = await zipOf({ 'index.js': 'exports.handler = async () => 1' })
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'create-me',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: ROLE,
        Code: { ZipFile: zip },
        Description: 'made by a test',
        MemorySize: 256,
        Timeout: 10,
        Environment: { Variables: { GREETING: 'hi' } },
        EphemeralStorage: { Size: 1024 },
        LoggingConfig: { LogFormat: 'JSON' },
        Architectures: ['arm64'],
        Tags: { team: 'tuning' },
      }),
    )
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created).toMatchObject({
      FunctionName: 'create-me',
      FunctionArn: `${ARN}create-me`,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      CodeSize: zip.length,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Description: 'made by a test',
      Timeout: 10,
      MemorySize: 256,
      Version: '$LATEST',
      Environment: { Variables: { GREETING: 'hi' } },
      EphemeralStorage: { Size: 1024 },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: '/aws/lambda/create-me', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' },
      Architectures: ['arm64'],
      PackageType: 'Zip',
      State: 'Pending',
      StateReasonCode: 'Creating',
    })
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/)
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/)

    const waited = await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'create-me' })
    expect(waited.state).toBe('SUCCESS')
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'create-me' }))
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful', RevisionId: created.RevisionId })
    expect(got.Tags).toEqual({ team: 'tuning' })
    expect(got.Code?.RepositoryType).toBe('S3')
    const download = await fetch(got.Code!.Location!)
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(zip))).toBe(true)
  })

  it('finds a function by name, ARN, partial ARN and name:qualifier', async () => {
    await create('by-ref')
    for (const FunctionName of ['by-ref', `${ARN}by-ref`, '123456789012:function:by-ref', 'by-ref:$LATEST']) {
      const got = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName }))
      expect(got.FunctionName).toBe('by-ref')
    }
    const qualified = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'by-ref', Qualifier: '$LATEST' }))
    expect(qualified.FunctionArn).toBe(`${ARN}by-ref:$LATEST`)
    for (const FunctionName of ['arn:aws:lambda:eu-west-1:123456789012:function:by-ref', '999999999999:function:by-ref']) {
      const err = await rejection(lambda.send(new GetFunctionConfigurationCommand({ FunctionName })))
      expect(err).toBeInstanceOf(ResourceNotFoundException)
    }
    const mismatch = await rejection(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'by-ref:1', Qualifier: '2' })))
    expect(mismatch).toBeInstanceOf(InvalidParameterValueException)
  })

  it('refuses a second function of the same name, S3 code, a bad zip and bad values', async () => {
    await create('twice')
    const dup = await rejection(create('twice'))
    expect(dup).toBeInstanceOf(ResourceConflictException)
    expect(dup.$metadata?.httpStatusCode).toBe(409)

    const s3 = await rejection(
      lambda.send(new CreateFunctionCommand({ FunctionName: 's3', Runtime: 'nodejs20.x', Handler: 'i.h', Role: ROLE, Code: { S3Bucket: 'b', S3Key: 'k' } })),
    )
    expect(s3).toBeInstanceOf(InvalidParameterValueException)
    expect(s3.message).toMatch(/S3/)

    const badZip = await rejection(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'badzip', Runtime: 'nodejs20.x', Handler: 'i.h', Role: ROLE, Code: { ZipFile: Buffer.from('not a zip') } })),
    )
    expect(badZip).toBeInstanceOf(InvalidParameterValueException)
    expect(badZip.message).toMatch(/unzip/)

    const slip = await rejection(
      lambda.send(new CreateFunctionCommand({ FunctionName: 'slip', Runtime: 'nodejs20.x', Handler: 'i.h', Role: ROLE, Code: { ZipFile: await zipOf({ '../evil.js': 'x' }) } })),
    )
    expect(slip).toBeInstanceOf(InvalidParameterValueException)

    const runtime = await rejection(create('bad-runtime', { Runtime: 'cobol' }))
    expect(runtime).toBeInstanceOf(InvalidParameterValueException)
    const memory = await rejection(create('bad-memory', { MemorySize: 20000 }))
    expect(memory).toBeInstanceOf(InvalidParameterValueException)
    const reserved = await rejection(create('bad-env', { Environment: { Variables: { AWS_REGION: 'x' } } }))
    expect(reserved).toBeInstanceOf(InvalidParameterValueException)
    for (const name of ['s3', 'badzip', 'slip', 'bad-runtime', 'bad-memory', 'bad-env']) {
      expect(await rejection(lambda.send(new GetFunctionCommand({ FunctionName: name })))).toBeInstanceOf(ResourceNotFoundException)
    }
  })

  it('answers ResourceNotFoundException (404) for an unknown function', async () => {
    const err = await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'no-such-function' })))
    expect(err).toBeInstanceOf(ResourceNotFoundException)
    expect(err.$metadata?.httpStatusCode).toBe(404)
    expect(err.message).toBe(`Function not found: ${ARN}no-such-function`)
  })
})

describe('UpdateFunctionConfiguration and UpdateFunctionCode', () => {
  it('applies every setting, is InProgress until Successful, and changes RevisionId', async () => {
    const created = await create('update-me')
    await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'update-me' })
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'update-me',
        MemorySize: 1769,
        Timeout: 900,
        Environment: { Variables: { ALPHA: '1', BETA: 'two' } },
        Description: 'tuned',
        EphemeralStorage: { Size: 10240 },
        LoggingConfig: { LogFormat: 'JSON' },
        Handler: 'main.run',
        Runtime: 'python3.12',
        RevisionId: created.RevisionId,
      }),
    )
    expect(updated.LastUpdateStatus).toBe('InProgress')
    expect(updated.RevisionId).not.toBe(created.RevisionId)
    const busy = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'update-me', MemorySize: 512 })))
    expect(busy).toBeInstanceOf(ResourceConflictException)

    const waited = await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'update-me' })
    expect(waited.state).toBe('SUCCESS')
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'update-me' }))
    expect(config).toMatchObject({
      MemorySize: 1769,
      Timeout: 900,
      Environment: { Variables: { ALPHA: '1', BETA: 'two' } },
      Description: 'tuned',
      EphemeralStorage: { Size: 10240 },
      LoggingConfig: { LogFormat: 'JSON' },
      Handler: 'main.run',
      Runtime: 'python3.12',
      LastUpdateStatus: 'Successful',
      RevisionId: updated.RevisionId,
    })
  })

  it('refuses out-of-range values and a stale RevisionId, changing nothing', async () => {
    await create('strict')
    await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'strict' })
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'strict' }))
    for (const bad of [{ MemorySize: 127 }, { MemorySize: 10241 }, { Timeout: 0 }, { Timeout: 901 }, { EphemeralStorage: { Size: 100 } }]) {
      const err = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'strict', ...bad })))
      expect(err).toBeInstanceOf(InvalidParameterValueException)
    }
    const stale = await rejection(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'strict', MemorySize: 512, RevisionId: '00000000-0000-0000-0000-000000000000' })),
    )
    expect(stale).toBeInstanceOf(PreconditionFailedException)
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'strict' }))
    expect(after.RevisionId).toBe(before.RevisionId)
    expect(after.MemorySize).toBe(128)
  })

  it('replaces the code: new CodeSha256 and RevisionId', async () => {
    const created = await create('code-me')
    await waitUntilFunctionActiveV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'code-me' })
    const zip = await zipOf({ 'index.js': 'exports.handler = async () => "v2"' })
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'code-me', ZipFile: zip }))
    expect(updated.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'))
    expect(updated.CodeSha256).not.toBe(created.CodeSha256)
    expect(updated.RevisionId).not.toBe(created.RevisionId)
    expect(updated.LastUpdateStatus).toBe('InProgress')
    await waitUntilFunctionUpdatedV2({ client: lambda, ...FAST_WAIT }, { FunctionName: 'code-me' })
  })
})

describe('ListFunctions, DeleteFunction and tags', () => {
  it('pages with Marker/NextMarker/MaxItems and the SDK paginator', async () => {
    for (const n of [1, 2, 3, 4, 5]) await create(`page-${n}`)
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }))
    expect(first.Functions).toHaveLength(2)
    expect(first.NextMarker).toBeTruthy()
    const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }))
    expect(second.Functions![0]!.FunctionName).not.toBe(first.Functions![0]!.FunctionName)
    const names: string[] = []
    for await (const page of paginateListFunctions({ client: lambda, pageSize: 2 }, {})) {
      names.push(...page.Functions!.map((f) => f.FunctionName!))
    }
    expect(names.filter((n) => n.startsWith('page-'))).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5'])
    expect(new Set(names).size).toBe(names.length)
  })

  it('deletes a function; a second delete is ResourceNotFoundException', async () => {
    await create('delete-me')
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'delete-me' }))
    expect(deleted.$metadata.httpStatusCode).toBe(204)
    expect(await rejection(lambda.send(new GetFunctionCommand({ FunctionName: 'delete-me' })))).toBeInstanceOf(ResourceNotFoundException)
    expect(await rejection(lambda.send(new DeleteFunctionCommand({ FunctionName: 'delete-me' })))).toBeInstanceOf(ResourceNotFoundException)
  })

  it('tags, lists and untags a function by ARN', async () => {
    await create('tagged', { Tags: { a: '1' } })
    const Resource = `${ARN}tagged`
    await lambda.send(new TagResourceCommand({ Resource, Tags: { b: '2', c: '3' } }))
    expect((await lambda.send(new ListTagsCommand({ Resource }))).Tags).toEqual({ a: '1', b: '2', c: '3' })
    await lambda.send(new UntagResourceCommand({ Resource, TagKeys: ['a', 'c'] }))
    expect((await lambda.send(new ListTagsCommand({ Resource }))).Tags).toEqual({ b: '2' })
    const qualified = await rejection(lambda.send(new TagResourceCommand({ Resource: `${Resource}:1`, Tags: { x: 'y' } })))
    expect(qualified).toBeInstanceOf(InvalidParameterValueException)
    const missing = await rejection(lambda.send(new ListTagsCommand({ Resource: `${ARN}nope` })))
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
  })
})
