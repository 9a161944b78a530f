import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import {
  CreateFunctionCommand,
  DeleteLayerVersionCommand,
  GetFunctionCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  InvokeCommand,
  ListLayerVersionsCommand,
  PublishLayerVersionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../helpers/cli.js'
import { emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, TEST_ROLE, zipOf, type TestEmulator } from '../../helpers/emulator.js'

const WAIT = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 10 }
const X86_BINARY = readFileSync(`${REPO_ROOT}/fixtures/functions/native-x86/code/bin/x86-hello`)

let t: TestEmulator
let lambda: LambdaClient
let s3: S3Client
beforeAll(async () => {
  t = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  lambda = t.lambda
  s3 = new S3Client({ endpoint: t.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true, maxAttempts: 1 })
})
afterAll(async () => {
  s3.destroy()
  await t.stop()
})

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64')

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p
  } catch (err) {
    return err as { name: string; message: string }
  }
  throw new Error('expected a rejection')
}

async function invoke(name: string): Promise<{ error?: string; payload: unknown }> {
  const r = await lambda.send(new InvokeCommand({ FunctionName: name }))
  return { ...(r.FunctionError ? { error: r.FunctionError } : {}), payload: JSON.parse(new TextDecoder().decode(r.Payload)) }
}

describe('the emulator’s S3 (a staging bucket)', () => {
  it('puts, heads, gets, lists and deletes objects through the SDK, streamed (aws-chunked) or not', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'stage' }))
    const body = Buffer.from('a package, byte for byte\n'.repeat(1000))
    const put = await s3.send(new PutObjectCommand({ Bucket: 'stage', Key: 'dir/a.zip', Body: body }))
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`)
    await s3.send(new PutObjectCommand({ Bucket: 'stage', Key: 'dir/b.zip', Body: Readable.from([body.subarray(0, 100), body.subarray(100)]), ContentLength: body.length }))
    for (const key of ['dir/a.zip', 'dir/b.zip']) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'stage', Key: key }))
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true)
      expect((await s3.send(new HeadObjectCommand({ Bucket: 'stage', Key: key }))).ContentLength).toBe(body.length)
    }
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'stage', Prefix: 'dir/' }))
    expect(listed.Contents?.map((c) => [c.Key, c.Size])).toEqual([['dir/a.zip', body.length], ['dir/b.zip', body.length]])
    await s3.send(new DeleteObjectCommand({ Bucket: 'stage', Key: 'dir/a.zip' }))
    await s3.send(new DeleteObjectCommand({ Bucket: 'stage', Key: 'dir/a.zip' }))
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'stage', Key: 'dir/a.zip' })))).name).toBe('NoSuchKey')
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'nobody', Key: 'x' })))).name).toBe('NoSuchBucket')
  })

  it('CreateFunction and UpdateFunctionCode take the package from S3Bucket + S3Key, with CodeSha256 as Lambda computes it', async () => {
    const v1 = await zipOf({ 'index.js': 'exports.handler = async () => "one"' })
    const v2 = await zipOf({ 'index.js': 'exports.handler = async () => "two"' })
    await s3.send(new PutObjectCommand({ Bucket: 'deploys', Key: 'v1.zip', Body: v1 }))
    await s3.send(new PutObjectCommand({ Bucket: 'deploys', Key: 'v2.zip', Body: v2 }))
    const made = await lambda.send(new CreateFunctionCommand({ FunctionName: 'from-s3', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { S3Bucket: 'deploys', S3Key: 'v1.zip' } }))
    expect(made.CodeSha256).toBe(sha(v1))
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'from-s3' })
    expect((await invoke('from-s3')).payload).toBe('one')
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'from-s3', S3Bucket: 'deploys', S3Key: 'v2.zip', Architectures: ['arm64'] }))
    expect(updated).toMatchObject({ CodeSha256: sha(v2), Architectures: ['arm64'] })
    await waitUntilFunctionUpdatedV2({ client: lambda, ...WAIT }, { FunctionName: 'from-s3' })
    expect((await invoke('from-s3')).payload).toBe('two')
    // the code read back through Code.Location is the package itself
    const location = (await lambda.send(new GetFunctionCommand({ FunctionName: 'from-s3' }))).Code!.Location!
    expect(sha(new Uint8Array(await (await fetch(location)).arrayBuffer()))).toBe(sha(v2))
    const missing = await rejection(lambda.send(new CreateFunctionCommand({ FunctionName: 'nope', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { S3Bucket: 'deploys', S3Key: 'v9.zip' } })))
    expect(missing).toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringMatching(/^Error occurred while GetObject\. S3 Error Code: NoSuchKey/) })
  })
})

describe('layers', () => {
  it('PublishLayerVersion, GetLayerVersion(ByArn), ListLayerVersions, DeleteLayerVersion, with CompatibleArchitectures as declared', async () => {
    const zip = await zipOf({ 'nodejs/node_modules/greeting/index.js': "module.exports = 'hello from a layer'" })
    const v1 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greeting', Content: { ZipFile: zip }, CompatibleArchitectures: ['x86_64'], CompatibleRuntimes: ['nodejs20.x'], Description: 'x86 only' }))
    expect(v1).toMatchObject({
      LayerArn: 'arn:aws:lambda:us-east-1:123456789012:layer:greeting',
      LayerVersionArn: 'arn:aws:lambda:us-east-1:123456789012:layer:greeting:1',
      Version: 1,
      CompatibleArchitectures: ['x86_64'],
      Content: { CodeSha256: sha(zip), CodeSize: zip.length },
    })
    expect(sha(new Uint8Array(await (await fetch(v1.Content!.Location!)).arrayBuffer()))).toBe(sha(zip))
    const v2 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greeting', Content: { ZipFile: zip }, CompatibleArchitectures: ['x86_64', 'arm64'] }))
    expect(v2.Version).toBe(2)
    expect((await lambda.send(new GetLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 1 }))).Description).toBe('x86 only')
    expect((await lambda.send(new GetLayerVersionByArnCommand({ Arn: v2.LayerVersionArn }))).CompatibleArchitectures).toEqual(['x86_64', 'arm64'])
    expect((await lambda.send(new ListLayerVersionsCommand({ LayerName: 'greeting' }))).LayerVersions?.map((l) => l.Version)).toEqual([2, 1])
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 1 }))
    expect((await rejection(lambda.send(new GetLayerVersionByArnCommand({ Arn: v1.LayerVersionArn })))).name).toBe('ResourceNotFoundException')
  })

  it('a function’s Layers: listed in its configuration, on the runtime’s module path, checked as Lambda checks them', async () => {
    const zip = await zipOf({ 'nodejs/node_modules/motto/index.js': "module.exports = 'from the layer'" })
    const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'motto', Content: { ZipFile: zip } }))
    const made = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'layered', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Layers: [layer.LayerVersionArn!],
        Code: { ZipFile: await zipOf({ 'index.js': "exports.handler = async () => require('motto')" }) },
      }),
    )
    expect(made.Layers).toEqual([{ Arn: layer.LayerVersionArn, CodeSize: zip.length }])
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'layered' })
    expect(await invoke('layered')).toEqual({ payload: 'from the layer' })
    const unknown = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered', Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:motto:9'] })))
    expect(unknown).toMatchObject({ name: 'InvalidParameterValueException', message: 'Layer version arn:aws:lambda:us-east-1:123456789012:layer:motto:9 does not exist.' })
    const six = await rejection(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'layered', Layers: Array(6).fill(layer.LayerVersionArn!) })))
    expect(six.message).toBe('Cannot add more than 5 layers to your function.')
  })
})

describe('container images', () => {
  it('are created and described (PackageType Image, Code.ImageUri) but not run', async () => {
    const uri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest'
    const made = await lambda.send(new CreateFunctionCommand({ FunctionName: 'boxed', PackageType: 'Image', Role: TEST_ROLE, Code: { ImageUri: uri }, ImageConfig: { Command: ['app.handler'] } }))
    expect(made).toMatchObject({ PackageType: 'Image', ImageConfigResponse: { ImageConfig: { Command: ['app.handler'] } } })
    expect(made.Runtime).toBeUndefined()
    await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: 'boxed' })
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'boxed' }))
    expect(got.Code).toMatchObject({ RepositoryType: 'ECR', ImageUri: uri })
    const ran = await rejection(lambda.send(new InvokeCommand({ FunctionName: 'boxed' })))
    expect(ran).toMatchObject({ name: 'InvalidParameterValueException', message: expect.stringMatching(/does not run container images/) })
    const zipped = await rejection(lambda.send(new CreateFunctionCommand({ FunctionName: 'boxed2', PackageType: 'Image', Role: TEST_ROLE, Code: { ZipFile: await zipOf({ 'a.js': '' }) } })))
    expect(zipped.message).toBe('Please provide ImageUri when the package type is Image.')
  })
})

describe('native code and the declared architecture', () => {
  // The emulator can only make code built for the host's own architecture fail: on another host the binary is foreign anyway.
  it.skipIf(process.arch !== 'x64')('an x86_64 executable runs in an x86_64 function and cannot be executed in an arm64 one, as on Lambda', async () => {
    const code = await zipOfBinary()
    for (const arch of ['x86_64', 'arm64'] as const) {
      await lambda.send(new CreateFunctionCommand({ FunctionName: `native-${arch}`, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Architectures: [arch], Code: { ZipFile: code } }))
      await waitUntilFunctionActiveV2({ client: lambda, ...WAIT }, { FunctionName: `native-${arch}` })
    }
    expect(await invoke('native-x86_64')).toEqual({ payload: 'x86_64 native code ran' })
    // the kernel refuses it (Exec format error); execvp then hands it to /bin/sh, which cannot run it either
    expect(await invoke('native-arm64')).toEqual({ error: 'Unhandled', payload: expect.objectContaining({ errorType: 'Error', errorMessage: expect.stringMatching(/^Command failed: \S+\/hello\n/) }) })
    // the package itself is unchanged: its CodeSha256 is the same on both
    const shas = await Promise.all(['native-x86_64', 'native-arm64'].map(async (n) => (await lambda.send(new GetFunctionCommand({ FunctionName: n }))).Configuration!.CodeSha256))
    expect(shas[0]).toBe(shas[1])
  })
})

async function zipOfBinary(): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import('fflate')
  return zipSync({
    'index.js': strToU8("exports.handler = async () => require('node:child_process').execFileSync(__dirname + '/hello', { encoding: 'utf8' }).trim()"),
    hello: [X86_BINARY, { attrs: 0o755 << 16, os: 3 }],
  })
}
