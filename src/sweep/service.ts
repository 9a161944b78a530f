import { randomBytes, randomInt } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { isInitBilled } from '../core/cost/index.js'
import { UsageError } from '../core/errors.js'
import { parseMemoryList } from '../core/sweep/memory.js'
import { parsePayload, parsePayloadSet, type WeightedPayload } from '../core/sweep/payloads.js'
import type { SweepPlan, SweepPlanInput } from '../core/sweep/plan.js'
import { buildSweepResult, LOG_TAIL_MEASUREMENT, SWEEP_SCHEMA_VERSION, type Kept, type SweepResult } from '../core/sweep/sweep-result.js'
import { cloudWatchCalls, CloudWatchSource } from './cloudwatch-source.js'
import { parseFunctionTarget, type FunctionTarget } from '../core/sweep/target-name.js'
import type { InvokeSample, PricingContext, SourceChoice, Strategy, SweepOptions } from '../core/sweep/types.js'
import type { LambdaPort } from '../core/sweep/port.js'
import { openTarget, type Target, type TargetOptions } from '../aws/target.js'
import { JournalStore } from '../state/journal.js'
import { resolveFunction, type Measure } from './orchestrate.js'
import { decideSweepGates, readRunFile, valuesToConfirm, type SweepGates } from './baseline-gates.js'
import type { ComparableRun } from '../core/compare/result-files.js'
import type { GateOptions } from '../core/compare/gates.js'
import { FIRST_LOOK, lookSchedule } from '../core/sweep/decide/looks.js'
import type { Assessment } from '../core/sweep/decide/race.js'
import { coarseSubset, SEARCH_ABOVE } from '../core/sweep/decide/search.js'
import { SequentialSweep } from '../core/sweep/decide/sequential.js'
import {
  DEFAULT_CONFIDENCE, DEFAULT_MAX_INVOCATIONS, DEFAULT_TOLERANCE, MAX_MAX_INVOCATIONS, parseBudget, parseConfidence,
  parseTolerance, sloInvocations, type Budget,
} from '../core/sweep/sampling.js'
import { refuseUnfinished } from './restore.js'
import { journalRecorder } from './run-recorder.js'
import { checkArchitectureFlags, prepareArchitectures, type ArchitectureFlags } from './arch-service.js'
import type { ProgressPlan } from './progress.js'
import { applyPick, applyPlan, checkApply } from './apply.js'
import type { ApplyLambdaPort } from '../core/sweep/apply.js'
import { ApplyStore } from '../state/applies.js'
import { sweepTraffic } from './traffic.js'
import { parsePerMonth } from '../core/quantity.js'

export interface SweepRequest {
  functions: string[]
  target: TargetOptions
  memory: string
  /** -n: a fixed count per value; undefined for sequential sampling */
  invocations?: number
  /** sequential: the most warm invokes per value (default 100, or what an slo bound needs) */
  maxInvocations?: number
  /** the whole run's spend: `$0.50` or `300GB-s` */
  budget?: string
  /** --baseline: gate this run against a pinned sweep result (file) with these gates */
  baseline?: { file: string; options: GateOptions }
  /** percentages, as typed */
  tolerance?: string
  confidence?: string
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
  /** --arch, --staging-bucket, --image-uri-<arch> (see arch-service.ts) */
  architectures?: ArchitectureFlags
  /** where the measurements come from: the log tails, CloudWatch, or the tails and CloudWatch when they hold no REPORT line */
  source?: SourceChoice
  /** requests a month to price the values at (3M, 100k/day); by default the function's Invocations over 30 days */
  monthlyRequests?: string
  /** set the pick on the function (or move the alias) once the run is clean and the pick settled */
  apply?: boolean
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
  /** the architectures it would measure; another than the function's own on a temporary copy */
  architectures: Array<'x86_64' | 'arm64'>
  runId: string
  seed: number
  /** sequential: rounds until settled; fixed: -n per value */
  sampling: 'sequential' | 'fixed'
  /** the looks, in warm invokes per value */
  looks: number[]
  /** at most, per value (warm-up and forced cold starts included) */
  invokesPerValue: number
  totalInvokes: number
  calls: string[]
  estimatedMaxCost: { gbSeconds: number; usd: number }
  /** --apply: what it would do once the run is clean */
  apply: string[] | null
}

/** A sweep's result; with --baseline, the gates' decision too. */
export type SweepOutcome = (SweepResult & { gates?: SweepGates }) | SweepDryRun

export interface SweepMulti {
  schemaVersion: typeof SWEEP_SCHEMA_VERSION
  sweeps: SweepOutcome[]
}

