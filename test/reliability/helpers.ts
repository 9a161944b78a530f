import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GetFunctionConfigurationCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  waitUntilFunctionActiveV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { expect } from 'vitest'
import { VOLATILE_CONFIGURATION_FIELDS } from '../../src/core/sweep/config-diff.js'
import type { RunningEmulator } from '../../src/emulator/index.js'
import { runCli, type CliOptions, type CliResult } from '../helpers/cli.js'
import { createNodeFunction, TEST_CREDENTIALS } from '../helpers/emulator.js'

/** A private state folder per test: journals never leak between tests or into the developer's home. */
export function tempStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'lambda-tune-state-'))
}

/** The CLI as a process against the test's emulator, with dummy credentials and its own state folder. */
export function cli(endpoint: string, stateDir: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCli([...args, '--endpoint-url', endpoint, '--region', 'us-east-1'], {
    ...options,
    env: {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      LAMBDA_TUNE_STATE_DIR: stateDir,
      ...options.env,
    },
  })
}

/** What must be exactly as before: $LATEST's configuration (as JSON, volatile fields aside), aliases and versions. */
export interface Snapshot {
  json: string
  user: { Environment: unknown; Description: unknown; MemorySize: unknown; Timeout: unknown }
  aliases: string[]
  versions: string[]
}

/** Reads a function's state with every injected fault switched off (the test's own reads must not fail). */
export async function snapshot(lambda: LambdaClient, emulator: RunningEmulator, name: string): Promise<Snapshot> {
  const saved = { ...emulator.faults }
  Object.assign(emulator.faults, { throttleRate: 0, errorRate: 0, latencyMs: 0 })
  try {
    const raw = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))) as unknown as Record<string, unknown>
    const stable = Object.fromEntries(Object.entries(raw).filter(([k]) => !VOLATILE_CONFIGURATION_FIELDS.includes(k)))
    const aliases = (await lambda.send(new ListAliasesCommand({ FunctionName: name }))).Aliases ?? []
    const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions ?? []
    return {
      json: JSON.stringify(stable),
      user: { Environment: raw.Environment, Description: raw.Description, MemorySize: raw.MemorySize, Timeout: raw.Timeout },
      aliases: aliases.map((a) => a.Name ?? '').sort(),
      versions: versions.map((v) => v.Version ?? '').sort(),
    }
  } finally {
    Object.assign(emulator.faults, { throttleRate: saved.throttleRate, errorRate: saved.errorRate, latencyMs: saved.latencyMs })
  }
}

/** Byte-identical configuration, the user's own settings exactly as they were, no alias or version of a run left. */
export function expectAsFound(before: Snapshot, after: Snapshot): void {
  expect(after.json).toBe(before.json)
  expect(after.user).toEqual(before.user)
  expect(after.aliases).toEqual(before.aliases)
  expect(after.versions).toEqual(before.versions)
  expect(after.aliases.filter((a) => a.startsWith('lambda-tune-'))).toEqual([])
}

/** The emulator's CloudWatch Invocations metric (GetMetricData Sum) of a function since `start`. */
export async function invocationsSum(cloudwatch: CloudWatchClient, name: string, start: Date): Promise<number> {
  const end = new Date(Date.now() + 60_000)
  const out = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(start.getTime() - 60_000),
      EndTime: end,
      MetricDataQueries: [
        {
          Id: 'inv',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: name }] },
            Period: 3600,
            Stat: 'Sum',
          },
        },
      ],
    }),
  )
  return (out.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0)
}

export const ENV_SECRET = 'env-value-8f3a1c-never-printed'
export const PAYLOAD_SECRET = 'payload-value-5d2e9b-never-printed'

/**
 * A function with settings of the user's own (environment, description, timeout) that echoes its environment and
 * its payload in its response and its log, so that any leak of either would show in lambda-tune's output.
 */
export async function createGuardedFunction(lambda: LambdaClient, name = 'guarded', extra: { timeout?: number } = {}): Promise<void> {
  const code = `
exports.handler = async (event) => {
  console.log('event', JSON.stringify(event), 'token', process.env.API_TOKEN)
  if (event && event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs))
  if (event && event.fail) throw new Error('failed with token ' + process.env.API_TOKEN + ' on ' + JSON.stringify(event))
  return {
    token: process.env.API_TOKEN,
    event,
    hostSecret: process.env.AWS_SECRET_ACCESS_KEY ?? null,
    canary: process.env.LAMBDA_TUNE_HOST_CANARY ?? null,
    names: Object.keys(process.env).sort(),
  }
}
`
  await createNodeFunction(lambda, name, code, {
    MemorySize: 256,
    Timeout: extra.timeout ?? 5,
    Description: 'the user\u2019s own description: "quoted", unicode \u00e9',
    Environment: { Variables: { API_TOKEN: ENV_SECRET, STAGE: 'prod' } },
  })
  await waitUntilFunctionActiveV2({ client: lambda, minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 }, { FunctionName: name })
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** Waits until `ready` holds, polling; fails the test after `tries` polls. */
export async function until(ready: () => Promise<boolean>, what: string, tries = 600, everyMs = 25): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ready()) return
    await sleep(everyMs)
  }
  throw new Error(`timed out waiting for ${what}`)
}
