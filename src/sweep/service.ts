import { randomBytes, randomInt } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { isInitBilled } from '../core/cost/index.js'
import { UsageError } from '../core/errors.js'
import { parseMemoryList } from '../core/sweep/memory.js'
import { parsePayload, parsePayloadSet, type WeightedPayload } from '../core/sweep/payloads.js'
import { buildPlan, type SweepPlan } from '../core/sweep/plan.js'
import { buildSweepResult, SWEEP_SCHEMA_VERSION, type SweepResult } from '../core/sweep/sweep-result.js'
import { parseFunctionTarget, type FunctionTarget } from '../core/sweep/target-name.js'
import type { InvokeSample, PricingContext, Strategy, SweepOptions } from '../core/sweep/types.js'
import type { LambdaPort } from '../core/sweep/port.js'
import { seededRandom } from '../core/stats/random.js'
import { openTarget, type Target, type TargetOptions } from '../aws/target.js'
import { JournalStore } from '../state/journal.js'
import { resolveFunction, runSweep } from './orchestrate.js'
import { refuseUnfinished } from './restore.js'
import { journalRecorder } from './run-recorder.js'

export interface SweepRequest {
  functions: string[]
  target: TargetOptions
  memory: string
  invocations: number
  concurrency: number
  warmup: number
  coldStarts: number
  serial: boolean
  payload?: string
  payloadFile?: string
  payloadsFile?: string
  seed?: number
  allowedErrors: string[]
  errorThreshold: number
  strategy: Strategy
  weight: number
  p99?: number
  p95?: number
  trim: number
  dryRun: boolean
  keep: boolean
  includeSamples: boolean
}

/** What `--dry-run` prints: the plan, the calls and the bound on the run's cost. Changes nothing. */
export interface SweepDryRun {
  schemaVersion: typeof SWEEP_SCHEMA_VERSION
  dryRun: true
  function: string
  qualifier: string | null
  region: string
  currentMemory: number
  memories: number[]
  runId: string
  seed: number
  invokesPerValue: number
  totalInvokes: number
  calls: string[]
  estimatedMaxCost: { gbSeconds: number; usd: number }
}

export type SweepOutcome = SweepResult | SweepDryRun

export interface SweepMulti {
  schemaVersion: typeof SWEEP_SCHEMA_VERSION
  sweeps: SweepOutcome[]
}

export interface SweepReporter {
  /** a phase of the run, e.g. "publishing 512 MB" */
  phase(fn: string, message: string): void
  invoked(fn: string, memory: number, done: number, total: number, sample: InvokeSample): void
  /** the seed and run id, printed before anything is changed so a run can be repeated or cleaned up */
  started(fn: string, runId: string, seed: number): void
  /** something the user should know that does not stop the run */
  warn?(fn: string, message: string): void
}

interface Checked {
  targets: FunctionTarget[]
  memories: number[]
  payloads: WeightedPayload[]
  options: SweepOptions
  seed: number
}

