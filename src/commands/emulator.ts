import { readFile } from 'node:fs/promises'
import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../base-command.js'
import { ExitCode, UsageError, UserError } from '../core/errors.js'
import type { Faults } from '../emulator/lambda/faults.js'
import type { TrafficSpec } from '../emulator/traffic.js'

export default class Emulator extends BaseCommand {
  static override summary = 'Run the local Lambda + CloudWatch emulator until Ctrl-C'
  static override description =
    'Serves the Lambda and CloudWatch APIs on 127.0.0.1 for the AWS SDK and CLI, running real handler code from a functions folder ' +
    '(default: the bundled fixtures). Point any tool at it with AWS_ENDPOINT_URL.'
  static override examples = [
    '<%= config.bin %> emulator',
    '<%= config.bin %> emulator --port 4000 --functions ./my-functions',
    '<%= config.bin %> emulator --fault-throttle 0.3 --fault-5xx 0.1 --fault-latency 50 --update-delay 500',
    '<%= config.bin %> emulator --fault-html ListProvisionedConcurrencyConfigs=404 --fault-percentiles 500 --fault-no-log-tail',
    '<%= config.bin %> emulator --traffic cpu-hash:live=20/s --traffic io-wait=5/s,event.json --metrics-period 1',
  ]

  static override flags = {
    port: Flags.integer({ description: 'port on 127.0.0.1 (0 picks a free one)', default: 3001, min: 0, max: 65535 }),
    functions: Flags.string({ description: 'folder of function folders (<name>/function.json + code); default: the bundled fixtures' }),
    region: Flags.string({ description: 'region in ARNs and for clients', default: 'us-east-1' }),
    'account-concurrency': Flags.integer({ description: 'account concurrency limit', default: 1000, min: 1 }),
    'fault-throttle': Flags.string({ description: 'share (0-1) of Lambda API calls answered 429 TooManyRequestsException', default: '0' }),
    'fault-5xx': Flags.string({ description: 'share (0-1) of Lambda API calls answered 500 ServiceException', default: '0' }),
    'fault-latency': Flags.integer({ description: 'milliseconds added to every Lambda API response', default: 0, min: 0 }),
    'update-delay': Flags.integer({ description: 'milliseconds a function update stays InProgress', default: 100, min: 0 }),
    'fault-crash': Flags.string({ description: 'share (0-1) of invokes whose runtime process crashes mid-invoke (Runtime.ExitError)', default: '0' }),
    'fault-hang': Flags.string({ description: "share (0-1) of invokes whose handler hangs past the function's timeout (Sandbox.Timedout)", default: '0' }),
    'fault-seed': Flags.integer({ description: 'seed of the fault generator', default: 1 }),
    'fault-html': Flags.string({
      description: 'answer these operations with an HTTP error whose body is an HTML page, not an AWS error: Operation=status,... (e.g. GetMetricData=500,GetAccountSettings=404)',
    }),
    'fault-percentiles': Flags.string({
      description: 'GetMetricData percentile statistics: keep, drop (answered with no datapoints), or an HTTP status (calls asking for one get an HTML error page)',
      default: 'keep',
    }),
    'fault-insights-no-stats': Flags.boolean({ description: 'Logs Insights results lose their stats fields (rows keep only their group-by fields)' }),
    'fault-no-log-tail': Flags.boolean({ description: 'Invoke answers without a log tail (no X-Amz-Log-Result) even when asked for one' }),
    'fault-no-revision-id': Flags.boolean({ description: 'Lambda API responses carry no RevisionId' }),
    traffic: Flags.string({
      multiple: true,
      description: 'send invokes from inside the emulator until it stops: <function>[:<qualifier>]=<rate>/s[,<payload file>] (Poisson arrivals)',
    }),
    'metrics-period': Flags.integer({
      min: 1,
      description: "seconds: Lambda's metrics may also be read at any multiple of this period (AWS: 60), so a canary runs in seconds",
    }),
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Emulator)
    const { parseHtmlErrors } = await import('../emulator/lambda/faults.js')
    const html = htmlErrors(flags['fault-html'], parseHtmlErrors)
    const traffic = await trafficSpecs(flags.traffic ?? [])
    const { startEmulator } = await import('../emulator/index.js')
    let emulator
    try {
      emulator = await startEmulator({
        port: flags.port,
        region: flags.region,
        accountConcurrency: flags['account-concurrency'],
        ...(traffic.length ? { traffic } : {}),
        ...(flags['metrics-period'] !== undefined ? { metricsPeriodSeconds: flags['metrics-period'] } : {}),
        ...(flags.functions ? { functionsDir: flags.functions } : {}),
        faults: {
          throttleRate: share(flags['fault-throttle'], '--fault-throttle'),
          errorRate: share(flags['fault-5xx'], '--fault-5xx'),
          latencyMs: flags['fault-latency'],
          updateDelayMs: flags['update-delay'],
          seed: flags['fault-seed'],
          crashRate: share(flags['fault-crash'], '--fault-crash'),
          hangRate: share(flags['fault-hang'], '--fault-hang'),
          htmlErrors: html,
          percentiles: percentiles(flags['fault-percentiles']),
          insightsWithoutStats: flags['fault-insights-no-stats'],
          noLogTail: flags['fault-no-log-tail'],
          noRevisionId: flags['fault-no-revision-id'],
        },
      })
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      if (e.code === 'EADDRINUSE') throw new UsageError(`port ${flags.port} is already in use: pick another with --port (0 picks a free one)`)
      if (err instanceof UserError || (err as Error).name === 'UsageError') throw err
      throw new UserError(`cannot start the emulator: ${e.message}`, ExitCode.usage)
    }
    const names = [...emulator.store.functions.keys()].sort()
    this.log(`Lambda + CloudWatch emulator listening on ${emulator.endpoint}`)
    this.log(`functions (${names.length}): ${names.join(', ') || 'none'}`)
    this.log(
      // AWS CLI v1 reads only AWS_DEFAULT_REGION; v2 and the SDKs read AWS_REGION first.
      `export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_REGION=${emulator.region} AWS_DEFAULT_REGION=${emulator.region} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`,
    )
    for (const t of emulator.traffic) this.log(`traffic: ${t.target} at ${t.rate}/s`)
    if (flags['metrics-period'] !== undefined) this.log(`metrics readable at any multiple of ${flags['metrics-period']} s`)
    this.log('Press Ctrl-C to stop.')
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await emulator.stop()
    for (const t of emulator.traffic) {
      this.logToStderr(
        `traffic ${t.target}: ${t.sent} sent, ${t.ok} ok, ${t.functionErrors} function errors, ${t.throttled} throttled, ${t.missing} before it existed, ${t.failed} failed`,
      )
    }
    this.logToStderr(`emulator stopped (${signal})`)
  }
}

