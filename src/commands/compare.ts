import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { compareRuns, type CompareResult } from '../core/compare/compare-runs.js'
import { parseCount, parsePerMonth } from '../core/quantity.js'
import { chartOutputFlags, gateFlags } from '../flags.js'
import { gateOptions, readRunFile } from '../sweep/baseline-gates.js'
import { renderCompareMarkdown, renderCompareTable } from '../render/compare.js'
import { renderCompareHtml } from '../render/html/compare.js'

export default class CompareCommand extends BaseCommand {
  static override summary = 'Compare two sweep or report results: CI gates on durations and costs, with error control'
  static override description =
    'Per function and memory value, a regression is a slowdown whose lower confidence bound exceeds the threshold ' +
    '(exact rank test of a scale shift on raw samples, pooled per function; Fieller on summaries), with the ' +
    'family-wise error over all values held at --alpha. A bare compare reports and never fails. Exit codes: 0 every ' +
    'gate passed, 1 a gate failed, 2 usage error (bad flag, unreadable or malformed file, results that cannot be compared).'
  static override examples = [
    '<%= config.bin %> compare baseline.json current.json --fail-on-regression 10 --fail-on-cost-increase 10',
    '<%= config.bin %> compare baseline.json current.json --fail-on-regression 20 --percentile p95 --format md >> "$GITHUB_STEP_SUMMARY"',
    '<%= config.bin %> compare last-week.json report.json --max-monthly-cost 250',
  ]
  static override enableJsonFlag = true
  static override args = {
    baseline: Args.string({ required: true, description: 'earlier sweep or report result (JSON; an array of sweeps of one function is pooled)' }),
    current: Args.string({ required: true, description: 'current sweep or report result (JSON)' }),
  }
  static override flags = {
    ...gateFlags,
    'max-cost-per-million': Flags.string({ description: 'fail when the current cost per million invokes exceeds this (USD)' }),
    'max-monthly-cost': Flags.string({ description: 'fail when the current monthly cost exceeds this (USD)' }),
    'monthly-requests': Flags.string({ description: 'with sweep results: requests a month for --max-monthly-cost (3M, 100k/day)' }),
    ...chartOutputFlags,
  }

  async run(): Promise<CompareResult & JsonStamp> {
    const { args, flags } = await this.parse(CompareCommand)
    const usd = (v: string | undefined, name: string) => (v === undefined ? undefined : parseCount(v.replace(/^\$/, ''), name))
    const options = {
      ...gateOptions(flags),
      maxCostPerMillion: usd(flags['max-cost-per-million'], '--max-cost-per-million'),
      maxMonthlyCost: usd(flags['max-monthly-cost'], '--max-monthly-cost'),
      monthlyRequests: flags['monthly-requests'] === undefined ? undefined : parsePerMonth(flags['monthly-requests'], '--monthly-requests'),
    }
    const [baseline, current] = [await readRunFile(args.baseline), await readRunFile(args.current)]
    const result = this.stamp('compare', compareRuns(baseline, current, { baseline: args.baseline, current: args.current }, options))
    await this.emit(result, flags, { md: () => renderCompareMarkdown(result), table: () => renderCompareTable(result), html: () => renderCompareHtml(result, result) })
    if (!result.passed) {
      process.stderr.write(`Error: ${result.gates.filter((g) => !g.passed).map((g) => `--${g.gate}: ${g.detail}`).join('; ')}\n`)
      process.exitCode = result.exitCode
    }
    return result
  }
}
