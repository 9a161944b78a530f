import { readFile, writeFile } from 'node:fs/promises'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { compareRuns, type CompareResult } from '../core/compare/compare-runs.js'
import { parseComparable, type ComparableRun } from '../core/compare/result-files.js'
import { PERCENTILES } from '../core/compare/slowdown-tests.js'
import { UsageError } from '../core/errors.js'
import { parseCount, parsePerMonth } from '../core/quantity.js'
import { outputFlags } from '../flags.js'
import { renderCompareMarkdown, renderCompareTable } from '../render/compare.js'

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
    'fail-on-regression': Flags.string({ description: 'fail (exit 1) when a slowdown is shown to exceed this percent' }),
    'fail-on-cost-increase': Flags.string({ description: 'fail when a cost per invoke (per value, or the picks\' total) is shown to rise by more than this percent' }),
    percentile: Flags.option({ options: PERCENTILES, default: 'p50', description: 'the duration --fail-on-regression gates (p90-p99: order-statistic bounds, need many invokes)' })(),
    'max-cost-per-million': Flags.string({ description: 'fail when the current cost per million invokes exceeds this (USD)' }),
    'max-monthly-cost': Flags.string({ description: 'fail when the current monthly cost exceeds this (USD)' }),
    'monthly-requests': Flags.string({ description: 'with sweep results: requests a month for --max-monthly-cost (3M, 100k/day)' }),
    alpha: Flags.string({ description: 'family-wise error rate of each statistical gate', default: '0.05' }),
    ...outputFlags,
  }

  async run(): Promise<CompareResult & JsonStamp> {
    const { args, flags } = await this.parse(CompareCommand)
    const usd = (v: string | undefined, name: string) => (v === undefined ? undefined : parseCount(v.replace(/^\$/, ''), name))
    const alpha = Number(flags.alpha)
    if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, got ${flags.alpha}`)
    const options = {
      failOnRegression: percent(flags['fail-on-regression'], '--fail-on-regression'),
      failOnCostIncrease: percent(flags['fail-on-cost-increase'], '--fail-on-cost-increase'),
      percentile: flags.percentile,
      maxCostPerMillion: usd(flags['max-cost-per-million'], '--max-cost-per-million'),
      maxMonthlyCost: usd(flags['max-monthly-cost'], '--max-monthly-cost'),
      monthlyRequests: flags['monthly-requests'] === undefined ? undefined : parsePerMonth(flags['monthly-requests'], '--monthly-requests'),
      alpha,
    }
    const [baseline, current] = [await readRun(args.baseline), await readRun(args.current)]
    const result = this.stamp('compare', compareRuns(baseline, current, { baseline: args.baseline, current: args.current }, options))
    const text = flags.format === 'json' || this.jsonEnabled() ? JSON.stringify(result, null, 2)
      : flags.format === 'md' ? renderCompareMarkdown(result) : renderCompareTable(result)
    if (!this.jsonEnabled()) this.log(text)
    if (flags.out) await writeFile(flags.out, text.endsWith('\n') ? text : `${text}\n`)
    if (!result.passed) {
      process.stderr.write(`Error: ${result.gates.filter((g) => !g.passed).map((g) => `--${g.gate}: ${g.detail}`).join('; ')}\n`)
      process.exitCode = result.exitCode
    }
    return result
  }
}

/** "10" or "10%": a percent of 0 or more. */
function percent(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$/.exec(text)
  if (!m) throw new UsageError(`${name}: cannot read '${text}' as a percent (e.g. 10 or 10%)`)
  return Number(m[1])
}

async function readRun(file: string): Promise<ComparableRun> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a directory' : err.message}`)
  })
  return parseComparable(text, file)
}

/** `--fail-on-regression 10` or `10%`: a slowdown in percent. */
