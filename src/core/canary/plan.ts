import { versionDescription } from '../sweep/plan.js'
import { MIN_PAIRED_PERIODS, WARMUP_PERIODS } from './guards.js'
import { UsageError } from '../errors.js'

/** A guard decision is made at most this many times per candidate: the union bound over the looks stays affordable. */
export const MAX_LOOKS = 20

export interface CanaryPlanInput {
  functionName: string
  alias: string
  mainVersion: string
  mainMemory: number
  /** $LATEST's own memory and description are put back once the candidates are published */
  latestMemory: number
  candidates: readonly number[]
  /** share of the alias's traffic sent to the candidate */
  weight: number
  durationSeconds: number
  periodSeconds: number
  runId: string
}

export interface PlannedCandidate {
  memory: number
  /** set on $LATEST while the candidate is published: marks the version as this run's (restore finds it by it) */
  description: string
}

export interface CanaryPlan extends CanaryPlanInput {
  candidatesPlanned: PlannedCandidate[]
  /** seconds between two looks at the guards (a whole number of periods) */
  lookEverySeconds: number
  /** looks per candidate: the union bound of the guards divides by it */
  looks: number
  /** the AWS calls, in order, one line each */
  calls: string[]
}

/** Checks the timing and lays out the run; throws a UsageError when the window cannot hold a comparison. */
export function buildCanaryPlan(input: CanaryPlanInput): CanaryPlan {
  const { durationSeconds: d, periodSeconds: p } = input
  if (d % p !== 0) throw new UsageError(`--duration ${d}s is not a whole number of --period ${p}s`)
  const minimum = (MIN_PAIRED_PERIODS + WARMUP_PERIODS) * p
  if (d < minimum) {
    throw new UsageError(
      `--duration ${d}s holds ${d / p} periods of ${p}s; a canary needs at least ${MIN_PAIRED_PERIODS + WARMUP_PERIODS} (one warm-up, ${MIN_PAIRED_PERIODS} to compare): give --duration ${minimum}s or more`,
    )
  }
  if (input.candidates.includes(input.mainMemory)) {
    throw new UsageError(`--memory ${input.mainMemory} is the alias's own memory: give only other values to try`)
  }
  const periods = d / p
  const lookEvery = p * Math.max(1, Math.ceil(periods / MAX_LOOKS))
  const looks = Math.floor(d / lookEvery)
  const fn = input.functionName
  const a = `${fn}:${input.alias}`
  const candidatesPlanned = input.candidates.map((memory) => ({ memory, description: versionDescription(input.runId, memory) }))
  const calls: string[] = [
    `GetAlias ${a} (the version, description and routing as found; refused if it already routes to a second version)`,
    `GetFunctionConfiguration ${fn} and ${a} (the alias's version must run the code and settings of $LATEST)`,
    `ListVersionsByFunction ${fn}; CloudWatch GetMetricData (the alias's recent traffic); Logs StartQuery (the main version's Max Memory Used)`,
  ]
  for (const c of candidatesPlanned) {
    calls.push(`UpdateFunctionConfiguration ${fn} MemorySize=${c.memory} Description="${c.description}" (RevisionId checked), wait; PublishVersion ${fn}`)
  }
  calls.push(`UpdateFunctionConfiguration ${fn} MemorySize=${input.latestMemory} Description=(original) (restore $LATEST before any traffic moves, RevisionId checked)`)
  for (const c of candidatesPlanned) {
    calls.push(
      `UpdateAlias ${a} RoutingConfig={"<${c.memory} MB version>": ${input.weight}} (RevisionId checked, journaled first); ` +
        `every ${lookEverySecondsText(lookEvery)}: GetAlias (someone else's change stops the run), GetMetricData (guards); ` +
        `after ${d}s: UpdateAlias ${a} RoutingConfig={} (RevisionId checked)`,
    )
  }
  calls.push(`GetMetricData by ExecutedVersion and Resource=${a} over each candidate's window; Logs StartQuery per version (cold starts, INIT, Max Memory Used)`)
  calls.push(`DeleteFunction Qualifier=<version> × ${candidatesPlanned.length} (only the run's own); GetAlias and GetFunctionConfiguration (check both are as found)`)
  return { ...input, candidatesPlanned, lookEverySeconds: lookEvery, looks, calls }
}

function lookEverySecondsText(s: number): string {
  return s % 60 === 0 ? `${s / 60} min` : `${s} s`
}
