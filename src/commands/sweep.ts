import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../base-command.js'
import { palette } from '../colour.js'
import { ExitCode, UsageError } from '../core/errors.js'
import type { SweepResult } from '../core/sweep/sweep-result.js'
import { DEFAULT_MEMORY_SPEC } from '../core/sweep/memory.js'
import { awsFlags, chartOutputFlags, gateFlags } from '../flags.js'
import { gateOptions, type SweepGates } from '../sweep/baseline-gates.js'
import { renderSweepHtml } from '../render/html/sweep.js'
import { confirmedFailure, renderSweepMarkdown, renderSweepTable } from '../render/sweep.js'
import { sweep, type SweepMulti, type SweepOutcome } from '../sweep/service.js'
import { terminalReporter } from '../sweep/terminal-reporter.js'

export default class SweepCommand extends BaseCommand {
  static override summary = 'Measure a function across memory settings, safely, and pick one'
  static override description =
    'For each memory value, publishes a version of the function with that memory behind a temporary alias, restores ' +
    '$LATEST, invokes every alias and reads the REPORT lines: warm and cold durations, INIT, max memory, cost. ' +
    'By default it invokes in rounds and stops a value once the data show it cannot be the pick, and the run once the ' +
    'pick is settled at the confidence asked for, or its budget of invokes or money ends first; a fixed count is an option. ' +
    'The run deletes what it created on success, error and Ctrl-C; the function is left exactly as found.'
  static override examples = [
    '<%= config.bin %> sweep my-fn',
    '<%= config.bin %> sweep my-fn:live --memory 128..3008:256 --strategy balanced --weight 0.3',
    '<%= config.bin %> sweep cpu-hash --local --memory 128,512,1769,3008 --strategy speed',
    '<%= config.bin %> sweep my-fn --tolerance 5 --confidence 99 --budget $0.50',
    '<%= config.bin %> sweep my-fn -n 20 (a fixed count per value)',
    '<%= config.bin %> sweep my-fn --strategy slo --p99 250 --format md --out sweep.md',
    '<%= config.bin %> sweep my-fn --arch x86_64,arm64 (the other architecture on a temporary copy)',
    '<%= config.bin %> sweep my-fn --monthly-requests 3M --format html --out sweep.html',
    '<%= config.bin %> sweep my-fn:live --apply (publish a version with the pick and move the alias to it)',
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { function: Args.string({ description: 'function name, name:alias, name:version or ARN (several allowed)' }) }
  static override flags = {
    ...awsFlags,
    memory: Flags.string({ char: 'm', default: DEFAULT_MEMORY_SPEC, description: 'memory values in MB: 128,512 ranges 128..3008:256, or all' }),
    invocations: Flags.integer({ char: 'n', min: 1, description: 'a fixed count of measured invokes per memory value, instead of sampling until settled' }),
    'max-invocations': Flags.integer({ description: 'sequential: the most warm invokes per value (default 100; with --p99/--p95, what a bound needs)' }),
    budget: Flags.string({ description: 'the most the whole run may spend: $0.50 or 300GB-s (stops early, unsettled, when reached)' }),
    tolerance: Flags.string({ default: '10', description: 'percent within which values count as equally good (cost, speed or score, by strategy)' }),
    confidence: Flags.string({ default: '95', description: 'percent confidence at which the pick is settled' }),
    concurrency: Flags.integer({ char: 'c', default: 1, min: 1, description: 'invokes in flight per memory value' }),
    warmup: Flags.integer({ default: 0, min: 0, description: 'invokes per value left out of the statistics' }),
    'cold-starts': Flags.integer({ default: 0, min: 0, description: 'forced cold starts per value, each on a freshly published version' }),
    serial: Flags.boolean({ description: 'one memory value at a time (for fragile downstreams)' }),
    payload: Flags.string({ char: 'p', description: 'JSON payload of every invoke' }),
    'payload-file': Flags.string({ description: 'file holding the JSON payload' }),
    payloads: Flags.string({ description: 'file holding a weighted payload set: [{"payload": ..., "weight": 3}, ...]' }),
    seed: Flags.integer({ min: 0, description: 'seed of the payload order (printed by every run)' }),
    'allowed-errors': Flags.string({ description: 'comma-separated error types that still count as results' }),
    'error-threshold': Flags.string({ default: '0.05', description: 'a value whose error share is above this fails (0.05 or 5%)' }),
    strategy: Flags.option({ options: ['cost', 'speed', 'balanced', 'slo'] as const, description: 'how to pick (default: cost, or slo with --p99/--p95)' })(),
    weight: Flags.string({ default: '0.5', description: 'balanced: weight of cost against speed, 0 (speed) to 1 (cost)' }),
    p99: Flags.string({ description: 'slo: warm p99 limit in ms' }),
    p95: Flags.string({ description: 'slo: warm p95 limit in ms' }),
    trim: Flags.string({ default: '0.1', description: 'share cut at each end for the trimmed mean' }),
    'dry-run': Flags.boolean({ description: 'print the plan, the AWS calls and the cost bound; change nothing' }),
    keep: Flags.boolean({ description: "keep the run's aliases and versions for inspection" }),
    'include-samples': Flags.boolean({ description: 'add every invoke to the JSON output' }),
    arch: Flags.string({ description: "architectures to measure: x86_64, arm64, or x86_64,arm64 (default: the function's own); another runs on a temporary copy" }),
    'staging-bucket': Flags.string({ description: "S3 bucket (the function's region) for a copy's code over the 50 MB CreateFunction takes directly" }),
    'image-uri-arm64': Flags.string({ description: 'container images: the image built for arm64, for an arm64 copy' }),
    'image-uri-x86': Flags.string({ description: 'container images: the image built for x86_64, for an x86_64 copy' }),
    source: Flags.option({
      options: ['auto', 'logs', 'cloudwatch'] as const,
      default: 'auto',
      description: 'where durations come from: the log tails\' REPORT lines (logs), CloudWatch (cloudwatch), or the tails and CloudWatch when they hold none (auto)',
    })(),
    apply: Flags.boolean({ description: 'set the pick on the function (or move the alias to a version with it) once the run is clean and the pick settled; undo with restore --undo-apply' }),
    'monthly-requests': Flags.string({ description: "requests a month to price each value at (3M, 100k/day); default: the function's Invocations over the last 30 days" }),
    baseline: Flags.string({ description: 'gate this run against a pinned sweep result (a file; an array of sweeps is pooled): a failed gate is confirmed on fresh invokes before exit 1', helpGroup: 'GATES' }),
    ...gateFlags,
    ...chartOutputFlags,
  }

  async run(): Promise<SweepOutcome | SweepMulti> {
    const { argv, flags } = await this.parse(SweepCommand)
    if (flags.keep && flags.local) {
      throw new UsageError('--keep has nothing to keep with --local: the in-process emulator ends with the sweep. Run `lambda-tune emulator` and sweep with --endpoint-url to inspect what a run keeps')
    }
    const slo = flags.p99 !== undefined ? '--p99' : flags.p95 !== undefined ? '--p95' : undefined
    if (slo && flags.strategy !== undefined && flags.strategy !== 'slo') {
      throw new UsageError(`${slo} is a latency limit, which only --strategy slo uses: drop --strategy ${flags.strategy}, or drop ${slo}`)
    }
    const gated = ['fail-on-regression', 'fail-on-cost-increase'].filter((g) => flags[g as 'fail-on-regression'] !== undefined)
    if (gated.length && !flags.baseline) throw new UsageError(`--${gated[0]} gates a run against a baseline: give --baseline <sweep.json>, or use lambda-tune compare`)
    const baseline = flags.baseline ? { file: flags.baseline, options: gateOptions(flags) } : undefined
    const json = this.jsonEnabled() || flags.format === 'json'
    const colours = palette({ noColor: flags['no-color'], machine: json || flags.format === 'md', stream: 'stdout' })
    const controller = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      if (!controller.signal.aborted) process.stderr.write(`\n${signal}: stopping, restoring the function and deleting the run's aliases and versions...\n`)
      controller.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    try {
      const progress = terminalReporter({ json, stream: process.stderr, palette: palette({ noColor: flags['no-color'], machine: json, stream: 'stderr' }) })
      const outcome = await sweep(
        {
          functions: argv as string[],
          target: { region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'], local: flags.local, functionsDir: flags.functions, functions: argv as string[] },
          memory: flags.memory,
          ...(flags.invocations !== undefined ? { invocations: flags.invocations } : {}),
          ...(flags['max-invocations'] !== undefined ? { maxInvocations: flags['max-invocations'] } : {}),
          ...(flags.budget !== undefined ? { budget: flags.budget } : {}),
          tolerance: flags.tolerance,
          confidence: flags.confidence,
          concurrency: flags.concurrency,
          warmup: flags.warmup,
          coldStarts: flags['cold-starts'],
          serial: flags.serial,
          payload: flags.payload,
          payloadFile: flags['payload-file'],
          payloadsFile: flags.payloads,
          seed: flags.seed,
          allowedErrors: (flags['allowed-errors'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          errorThreshold: share(flags['error-threshold']),
          strategy: flags.strategy ?? (flags.p99 !== undefined || flags.p95 !== undefined ? 'slo' : 'cost'),
          weight: Number(flags.weight),
          p99: flags.p99 === undefined ? undefined : Number(flags.p99),
          p95: flags.p95 === undefined ? undefined : Number(flags.p95),
          trim: Number(flags.trim),
          dryRun: flags['dry-run'],
          keep: flags.keep,
          includeSamples: flags['include-samples'],
          ...(flags.arch !== undefined || flags['staging-bucket'] !== undefined || flags['image-uri-arm64'] !== undefined || flags['image-uri-x86'] !== undefined
            ? {
                architectures: {
                  ...(flags.arch !== undefined ? { arch: flags.arch } : {}),
                  ...(flags['staging-bucket'] !== undefined ? { stagingBucket: flags['staging-bucket'] } : {}),
                  imageUris: { arm64: flags['image-uri-arm64'], x86_64: flags['image-uri-x86'] },
                },
              }
            : {}),
          source: flags.source,
          ...(flags['monthly-requests'] !== undefined ? { monthlyRequests: flags['monthly-requests'] } : {}),
          apply: flags.apply,
          ...(baseline ? { baseline } : {}),
        },
        progress,
        controller.signal,
      ).finally(() => progress.finish())
      const now = new Date()
      const result = 'sweeps' in outcome
        ? this.stamp('sweep', { ...outcome, sweeps: outcome.sweeps.map((s) => this.stamp('sweep', s, now)) }, now)
        : this.stamp('sweep', outcome, now)
      await this.emit(result, flags, {
        md: () => renderSweepMarkdown(outcome),
        table: () =>
          renderSweepTable(outcome, {
            palette: colours,
            chart: process.stdout.isTTY && process.env.TERM !== 'dumb' ? 'unicode' : 'ascii',
            ...(process.stdout.isTTY && process.stdout.columns ? { width: process.stdout.columns } : {}),
          }),
        html: () => renderSweepHtml(outcome, { toolVersion: this.config.version, generatedAt: now.toISOString() }),
      })
      // No pick (every value failed, or none meets the SLO) fails the run as a gate would, after printing the result.
      const sweeps = 'sweeps' in outcome ? outcome.sweeps : [outcome]
      const unpicked = sweeps.filter((s) => !('dryRun' in s) && s.recommendation.memory === null) as SweepResult[]
      for (const s of unpicked) process.stderr.write(`Error: ${s.function}: ${s.recommendation.reason}\n`)
      // --apply that could not apply fails the run as a gate would: the function was left as found
      const refused = sweeps.filter((s) => !('dryRun' in s) && s.applied?.status === 'refused' && s.recommendation.memory !== null) as SweepResult[]
      for (const s of refused) process.stderr.write(`Error: ${s.function}: ${s.applied!.reason}\n`)
      // --baseline: a gate failed on this run and again on fresh invokes
      const failed = sweeps.filter((s) => !('dryRun' in s) && s.gates && !s.gates.passed) as Array<SweepResult & { gates: SweepGates }>
      for (const s of failed) process.stderr.write(`Error: ${s.function}: ${confirmedFailure(s.gates)}\n`)
      if (unpicked.length || refused.length || failed.length) process.exitCode = ExitCode.gateFailed
      return result
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}

function share(text: string): number {
  const t = text.trim()
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t)
}
