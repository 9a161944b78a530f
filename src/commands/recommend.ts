import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { openTarget } from '../aws/target.js'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { functionName, type ComparableRun } from '../core/compare/result-files.js'
import { readRunFile } from '../sweep/baseline-gates.js'
import { UsageError } from '../core/errors.js'
import { parsePerMonth } from '../core/quantity.js'
import { resolveWindow } from '../core/report/lookback.js'
import { recommend, type RecommendResult } from '../core/recommend/recommend.js'
import { awsFlags, LOCAL_HISTORY_WARNING, outputFlags, windowFlags } from '../flags.js'
import { renderRecommendMarkdown, renderRecommendTable } from '../render/recommend.js'

export default class RecommendCommand extends BaseCommand {
  static override summary = 'Recommend memory, timeout, concurrency and platform for a function, with the money'
  static override description =
    'Reads the function\'s production metrics (as `report` does) and, with --sweep, an earlier sweep result. Every ' +
    'recommendation shows the current value, the recommended value, the evidence and the monthly money. Changes nothing.'
  static override examples = [
    '<%= config.bin %> recommend my-fn',
    '<%= config.bin %> recommend my-fn --sweep sweep.json --since 30d --format md',
    '<%= config.bin %> recommend my-fn --sweep sweep.json --monthly-requests 50M (the saving at the traffic you expect)',
  ]
  static override enableJsonFlag = true
  static override args = { function: Args.string({ required: true, description: 'function name' }) }
  static override flags = {
    sweep: Flags.string({ description: 'a `sweep --json` result for this function: take the memory from it' }),
    'allow-caps': Flags.boolean({ description: 'recommend reserved concurrency (a hard cap) even from less than 7 days or 300 invokes' }),
    'monthly-requests': Flags.string({ description: 'price the memory recommendation at this many requests a month (3M, 100k/day) instead of the observed traffic' }),
    ...windowFlags,
    ...awsFlags,
    ...outputFlags,
  }

  async run(): Promise<RecommendResult & JsonStamp> {
    const { args, flags } = await this.parse(RecommendCommand)
    const sweep = flags.sweep ? await readSweep(flags.sweep, args.function) : undefined
    const monthlyRequests = flags['monthly-requests'] === undefined ? undefined : parsePerMonth(flags['monthly-requests'], '--monthly-requests')
    const window = resolveWindow({ since: flags.since, start: flags.start, end: flags.end, period: flags.period, now: new Date() })
    const { readConcurrencySettings, readReport } = await import('../aws/report-readers.js')
    const target = await openTarget({ region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'], local: flags.local, functionsDir: flags.functions, functions: [args.function] })
    try {
      const report = await readReport(target, { selection: { names: [args.function] }, window, logs: flags.logs })
      const name = report.functions[0]!.name
      const settings = await readConcurrencySettings(target, name)
      const result = this.stamp('recommend', recommend({
        report, function: name, sweep, sweepFile: flags.sweep, allowCaps: flags['allow-caps'],
        ...(monthlyRequests !== undefined ? { monthlyRequests } : {}),
        reservedConcurrency: settings.reserved,
        provisionedConcurrency: settings.provisioned ?? null,
        accountLimit: settings.accountLimit,
        warnings: settings.warnings,
      }))
      if (flags.local) process.stderr.write(`${LOCAL_HISTORY_WARNING}\n`)
      await this.emit(result, flags, { md: () => renderRecommendMarkdown(result), table: () => renderRecommendTable(result) })
      for (const w of result.warnings) if (!this.jsonEnabled() && flags.format !== 'json') process.stderr.write(`Warning: ${w}\n`)
      return result
    } finally {
      await target.close()
    }
  }
}

async function readSweep(file: string, fn: string): Promise<ComparableRun> {
  const run = await readRunFile(file)
  if (run.kind !== 'sweep') throw new UsageError(`${file}: --sweep needs a sweep result, not a ${run.kind}`)
  const names = Object.keys(run.picks)
  if (!names.includes(functionName(fn))) throw new UsageError(`${file} is a sweep of ${names.join(', ')}, not of ${fn}`)
  return run
}