function share(value: string, flag: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} must be a share between 0 and 1, got ${JSON.stringify(value)}`)
  return n
}

function htmlErrors(value: string | undefined, parse: (text: string) => Record<string, number>): Record<string, number> {
  if (value === undefined) return {}
  try {
    return parse(value)
  } catch (err) {
    throw new UsageError(`--fault-html: ${(err as Error).message}`)
  }
}

function percentiles(value: string): Faults['percentiles'] {
  if (value === 'keep' || value === 'drop') return value
  if (/^[1-5][0-9][0-9]$/.test(value)) return Number(value)
  throw new UsageError(`--fault-percentiles must be keep, drop or an HTTP status, got ${JSON.stringify(value)}`)
}

/** Parses every --traffic and reads its payload file, before the emulator starts: bad input starts nothing. */
async function trafficSpecs(texts: string[]): Promise<TrafficSpec[]> {
  const { parseTrafficSpec } = await import('../emulator/traffic.js')
  const specs: TrafficSpec[] = []
  for (const text of texts) {
    let spec
    try {
      spec = parseTrafficSpec(text)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    if (spec.payloadFile === undefined) {
      specs.push(spec)
      continue
    }
    const file = spec.payloadFile
    const payload = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`--traffic ${text}: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`)
    })
    try {
      JSON.parse(payload.toString('utf8'))
    } catch {
      throw new UsageError(`--traffic ${text}: ${file} is not JSON`)
    }
    specs.push({ ...spec, payload })
  }
  return specs
}
