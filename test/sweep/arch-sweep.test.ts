import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  PublishLayerVersionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { strToU8, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { costPerInvoke } from '../../src/core/cost/index.js'
import { renderSweepMarkdown, renderSweepTable } from '../../src/render/sweep.js'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import type { RecommendResult } from '../../src/core/recommend/recommend.js'
import type { RestoreResult } from '../../src/sweep/restore.js'
import type { RunJournal } from '../../src/state/journal.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, TEST_ROLE, zipOf, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { cli, createGuardedFunction, ENV_SECRET, expectAsFound, snapshot, tempStateDir, until, type Snapshot } from '../reliability/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
const restoreSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/restore.json'), 'utf8')) as Schema
const recommendSchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/recommend.json'), 'utf8')) as Schema
const WAIT = { minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 }

let emu: TestEmulator
let state: string
let before: Snapshot
beforeEach(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createGuardedFunction(emu.lambda)
  before = await snapshot(emu.lambda, emu.emulator, 'guarded')
  state = tempStateDir()
})
afterEach(async () => {
  await emu?.stop()
})

async function functionNames(lambda: LambdaClient): Promise<string[]> {
  return ((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName ?? '').sort()
}

function journals(): RunJournal[] {
  try {
    return readdirSync(join(state, 'runs')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(state, 'runs', f), 'utf8')) as RunJournal)
  } catch {
    return []
  }
}

async function publishLayer(lambda: LambdaClient, name: string, architectures: Array<'x86_64' | 'arm64'>): Promise<string> {
  const layer = await lambda.send(
    new PublishLayerVersionCommand({
      LayerName: name,
      Content: { ZipFile: await zipOf({ 'nodejs/node_modules/greeting/index.js': "module.exports = 'hello from a layer'" }) },
      CompatibleArchitectures: architectures,
      CompatibleRuntimes: ['nodejs20.x'],
    }),
  )
  return layer.LayerVersionArn!
}

async function useLayers(lambda: LambdaClient, fn: string, layers: string[]): Promise<void> {
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn, Layers: layers }))
  await waitUntilFunctionUpdatedV2({ client: lambda, ...WAIT }, { FunctionName: fn })
}