export interface SweepReporter {
  /** a phase of the run, e.g. "publishing 512 MB" */
  phase(fn: string, message: string): void
  /** a round starts: each value's measured invokes when it ends */
  round?(fn: string, targets: ReadonlyMap<number, number>): void
  /** a look was made */
  looked?(fn: string, assessment: Assessment): void
  invoked(fn: string, memory: number, done: number, total: number, sample: InvokeSample): void
  /** the seed and run id, printed before anything is changed so a run can be repeated or cleaned up */
  started(fn: string, runId: string, seed: number): void
  /** something the user should know that does not stop the run */
  warn?(fn: string, message: string): void
  /** the plan, right after started: the values and the most invokes each can get */
  planned?(fn: string, plan: ProgressPlan): void
}

interface Checked {
  targets: FunctionTarget[]
  memories: number[]
  payloads: WeightedPayload[]
  options: SweepOptions
  seed: number
  /** the looks, in warm invokes per value */
  looks: number[]
  fixed: boolean
  budget?: Budget
  architectures?: ReturnType<typeof checkArchitectureFlags>
  monthlyRequests?: number
  gates?: { file: string; run: ComparableRun; options: GateOptions }
}

/** Checks every flag before anything is read from AWS, so bad input changes nothing. */
export async function checkRequest(req: SweepRequest): Promise<Checked> {
  if (req.functions.length === 0) throw new UsageError('name the function to tune: lambda-tune sweep <function>')
  const targets = req.functions.map(parseFunctionTarget)
  if (req.apply) checkApply(targets, req.keep)
  const memories = parseMemoryList(req.memory)
  const positive = (n: number, flag: string, min = 1) => {
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}`)
  }
  if (req.invocations !== undefined) positive(req.invocations, '--invocations')
  if (req.maxInvocations !== undefined) {
    positive(req.maxInvocations, '--max-invocations', FIRST_LOOK)
    if (req.maxInvocations > MAX_MAX_INVOCATIONS) throw new UsageError(`--max-invocations must be at most ${MAX_MAX_INVOCATIONS}`)
    if (req.invocations !== undefined) throw new UsageError('give one of --invocations (a fixed count) and --max-invocations (the most a sequential sweep makes)')
  }
  const tolerance = req.tolerance === undefined ? DEFAULT_TOLERANCE : parseTolerance(req.tolerance)
  const confidence = req.confidence === undefined ? DEFAULT_CONFIDENCE : parseConfidence(req.confidence)
  const budget = req.budget === undefined ? undefined : parseBudget(req.budget)
  const monthlyRequests = req.monthlyRequests === undefined ? undefined : parsePerMonth(req.monthlyRequests, '--monthly-requests')
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
  const slo = limit !== undefined ? ({ percentile: req.p99 !== undefined ? 'p99' : 'p95', ms: limit } as const) : undefined
  // the baseline is read now, so that an unreadable or wrong file changes nothing
  const gates = req.baseline ? { file: req.baseline.file, run: await readRunFile(req.baseline.file), options: req.baseline.options } : undefined
  if (gates && gates.run.kind !== 'sweep') throw new UsageError(`--baseline ${gates.file} is a report result: a sweep is gated against a sweep`)
  if (gates && req.source === 'cloudwatch') {
    throw new UsageError("--baseline gates need each invoke's duration, which --source cloudwatch does not give (CloudWatch's aggregates): use --source auto")
  }
  const fixed = req.invocations !== undefined
  const max = req.invocations ?? req.maxInvocations ?? (slo ? sloInvocations(slo.percentile, confidence) : DEFAULT_MAX_INVOCATIONS)
  return {
    targets,
    memories,
    payloads,
    seed: req.seed ?? randomInt(0, 0xffffffff),
    looks: fixed ? [max] : lookSchedule(max),
    fixed,
    ...(gates ? { gates } : {}),
    ...(budget ? { budget } : {}),
    ...(req.architectures ? { architectures: checkArchitectureFlags(req.architectures) } : {}),
    ...(monthlyRequests !== undefined ? { monthlyRequests } : {}),
    options: {
      trim: req.trim,
      allowedErrors: req.allowedErrors,
      errorThreshold: req.errorThreshold,
      strategy: req.strategy,
      tolerance,
      confidence,
      weight: req.weight,
      ...(slo ? { slo } : {}),
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
    const port = req.apply ? (await import('../aws/lambda-apply.js')).applyLambdaPort(await target.lambda(), target.endpoint) : lambdaPort(await target.lambda(), target.endpoint)
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
  const planInput: SweepPlanInput = {
    functionName: fn,
    ...(fnTarget.qualifier ? { qualifier: fnTarget.qualifier } : {}),
    memories: checked.memories,
    currentMemory: resolved.currentMemory,
    latestMemory: cfg.MemorySize ?? 128,
    looks: checked.looks,
    fixed: checked.fixed,
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
  }
  // Another architecture is checked here, before any change: its copy must be possible, or the run stops.
  const arch = await prepareArchitectures({ target, checked: checked.architectures, pricing, planInput, runId })
  const plan: SweepPlan = arch.plan
  if (checked.gates && arch.copy) {
    throw new UsageError(`--baseline gates a sweep of ${fn}'s own architecture (${pricing.arch}) against a pinned one: gate it in a run without --arch ${arch.copy.architecture}`)
  }
  if (req.apply && arch.copy) {
    throw new UsageError(`--apply sets a memory on ${fn}; another architecture takes a code update (a build for it): drop --apply, or --arch ${arch.copy.architecture}`)
  }
  // CloudWatch's figures are read per memory size of the function itself: a copy's are measured from the log tails
  if (req.source === 'cloudwatch' && arch.copy) {
    throw new UsageError(`--source cloudwatch reads ${fn}'s own metrics: measure --arch ${arch.copy.architecture} from the log tails (--source logs)`)
  }
  const sourceChoice: SourceChoice = arch.copy ? 'logs' : (req.source ?? 'auto')
  if (checked.budget) {
    const round = arch.roundBound(cfg.Timeout ?? 3)
    const short = checked.budget.usd !== undefined ? checked.budget.usd < round.usd : checked.budget.gbSeconds! < round.gbSeconds
    if (short) {
      throw new UsageError(
        `--budget ${req.budget} is less than one round can cost (one invoke of each of ${plan.memories.length} values at up to the ${cfg.Timeout ?? 3} s timeout: ` +
          `${formatBound(round)}): raise it, or sweep fewer values`,
      )
    }
  }
  if (req.dryRun) {
    return {
      schemaVersion: SWEEP_SCHEMA_VERSION,
      dryRun: true,
      function: fn,
      qualifier: fnTarget.qualifier ?? null,
      region: pricing.region,
      currentMemory: resolved.currentMemory,
      memories: plan.memories,
      architectures: arch.architectures,
      runId,
      seed: checked.seed,
      sampling: checked.fixed ? 'fixed' : 'sequential',
      looks: plan.looks,
      invokesPerValue: plan.invokesPerValue,
      totalInvokes: arch.totalInvokes,
      calls: [...arch.calls, ...cloudWatchCalls(sourceChoice, fn), ...(req.apply ? applyPlan(fn, fnTarget.qualifier, resolved.currentMemory, runId) : [])],
      estimatedMaxCost: arch.estimatedMaxCost,
      apply: req.apply ? applyPlan(fn, fnTarget.qualifier, resolved.currentMemory, runId) : null,
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
  const traffic = await sweepTraffic(target, fnTarget, checked.monthlyRequests, (message) => reporter.warn?.(fn, message))
  reporter.started(fn, runId, checked.seed)
  reporter.planned?.(fn, { ...plan, ...(arch.copy ? { raced: arch.values } : {}) })
  const emulated = arch.emulated(target.local)
  if (emulated) reporter.warn?.(fn, emulated)
  const race = new SequentialSweep({
    memories: plan.memories,
    values: arch.values,
    strategy: checked.options.strategy,
    tolerance: checked.options.tolerance,
    confidence: checked.options.confidence,
    weight: checked.options.weight,
    trim: checked.options.trim,
    ...(checked.options.slo ? { slo: checked.options.slo } : {}),
    allowedErrors: checked.options.allowedErrors,
    errorThreshold: checked.options.errorThreshold,
    looks: plan.looks,
    coldPerValue: plan.fixed ? 0 : plan.coldPerValue,
    fixed: plan.fixed,
    ...(checked.budget ? { budget: checked.budget } : {}),
    pricing,
    // a long list (--memory all, a fine range) is searched coarse to fine; a fixed count measures every size
    ...(!plan.fixed && plan.memories.length > SEARCH_ABOVE ? { coarse: coarseSubset(plan.memories, [resolved.currentMemory]) } : {}),
  })
  const source = new CloudWatchSource(sourceChoice, {
    functionName: cfg.FunctionName ?? fn,
    logGroup: (cfg.LoggingConfig as { LogGroup?: string } | undefined)?.LogGroup ?? `/aws/lambda/${cfg.FunctionName ?? fn}`,
    plan,
    pricing,
    trim: checked.options.trim,
    ...(checked.budget ? { budget: checked.budget } : {}),
  })
  const frame = (kept?: Kept) => ({
    function: fn,
    ...(fnTarget.qualifier ? { qualifier: fnTarget.qualifier } : {}),
    currentMemory: resolved.currentMemory,
    memories: race.measuredSizes(),
    values: arch.values,
    architectures: arch.architectures,
    ...(arch.copy ? { copy: { function: arch.copy.name, architecture: arch.copy.architecture } } : {}),
    ...(race.measuredSizes().length < plan.memories.length ? { search: { sizes: plan.memories, fit: race.curve() ?? null } } : {}),
    runId,
    seed: checked.seed,
    looks: plan.looks,
    fixed: plan.fixed,
    ...(checked.budget ? { budget: checked.budget } : {}),
    warmup: req.warmup,
    concurrency: req.concurrency,
    coldStarts: req.coldStarts,
    options: checked.options,
    pricing,
    ...(kept ? { kept } : {}),
    includeSamples: req.includeSamples,
    traffic,
  })
  const result = (samples: readonly InvokeSample[], kept?: Kept) =>
    buildSweepResult({ ...frame(kept), decision: race.outcome(), samples, measurement: { ...LOG_TAIL_MEASUREMENT, asked: source.asked } })
  let gates: SweepGates | undefined
  const measure: Measure = async (invoker) => {
    const samples: InvokeSample[] = []
    source.begin()
    for (let round = source.active ? undefined : race.nextRound(); round; round = race.nextRound()) {
      reporter.round?.(fn, round.targets)
      const got = await invoker.round(round.targets)
      samples.push(...got)
      // no REPORT line in a tail: no per-invoke data, so no sequential decision
      if (source.active) break
      const assessment = race.record(got)
      reporter.looked?.(fn, assessment)
    }
    if (source.active) {
      return source.measure(invoker, samples, race.measuredSizes(), (line) => (source.asked === 'cloudwatch' ? reporter.phase(fn, line) : reporter.warn?.(fn, line)))
    }
    samples.push(...(await invoker.coldStarts()))
    if (!checked.gates) return samples
    // --baseline: the gates on this run; a failure is confirmed on fresh invokes, while the aliases still exist
    const first = decideSweepGates(checked.gates.run, { ...result(samples), samples }, checked.gates.options)
    gates = { baseline: checked.gates.file, first, confirmation: null, confirmedOn: [], passed: first.passed }
    if (first.passed) return samples
    const values = valuesToConfirm(first, result(samples))
    if (values.length === 0) return samples
    reporter.phase(fn, `a gate failed: confirming on fresh invokes of ${values.map((m) => `${m} MB`).join(', ')}`)
    const made = (m: number) => samples.filter((s) => s.memory === m && s.phase === 'measure').length
    const fresh = (await invoker.round(new Map(values.map((m) => [m, 2 * made(m)])))).map((s) => ({ ...s, phase: 'confirm' as const }))
    const again = fresh.map((s) => ({ ...s, phase: 'measure' as const }))
    const confirmation = decideSweepGates(checked.gates.run, { ...result(again), samples: again }, checked.gates.options)
    gates = { ...gates, confirmation, confirmedOn: values, passed: confirmation.passed }
    return [...samples, ...fresh]
  }
  const run = await arch.run(
    port,
    resolved,
    {
      signal,
      now: () => performance.now(),
      sleep: (ms) => sleep(ms),
      random: Math.random,
      phase: (message) => reporter.phase(fn, message),
      onSample: (sample, done, total) => reporter.invoked(fn, sample.memory, done, total, sample),
      ...(source.onNoReport ? { onNoReport: source.onNoReport } : {}),
    },
    { keep: req.keep, measure, ...(recorder ? { recorder } : {}) },
  )
  const done = source.active
    ? // the run is cleaned up; now CloudWatch's figures, as they arrive (with --baseline, its gates)
      await source.outcome(target, run.samples, frame(run.kept), {
        signal,
        phase: (line) => reporter.phase(fn, line),
        warn: (line) => reporter.warn?.(fn, line),
        ...(checked.gates ? { gates: checked.gates } : {}),
      })
    : result(run.samples, run.kept)
  const swept = gates ? { ...done, gates } : done
  const failedGate = 'gates' in swept && swept.gates && !swept.gates.passed ? swept.gates : undefined
  if (!req.apply) return swept
  reporter.phase(fn, 'applying the pick')
  const applied = await applyPick(port as ApplyLambdaPort, swept, {
    functionName: fn,
    ...(fnTarget.qualifier ? { alias: fnTarget.qualifier } : {}),
    runId,
    original: cfg,
    ...(resolved.qualified ? { qualified: resolved.qualified } : {}),
    ...(journal ? { store: new ApplyStore(journal.dir) } : {}),
    target: { region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(req.target.profile ? { profile: req.target.profile } : {}) },
    ...(failedGate ? { blocked: failedGate.confirmation ? 'a --baseline gate failed, and again on fresh invokes' : 'a --baseline gate failed' } : {}),
  })
  return { ...swept, applied }
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

function formatBound(b: { usd: number; gbSeconds: number }): string {
  return `$${b.usd < 0.01 ? b.usd.toPrecision(2) : b.usd.toFixed(2)}, ${b.gbSeconds.toFixed(1)} GB-s`
}
