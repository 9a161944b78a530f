import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { openTarget } from '../aws/target.js'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { resolveWindow } from '../core/report/lookback.js'
import { parseSelection } from '../core/report/selection.js'
import type { ReportResult } from '../core/report/types.js'
import { awsFlags, LOCAL_HISTORY_WARNING, chartOutputFlags, windowFlags } from '../flags.js'
import { renderReportMarkdown, renderReportTable } from '../render/report.js'
import { renderReportHtml } from '../render/html/report.js'

export default class ReportCommand extends BaseCommand {
  static override summary = 'Production metrics of Lambda functions from CloudWatch, with their monthly cost'
  static override description =
    'Reads invocations, errors, throttles, duration percentiles, concurrency and provisioned concurrency from ' +
    'CloudWatch (GetMetricData, 500 queries a call), cold starts, memory use and billed durations from the REPORT lines ' +
    '(Logs Insights), and prices the observed traffic a month as AWS bills it. lambda-tune\'s own sweep traffic is left ' +
    'out. A read that fails costs only its own figures (null, with one warning per cause). Changes nothing.'
  static override examples = [
    '<%= config.bin %> report my-fn --since 14d',
    '<%= config.bin %> report --prefix orders- --format md',
    '<%= config.bin %> report --tag team=payments --start 2026-11-01T00:00:00Z --end 2026-11-08T00:00:00Z --json',
    '<%= config.bin %> report --all --region eu-west-1',
  ]
  static override strict = false
  static override enableJsonFlag = true
  static override args = { function: Args.string({ description: 'function names (several allowed)' }) }
  static override flags = {
    prefix: Flags.string({ description: 'every function whose name starts with this' }),
    tag: Flags.string({ description: 'every function with this tag, key=value' }),
    all: Flags.boolean({ description: 'every function in the region' }),
    ...windowFlags,
    ...awsFlags,
    ...chartOutputFlags,
  }

  async run(): Promise<ReportResult & JsonStamp> {
    const { argv, flags } = await this.parse(ReportCommand)
    const names = (argv as string[]).filter(Boolean)
    const selection = parseSelection(names, flags)
    const window = resolveWindow({ since: flags.since, start: flags.start, end: flags.end, period: flags.period, now: new Date() })
    const { readReport } = await import('../aws/report-readers.js')
    const target = await openTarget({ region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'], local: flags.local, functionsDir: flags.functions, functions: names })
    try {
      const report = await readReport(target, { selection, window, logs: flags.logs })
      const result = this.stamp('report', { ...report, functions: report.functions.map(({ traffic: _t, ...f }) => f) } as ReportResult)
      if (flags.local) process.stderr.write(`${LOCAL_HISTORY_WARNING}\n`)
      await this.emit(result, flags, { md: () => renderReportMarkdown(result), table: () => renderReportTable(result), html: () => renderReportHtml(result, result) })
      for (const w of result.warnings) if (!this.jsonEnabled() && flags.format !== 'json') process.stderr.write(`Warning: ${w}\n`)
      return result
    } finally {
      await target.close()
    }
  }
}