describe('sweep --arch x86_64,arm64', () => {
  it('measures both on the function and a temporary arm64 copy, picks among all, and leaves the function exactly as found and no copy', async () => {
    const layer = await publishLayer(emu.lambda, 'shared', ['x86_64', 'arm64'])
    await useLayers(emu.lambda, 'guarded', [layer])
    before = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128,256', '-n', '4', '--json', '--include-samples'])
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.architecture).toBe('x86_64')
    expect(out.architectures).toEqual(['x86_64', 'arm64'])
    expect(out.copy).toEqual({ function: `lambda-tune-${out.runId}-guarded`, architecture: 'arm64' })
    expect(out.results.map((v) => `${v.memory} ${v.architecture}`)).toEqual(['128 x86_64', '256 x86_64', '128 arm64', '256 arm64'])
    expect(out.results.every((v) => !v.failed && v.invocations === 4)).toBe(true)
    // each value is priced at its own architecture's rates (arm64's about 20% below x86_64's)
    const x86 = out.results.find((v) => v.memory === 256 && v.architecture === 'x86_64')!
    const arm = out.results.find((v) => v.memory === 256 && v.architecture === 'arm64')!
    const priced = (v: SweepResult['results'][number], arch: 'x86_64' | 'arm64') => {
      const warm = out.samples!.filter((s) => s.memory === v.memory && s.architecture === v.architecture && s.phase === 'measure' && !s.coldStart)
      return warm.reduce((sum, s) => sum + costPerInvoke({ memoryMB: v.memory, billedDurationMs: s.billedDurationMs!, arch, region: 'us-east-1' }).totalUsd, 0) / warm.length
    }
    expect(arm.costPerInvocation).toBeCloseTo(priced(arm, 'arm64'), 15)
    expect(x86.costPerInvocation).toBeCloseTo(priced(x86, 'x86_64'), 15)
    expect(priced(arm, 'arm64')).toBeLessThan(priced(arm, 'x86_64'))
    // the baseline is the current memory on the function's own architecture
    expect(x86.speedup).toBe(1)
    expect(arm.saving).not.toBeNull()
    const rec = out.recommendation
    expect(rec.architecture === 'x86_64' || rec.architecture === 'arm64').toBe(true)
    expect(rec.otherArchitecture).toMatchObject({ architecture: rec.architecture === 'arm64' ? 'x86_64' : 'arm64', memory: rec.memory, failed: false })
    expect(rec.reason).toMatch(new RegExp(`; ${rec.otherArchitecture!.architecture} at ${rec.memory} MB would cost \\$[0-9.]+ per 1M invokes \\(\\d+% (more|less)\\) and took [0-9.]+ ms warm p50`))
    expect(new Set(out.samples!.map((s) => s.architecture))).toEqual(new Set(['x86_64', 'arm64']))
    // the table and Markdown group the values by architecture, each named with its own
    const table = renderSweepTable(out).split('\n')
    const rows = table.filter((l) => /^\d+ MB (x86_64|arm64)/.test(l)).map((l) => /^(\d+ MB \S+)/.exec(l)![1])
    expect(rows).toEqual(['128 MB x86_64', '256 MB x86_64', '128 MB arm64', '256 MB arm64'])
    expect(table[table.findIndex((l) => l.startsWith('256 MB x86_64')) + 1]).toBe('')
    expect(table.find((l) => l.startsWith(`${rec.memory} MB ${rec.architecture}`))).toMatch(/ ◀ /)
    expect(table.find((l) => l.startsWith('256 MB arm64'))).not.toMatch(/current/)
    expect(renderSweepMarkdown(out)).toContain(`| **${rec.memory} MB ${rec.architecture} ◀** |`)
    expect(renderSweepTable(out)).toContain(`; arm64 on a temporary copy, ${out.copy!.function} (deleted); seed`)

    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expect(journals()).toEqual([])
  }, 120_000)

  it('--keep keeps the copy whole: the same code, role, handler, runtime, environment, layers, timeout, storage and logging, on arm64, tagged as the run’s', async () => {
    const layer = await publishLayer(emu.lambda, 'shared', ['x86_64', 'arm64'])
    await useLayers(emu.lambda, 'guarded', [layer])
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128', '-n', '2', '--keep', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    const name = `lambda-tune-${out.runId}-guarded`
    expect(out.kept?.functions).toEqual([name])
    const original = await emu.lambda.send(new GetFunctionCommand({ FunctionName: 'guarded' }))
    const copy = await emu.lambda.send(new GetFunctionCommand({ FunctionName: name }))
    const o = original.Configuration!
    const c = copy.Configuration!
    expect(c.Architectures).toEqual(['arm64'])
    expect(c.CodeSha256).toBe(o.CodeSha256)
    for (const field of ['Role', 'Handler', 'Runtime', 'Environment', 'Layers', 'Timeout', 'MemorySize', 'EphemeralStorage', 'TracingConfig'] as const) {
      expect(c[field], field).toEqual(o[field])
    }
    expect(c.Environment?.Variables?.API_TOKEN).toBe(ENV_SECRET)
    expect(c.LoggingConfig?.LogFormat).toBe(o.LoggingConfig?.LogFormat)
    expect(c.LoggingConfig?.LogGroup).toBe(`/aws/lambda/${name}`)
    expect(copy.Tags).toEqual({ 'lambda-tune:run': out.runId, 'lambda-tune:copy-of': 'guarded' })
    expect(r.stderr + r.stdout).not.toContain(ENV_SECRET)
    await emu.lambda.send(new DeleteFunctionCommand({ FunctionName: name }))
  }, 120_000)

  it('--dry-run lists the copy’s calls (CreateFunction first, DeleteFunction last) and creates nothing', async () => {
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128', '--dry-run', '--json'])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout) as { architectures: string[]; calls: string[]; totalInvokes: number; invokesPerValue: number }
    expect(validateSchema(plan, schema)).toEqual([])
    expect(plan.architectures).toEqual(['x86_64', 'arm64'])
    const creates = plan.calls.findIndex((c) => /^CreateFunction lambda-tune-[0-9a-f]{8}-guarded Architectures=\[arm64\]/.test(c))
    expect(creates).toBeGreaterThan(0)
    expect(plan.calls.findIndex((c) => c.startsWith('UpdateFunctionConfiguration guarded'))).toBeGreaterThan(creates)
    expect(plan.calls.at(-1)).toMatch(/DeleteFunction lambda-tune-[0-9a-f]{8}-guarded \(the whole copy/)
    expect(plan.totalInvokes).toBe(2 * 2 * plan.invokesPerValue)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
  })
})

