import { quantile } from 'simple-statistics'
import { bootstrapDifferenceInterval, mannWhitneyU, seededRandom, welchTTest } from '../stats/index.js'
import { UsageError } from '../errors.js'
import type { ComparableGroup, ComparableRun } from './result-files.js'

export const DEFAULT_ALPHA = 0.05
/** a change smaller than this is not called a regression even when significant (percent) */
export const DEFAULT_THRESHOLD_PERCENT = 5
/** without samples (reports), a change is trusted only over this many invokes on each side */
export const MIN_UNTESTED_COUNT = 50

export type Verdict = 'regression' | 'improvement' | 'no change' | 'not significant' | 'untested'

export interface GroupComparison {
  key: string
  function: string
  memory: number
  status: Verdict | 'only in baseline' | 'only in current'
  test: 'mann-whitney' | 'welch' | 'none'
  /** two-sided */
  pValue: number | null
  /** what is compared: the median with samples, else the mean (ms) */
  measure: 'median' | 'mean'
  baseline: number | null
  current: number | null
  /** current / baseline - 1 */
  change: number | null
  /** 95% interval of the change (bootstrap of the median difference over the baseline median), when samples exist */
  changeCi95: [number, number] | null
  /** P(current > baseline) with samples (0.5 = no effect); Cohen's d with moments only */
  effectSize: { name: 'probability of superiority' | "Cohen's d"; value: number } | null
  counts: { baseline: number; current: number }
  costPerMillion: { baseline: number | null; current: number | null }
}

export interface GateResult {
  gate: 'fail-on-regression' | 'max-cost-per-million' | 'max-monthly-cost'
  limit: number
  actual: number | null
  passed: boolean
  detail: string
}

export interface CompareOptions {
  failOnRegression?: number
  maxCostPerMillion?: number
  maxMonthlyCost?: number
  /** sweeps carry no traffic: the requests a month that --max-monthly-cost prices the picks at */
  monthlyRequests?: number
  alpha?: number
  /** bootstrap seed, so the interval is the same on every run */
  seed?: number
}

export interface CompareResult {
  schemaVersion: 1
  kind: 'compare'
  inputs: { baseline: { file: string; kind: string }; current: { file: string; kind: string } }
  alpha: number
  thresholdPercent: number
  comparisons: GroupComparison[]
  gates: GateResult[]
  passed: boolean
  /** 0 when every gate passed, 1 when one failed */
  exitCode: 0 | 1
}

/**
 * Compares two runs group by group with a significance test, so noise is not called a regression: Mann–Whitney U on
 * raw durations when both files carry samples (with a bootstrap interval of the median change), Welch's t-test on
 * the summaries otherwise, and no test for reports (CloudWatch gives no per-invoke data), where only a change over
 * enough invokes counts.
 */
export function compareRuns(
  baseline: ComparableRun,
  current: ComparableRun,
  files: { baseline: string; current: string },
  options: CompareOptions = {},
): CompareResult {
  if (baseline.kind !== current.kind) {
    throw new UsageError(`cannot compare a ${baseline.kind} result (${files.baseline}) with a ${current.kind} result (${files.current})`)
  }
  for (const [name, v] of Object.entries({ 'fail-on-regression': options.failOnRegression, 'max-cost-per-million': options.maxCostPerMillion, 'max-monthly-cost': options.maxMonthlyCost })) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new UsageError(`--${name} must be a number of 0 or more, got ${v}`)
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA
  const threshold = options.failOnRegression ?? DEFAULT_THRESHOLD_PERCENT
  const base = new Map(baseline.groups.map((g) => [g.key, g]))
  const cur = new Map(current.groups.map((g) => [g.key, g]))
  const keys = [...new Set([...base.keys(), ...cur.keys()])]
  if (!keys.some((k) => base.has(k) && cur.has(k))) {
    throw new UsageError(`${files.baseline} and ${files.current} have no function and memory value in common`)
  }
  const comparisons = keys.map((k) => compareGroup(base.get(k), cur.get(k), alpha, threshold, options.seed ?? 1))
  const gates: GateResult[] = []
  if (options.failOnRegression !== undefined) {
    const worst = comparisons.filter((c) => c.status === 'regression').sort((a, b) => (b.change ?? 0) - (a.change ?? 0))
    const maxChange = Math.max(0, ...comparisons.filter((c) => c.change !== null && c.status !== 'not significant').map((c) => c.change! * 100))
    gates.push({
      gate: 'fail-on-regression',
      limit: options.failOnRegression,
      actual: maxChange,
      passed: worst.length === 0,
      detail: worst.length
        ? `${worst.map((c) => `${c.key} +${(c.change! * 100).toFixed(1)}%`).join(', ')} slower (significant)`
        : `no significant slowdown above ${options.failOnRegression}%`,
    })
  }
  const priced = pricedGroups(current)
  if (options.maxCostPerMillion !== undefined) {
    const over = priced.filter((g) => g.costPerMillion !== null && g.costPerMillion > options.maxCostPerMillion!)
    const actual = priced.reduce<number | null>((m, g) => (g.costPerMillion === null ? m : Math.max(m ?? 0, g.costPerMillion)), null)
    gates.push({
      gate: 'max-cost-per-million',
      limit: options.maxCostPerMillion,
      actual,
      passed: actual !== null && over.length === 0,
      detail: actual === null
        ? 'no cost per million in the current result'
        : over.length
          ? `${over.map((g) => `${g.key} $${g.costPerMillion!.toFixed(2)}`).join(', ')} per million`
          : `highest $${actual.toFixed(2)} per million`,
    })
  }
  if (options.maxMonthlyCost !== undefined) {
    const actual = monthlyTotal(current, priced, options.monthlyRequests)
    gates.push({
      gate: 'max-monthly-cost',
      limit: options.maxMonthlyCost,
      actual,
      passed: actual <= options.maxMonthlyCost,
      detail: `$${actual.toFixed(2)} a month${current.kind === 'sweep' ? ` at ${options.monthlyRequests} requests a month per function` : ' at the observed traffic'}`,
    })
  }
  const passed = gates.every((g) => g.passed)
  return {
    schemaVersion: 1,
    kind: 'compare',
    inputs: { baseline: { file: files.baseline, kind: baseline.kind }, current: { file: files.current, kind: current.kind } },
    alpha,
    thresholdPercent: threshold,
    comparisons,
    gates,
    passed,
    exitCode: passed ? 0 : 1,
  }
}

