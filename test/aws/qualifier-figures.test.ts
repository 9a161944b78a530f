import {
  CreateAliasCommand,
  InvokeCommand,
  PublishVersionCommand,
  waitUntilFunctionActiveV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readQualifier } from '../../src/aws/qualifier-figures.js'
import { openTarget, type Target } from '../../src/aws/target.js'
import type { WaitProgress } from '../../src/core/report/qualifier-figures.js'
import { parseReport } from '../../src/core/report-log.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'

let emu: TestEmulator
let target: Target
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 }

/** A function, a version of it and an alias to that version, as a sweep makes them. */
async function aliased(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  await createNodeFunction(emu.lambda, name, 'let n = 0\nexports.handler = async () => { n++; await new Promise((r) => setTimeout(r, 5 * n)); return n }', { MemorySize: 512, ...extra })
  await waitUntilFunctionActiveV2({ client: emu.lambda, ...WAIT }, { FunctionName: name })
  const v = await emu.lambda.send(new PublishVersionCommand({ FunctionName: name }))
  await waitUntilPublishedVersionActive({ client: emu.lambda, ...WAIT }, { FunctionName: name, Qualifier: v.Version })
  await emu.lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'lambda-tune-feed-512', FunctionVersion: v.Version }))
  return v.Version!
}

async function invoke(name: string, count: number): Promise<{ durations: number[]; tails: (string | undefined)[] }> {
  const durations: number[] = []
  const tails: (string | undefined)[] = []
  for (let i = 0; i < count; i++) {
    const r = await emu.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: 'lambda-tune-feed-512', Payload: '{}', LogType: 'Tail' }))
    tails.push(r.LogResult)
    const line = r.LogResult ? parseReport(r.LogResult) : undefined
    if (line?.durationMs !== undefined) durations.push(line.durationMs)
  }
  return { durations, tails }
}

const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY }
beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  // the target reads credentials as the CLI does, from the environment
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey
  target = await openTarget({ endpointUrl: emu.endpoint, region: 'us-east-1' })
})
afterAll(async () => {
  await target?.close()
  await emu?.stop()
  for (const [key, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

describe('readQualifier: one alias\'s figures from CloudWatch, through the SDK', () => {
  it('the metrics by Resource and the REPORT lines of the version\'s log streams agree with the log tails', async () => {
    const version = await aliased('plain')
    const start = new Date()
    const { durations } = await invoke('plain', 5)
    const ref = { functionName: 'plain', qualifier: 'lambda-tune-feed-512', versions: [version], logGroup: '/aws/lambda/plain' }
    const fromMetrics = await readQualifier(target, { ref, start, end: new Date(), expected: 5, source: 'cloudwatch' })
    expect(fromMetrics).toMatchObject({ complete: true, invocations: { value: 5, source: 'metrics' }, errors: { value: 0, source: 'metrics' }, coldStarts: { value: 1, source: 'logs' } })
    const sorted = [...durations].sort((a, b) => a - b)
    // REPORT lines print durations to 0.01 ms; the metric keeps the exact value
    expect(fromMetrics.duration.value!.p50!).toBeCloseTo(sorted[2]!, 1)
    expect(fromMetrics.duration.value!.max!).toBeCloseTo(sorted[4]!, 1)
    const fromLogs = await readQualifier(target, { ref, start, end: new Date(), expected: 5, source: 'auto' })
    expect(fromLogs.duration.source).toBe('logs')
    expect(fromLogs.reports.map((r) => r.durationMs)).toEqual(durations)
    expect(fromLogs.maxMemoryUsedMB).toMatchObject({ source: 'logs' })
    expect(fromLogs.maxMemoryUsedMB.value!).toBeGreaterThan(0)
  })

  it('a JSON log format at system log level WARN: no REPORT line anywhere, so the durations come from the metrics', async () => {
    const version = await aliased('quiet', { LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN' } })
    const start = new Date()
    const { tails } = await invoke('quiet', 3)
    expect(tails.every((t) => t === undefined || !parseReport(t))).toBe(true)
    const progress: WaitProgress[] = []
    const f = await readQualifier(target, {
      ref: { functionName: 'quiet', qualifier: 'lambda-tune-feed-512', versions: [version], logGroup: '/aws/lambda/quiet' },
      start, end: new Date(), expected: 3, source: 'auto', onProgress: (p) => progress.push(p),
    })
    expect(f).toMatchObject({ complete: true, invocations: { value: 3, source: 'metrics' }, coldStarts: { value: null, source: null }, reports: [] })
    expect(f.duration.source).toBe('metrics')
    expect(f.duration.value!.p99).not.toBeNull()
    expect(progress).toEqual([]) // the emulator publishes at once: nothing to wait for
  })
})
