import { setTimeout as sleep } from 'node:timers/promises'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import chalk from 'chalk'
import { BaseCommand } from '../base-command.js'
import { ExitCode } from '../core/errors.js'
import { awsFlags, chartOutputFlags } from '../flags.js'
import { renderCanaryMarkdown, renderCanaryTable } from '../render/canary.js'
import { renderCanaryHtml } from '../render/html/canary.js'
import { canary, type CanaryOutcome, type CanaryReporter } from '../canary/service.js'

export default class CanaryCommand extends BaseCommand {
  static override summary = "Tune memory on real traffic: send a share of an alias's traffic to candidate versions and compare"
  static override description =
    'For each candidate memory, publishes a version of the alias\'s code with that memory, routes --weight percent of the ' +
    "alias's traffic to it for --duration (RoutingConfig), then routes everything back, and compares both versions " +
    'over the same minutes from CloudWatch (by ExecutedVersion) and CloudWatch Logs. Guards refuse candidates without ' +
    'room for the memory used in production, and stop a candidate whose errors or p99 are worse, or whose traffic is ' +
    'too thin. The alias ends exactly as found and the candidate versions are deleted, on success, error and Ctrl-C; ' +
    '`lambda-tune restore` finishes the job after a kill -9. See docs/canary.md.'
  static override examples = [
    '<%= config.bin %> canary my-fn:live --memory 512,1024 --weight 10 --duration 10m',
    '<%= config.bin %> canary my-fn:live --memory 1769 --weight 5 --duration 1h --strategy speed --dry-run',
    '<%= config.bin %> canary my-fn:live --memory 512,1024 --weight 10 --duration 30m --format html --out canary.html',
    '<%= config.bin %> canary cpu-hash:live --memory 1024 --weight 20 --duration 20s --period 1 --endpoint-url http://127.0.0.1:3001',
  ]
  static override enableJsonFlag = true
  static override args = { function: Args.string({ description: '<function>:<alias> (name or ARN)' }) }
  static override flags = {
    ...awsFlags,
    memory: Flags.string({ char: 'm', description: 'candidate memory values in MB: 512,1024 or 128..3008:256' }),
    weight: Flags.string({ default: '10', description: "percent of the alias's traffic each candidate gets (above 0, at most 50)" }),
    duration: Flags.string({ description: 'how long each candidate gets traffic: 10m, 1h, 1h30m (seconds, e.g. 30s, against the emulator)' }),
    period: Flags.string({ description: 'seconds per CloudWatch period read (default 60, as Lambda publishes; below 60 only against the emulator)' }),
    strategy: Flags.option({ options: ['cost', 'speed', 'balanced', 'slo'] as const, description: 'how to pick (default: cost, or slo with --p99/--p95)' })(),
    tolerance: Flags.string({ default: '5', description: 'percent: options within it of the best count as tied (practical equivalence)' }),
    confidence: Flags.string({ default: '95%', description: 'confidence of the intervals, of a settled pick, and against stopping a good candidate' }),
    'cost-weight': Flags.string({ default: '0.5', description: 'balanced: weight of cost against speed, 0 (speed) to 1 (cost)' }),
    p99: Flags.string({ description: 'slo: p99 limit in ms' }),
    p95: Flags.string({ description: 'slo: p95 limit in ms' }),
    'max-error-increase': Flags.string({ default: '1', description: "stop a candidate whose error rate is above the main version's by more than this (percentage points)" }),
    'max-p99-increase': Flags.string({ default: '50', description: "stop a candidate whose p99 is above the main version's by more than this (percent)" }),
    'memory-margin': Flags.string({ default: '20', description: "refuse a candidate below the main version's Max Memory Used plus this (percent)" }),
    lookback: Flags.string({ default: '24h', description: 'how far back the Max Memory Used of the main version is read (e.g. 24h, 7d)' }),
    sweep: Flags.string({ multiple: true, description: 'a `sweep --json` result of this function: memory values that failed there are refused' }),
    force: Flags.boolean({ description: 'try candidates the memory and sweep guards refuse (the guards on running candidates stay on)' }),
    'dry-run': Flags.boolean({ description: 'print the plan, the guards and the AWS calls; change nothing' }),
    ...chartOutputFlags,
  }

  async run(): Promise<CanaryOutcome> {
    const { args, flags } = await this.parse(CanaryCommand)
    const json = this.jsonEnabled() || flags.format === 'json'
    const controller = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      if (!controller.signal.aborted) process.stderr.write(`\n${signal}: stopping, routing the alias's traffic back and deleting the candidate versions...\n`)
      controller.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      const progress = reporter(json)
      const outcome = await canary(
        {
          ...(args.function !== undefined ? { function: args.function } : {}),
          target: { region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'], local: flags.local, functionsDir: flags.functions },
          ...(flags.memory !== undefined ? { memory: flags.memory } : {}),
          weight: flags.weight,
          ...(flags.duration !== undefined ? { duration: flags.duration } : {}),
          ...(flags.period !== undefined ? { period: flags.period } : {}),
          strategy: flags.strategy ?? (flags.p99 !== undefined || flags.p95 !== undefined ? 'slo' : 'cost'),
          tolerance: flags.tolerance,
          confidence: flags.confidence,
          costWeight: flags['cost-weight'],
          ...(flags.p99 !== undefined ? { p99: flags.p99 } : {}),
          ...(flags.p95 !== undefined ? { p95: flags.p95 } : {}),
          maxErrorIncrease: flags['max-error-increase'],
          maxP99Increase: flags['max-p99-increase'],
          memoryMargin: flags['memory-margin'],
          lookback: flags.lookback,
          sweepFiles: flags.sweep ?? [],
          force: flags.force,
          dryRun: flags['dry-run'],
        },
        progress,
        {
          signal: controller.signal,
          now: () => Date.now(),
          sleep: (ms) => sleep(ms, undefined, { signal: controller.signal }).catch(() => undefined),
        },
      ).finally(() => progress.finish())
      await this.emit(outcome, flags, {
        md: () => renderCanaryMarkdown(outcome),
        table: () => renderCanaryTable(outcome, { highlight: (t) => chalk.bold.green(t) }),
        html: () => renderCanaryHtml(outcome, { toolVersion: this.config.version, generatedAt: new Date().toISOString() }),
      })
      // An SLO that no option meets fails the run as a gate would, after printing the result.
      if (!('dryRun' in outcome) && outcome.settings.strategy === 'slo' && outcome.recommendation.memory === null) process.exitCode = ExitCode.gateFailed
      return outcome
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}

/** Progress on stderr: the run id before anything changes, then one line rewritten in place on a terminal. */
function reporter(json: boolean): CanaryReporter & { finish(): void } {
  const live = Boolean(process.stderr.isTTY) && !json
  const write = (line: string) => {
    if (live) process.stderr.write(`\r\u001b[2K${line}`)
  }
  return {
    started: (fn, runId) => {
      if (!json) process.stderr.write(`canary of ${fn}: run ${runId}\n`)
    },
    phase: (message) => write(message),
    look: (memory, elapsed, planned, counts) =>
      write(`${memory} MB: ${elapsed}/${planned} s, ${counts.candidate} invokes to the candidate, ${counts.main} to the main version`),
    finish: () => write(''),
  }
}