function compareGroup(b: ComparableGroup | undefined, c: ComparableGroup | undefined, alpha: number, threshold: number, seed: number): GroupComparison {
  const any = (b ?? c)!
  const shell: GroupComparison = {
    key: any.key, function: any.function, memory: any.memory,
    status: !b ? 'only in current' : 'only in baseline',
    test: 'none', pValue: null, measure: 'mean', baseline: null, current: null, change: null, changeCi95: null, effectSize: null,
    counts: { baseline: b?.samples?.length ?? b?.summary?.count ?? 0, current: c?.samples?.length ?? c?.summary?.count ?? 0 },
    costPerMillion: { baseline: b?.costPerMillion ?? null, current: c?.costPerMillion ?? null },
  }
  if (!b || !c) return shell
  if (b.failed || c.failed) return { ...shell, status: 'untested' }
  const beyond = (change: number) => change * 100 > threshold
  if (b.samples && c.samples && b.samples.length >= 2 && c.samples.length >= 2) {
    const mw = mannWhitneyU(c.samples, b.samples)
    const mb = quantile(b.samples, 0.5)
    const mc = quantile(c.samples, 0.5)
    const diff = bootstrapDifferenceInterval(b.samples, c.samples, {
      random: seededRandom(seed), iterations: 1000, statistic: (v) => quantile(v as number[], 0.5),
    })
    const change = mc / mb - 1
    return {
      ...shell,
      test: 'mann-whitney', pValue: mw.pValue, measure: 'median', baseline: mb, current: mc, change,
      changeCi95: [diff[0] / mb, diff[1] / mb],
      effectSize: { name: 'probability of superiority', value: mw.probabilityOfSuperiority },
      status: verdict(mw.pValue < alpha, change, beyond),
    }
  }
  if (!b.summary || !c.summary) return { ...shell, status: 'untested' }
  const change = c.summary.mean / b.summary.mean - 1
  const base = { ...shell, baseline: b.summary.mean, current: c.summary.mean, change }
  if (b.summary.stddev !== null && c.summary.stddev !== null && b.summary.count >= 2 && c.summary.count >= 2) {
    const w = welchTTest({ count: c.summary.count, mean: c.summary.mean, stddev: c.summary.stddev }, { count: b.summary.count, mean: b.summary.mean, stddev: b.summary.stddev })!
    const pooled = Math.sqrt((b.summary.stddev ** 2 + c.summary.stddev ** 2) / 2)
    return {
      ...base, test: 'welch', pValue: w.pValue,
      effectSize: { name: "Cohen's d", value: pooled > 0 ? (c.summary.mean - b.summary.mean) / pooled : 0 },
      status: verdict(w.pValue < alpha, change, beyond),
    }
  }
  const enough = b.summary.count >= MIN_UNTESTED_COUNT && c.summary.count >= MIN_UNTESTED_COUNT
  return { ...base, status: enough ? verdict(true, change, beyond) : 'untested' }
}

function verdict(significant: boolean, change: number, beyond: (c: number) => boolean): Verdict {
  if (!significant) return 'not significant'
  if (beyond(change)) return 'regression'
  if (beyond(-change)) return 'improvement'
  return 'no change'
}

/** The groups a cost gate looks at: each swept function's pick (all values when none), or every reported function. */
function pricedGroups(run: ComparableRun): ComparableGroup[] {
  if (run.kind === 'report') return run.groups
  const byFn = new Map<string, ComparableGroup[]>()
  for (const g of run.groups) byFn.set(g.function, [...(byFn.get(g.function) ?? []), g])
  return [...byFn.entries()].flatMap(([fn, gs]) => {
    const pick = run.picks[fn]
    const chosen = gs.filter((g) => g.memory === pick)
    return chosen.length ? chosen : gs.filter((g) => !g.failed)
  })
}

function monthlyTotal(run: ComparableRun, priced: ComparableGroup[], monthlyRequests: number | undefined): number {
  if (run.kind === 'report') return priced.reduce((s, g) => s + (g.monthlyCost ?? 0), 0)
  if (monthlyRequests === undefined) {
    throw new UsageError('--max-monthly-cost with sweep results needs --monthly-requests (sweeps carry no traffic)')
  }
  const perFn = new Map<string, number>()
  for (const g of priced) if (g.costPerMillion !== null) perFn.set(g.function, Math.max(perFn.get(g.function) ?? 0, g.costPerMillion))
  return [...perFn.values()].reduce((s, perMillion) => s + (perMillion * monthlyRequests) / 1e6, 0)
}
