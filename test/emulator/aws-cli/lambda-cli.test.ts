import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emptyFunctionsDir, startTestEmulator, zipOf, type TestEmulator } from '../../helpers/emulator.js'

/**
 * The same flow through the AWS CLI (v1, botocore): an independent client of the same REST-JSON protocol.
 * Skipped, with the reason, only where no `aws` executable is installed.
 */
const hasAws = await new Promise<boolean>((resolve) => execFile('aws', ['--version'], (err) => resolve(!err)))

let t: TestEmulator
let work: string

interface CliOut {
  code: number
  stdout: string
  stderr: string
}

function aws(...args: string[]): Promise<CliOut> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', t.endpoint, '--output', 'json', 'lambda', ...args],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function json(...args: string[]): Promise<Record<string, any>> {
  const out = await aws(...args)
  if (out.code !== 0) throw new Error(`aws lambda ${args.join(' ')} failed (${out.code}): ${out.stderr}`)
  return out.stdout.trim() ? (JSON.parse(out.stdout) as Record<string, any>) : {}
}

describe.skipIf(!hasAws)('the AWS CLI against the emulator', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    t = await startTestEmulator({
      functionsDir: await emptyFunctionsDir(),
      engineOptions: { cpuLimit: 'none', memoryLimit: 'none' },
      faults: { updateDelayMs: 50 },
    })
    work = await mkdtemp(join(tmpdir(), 'lambda-tune-cli-'))
    await writeFile(
      join(work, 'fn.zip'),
      await zipOf({ 'index.js': "exports.handler = async (e) => { console.log('cli says hi'); return { echo: e } }" }),
    )
  })
  afterAll(() => t?.stop())

  it('creates, waits, reads, updates and publishes a function', async () => {
    const created = await json(
      'create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs20.x', '--handler', 'index.handler',
      '--role', 'arn:aws:iam::123456789012:role/cli', '--zip-file', `fileb://${join(work, 'fn.zip')}`,
      '--memory-size', '1769', '--timeout', '15', '--environment', 'Variables={STAGE=test}', '--tags', 'team=tuning',
    )
    expect(created).toMatchObject({
      FunctionName: 'cli-fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      MemorySize: 1769,
      Timeout: 15,
      Environment: { Variables: { STAGE: 'test' } },
      Version: '$LATEST',
      PackageType: 'Zip',
    })
    expect(created.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect((await aws('wait', 'function-active-v2', '--function-name', 'cli-fn')).code).toBe(0)

    const got = await json('get-function', '--function-name', 'cli-fn')
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' })
    expect(got.Tags).toEqual({ team: 'tuning' })

    const updated = await json(
      'update-function-configuration', '--function-name', 'cli-fn', '--memory-size', '512', '--description', 'from the cli',
      '--logging-config', 'LogFormat=JSON',
    )
    expect(updated).toMatchObject({ MemorySize: 512, Description: 'from the cli', LastUpdateStatus: 'InProgress' })
    expect(updated.RevisionId).not.toBe(created.RevisionId)
    expect((await aws('wait', 'function-updated-v2', '--function-name', 'cli-fn')).code).toBe(0)
    const config = await json('get-function-configuration', '--function-name', 'cli-fn')
    expect(config).toMatchObject({ MemorySize: 512, LoggingConfig: { LogFormat: 'JSON' }, LastUpdateStatus: 'Successful' })

    const v1 = await json('publish-version', '--function-name', 'cli-fn')
    expect(v1).toMatchObject({ Version: '1', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn:1' })
    expect((await aws('wait', 'published-version-active', '--function-name', 'cli-fn', '--qualifier', '1')).code).toBe(0)
    const alias = await json('create-alias', '--function-name', 'cli-fn', '--name', 'live', '--function-version', '1')
    expect(alias).toMatchObject({ Name: 'live', FunctionVersion: '1', AliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:cli-fn:live' })
    const versions = await json('list-versions-by-function', '--function-name', 'cli-fn')
    expect(versions.Versions.map((v: { Version: string }) => v.Version)).toEqual(['$LATEST', '1'])
  })

  it('invokes through an alias with a log tail', async () => {
    const outfile = join(work, 'out.json')
    const res = await json(
      'invoke', '--function-name', 'cli-fn', '--qualifier', 'live', '--log-type', 'Tail', '--payload', '{"n":7}', outfile,
    )
    expect(res).toMatchObject({ StatusCode: 200, ExecutedVersion: '1' })
    expect(JSON.parse(await readFile(outfile, 'utf8'))).toEqual({ echo: { n: 7 } })
    const tail = Buffer.from(res.LogResult as string, 'base64').toString('utf8')
    expect(tail).toContain('cli says hi')
    expect(tail).toMatch(/"type":"platform.report"|REPORT RequestId:/)

    const dry = await json('invoke', '--function-name', 'cli-fn', '--invocation-type', 'DryRun', join(work, 'dry.json'))
    expect(dry.StatusCode).toBe(204)
    const event = await json('invoke', '--function-name', 'cli-fn:live', '--invocation-type', 'Event', '--payload', '{}', join(work, 'ev.json'))
    expect(event).toMatchObject({ StatusCode: 202, ExecutedVersion: '1' })
  })

  it('sets concurrency, reads account settings, pages and deletes', async () => {
    expect(await json('put-function-concurrency', '--function-name', 'cli-fn', '--reserved-concurrent-executions', '5')).toEqual({
      ReservedConcurrentExecutions: 5,
    })
    const settings = await json('get-account-settings')
    expect(settings.AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 995 })
    expect(settings.AccountUsage).toMatchObject({ FunctionCount: 1 })

    await json(
      'create-function', '--function-name', 'cli-fn-2', '--runtime', 'nodejs20.x', '--handler', 'index.handler',
      '--role', 'arn:aws:iam::123456789012:role/cli', '--zip-file', `fileb://${join(work, 'fn.zip')}`,
    )
    const page = await json('list-functions', '--max-items', '1')
    expect(page.Functions).toHaveLength(1)
    expect(page.NextToken).toBeTruthy()
    const all = await json('list-functions')
    expect(all.Functions.map((f: { FunctionName: string }) => f.FunctionName)).toEqual(['cli-fn', 'cli-fn-2'])

    expect((await aws('delete-function', '--function-name', 'cli-fn-2')).code).toBe(0)
    const missing = await aws('get-function', '--function-name', 'cli-fn-2')
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('ResourceNotFoundException')
    expect(missing.stderr).toContain('Function not found: arn:aws:lambda:us-east-1:123456789012:function:cli-fn-2')
  })

  it('gets the error classes the CLI knows: bad values, throttles', async () => {
    const bad = await aws('update-function-configuration', '--function-name', 'cli-fn', '--timeout', '901')
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('InvalidParameterValueException')
    await json('put-function-concurrency', '--function-name', 'cli-fn', '--reserved-concurrent-executions', '0')
    const throttled = await aws('invoke', '--function-name', 'cli-fn', join(work, 'out2.json'))
    expect(throttled.code).not.toBe(0)
    expect(throttled.stderr).toContain('TooManyRequestsException')
  })
})
