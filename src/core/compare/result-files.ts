import { UsageError } from '../errors.js'
import { JsonTextError, parseJsonText } from '../json-text.js'
import { mergeSweeps } from './pooled-baseline.js'

/** One thing compared between two runs: a memory value of a swept function, or a function of a report. */
export interface ComparableGroup {
  /** function@memory for sweeps; the function name for reports */
  key: string
  function: string
  memory: number
  /** warm durations, ms, when the file carries raw samples (sweep --include-samples) */
  samples: number[] | null
  /** duration summary, ms */
  summary: { count: number; mean: number; stddev: number | null; p50: number | null; p99: number | null } | null
  costPerMillion: number | null
  /** sweeps: the mean cost of an invoke (USD) with its spread, over the invokes the sweep priced */
  cost: { count: number; mean: number; stddev: number } | null
  /** sweeps with samples: the mean billed duration (ms) of the invokes the sweep priced, to infer its price table */
  meanBilledMs: number | null
  /** reports only: USD a month at the observed traffic */
  monthlyCost: number | null
  /** reports only: invocations a month at the observed traffic */
  monthlyInvocations: number | null
  failed: boolean
}

/** Where and how a function ran, to name a change between two runs rather than compare across it silently. */
export interface RunContext {
  region: string | null
  architecture: string | null
}

export interface ComparableRun {
  kind: 'sweep' | 'report'
  /** the memory the sweep recommends, per function */
  picks: Record<string, number | null>
  /**
   * how sure each sweep's pick is (sweeps with a tolerance; absent for older ones and for reports): settled at the sweep's
   * confidence, the values still in contention when it was not, and whether the pick's own place in the band is shown
   */
  certainty: Record<string, PickCertainty>
  groups: ComparableGroup[]
  /** per function */
  context: Record<string, RunContext>
}

export interface PickCertainty {
  settled: boolean
  contenders: number[]
  /** the pick is shown to be within the tolerance (bandPosition.proven), not only by its estimate */
  proven: boolean | null
}

type Json = Record<string, unknown>

/**
 * Reads a `sweep --json` or `report --json` result, or an array of sweep results (several functions side by side;
 * several sweeps of one function pooled, see pooled-baseline.ts). Throws a UsageError naming the file.
 */
export function readComparable(data: unknown, file: string): ComparableRun {
  const bad = (what: string): never => {
    throw new UsageError(`${file}: not a lambda-tune sweep or report result (${what})`)
  }
  if (Array.isArray(data)) {
    const runs = data.map((d, i) => readComparable(d, `${file}[${i}]`))
    if (!runs.length) bad('empty array')
    if (runs.some((r) => r.kind !== 'sweep')) bad('an array may hold sweep results only')
    return mergeSweeps(runs, file)
  }
  if (!isObject(data)) return bad('expected a JSON object')
  if (typeof data.schemaVersion !== 'number') bad('no schemaVersion')
  if (Array.isArray(data.functions)) return readReport(data, bad)
  if (Array.isArray(data.results)) return readSweep(data, bad)
  if (Array.isArray(data.sweeps)) return readComparable(data.sweeps, file)
  return bad('neither results[] nor functions[]')
}

function readSweep(data: Json, bad: (what: string) => never): ComparableRun {
  const fn = isObject(data.function) ? str(data.function.name) : str(data.function) ?? str(data.functionName)
  const name = functionName(fn ?? bad('no function name'))
  const samples = Array.isArray(data.samples) ? data.samples.filter(isObject) : null
  const settings = isObject(data.settings) ? data.settings : {}
  const allowed = Array.isArray(settings.allowedErrors) ? settings.allowedErrors : []
  const groups = (data.results as unknown[]).map((r, i): ComparableGroup => {
    if (!isObject(r) || typeof r.memory !== 'number') return bad(`results[${i}] has no memory`)
    const memory = r.memory
    const warm = summaryOf(r.warm) ?? summaryOf(r.cold)
    const own = samples
      ?.filter((s) => s.memory === memory && s.phase !== 'warmup' && s.coldStart !== true && s.status === 'success' && typeof s.durationMs === 'number')
      .map((s) => s.durationMs as number)
    const perInvoke = num(r.costPerInvocation)
    const costSpread = num(r.costStddev)
    const costCount = summaryOf(r.warm)?.count ?? summaryOf(r.cold)?.count ?? null
    return {
      key: `${name}@${memory}`,
      function: name,
      memory,
      samples: own && own.length ? own : null,
      summary: warm,
      costPerMillion: num(r.costPerMillion) ?? (perInvoke !== null ? perInvoke * 1e6 : null),
      cost: perInvoke !== null && costSpread !== null && costCount !== null ? { count: costCount, mean: perInvoke, stddev: costSpread } : null,
      meanBilledMs: samples ? meanBilled(samples.filter((s) => s.memory === memory), allowed) : null,
      monthlyCost: null,
      monthlyInvocations: null,
      failed: r.failed === true,
    }
  })
  const recommendation = isObject(data.recommendation) ? data.recommendation : {}
  const rec = num(recommendation.memory)
  const context = { region: str(data.region), architecture: str(data.architecture) }
  const band = isObject(recommendation.bandPosition) ? recommendation.bandPosition : null
  const certainty: Record<string, PickCertainty> =
    typeof recommendation.settled === 'boolean'
      ? {
          [name]: {
            settled: recommendation.settled,
            contenders: Array.isArray(recommendation.contenders) ? recommendation.contenders.filter((m): m is number => typeof m === 'number') : [],
            proven: band && typeof band.proven === 'boolean' ? band.proven : null,
          },
        }
      : {}
  return { kind: 'sweep', picks: { [name]: rec }, certainty, groups, context: { [name]: context } }
}

