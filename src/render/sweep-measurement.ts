import type { SweepResult } from '../core/sweep/sweep-result.js'
import { TABLE_WIDTH, wrap } from './table.js'

/** Under a sweep's table when it was measured from CloudWatch: from what, why, and what that means for the figures. */
export function measurementNotes(r: SweepResult): string[] {
  const m = r.measurement
  if (m.source === 'log-tail') return []
  const why = m.reason ? `: ${m.reason}.` : '.'
  const waited = m.waitedSeconds ? ` (they took ${m.waitedSeconds} s to arrive)` : ''
  const text =
    m.source === 'logs'
      ? `Measured from CloudWatch${why} Each invoke's REPORT line was read back from CloudWatch Logs${waited}.`
      : `Measured from CloudWatch${why} Each alias's figures${waited}: durations are CloudWatch's over every invoke through ` +
        'the alias (warm-up and cold starts included), shown in the warm columns; with no per-invoke data no value could be ruled out.'
  return wrap(text, TABLE_WIDTH - 2).map((line) => `  ${line}`)
}

/** What a sweep measured from CloudWatch's aggregates could not do: settle. */
export function aggregatesSettlement(r: SweepResult): string | undefined {
  if (r.measurement.source !== 'aggregates') return undefined
  return "Not settled: CloudWatch's aggregates hold no per-invoke data to bound the decision (a sweep whose log tails hold REPORT lines can settle)."
}
