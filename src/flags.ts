import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import * as Flags from '@oclif/core/flags'
import { PERCENTILES } from './core/compare/slowdown-tests.js'
import { UsageError } from './core/errors.js'

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
  out: Flags.string({ description: 'also write the output to this file', parse: checkOutFile }),
  'no-color': Flags.boolean({ description: 'no colour in the output (also NO_COLOR=1; --json never has colour)' }),
}

/** The output flags of the commands that also draw a chart: `--format html` writes one self-contained page. */
export const chartOutputFlags = {
  ...outputFlags,
  format: Flags.option({
    options: ['table', 'md', 'json', 'html'] as const,
    default: 'table',
    description: 'output format; html: a self-contained page with charts (to --out, the table still on the terminal)',
  })(),
}

/** `report --local` and `recommend --local` read an emulator that has just started: there is no history to read. */
export const LOCAL_HISTORY_WARNING =
  'Warning: --local starts a fresh emulator, which has no history to read: run `lambda-tune emulator` in another terminal, ' +
  'invoke your functions against it, then pass --endpoint-url http://127.0.0.1:3001 instead of --local'

/** The report window shared by `report` and `recommend` (parsed by src/core/report/lookback.ts). */
export const windowFlags = {
  since: Flags.string({ description: 'lookback from now: 14d, 12h, 90m, 2w (default 14d)', exclusive: ['start'] }),
  start: Flags.string({ description: 'window start (ISO 8601 or epoch seconds)' }),
  end: Flags.string({ description: 'window end (default: now)' }),
  period: Flags.string({ description: 'time-series resolution in seconds or as 5m, 1h (default: the finest that keeps one page per call)' }),
  logs: Flags.boolean({ default: true, allowNo: true, description: 'read cold starts and memory use from the REPORT lines (Logs Insights)' }),
}

/**
 * `--out` is checked while the flags are parsed, before anything runs: a sweep that worked for minutes must not fail
 * at the end because its output file cannot be written.
 */
async function checkOutFile(path: string): Promise<string> {
  const folder = dirname(resolve(path))
  const info = await stat(folder).catch(() => undefined)
  if (!info?.isDirectory()) throw new UsageError(`cannot write ${path}: the folder ${folder} does not exist`)
  if ((await stat(path).catch(() => undefined))?.isDirectory()) throw new UsageError(`cannot write ${path}: it is a folder`)
  await access(folder, constants.W_OK).catch(() => {
    throw new UsageError(`cannot write ${path}: the folder ${folder} is not writable`)
  })
  return path
}

/** The statistical CI gates, shared by `compare` (two files) and `sweep --baseline` (a run against a pinned file). */
export const gateFlags = {
  'fail-on-regression': Flags.string({ description: 'fail (exit 1) when a slowdown is shown to exceed this percent', helpGroup: 'GATES' }),
  'fail-on-cost-increase': Flags.string({ description: "fail when a cost per invoke (per value, or the picks' total) is shown to rise by more than this percent", helpGroup: 'GATES' }),
  percentile: Flags.option({ options: PERCENTILES, default: 'p50', description: 'the duration --fail-on-regression gates (p90-p99: order-statistic bounds, need many invokes)', helpGroup: 'GATES' })(),
  alpha: Flags.string({ description: 'family-wise error rate of each statistical gate', default: '0.05', helpGroup: 'GATES' }),
}
