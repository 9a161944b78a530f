import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CreateAliasCommand,
  GetAliasCommand,
  PublishVersionCommand,
  waitUntilFunctionActiveV2,
  waitUntilPublishedVersionActive,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { REPO_ROOT } from '../helpers/cli.js'
import { createNodeFunction, emptyFunctionsDir, startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import type { Schema } from '../helpers/schema.js'
import { until } from '../reliability/helpers.js'

export const canarySchema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/canary.json'), 'utf8')) as Schema

/**
 * A handler whose Duration is steady (it waits 15 ms: not CPU-bound, so a loaded test machine hardly moves it) and
 * that fails at every invoke below 256 MB, as a handler that runs out of memory would.
 */
export const STEADY_HANDLER = `
exports.handler = async () => {
  const memory = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE)
  if (memory < 256) throw new Error('needs at least 256 MB, got ' + memory)
  await new Promise((r) => setTimeout(r, 15))
  return { memory }
}
`

/** An emulator whose metrics can be read per second, with traffic to `<name>:live` of each function at `rate`/s. */
export async function canaryEmulator(functions: Record<string, number>): Promise<TestEmulator> {
  return startTestEmulator({
    functionsDir: await emptyFunctionsDir(),
    metricsPeriodSeconds: 1,
    traffic: Object.entries(functions).map(([functionName, rate]) => ({ functionName, qualifier: 'live', rate })),
  })
}

/**
 * The production set-up a canary expects: a function at 512 MB, version 1 published, alias `live` on it with a
 * description of its own; resolves once the generated traffic reaches the alias.
 */
export async function createProduction(emu: TestEmulator, name: string, source = STEADY_HANDLER): Promise<void> {
  const { lambda } = emu
  await createNodeFunction(lambda, name, source, { MemorySize: 512, Timeout: 5, Description: 'the shop backend' })
  await waitUntilFunctionActiveV2({ client: lambda, minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 }, { FunctionName: name })
  const v = await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: 'release 1' }))
  await waitUntilPublishedVersionActive({ client: lambda, minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 }, { FunctionName: name, Qualifier: v.Version })
  await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: v.Version, Description: 'production traffic' }))
  const stats = () => emu.emulator.traffic.find((t) => t.target === `${name}:live`)!
  await until(async () => stats().ok >= 20, `traffic to ${name}:live`, 400, 50)
}

/** The alias as GetAlias returns it, RevisionId aside (it changes with every update, as $LATEST's does). */
export async function aliasState(lambda: LambdaClient, name: string): Promise<string> {
  const { $metadata: _m, RevisionId: _r, ...rest } = await lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))
  return JSON.stringify(rest)
}
