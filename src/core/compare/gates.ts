import { UsageError } from '../errors.js'
import { graphicalTest } from '../stats/graphical-test.js'
import { compareCostChanges, type CostComparison } from './cost-changes.js'
import type { ComparableGroup, ComparableRun } from './result-files.js'
import { contextNotes } from './run-context.js'
import { confidenceText, meansTest, percentileTest, rankShiftTest, type Percentile, type SlowdownTest } from './slowdown-tests.js'

export const DEFAULT_ALPHA = 0.05
/** the threshold statuses are shown against when no gate sets one (percent) */
export const DEFAULT_THRESHOLD_PERCENT = 5
/** reports carry no samples: a change of the average is trusted only over this many invokes on each side */
export const MIN_UNTESTED_COUNT = 50

export interface GateOptions {
  /** percent: fail when a slowdown is shown to exceed it */
  failOnRegression?: number
  /** percent: fail when a cost increase is shown to exceed it */
  failOnCostIncrease?: number
  maxCostPerMillion?: number
  maxMonthlyCost?: number
  /** sweeps carry no traffic: the requests a month that --max-monthly-cost prices the picks at */
  monthlyRequests?: number
  /** family-wise error rate of each statistical gate */
  alpha?: number
  /** what the regression gate compares; p50 (the default) uses the rank test of a scale shift */
  percentile?: Percentile
}

export type SlowdownStatus = 'regression' | 'no regression' | 'too few samples' | 'untested' | 'only in baseline' | 'only in current'

export interface GroupComparison {
  key: string
  function: string
  memory: number
  status: SlowdownStatus
  test: SlowdownTest['test'] | 'none'
  measure: SlowdownTest['measure']
  /** point values (ms) */
  baseline: number | null
  current: number | null
  /** estimated change, current / baseline − 1 */
  change: number | null
  /** the lower confidence bound of the change the verdict used: a regression is lowerBound > threshold */
  lowerBound: number | null
  /** 1 − the level the multiple-testing procedure tested this value at */
  confidence: number | null
  /** one-sided p-value of "slower by no more than the threshold" */
  pValue: number | null
  /** why there is no verdict, or what limits it */
  reason: string | null
  counts: { baseline: number; current: number }
}

/** A function's memory values pooled: the stratified rank test of a common slowdown. */
export interface FunctionComparison {
  function: string
  values: number[]
  status: 'regression' | 'no regression' | 'too few samples'
  test: 'stratified rank shift'
  change: number
  lowerBound: number | null
  confidence: number
  pValue: number | null
  reason: string | null
}

export interface GateResult {
  gate: 'fail-on-regression' | 'fail-on-cost-increase' | 'max-cost-per-million' | 'max-monthly-cost'
  limit: number
  actual: number | null
  passed: boolean
  detail: string
}

export interface GateDecision {
  alpha: number
  thresholdPercent: number
  costThresholdPercent: number
  percentile: Percentile
  comparisons: GroupComparison[]
  functions: FunctionComparison[]
  costs: CostComparison[]
  /** what changed between the runs besides the code (region, architecture, memory, price table) */
  notes: string[]
  gates: GateResult[]
  passed: boolean
}

/**
 * The whole gate decision on two parsed runs, pure: the sweep can call it on its own result and a pinned baseline.
 *
 * Durations: each memory value's slowdown is tested against the threshold (a regression when the lower confidence
 * bound of the slowdown exceeds it), and so is each function's slowdown pooled over its memory values. The family-wise
 * error over all of them is held at alpha by a graphical procedure: alpha is split equally between functions; within
 * a function half goes to the pooled test and half is split between its memory values; a rejected pooled test passes
 * its share to the values, a rejected value passes half to the pooled test and half to the other values (Holm's
 * step-down when there is nothing to pool). Costs are a family of their own (src/core/compare/cost-changes.ts).
 */
