import { readFile } from 'node:fs/promises'
import { decideGates, type GateDecision, type GateOptions } from '../core/compare/gates.js'
import { parseComparable, readComparable, type ComparableRun } from '../core/compare/result-files.js'
import type { Percentile } from '../core/compare/slowdown-tests.js'
import { UsageError } from '../core/errors.js'
import { parsePercent } from '../core/quantity.js'
import type { SweepResult } from '../core/sweep/sweep-result.js'

/** A sweep or report result from a file (an array of sweeps of one function is pooled); exit 2 when it cannot be read. */
export async function readRunFile(file: string): Promise<ComparableRun> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a directory' : err.message}`)
  })
  return parseComparable(text, file)
}

/** The statistical gates' options from their flags (src/flags.ts gateFlags). */
export function gateOptions(flags: { 'fail-on-regression'?: string; 'fail-on-cost-increase'?: string; percentile?: Percentile; alpha?: string }): GateOptions {
  const alpha = Number(flags.alpha ?? '0.05')
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, got ${flags.alpha}`)
  return {
    ...(flags['fail-on-regression'] !== undefined ? { failOnRegression: parsePercent(flags['fail-on-regression'], '--fail-on-regression') } : {}),
    ...(flags['fail-on-cost-increase'] !== undefined ? { failOnCostIncrease: parsePercent(flags['fail-on-cost-increase'], '--fail-on-cost-increase') } : {}),
    ...(flags.percentile ? { percentile: flags.percentile } : {}),
    alpha,
  }
}

/** What `sweep --baseline` decided: the gates on the run, and on a fresh measurement when one failed. */
export interface SweepGates {
  baseline: string
  /** the gates on the sweep's own invokes */
  first: GateDecision
  /**
   * When a gate failed: the same gates on fresh invokes of the values involved, as many as the first measurement made,
   * judged on those invokes alone. A failure counts only when both fail, so its chance under no change is at most
   * alpha² (the two measurements are independent), while a real regression fails both almost as often as one.
   */
  confirmation: GateDecision | null
  /** values invoked again for the confirmation */
  confirmedOn: number[]
  passed: boolean
}

/** The run as `compare` reads it: the sweep's JSON with its samples. */
export function asComparable(result: SweepResult): ComparableRun {
  return readComparable(JSON.parse(JSON.stringify({ ...result, schemaVersion: result.schemaVersion })), 'this sweep')
}

export function decideSweepGates(baseline: ComparableRun, current: SweepResult, options: GateOptions): GateDecision {
  return decideGates(baseline, asComparable(current), options)
}

/** The memory values a failed gate rests on: every value of a function with a failed gate. */
export function valuesToConfirm(decision: GateDecision, result: SweepResult): number[] {
  const failedGates = decision.gates.filter((g) => !g.passed).map((g) => g.gate)
  if (failedGates.length === 0) return []
  const values = new Set<number>()
  if (failedGates.includes('fail-on-regression')) {
    for (const c of decision.comparisons) if (c.status === 'regression') values.add(c.memory)
    for (const f of decision.functions) if (f.status === 'regression') for (const m of f.values) values.add(m)
  }
  if (failedGates.includes('fail-on-cost-increase')) {
    for (const c of decision.costs) {
      if (c.status !== 'increase') continue
      const m = /@(\d+)$/.exec(c.key)
      if (m) values.add(Number(m[1]))
      else if (result.recommendation.memory !== null) values.add(result.recommendation.memory)
    }
  }
  const measured = new Set(result.results.map((r) => r.memory))
  return [...values].filter((m) => measured.has(m)).sort((a, b) => a - b)
}