describe('an architecture the code cannot run on', () => {
  it('native x86 code: the arm64 values are failed with the error type, never picked, and the function is restored', async () => {
    await emu.stop()
    emu = await startTestEmulator()
    const found = await snapshot(emu.lambda, emu.emulator, 'native-x86')
    const r = await cli(emu.endpoint, state, ['sweep', 'native-x86', '--arch', 'x86_64,arm64', '--memory', '128,256', '-n', '3', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    const arm = out.results.filter((v) => v.architecture === 'arm64')
    const x86 = out.results.filter((v) => v.architecture === 'x86_64')
    expect(arm.map((v) => [v.failed, v.decision.status])).toEqual([[true, 'failed'], [true, 'failed']])
    expect(arm.every((v) => v.errorTypes.Error === v.invocations)).toBe(true)
    expect(x86.every((v) => !v.failed)).toBe(true)
    expect(out.recommendation.architecture).toBe('x86_64')
    expect(out.recommendation.otherArchitecture).toMatchObject({ architecture: 'arm64', failed: true, costPerMillion: null })
    expect(out.recommendation.reason).toMatch(/; arm64 at \d+ MB failed \(100% of invokes failed \(mostly Error\)/)
    expectAsFound(found, await snapshot(emu.lambda, emu.emulator, 'native-x86'))
    expect((await functionNames(emu.lambda)).filter((n) => n.startsWith('lambda-tune-'))).toEqual([])
  }, 120_000)
})

describe('refusals before any change', () => {
  it('a container image without --image-uri-arm64: exit 2, nothing created, no journal', async () => {
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'boxed', PackageType: 'Image', Role: TEST_ROLE, Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:x86' } }))
    await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'boxed' })
    const found = await snapshot(emu.lambda, emu.emulator, 'boxed')
    const r = await cli(emu.endpoint, state, ['sweep', 'boxed', '--arch', 'x86_64,arm64', '--memory', '128'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      'Error: boxed is a container image: an image holds code for one architecture, so an arm64 copy needs an image built for arm64: give --image-uri-arm64 <image uri>\n',
    )
    expectAsFound(found, await snapshot(emu.lambda, emu.emulator, 'boxed'))
    expect(await functionNames(emu.lambda)).toEqual(['boxed', 'guarded'])
    expect(journals()).toEqual([])
  })

  it('a layer built for x86_64 only: exit 2 naming the layer, nothing created, no journal', async () => {
    const layer = await publishLayer(emu.lambda, 'native-deps', ['x86_64'])
    await useLayers(emu.lambda, 'guarded', [layer])
    const found = await snapshot(emu.lambda, emu.emulator, 'guarded')
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      `Error: layer ${layer} of guarded is built for x86_64 only (its CompatibleArchitectures): an arm64 copy could not use it; publish an arm64 build of the layer, or sweep without arm64\n`,
    )
    expectAsFound(found, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expect(journals()).toEqual([])
  })

  it('--apply with another architecture: exit 2 once the function is read, nothing created', async () => {
    const apply = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128', '--apply'])
    expect(apply.code).toBe(2)
    expect(apply.stderr).toBe('Error: --apply sets a memory on guarded; another architecture takes a code update (a build for it): drop --apply, or --arch arm64\n')
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expect(journals()).toEqual([])
  })

  it('--source cloudwatch with another architecture: exit 2 once the function is read, nothing created', async () => {
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'arm64', '--memory', '128', '--source', 'cloudwatch'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("Error: --source cloudwatch reads guarded's own metrics: measure --arch arm64 from the log tails (--source logs)\n")
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expect(journals()).toEqual([])
  })

  it.each([
    [['--arch', 'sparc'], /^Error: --arch: unknown architecture 'sparc': use x86_64 or arm64/],
    [['--arch', 'x86_64,'], /^Error: --arch "x86_64," has an empty entry/],
    [['--staging-bucket', 'my-bucket'], /^Error: --staging-bucket carries the code of a copy on another architecture: it needs --arch/],
    [['--arch', 'arm64', '--staging-bucket', 'Bad_Bucket'], /^Error: --staging-bucket "Bad_Bucket" is not an S3 bucket name/],
    [['--arch', 'x86_64', '--image-uri-arm64', 'repo/app:arm'], /^Error: --image-uri-arm64 is the image of an arm64 copy: it needs --arch with arm64/],
  ])('%j is a usage error (exit 2) before anything is read', async (args, message) => {
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128', ...args])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })
})

/** Starts a long two-architecture sweep and sends `signal` once the copy is being invoked (it exists, with versions and aliases). */
async function signalWhileCopyInvoked(signal: NodeJS.Signals, memory = '128,256') {
  let pid = 0
  const running = cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', memory, '-n', '400', '--serial'], {
    onSpawn: (p) => (pid = p),
  })
  await until(async () => (await functionNames(emu.lambda)).some((n) => n.startsWith('lambda-tune-')) && emu.emulator.inFlight() > 0, 'the copy invoked', 2400)
  process.kill(pid, signal)
  return running
}

describe('kill -9 while the copy exists, then `lambda-tune restore`', () => {
  it('the journal names the copy before it is created; restore deletes it and finishes the run', async () => {
    expect((await signalWhileCopyInvoked('SIGKILL')).signal).toBe('SIGKILL')

    const [journal] = journals()
    expect(journal?.copies).toEqual([{ functionName: expect.stringMatching(/^lambda-tune-[0-9a-f]{8}-guarded$/), architecture: 'arm64' }])
    const copy = journal!.copies![0]!.functionName
    expect(await functionNames(emu.lambda)).toContain(copy)

    const r = await cli(emu.endpoint, state, ['restore', 'guarded', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RestoreResult
    expect(validateSchema(out, restoreSchema)).toEqual([])
    expect(out.runs).toHaveLength(1)
    expect(out.runs[0]).toMatchObject({ deletedFunctions: [copy], problems: [], finished: true })
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(journals()).toEqual([])
  }, 120_000)

  it('restore leaves alone a function the journal names that does not carry the run’s tag', async () => {
    await signalWhileCopyInvoked('SIGKILL', '128')
    const copy = journals()[0]!.copies![0]!.functionName
    // someone else's function of that name: the run's copy was deleted and another made in its place
    await emu.lambda.send(new DeleteFunctionCommand({ FunctionName: copy }))
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: copy, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { ZipFile: await zipOf({ 'index.js': '' }) } }))
    const r = await cli(emu.endpoint, state, ['restore', 'guarded', '--json'])
    expect(r.code).toBe(4)
    const run = (JSON.parse(r.stdout) as RestoreResult).runs[0]!
    expect(run.finished).toBe(false)
    expect(run.problems).toEqual([`could not delete the arm64 copy ${copy}: ${copy} does not carry the tag lambda-tune:run=${journals()[0]!.runId}: it is not this run's copy, so it was left alone`])
    expect(await functionNames(emu.lambda)).toContain(copy)
  }, 120_000)
})

describe('a package over the 50 MB CreateFunction takes directly', () => {
  it('needs --staging-bucket (exit 2 before any change without it); with it the copy’s code goes through S3, whose object is deleted', async () => {
    const s3 = new S3Client({ endpoint: emu.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true })
    try {
      // 51 MiB that do not compress, deployed as a large function is: through S3
      const zip = zipSync({ 'index.js': strToU8('exports.handler = async () => ({ ok: true })'), 'blob.bin': randomBytes(51 * 1024 * 1024) }, { level: 0 })
      await s3.send(new PutObjectCommand({ Bucket: 'deploys', Key: 'big.zip', Body: zip }))
      await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'big', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { S3Bucket: 'deploys', S3Key: 'big.zip' } }))
      await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: 'big' })
      const found = await snapshot(emu.lambda, emu.emulator, 'big')
      // sent directly, the package is refused as Lambda refuses it: a copy can only be made through S3
      const direct = await emu.lambda
        .send(new CreateFunctionCommand({ FunctionName: 'big-direct', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: TEST_ROLE, Code: { ZipFile: zip } }))
        .catch((err: Error) => err)
      expect((direct as Error).name).toBe('RequestTooLargeException')

      const refused = await cli(emu.endpoint, state, ['sweep', 'big', '--arch', 'x86_64,arm64', '--memory', '128', '-n', '2'])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/^Error: big's package is 51\.0 MB, above the 50\.0 MB CreateFunction takes directly: give --staging-bucket <bucket> \(in big's region\) to send the arm64 copy's code through S3\n$/)
      expect(await functionNames(emu.lambda)).toEqual(['big', 'guarded'])

      const r = await cli(emu.endpoint, state, ['sweep', 'big', '--arch', 'x86_64,arm64', '--memory', '128', '-n', '2', '--staging-bucket', 'stage', '--json'])
      expect(r.stderr).not.toMatch(/Error/)
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout) as SweepResult
      expect(out.results.map((v) => [v.architecture, v.failed])).toEqual([['x86_64', false], ['arm64', false]])
      expect(emu.emulator.s3.list('stage')).toEqual([])
      expect(emu.emulator.s3.hasBucket('stage')).toBe(true)
      expectAsFound(found, await snapshot(emu.lambda, emu.emulator, 'big'))
      expect(await functionNames(emu.lambda)).toEqual(['big', 'guarded'])
    } finally {
      s3.destroy()
    }
  }, 180_000)
})