export function decideGates(baseline: ComparableRun, current: ComparableRun, options: GateOptions = {}): GateDecision {
  for (const [name, v] of Object.entries({
    'fail-on-regression': options.failOnRegression, 'fail-on-cost-increase': options.failOnCostIncrease,
    'max-cost-per-million': options.maxCostPerMillion, 'max-monthly-cost': options.maxMonthlyCost,
  })) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new UsageError(`--${name} must be a number of 0 or more, got ${v}`)
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, got ${alpha}`)
  const percentile = options.percentile ?? 'p50'
  const thresholdPercent = options.failOnRegression ?? DEFAULT_THRESHOLD_PERCENT
  const costThresholdPercent = options.failOnCostIncrease ?? DEFAULT_THRESHOLD_PERCENT
  const { comparisons, functions } = compareDurations(baseline, current, thresholdPercent / 100, alpha, percentile)
  if (options.failOnRegression !== undefined && baseline.kind === 'sweep') requireSomeVerdict(comparisons, functions, percentile)
  const costs = compareCostChanges(baseline, current, costThresholdPercent / 100, alpha)
  if (options.failOnCostIncrease !== undefined && !costs.some((c) => c.status === 'increase' || c.status === 'no increase')) {
    const why = costs.find((c) => c.reason)
    throw new UsageError(`--fail-on-cost-increase cannot decide anything: ${why ? `${why.key}: ${why.reason}` : 'no cost per invoke in both runs'}`)
  }
  const gates: GateResult[] = []
  if (options.failOnRegression !== undefined) gates.push(regressionGate(options.failOnRegression, comparisons, functions, alpha))
  if (options.failOnCostIncrease !== undefined) gates.push(costIncreaseGate(options.failOnCostIncrease, costs, baseline.kind, alpha))
  const priced = pricedGroups(current)
  if (options.maxCostPerMillion !== undefined) gates.push(maxCostPerMillionGate(options.maxCostPerMillion, priced))
  if (options.maxMonthlyCost !== undefined) {
    const actual = monthlyTotal(current, priced, options.monthlyRequests)
    gates.push({
      gate: 'max-monthly-cost', limit: options.maxMonthlyCost, actual, passed: actual <= options.maxMonthlyCost,
      detail: `$${actual.toFixed(2)} a month${current.kind === 'sweep' ? ` at ${options.monthlyRequests} requests a month per function` : ' at the observed traffic'}`,
    })
  }
  return {
    alpha, thresholdPercent, costThresholdPercent, percentile, comparisons, functions, costs,
    notes: contextNotes(baseline, current), gates, passed: gates.every((g) => g.passed),
  }
}

interface Node {
  test: SlowdownTest
  weight: number
  /** where the outcome goes */
  fill: (level: number, rejected: boolean) => void
}

/** Every duration comparison, each tested at the level the graphical procedure gives it. */
export function compareDurations(
  baseline: ComparableRun, current: ComparableRun, threshold: number, alpha: number, percentile: Percentile,
): { comparisons: GroupComparison[]; functions: FunctionComparison[] } {
  const base = new Map(baseline.groups.map((g) => [g.key, g]))
  const cur = new Map(current.groups.map((g) => [g.key, g]))
  const keys = [...new Set([...base.keys(), ...cur.keys()])]
  const comparisons = keys.map((k) => shell(base.get(k), cur.get(k), percentile))
  const tests = new Map<string, SlowdownTest>()
  for (const c of comparisons) {
    const [b, g] = [base.get(c.key), cur.get(c.key)]
    if (!b || !g || b.failed || g.failed) continue
    if (baseline.kind === 'report') Object.assign(c, reportVerdict(b, g, threshold))
    else {
      const t = slowdownTest(b, g, threshold, percentile)
      if (typeof t === 'string') c.reason = t
      else {
        tests.set(c.key, t)
        Object.assign(c, { test: t.test, measure: t.measure, baseline: t.baseline, current: t.current, change: t.change, pValue: t.pValue })
      }
    }
  }
  const functions: FunctionComparison[] = []
  const byFunction = new Map<string, GroupComparison[]>()
  for (const c of comparisons) if (tests.has(c.key)) byFunction.set(c.function, [...(byFunction.get(c.function) ?? []), c])
  const nodes: Node[] = []
  const edges: number[][] = []
  const share = 1 / byFunction.size
  for (const [fn, groups] of byFunction) {
    const rank = groups.filter((c) => tests.get(c.key)!.test === 'rank shift')
    const pooled = percentile === 'p50' && rank.length >= 2 && rank.length === groups.length
    const start = nodes.length
    if (pooled) {
      const test = rankShiftTest(rank.map((c) => samplesOf(base.get(c.key)!, cur.get(c.key)!)), threshold)
      const row: FunctionComparison = {
        function: fn, values: rank.map((c) => c.memory), status: 'no regression', test: 'stratified rank shift',
        change: test.change, lowerBound: null, confidence: 1, pValue: test.pValue, reason: null,
      }
      functions.push(row)
      nodes.push({ test, weight: share / 2, fill: (level, rejected) => Object.assign(row, outcome(test, level, rejected)) })
    }
    for (const c of groups) {
      const test = tests.get(c.key)!
      nodes.push({ test, weight: pooled ? share / 2 / groups.length : share / groups.length, fill: (level, rejected) => Object.assign(c, outcome(test, level, rejected)) })
    }
    const size = nodes.length - start
    for (let i = 0; i < size; i++) {
      edges[start + i] = []
      for (let j = 0; j < size; j++) edges[start + i]![start + j] = withinFunction(i, j, size, pooled)
    }
  }
  const n = nodes.length
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => edges[i]?.[j] ?? 0))
  const result = graphicalTest(nodes.map((node) => ({ weight: node.weight, rejects: (level) => regresses(node.test.lowerBound(level), threshold) })), matrix, alpha)
  nodes.forEach((node, i) => node.fill(result.level[i]!, result.rejected[i]!))
  return { comparisons, functions }
}

/**
 * The share of weight node i passes to node j of the same function: with a pooled test (node 0), it passes its
 * share equally to the values, and a value passes half to the pooled test and half equally to the other values
 * (all to the pooled test when it is the only other); without, Holm: equally to the other values.
 */
function withinFunction(i: number, j: number, size: number, pooled: boolean): number {
  if (i === j) return 0
  if (!pooled) return 1 / (size - 1)
  const values = size - 1
  if (i === 0) return 1 / values
  if (j === 0) return values > 1 ? 0.5 : 1
  return 0.5 / (values - 1)
}

function regresses(lower: number | null, threshold: number): boolean {
  return lower !== null && lower > threshold
}

function outcome(test: SlowdownTest, level: number, rejected: boolean) {
  const lowerBound = test.lowerBound(level)
  return {
    status: rejected ? ('regression' as const) : lowerBound === null ? ('too few samples' as const) : ('no regression' as const),
    lowerBound,
    confidence: 1 - level,
    reason: lowerBound === null ? test.shortfall(level) : null,
  }
}

function slowdownTest(b: ComparableGroup, c: ComparableGroup, threshold: number, percentile: Percentile): SlowdownTest | string {
  if (b.samples && c.samples) {
    const s = samplesOf(b, c)
    return percentile === 'p50' ? rankShiftTest([s], threshold) : percentileTest(s, percentile)
  }
  if (percentile !== 'p50') return `a ${percentile} bound needs raw samples in both files (sweep --include-samples)`
  if (b.summary && c.summary && b.summary.stddev !== null && c.summary.stddev !== null && b.summary.count >= 2 && c.summary.count >= 2) {
    return meansTest(
      { count: b.summary.count, mean: b.summary.mean, stddev: b.summary.stddev },
      { count: c.summary.count, mean: c.summary.mean, stddev: c.summary.stddev },
      threshold,
    )
  }
  return 'needs raw samples or a warm summary with at least two invokes in both files'
}

function samplesOf(b: ComparableGroup, c: ComparableGroup) {
  return { baseline: b.samples!, current: c.samples! }
}

function shell(b: ComparableGroup | undefined, c: ComparableGroup | undefined, percentile: Percentile): GroupComparison {
  const any = (b ?? c)!
  const withSamples = !!(b?.samples && c?.samples)
  return {
    key: any.key, function: any.function, memory: any.memory,
    status: !b ? 'only in current' : !c ? 'only in baseline' : 'untested',
    test: 'none',
    measure: percentile === 'p50' ? (withSamples ? 'median' : 'mean') : percentile,
    baseline: null, current: null, change: null, lowerBound: null, confidence: null, pValue: null,
    reason: b && c && (b.failed || c.failed) ? `failed in the ${b.failed ? 'baseline' : 'current run'}` : null,
    counts: { baseline: b?.samples?.length ?? b?.summary?.count ?? 0, current: c?.samples?.length ?? c?.summary?.count ?? 0 },
  }
}

/** Reports hold CloudWatch aggregates, not invokes: the change of the average, trusted over enough invokes. */
function reportVerdict(b: ComparableGroup, c: ComparableGroup, threshold: number): Partial<GroupComparison> {
  if (!b.summary || !c.summary) return { reason: 'no duration in one of the reports' }
  const change = c.summary.mean / b.summary.mean - 1
  const enough = b.summary.count >= MIN_UNTESTED_COUNT && c.summary.count >= MIN_UNTESTED_COUNT
  return {
    baseline: b.summary.mean, current: c.summary.mean, change, measure: 'mean',
    status: !enough ? 'untested' : change > threshold ? 'regression' : 'no regression',
    reason: enough ? 'CloudWatch aggregates: a point comparison, no test' : `fewer than ${MIN_UNTESTED_COUNT} invokes on a side`,
  }
}

/**
 * A regression gate that can decide nothing because of how it was asked (too few samples for the percentile, no raw
 * samples) is a usage error, not a pass. Values that failed in a run are the sweep's verdict, not the gate's.
 */
function requireSomeVerdict(comparisons: GroupComparison[], functions: FunctionComparison[], percentile: Percentile): void {
  const decided = [...comparisons, ...functions].some((c) => c.status === 'regression' || c.status === 'no regression')
  const blocked = comparisons.find((c) => c.status === 'too few samples' || (c.status === 'untested' && c.reason && !c.reason.startsWith('failed')))
  if (decided || !blocked) return
  throw new UsageError(`--fail-on-regression cannot decide anything on ${percentile}: ${blocked.key}: ${blocked.reason}`)
}

function regressionGate(limit: number, comparisons: GroupComparison[], functions: FunctionComparison[], alpha: number): GateResult {
  const short = comparisons.filter((c) => c.status === 'too few samples').length
  return statisticalGate('fail-on-regression', limit, [
    ...functions.map((f) => ({ what: `${f.function} (${f.values.length} values pooled)`, status: f.status, change: f.change, lower: f.lowerBound, confidence: f.confidence, point: false })),
    ...comparisons.map((c) => ({ what: c.key, status: c.status, change: c.change, lower: c.lowerBound, confidence: c.confidence, point: c.test === 'none' })),
  ], 'regression', 'slower', `no slowdown shown above ${limit}% (family-wise alpha ${alpha})${short ? `; ${short} value${short > 1 ? 's' : ''} with too few samples for a bound` : ''}`)
}

function costIncreaseGate(limit: number, costs: CostComparison[], kind: ComparableRun['kind'], alpha: number): GateResult {
  return statisticalGate('fail-on-cost-increase', limit,
    costs.map((c) => ({ what: c.key, status: c.status, change: c.change, lower: c.lowerBound, confidence: c.confidence, point: c.test === 'none' })),
    'increase', 'dearer', `no cost increase ${kind === 'sweep' ? 'shown ' : ''}above ${limit}%${kind === 'sweep' ? ` (family-wise alpha ${alpha})` : ''}`)
}

interface Finding {
  what: string
  status: string
  change: number | null
  lower: number | null
  confidence: number | null
  /** decided on the point change (reports), not a bound */
  point: boolean
}

/** A gate on findings: fails on any with the failing status; `actual` is the largest figure a verdict was read from. */
function statisticalGate(gate: GateResult['gate'], limit: number, findings: Finding[], failing: string, verb: string, quiet: string): GateResult {
  const found = findings.filter((f) => f.status === failing)
  const read = findings.map((f) => (f.point ? f.change : f.lower)).filter((v): v is number => v !== null)
  const claim = (f: Finding) => `${f.what} ${signed(f.change!)}${f.lower === null ? '' : ` (at least ${signed(f.lower)} at ${confidenceText(1 - (f.confidence ?? 1))})`}`
  return {
    gate,
    limit,
    actual: read.length ? Math.max(0, ...read) * 100 : null,
    passed: found.length === 0,
    detail: found.length ? `${found.map(claim).join(', ')} ${verb}` : quiet,
  }
}

function signed(change: number): string {
  const p = change * 100
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)}%`
}

function maxCostPerMillionGate(limit: number, priced: ComparableGroup[]): GateResult {
  const over = priced.filter((g) => g.costPerMillion !== null && g.costPerMillion > limit)
  const actual = priced.reduce<number | null>((m, g) => (g.costPerMillion === null ? m : Math.max(m ?? 0, g.costPerMillion)), null)
  return {
    gate: 'max-cost-per-million',
    limit,
    actual,
    passed: actual !== null && over.length === 0,
    detail: actual === null
      ? 'no cost per million in the current result'
      : over.length
        ? `${over.map((g) => `${g.key} $${g.costPerMillion!.toFixed(2)}`).join(', ')} per million`
        : `highest $${actual.toFixed(2)} per million`,
  }
}

/** The groups an absolute cost gate looks at: each swept function's pick (all values when none), or every reported function. */
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
