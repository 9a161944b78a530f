import { UsageError } from '../errors.js'
import type { CostComparison } from './cost-changes.js'
import { decideGates, type GateDecision, type GateOptions } from './gates.js'
import type { ComparableRun } from './result-files.js'

export { DEFAULT_ALPHA, DEFAULT_THRESHOLD_PERCENT, MIN_UNTESTED_COUNT } from './gates.js'
export type { GateOptions as CompareOptions, GateResult, GroupComparison, FunctionComparison } from './gates.js'
export type { CostComparison }

export const COMPARE_SCHEMA_VERSION = 2

/** The `--json` contract of `lambda-tune compare` (schemas/compare.json). */
export interface CompareResult extends GateDecision {
  schemaVersion: typeof COMPARE_SCHEMA_VERSION
  kind: 'compare'
  inputs: { baseline: { file: string; kind: string }; current: { file: string; kind: string } }
  /** 0 when every gate passed, 1 when one failed */
  exitCode: 0 | 1
}

/** Compares two result files: the gate decision (src/core/compare/gates.ts) with the files it was made on. */
export function compareRuns(
  baseline: ComparableRun,
  current: ComparableRun,
  files: { baseline: string; current: string },
  options: GateOptions = {},
): CompareResult {
  if (baseline.kind !== current.kind) {
    throw new UsageError(`cannot compare a ${baseline.kind} result (${files.baseline}) with a ${current.kind} result (${files.current})`)
  }
  const base = new Set(baseline.groups.map((g) => g.key))
  if (!current.groups.some((g) => base.has(g.key))) {
    throw new UsageError(`${files.baseline} and ${files.current} have no function${baseline.kind === 'sweep' ? ' and memory value' : ''} in common`)
  }
  const decision = decideGates(baseline, current, options)
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: 'compare',
    inputs: { baseline: { file: files.baseline, kind: baseline.kind }, current: { file: files.current, kind: current.kind } },
    ...decision,
    exitCode: decision.passed ? 0 : 1,
  }
}
