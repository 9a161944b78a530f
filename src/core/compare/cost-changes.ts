import { graphicalTest, holmEdges } from '../stats/graphical-test.js'
import { meanEstimate, ratioOfMeansLowerBound, sumOfMeans, type MeanEstimate } from '../stats/ratio-of-means.js'
import type { ComparableGroup, ComparableRun } from './result-files.js'
import { confidenceText, memo } from './slowdown-tests.js'

export interface CostComparison {
  /** function@memory, the function (reports), or "total" */
  key: string
  status: 'increase' | 'no increase' | 'untested' | 'only in baseline' | 'only in current'
  test: 'ratio of means' | 'none'
  unit: 'USD per million invokes' | 'USD a month'
  baseline: number | null
  current: number | null
  /** current / baseline − 1 */
  change: number | null
  /** lower confidence bound of the change (sweeps), at `confidence` */
  lowerBound: number | null
  confidence: number | null
  reason: string | null
}

/**
 * Cost per invoke, per memory value (or reported function) and for the total, against the baseline.
 *
 * Sweeps: each memory value's mean cost of an invoke, and the total, the sum over functions of the pick's mean cost
 * (so a pick that moved to a dearer memory size counts), are tested like durations: an increase is declared when
 * Fieller's lower bound of the ratio of means (Welch's degrees of freedom) exceeds 1 + threshold, with the
 * family-wise error held at alpha by the graphical procedure: half of alpha on the total, half split between the
 * values, each passing its share on when rejected. Reports carry no per-invoke spread: their cost per million
 * (monthly cost / monthly invocations) is compared as a point, and the total prices the current traffic at both runs'
 * cost per invoke, so that more traffic is not read as a dearer function.
 */
export function compareCostChanges(baseline: ComparableRun, current: ComparableRun, threshold: number, alpha: number): CostComparison[] {
  return baseline.kind === 'report' ? reportCosts(baseline, current, threshold) : sweepCosts(baseline, current, threshold, alpha)
}

function sweepCosts(baseline: ComparableRun, current: ComparableRun, threshold: number, alpha: number): CostComparison[] {
  const base = new Map(baseline.groups.map((g) => [g.key, g]))
  const cur = new Map(current.groups.map((g) => [g.key, g]))
  const keys = [...new Set([...base.keys(), ...cur.keys()])]
  const rows: CostComparison[] = keys.map((key) => {
    const [b, c] = [base.get(key), cur.get(key)]
    const row = shell(key, b?.costPerMillion ?? null, c?.costPerMillion ?? null)
    if (!b || !c) return { ...row, status: b ? 'only in baseline' : 'only in current' }
    return row
  })
  const tested: CostHypothesis[] = []
  for (const row of rows) {
    const [b, c] = [base.get(row.key), cur.get(row.key)]
    if (!b || !c) continue
    const [eb, ec] = [estimate(b), estimate(c)]
    if (b.failed || c.failed || !eb || !ec) row.reason = b.failed || c.failed ? 'a failed value' : 'no cost spread in the file'
    else tested.push(hypothesis(row, eb, ec))
  }
  // the total: each function's pick, in both runs
  const fns = [...new Set(baseline.groups.map((g) => g.function))].filter((fn) => current.groups.some((g) => g.function === fn))
  const picks = fns.map((fn) => [pickOf(baseline, fn), pickOf(current, fn)] as const)
  let total: CostHypothesis | null = null
  if (fns.length && picks.every(([b, c]) => b && c && estimate(b) && estimate(c))) {
    const b = sumOfMeans(picks.map(([g]) => estimate(g!)!))
    const c = sumOfMeans(picks.map(([, g]) => estimate(g!)!))
    total = hypothesis(shell('total', b.mean * 1e6, c.mean * 1e6), b, c)
    rows.push(total.row)
  } else if (fns.length) {
    rows.push({ ...shell('total', null, null), reason: 'a function has no pick, or no cost spread, in one of the runs' })
  }
  const family = [...(total ? [total] : []), ...tested]
  const hypotheses = family.map((h, i) => ({
    weight: total ? (i === 0 ? (tested.length ? 0.5 : 1) : 0.5 / tested.length) : 1 / tested.length,
    rejects: (level: number) => exceeds(h.bound(level), threshold),
  }))
  const edges = total ? totalFirstEdges(tested.length) : holmEdges(tested.length)
  const outcome = graphicalTest(hypotheses, edges, alpha)
  family.forEach((h, i) => {
    const level = outcome.level[i]!
    const lower = h.bound(level)
    h.row.test = 'ratio of means'
    h.row.lowerBound = lower
    h.row.confidence = 1 - level
    h.row.status = outcome.rejected[i] ? 'increase' : 'no increase'
    if (lower === null) h.row.reason = `no bound at ${confidenceText(level)}`
  })
  return rows
}

