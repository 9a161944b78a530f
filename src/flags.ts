import { Flags } from '@oclif/core'

/** Flags shared by every command that talks to AWS (or to the local emulator), named as the AWS CLI names them. */
export const awsFlags = {
  region: Flags.string({
    description: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, then us-east-1)',
    helpGroup: 'AWS',
  }),
  profile: Flags.string({ description: 'named profile from ~/.aws (default: AWS_PROFILE)', helpGroup: 'AWS' }),
  'endpoint-url': Flags.string({
    description: 'send AWS calls to this endpoint (default: AWS_ENDPOINT_URL)',
    helpGroup: 'AWS',
  }),
  local: Flags.boolean({
    description: 'run against a bundled local Lambda + CloudWatch emulator loaded with fixtures/functions',
    helpGroup: 'AWS',
    exclusive: ['endpoint-url', 'profile'],
  }),
  functions: Flags.string({
    description: 'with --local: load the emulator with the function folders under this directory',
    helpGroup: 'AWS',
    dependsOn: ['local'],
  }),
}

/** Output flags shared by every command that prints a result. `--json` comes from oclif's enableJsonFlag. */
export const outputFlags = {
  format: Flags.option({ options: ['table', 'md', 'json'] as const, default: 'table', description: 'output format' })(),
  out: Flags.string({ description: 'also write the output to this file' }),
}