/**
 * The mean billed duration of the warm invokes a sweep prices (succeeded, or failed with an allowed error), billed as
 * the sweep bills them: Billed Duration, else the duration rounded up. Null without warm invokes (a cold start's
 * price also holds its INIT, so it says nothing simple about the price table).
 */
function meanBilled(samples: Json[], allowed: unknown[]): number | null {
  const counted = samples.filter((s) => s.phase !== 'warmup' && typeof s.durationMs === 'number' &&
    (s.status === 'success' || (typeof s.errorType === 'string' && allowed.includes(s.errorType))))
  const warm = counted.filter((s) => s.coldStart !== true)
  if (!warm.length) return null
  const billed = warm.map((s) => Math.max(1, Math.ceil((num(s.billedDurationMs) ?? Math.ceil(s.durationMs as number)) - 1e-9)))
  return billed.reduce((a, b) => a + b, 0) / billed.length
}

function readReport(data: Json, bad: (what: string) => never): ComparableRun {
  const groups = (data.functions as unknown[]).map((f, i): ComparableGroup => {
    if (!isObject(f) || typeof f.name !== 'string' || typeof f.memoryMB !== 'number') return bad(`functions[${i}] has no name or memoryMB`)
    const d = isObject(f.duration) ? f.duration : null
    const invocations = num(f.invocations) ?? 0
    const monthly = isObject(f.monthly) ? f.monthly : {}
    const monthlyCost = num(monthly.cost)
    const monthlyInvocations = num(monthly.invocations) ?? 0
    return {
      key: f.name,
      function: f.name,
      memory: f.memoryMB,
      samples: null,
      summary: d && num(d.avg) !== null ? { count: invocations, mean: num(d.avg)!, stddev: null, p50: num(d.p50), p99: num(d.p99) } : null,
      costPerMillion: monthlyCost !== null && monthlyInvocations > 0 ? (monthlyCost / monthlyInvocations) * 1e6 : null,
      cost: null,
      meanBilledMs: null,
      monthlyCost,
      monthlyInvocations: num(monthly.invocations),
      failed: false,
    }
  })
  const region = str(data.region)
  const context = Object.fromEntries((data.functions as Json[]).map((f) => [f.name as string, { region, architecture: str(f.architecture) }]))
  return { kind: 'report', picks: {}, certainty: {}, groups, context }
}

function summaryOf(s: unknown): ComparableGroup['summary'] {
  if (!isObject(s) || typeof s.count !== 'number' || typeof s.mean !== 'number') return null
  return { count: s.count, mean: s.mean, stddev: num(s.stddev), p50: num(s.p50), p99: num(s.p99) }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null
}

/** Parses the text of a result file; malformed JSON is a usage error naming the file. */
export function parseComparable(text: string, file: string): ComparableRun {
  let data: unknown
  try {
    data = parseJsonText(text)
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof JsonTextError ? err.quoted : 'not valid JSON'}`)
  }
  return readComparable(data, file)
}

/** `my-fn`, `my-fn:alias` and ARNs (arn:aws:lambda:region:account:function:my-fn[:qualifier]) all name `my-fn`. */
export function functionName(nameOrArn: string): string {
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)
  if (arn) return arn[1]!
  return nameOrArn.split(':')[0]!
}