describe('sweep --local --arch', () => {
  it('says in one line that the emulator runs arm64 on this host’s CPU (durations the host’s, prices arm64’s)', async () => {
    const r = await runCli(['sweep', 'io-wait', '--local', '--arch', 'x86_64,arm64', '--memory', '128', '-n', '2', '--payload', '{"waitMs":1}', '--json'])
    expect(r.code).toBe(0)
    const host = process.arch === 'arm64' ? 'arm64' : 'x86_64'
    const lines = r.stderr.split('\n').filter((l) => /arm64|x86_64/.test(l))
    expect(lines).toEqual(
      host === 'arm64'
        ? []
        : [`Warning: io-wait: the emulator runs arm64 on this ${host} host's CPU: arm64 durations are the host's, priced at arm64 rates`],
    )
    expect((JSON.parse(r.stdout) as SweepResult).architectures).toEqual(['x86_64', 'arm64'])
  }, 60_000)
})

describe('recommend after a two-architecture sweep', () => {
  it('names the architecture and the saving the sweep measured; without the sweep it estimates and says so', async () => {
    for (let i = 0; i < 5; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'guarded', Payload: '{}' }))
    const r = await cli(emu.endpoint, state, ['sweep', 'guarded', '--arch', 'x86_64,arm64', '--memory', '128,256', '-n', '4', '--json'])
    expect(r.code).toBe(0)
    const sweep = JSON.parse(r.stdout) as SweepResult
    const file = join(tempStateDir(), 'sweep.json')
    writeFileSync(file, r.stdout)
    const measured = await cli(emu.endpoint, state, ['recommend', 'guarded', '--sweep', file, '--since', '1h', '--json'])
    expect(measured.code).toBe(0)
    const out = JSON.parse(measured.stdout) as RecommendResult
    expect(validateSchema(out, recommendSchema)).toEqual([])
    expect(out.architecture).toMatchObject({ basis: 'sweep', current: 'x86_64', recommended: sweep.recommendation.architecture })
    expect(out.architecture.reason).toMatch(
      sweep.recommendation.architecture === 'arm64' ? /^the sweep measured arm64 at \d+ MB as the best setting: the switch saves/ : /^keep x86_64: the sweep's pick runs on x86_64$/,
    )
    const table = await cli(emu.endpoint, state, ['recommend', 'guarded', '--since', '1h'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^architecture +x86_64 +arm64 +\$[0-9.]+ +low +an estimate/m)
    expect(table.stdout).toMatch(/^\[\d+\] architecture: arm64 would save about [0-9.]+% \(\$[0-9.]+ a month\) if the code runs as fast there/m)
  }, 120_000)
})

describe('Ctrl-C while the copy exists', () => {
  it('restores the function, deletes the run’s versions, aliases and the copy, leaves no journal, and says so (exit 4)', async () => {
    const r = await signalWhileCopyInvoked('SIGINT')
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/^Error: interrupted: guarded was restored and the run's aliases and versions deleted; the arm64 copy lambda-tune-[0-9a-f]{8}-guarded was deleted$/m)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(await functionNames(emu.lambda)).toEqual(['guarded'])
    expect(journals()).toEqual([])
  }, 120_000)
})
