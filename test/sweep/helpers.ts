import { GetFunctionConfigurationCommand, ListAliasesCommand, ListVersionsByFunctionCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import type { FunctionConfig } from '../../src/core/sweep/port.js'
import { runCli, type CliOptions, type CliResult } from '../helpers/cli.js'
import { TEST_CREDENTIALS } from '../helpers/emulator.js'

/** What a sweep must leave exactly as found: $LATEST's configuration, the aliases and the versions. */
export interface FunctionState {
  config: FunctionConfig
  aliases: string[]
  versions: string[]
}

export async function functionState(lambda: LambdaClient, name: string): Promise<FunctionState> {
  const { $metadata: _m, ...config } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))
  const aliases = (await lambda.send(new ListAliasesCommand({ FunctionName: name }))).Aliases ?? []
  const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name }))).Versions ?? []
  return {
    config: config as FunctionConfig,
    aliases: aliases.map((a) => a.Name ?? '').sort(),
    versions: versions.map((v) => v.Version ?? '').sort(),
  }
}

/** Runs `lambda-tune sweep` as a process against the test's emulator. */
export function runSweepCli(endpoint: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCli(['sweep', ...args, '--endpoint-url', endpoint, '--region', 'us-east-1'], {
    ...options,
    env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, ...options.env },
  })
}
