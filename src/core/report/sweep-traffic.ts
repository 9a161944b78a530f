/**
 * Finding lambda-tune's own sweep traffic in a function's metrics and logs, so that `report` and `recommend` leave it
 * out. A sweep invokes aliases named `lambda-tune-<runId>-<memory>` (each pointing to a version it published) and, for
 * forced cold starts, more versions of its own by number (see src/core/sweep/plan.ts); it deletes them all afterwards,
 * but CloudWatch keeps their metrics: `Resource` = function:alias (and `ExecutedVersion` behind it) or
 * function:version. The log streams of those versions (`2026/01/01/[7]...`) hold their REPORT lines.
 */

/** One metric's qualifier dimensions, as ListMetrics lists them for the AWS/Lambda namespace. */
export interface QualifiedMetric {
  functionName: string
  /** the Resource dimension's value, `function:qualifier` */
  resource: string
  /** the ExecutedVersion dimension, present for invokes through an alias */
  executedVersion?: string
}

/** A run as the local run journal remembers it (unfinished, or finished and kept in the history). */
export interface KnownRun {
  runId: string
  functionName: string
  versions: string[]
  aliases: string[]
}

export interface SweepTraffic {
  runIds: string[]
  /** qualifiers whose Resource metrics are the sweep's: its aliases and the versions it invoked by number */
  qualifiers: string[]
  /** every version the sweep's invokes ran on: their log streams are left out of the REPORT-line queries */
  versions: string[]
}

const SWEEP_ALIAS = /^lambda-tune-([0-9a-f]+)-(\d+)$/

export function sweepAliasRun(alias: string): string | undefined {
  return SWEEP_ALIAS.exec(alias)?.[1]
}

/**
 * The sweep traffic of one function. Versions a run invoked by number are known exactly from the journal; without it
 * they are inferred from the run's alias versions: a run publishes, per memory value, the alias's version and then its
 * cold-start versions, so its versions form one block with a constant step (the cold-start versions fill each step).
 */
export function findSweepTraffic(functionName: string, metrics: readonly QualifiedMetric[], runs: readonly KnownRun[] = []): SweepTraffic | null {
  const qualifiers = new Set<string>()
  const versions = new Set<string>()
  const runIds = new Set<string>()
  const numbered = new Set<string>()
  const aliasVersions = new Map<string, Set<number>>()
  for (const m of metrics) {
    if (m.functionName !== functionName) continue
    const qualifier = m.resource.slice(m.resource.indexOf(':') + 1)
    if (/^\d+$/.test(qualifier)) {
      numbered.add(qualifier)
      continue
    }
    const runId = sweepAliasRun(qualifier)
    if (runId === undefined) continue
    qualifiers.add(qualifier)
    runIds.add(runId)
    if (m.executedVersion && /^\d+$/.test(m.executedVersion)) {
      versions.add(m.executedVersion)
      const set = aliasVersions.get(runId) ?? new Set<number>()
      set.add(Number(m.executedVersion))
      aliasVersions.set(runId, set)
    }
  }
  for (const run of runs) {
    if (run.functionName !== functionName) continue
    runIds.add(run.runId)
    for (const v of run.versions) {
      versions.add(v)
      if (numbered.has(v)) qualifiers.add(v)
    }
  }
  for (const set of aliasVersions.values()) {
    const block = inferBlock([...set].sort((a, b) => a - b))
    if (!block) continue
    for (const v of numbered) {
      const n = Number(v)
      if (n >= block.from && n <= block.to) {
        qualifiers.add(v)
        versions.add(v)
      }
    }
  }
  if (qualifiers.size === 0 && versions.size === 0) return null
  return { runIds: [...runIds].sort(), qualifiers: [...qualifiers].sort(), versions: [...versions].sort((a, b) => Number(a) - Number(b)) }
}

/** The run's version block from its alias versions, when they are evenly spaced (at least two of them). */
function inferBlock(aliasVersions: number[]): { from: number; to: number } | null {
  if (aliasVersions.length < 2) return null
  const step = aliasVersions[1]! - aliasVersions[0]!
  for (let i = 2; i < aliasVersions.length; i++) if (aliasVersions[i]! - aliasVersions[i - 1]! !== step) return null
  return { from: aliasVersions[0]!, to: aliasVersions[aliasVersions.length - 1]! + step - 1 }
}