/** The total passes its share to the values equally; a value passes half to the total and half to the other values. */
function totalFirstEdges(values: number): number[][] {
  const n = values + 1
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      if (i === j) return 0
      if (i === 0) return 1 / values
      if (j === 0) return values > 1 ? 0.5 : 1
      return 0.5 / (values - 1)
    }),
  )
}

interface CostHypothesis {
  row: CostComparison
  /** lower bound of the change at a level */
  bound: (level: number) => number | null
}

function hypothesis(row: CostComparison, b: MeanEstimate, c: MeanEstimate): CostHypothesis {
  return {
    row,
    bound: memo((level) => {
      const r = ratioOfMeansLowerBound(c, b, level)
      return r === null ? null : r - 1
    }),
  }
}

function exceeds(lower: number | null, threshold: number): boolean {
  return lower !== null && lower > threshold
}

function estimate(g: ComparableGroup): MeanEstimate | null {
  return g.cost && g.cost.count >= 2 ? meanEstimate(g.cost.count, g.cost.mean, g.cost.stddev) : null
}

function pickOf(run: ComparableRun, fn: string): ComparableGroup | undefined {
  const pick = run.picks[fn]
  return pick === null || pick === undefined ? undefined : run.groups.find((g) => g.function === fn && g.memory === pick && !g.failed)
}

function shell(key: string, baseline: number | null, current: number | null, unit: CostComparison['unit'] = 'USD per million invokes'): CostComparison {
  return {
    key, status: 'untested', test: 'none', unit, baseline, current,
    change: baseline !== null && current !== null && baseline > 0 ? current / baseline - 1 : null,
    lowerBound: null, confidence: null, reason: null,
  }
}

function reportCosts(baseline: ComparableRun, current: ComparableRun, threshold: number): CostComparison[] {
  const base = new Map(baseline.groups.map((g) => [g.key, g]))
  const cur = new Map(current.groups.map((g) => [g.key, g]))
  const keys = [...new Set([...base.keys(), ...cur.keys()])]
  const point = (row: CostComparison): CostComparison =>
    row.change === null ? { ...row, reason: row.reason ?? 'no cost per invoke in one of the runs' } : { ...row, status: row.change > threshold ? 'increase' : 'no increase' }
  const rows = keys.map((key) => {
    const [b, c] = [base.get(key), cur.get(key)]
    const row = shell(key, b?.costPerMillion ?? null, c?.costPerMillion ?? null)
    if (!b || !c) return { ...row, status: b ? ('only in baseline' as const) : ('only in current' as const) }
    return point(row)
  })
  // the current traffic priced at both runs' cost per invoke
  let then = 0
  let now = 0
  for (const c of current.groups) {
    const b = base.get(c.key)
    if (!b || b.costPerMillion === null || c.costPerMillion === null || c.monthlyInvocations === null) continue
    then += (b.costPerMillion * c.monthlyInvocations) / 1e6
    now += (c.costPerMillion * c.monthlyInvocations) / 1e6
  }
  const total = shell('total', then > 0 ? then : null, then > 0 ? now : null, 'USD a month')
  rows.push(point(total))
  return rows
}
