import { readFile, writeFile } from 'node:fs/promises'
import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { compareRuns, type CompareResult } from '../core/compare/compare-runs.js'
import { parseComparable, type ComparableRun } from '../core/compare/result-files.js'
import { UsageError } from '../core/errors.js'
import { parseCount, parsePerMonth } from '../core/quantity.js'
import { outputFlags } from '../flags.js'
import { renderCompareMarkdown, renderCompareTable } from '../render/compare.js'

export default class CompareCommand extends BaseCommand {
  static override summary = 'Compare two sweep or report results, with significance tests and CI gates'
  static override description =
    'Per function and memory value, tests whether durations changed (Mann-Whitney U on raw samples with a bootstrap ' +
    'interval, Welch\'s t-test on summaries), so noise is not called a regression. Exit codes: 0 every gate passed, ' +
    '1 a gate failed, 2 usage error (bad flag, unreadable or malformed file).'
  static override examples = [
    '<%= config.bin %> compare baseline.json current.json --fail-on-regression 10',
    '<%= config.bin %> compare last-week.json report.json --max-monthly-cost 250 --format md >> "$GITHUB_STEP_SUMMARY"',
  ]
  static override enableJsonFlag = true
  static override args = {
    baseline: Args.string({ required: true, description: 'earlier sweep or report result (JSON)' }),
    current: Args.string({ required: true, description: 'current sweep or report result (JSON)' }),
  }
  static override flags = {
    'fail-on-regression': Flags.string({ description: 'fail (exit 1) when a significant slowdown exceeds this percent' }),
    'max-cost-per-million': Flags.string({ description: 'fail when the current cost per million invokes exceeds this (USD)' }),
    'max-monthly-cost': Flags.string({ description: 'fail when the current monthly cost exceeds this (USD)' }),
    'monthly-requests': Flags.string({ description: 'with sweep results: requests a month for --max-monthly-cost (3M, 100k/day)' }),
    alpha: Flags.string({ description: 'significance level', default: '0.05' }),
    ...outputFlags,
  }

  async run(): Promise<CompareResult & JsonStamp> {
    const { args, flags } = await this.parse(CompareCommand)
    const number = (v: string | undefined, name: string) => (v === undefined ? undefined : parseCount(v.replace(/^\$|%$/g, ''), name))
    const alpha = Number(flags.alpha)
    if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, got ${flags.alpha}`)
    const options = {
      failOnRegression: percent(flags['fail-on-regression']),
      maxCostPerMillion: number(flags['max-cost-per-million'], '--max-cost-per-million'),
      maxMonthlyCost: number(flags['max-monthly-cost'], '--max-monthly-cost'),
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

async function readRun(file: string): Promise<ComparableRun> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a directory' : err.message}`)
  })
  return parseComparable(text, file)
}

/** `--fail-on-regression 10` or `10%`: a slowdown in percent. */
function percent(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text.trim().replace(/%$/, ''))
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--fail-on-regression: '${text}' is not a percent (e.g. 10 or 10% fails on a significant slowdown of more than 10%)`)
  }
  return value
}