/** Checks every flag before anything is read from AWS, so bad input changes nothing. */
export async function checkRequest(req: SweepRequest): Promise<Checked> {
  if (req.functions.length === 0) throw new UsageError('name the function to tune: lambda-tune sweep <function>')
  const targets = req.functions.map(parseFunctionTarget)
  const memories = parseMemoryList(req.memory)
  const positive = (n: number, flag: string, min = 1) => {
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}`)
  }
  positive(req.invocations, '--invocations')
  positive(req.concurrency, '--concurrency')
  positive(req.warmup, '--warmup', 0)
  positive(req.coldStarts, '--cold-starts', 0)
  if (!(req.errorThreshold >= 0 && req.errorThreshold <= 1)) throw new UsageError('--error-threshold must be a share between 0 and 1')
  if (!(req.weight >= 0 && req.weight <= 1)) throw new UsageError('--weight must be between 0 (speed only) and 1 (cost only)')
  if (!(req.trim >= 0 && req.trim < 0.5)) throw new UsageError('--trim must be at least 0 and below 0.5 (the share cut at each end)')
  if (req.p99 !== undefined && req.p95 !== undefined) throw new UsageError('give one of --p99 and --p95, not both')
  const limit = req.p99 ?? req.p95
  if (req.strategy === 'slo' && limit === undefined) throw new UsageError('--strategy slo needs --p99 <ms> or --p95 <ms>')
  if (limit !== undefined && !(limit > 0)) throw new UsageError('--p99/--p95 must be a positive number of ms')
  const sources = [req.payload, req.payloadFile, req.payloadsFile].filter((s) => s !== undefined).length
  if (sources > 1) throw new UsageError('give one of --payload, --payload-file and --payloads')
  let payloads: WeightedPayload[] = [{ payload: {}, weight: 1 }]
  if (req.payload !== undefined) payloads = [{ payload: parsePayload(quietJson(req.payload, '--payload')), weight: 1 }]
  if (req.payloadFile !== undefined) {
    payloads = [{ payload: parsePayload(quietJson(await readText(req.payloadFile, '--payload-file'), '--payload-file'), '--payload-file'), weight: 1 }]
  }
  if (req.payloadsFile !== undefined) payloads = parsePayloadSet(quietJson(await readText(req.payloadsFile, '--payloads'), '--payloads'))
  if (req.seed !== undefined && !(Number.isInteger(req.seed) && req.seed >= 0 && req.seed <= 0xffffffff)) {
    throw new UsageError('--seed must be a whole number from 0 to 4294967295')
  }
  return {
    targets,
    memories,
    payloads,
    seed: req.seed ?? randomInt(0, 0xffffffff),
    options: {
      trim: req.trim,
      allowedErrors: req.allowedErrors,
      errorThreshold: req.errorThreshold,
      strategy: req.strategy,
      weight: req.weight,
      ...(limit !== undefined ? { slo: { percentile: req.p99 !== undefined ? 'p99' : 'p95', ms: limit } as const } : {}),
    },
  }
}

/** `lambda-tune sweep`: checks the input, opens the target, then plans and runs (or only plans) each function. */
export async function sweep(
  req: SweepRequest,
  reporter: SweepReporter,
  signal: AbortSignal,
  store: JournalStore = new JournalStore(),
): Promise<SweepOutcome | SweepMulti> {
  const checked = await checkRequest(req)
  const target = await openTarget(req.target)
  try {
    // A --local emulator lives only inside this process: whatever a crash leaves dies with it, so there is nothing
    // to journal or restore. Everywhere else a run refuses to start over another run's leftovers.
    const journal = target.local ? undefined : store
    if (journal) for (const t of checked.targets) refuseUnfinished(journal, target, t.functionName)
    const { lambdaPort } = await import('../aws/lambda.js')
    const port = lambdaPort(await target.lambda(), target.endpoint)
    const outcomes: SweepOutcome[] = []
    for (const fnTarget of checked.targets) {
      if (signal.aborted) break
      outcomes.push(await sweepOne(port, fnTarget, checked, req, target, reporter, signal, journal))
    }
    return outcomes.length === 1 ? outcomes[0]! : { schemaVersion: SWEEP_SCHEMA_VERSION, sweeps: outcomes }
  } finally {
    await target.close()
  }
}

async function sweepOne(
  port: LambdaPort,
  fnTarget: FunctionTarget,
  checked: Checked,
  req: SweepRequest,
  target: Target,
  reporter: SweepReporter,
  signal: AbortSignal,
  journal: JournalStore | undefined,
): Promise<SweepOutcome> {
  const region = target.region
  const fn = fnTarget.functionName
  const resolved = await resolveFunction(port, fn, fnTarget.qualifier)
  const cfg = resolved.original
  if (!cfg.RevisionId) {
    reporter.warn?.(fn, 'the endpoint returns no RevisionId: the check that nobody else changes the function during the run is not available')
  }
  const pricing: PricingContext = {
    region: fnTarget.region ?? region,
    arch: cfg.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    initBilled: isInitBilled(
      { packageType: cfg.PackageType === 'Image' ? 'Image' : 'Zip', ...(cfg.Runtime ? { runtime: cfg.Runtime } : {}) },
      new Date().toISOString().slice(0, 10),
    ),
    ...(cfg.EphemeralStorage?.Size ? { ephemeralStorageMB: cfg.EphemeralStorage.Size } : {}),
  }
  const runId = randomBytes(4).toString('hex')
  const plan: SweepPlan = buildPlan(
    {
      functionName: fn,
      ...(fnTarget.qualifier ? { qualifier: fnTarget.qualifier } : {}),
      memories: checked.memories,
      currentMemory: resolved.currentMemory,
      latestMemory: cfg.MemorySize ?? 128,
      invocations: req.invocations,
      concurrency: req.concurrency,
      warmup: req.warmup,
      coldStarts: req.coldStarts,
      serial: req.serial,
      payloads: checked.payloads,
      seed: checked.seed,
      runId,
      timeoutSeconds: cfg.Timeout ?? 3,
      pricing,
      revisionChecks: Boolean(cfg.RevisionId),
    },
    seededRandom(checked.seed),
  )
  if (req.dryRun) {
    return {
      schemaVersion: SWEEP_SCHEMA_VERSION,
      dryRun: true,
      function: fn,
      qualifier: fnTarget.qualifier ?? null,
      region: pricing.region,
      currentMemory: resolved.currentMemory,
      memories: plan.memories,
      runId,
      seed: checked.seed,
      invokesPerValue: plan.invokesPerValue,
      totalInvokes: plan.totalInvokes,
      calls: plan.calls,
      estimatedMaxCost: plan.estimatedMaxCost,
    }
  }
  // Written before anything changes; removed by the run once it has restored and cleaned up.
  const recorder = journal
    ? journalRecorder(journal, {
        runId,
        functionName: fn,
        original: cfg,
        target: { region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(req.target.profile ? { profile: req.target.profile } : {}) },
      })
    : undefined
  reporter.started(fn, runId, checked.seed)
  const run = await runSweep(
    port,
    plan,
    resolved,
    {
      signal,
      now: () => performance.now(),
      sleep: (ms) => sleep(ms),
      random: Math.random,
      phase: (message) => reporter.phase(fn, message),
      onSample: (sample, done, total) => reporter.invoked(fn, sample.memory, done, total, sample),
    },
    { keep: req.keep, ...(recorder ? { recorder } : {}) },
  )
  return buildSweepResult({
    function: fn,
    ...(fnTarget.qualifier ? { qualifier: fnTarget.qualifier } : {}),
    currentMemory: resolved.currentMemory,
    memories: plan.memories,
    runId,
    seed: checked.seed,
    invocations: req.invocations,
    warmup: req.warmup,
    concurrency: req.concurrency,
    coldStarts: req.coldStarts,
    options: checked.options,
    pricing,
    samples: run.samples,
    ...(run.kept ? { kept: run.kept } : {}),
    includeSamples: req.includeSamples,
  })
}

/**
 * Checks that a payload is JSON without echoing it: V8's parse errors quote the start of the text, and a payload
 * may hold secrets, so the message keeps only where the error is.
 */
function quietJson(text: string, flag: string): string {
  try {
    JSON.parse(text)
    return text
  } catch (err) {
    const at = /at position (\d+)/.exec((err as Error).message)
    throw new UsageError(`${flag} is not valid JSON${at ? ` (error at character ${Number(at[1]) + 1})` : ' (it ends early or starts with something JSON does not allow)'}`)
  }
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    throw new UsageError(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
}
