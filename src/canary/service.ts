import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { trafficNeed, preflightRefusals, duration as fmtDuration, type TrafficNeed } from '../core/canary/guards.js'
import { buildCanaryPlan } from '../core/canary/plan.js'
import { buildCanaryResult, CANARY_SCHEMA_VERSION, type CanaryResult, type CanarySettings } from '../core/canary/result.js'
import { parseCanaryDuration, parsePeriod } from '../core/canary/time.js'
import type { CanaryLambdaPort, CanaryMetricsPort } from '../core/canary/port.js'
import type { GuardLimits } from '../core/canary/types.js'
import { functionName as comparableName, parseComparable } from '../core/compare/result-files.js'
import { isInitBilled } from '../core/cost/index.js'
import { UsageError } from '../core/errors.js'
import { parseLookback } from '../core/report/lookback.js'
import { parseMemoryList } from '../core/sweep/memory.js'
import { parseFunctionTarget, shortName, type FunctionTarget } from '../core/sweep/target-name.js'
import type { Strategy } from '../core/sweep/types.js'
import { openTarget, type TargetOptions } from '../aws/target.js'
import { JournalStore } from '../state/journal.js'
import { resolveFunction } from '../sweep/orchestrate.js'
import { refuseUnfinished } from '../sweep/restore.js'
import { canaryRecorder } from './recorder.js'
import { message } from '../sweep/run-outcome.js'
import { runCanary, type CanaryIo } from './run.js'

export interface CanaryRequest {
  function?: string
  target: TargetOptions
  memory?: string
  /** percent of the alias's traffic */
  weight: string
  duration?: string
  period?: string
  strategy: Strategy
  tolerance: string
  confidence: string
  costWeight: string
  p99?: string
  p95?: string
  maxErrorIncrease: string
  maxP99Increase: string
  memoryMargin: string
  lookback: string
  sweepFiles: string[]
  force: boolean
  dryRun: boolean
}

/** What `--dry-run` prints: the plan, the guards' verdicts before any change, and the calls. Changes nothing. */
export interface CanaryDryRun extends Pick<CanarySettings, 'memories' | 'weight' | 'durationSeconds' | 'periodSeconds' | 'lookEverySeconds' | 'looks'> {
  schemaVersion: typeof CANARY_SCHEMA_VERSION
  kind: 'canary'
  dryRun: true
  function: string
  alias: string
  region: string
  runId: string
  main: { version: string; memory: number }
  /** the whole run, publishing and the final reads aside */
  estimatedSeconds: number
  traffic: { aliasPerSecond: number; expectedCandidateInvokes: number; minimumSeconds: number | null; enough: boolean }
  guards: { maxMemoryUsedMB: number | null; refusals: string[] }
  calls: string[]
}

export type CanaryOutcome = CanaryResult | CanaryDryRun

export interface CanaryReporter {
  started(fn: string, runId: string): void
  phase(message: string): void
  look(memory: number, elapsedSeconds: number, plannedSeconds: number, counts: { main: number; candidate: number }): void
}

interface Checked {
  target: FunctionTarget & { qualifier: string }
  memories: number[]
  weight: number
  durationSeconds: number
  periodSeconds: number
  settings: Omit<CanarySettings, 'memories' | 'weight' | 'durationSeconds' | 'periodSeconds' | 'lookEverySeconds' | 'looks'>
  lookbackSeconds: number
  sweepFailures: Map<number, string>
}

/** How far back the alias's traffic is read to judge whether a window can gather enough, in periods. */
const RATE_PERIODS = 15

/** Checks every flag before anything is read from AWS, so bad input changes nothing. */
export async function checkRequest(req: CanaryRequest): Promise<Checked> {
  if (!req.function) throw new UsageError('name the alias to tune: lambda-tune canary <function>:<alias> --memory <MB> --weight <percent> --duration <time>')
  const target = parseFunctionTarget(req.function)
  if (!target.qualifier || /^\d+$/.test(target.qualifier)) {
    throw new UsageError(`canary works on an alias's real traffic: give <function>:<alias>, not ${target.qualifier ? 'a version' : 'the function alone'} ("${req.function}")`)
  }
  if (req.memory === undefined) throw new UsageError('--memory is required: the candidate memory values, e.g. --memory 512,1024')
  const memories = parseMemoryList(req.memory)
  if (req.duration === undefined) throw new UsageError('--duration is required: how long each candidate gets traffic, e.g. --duration 10m')
  const weight = percent(req.weight, '--weight')
  if (!(weight > 0 && weight <= 0.5)) throw new UsageError(`--weight must be above 0 and at most 50 (percent of the alias's traffic), got '${req.weight}'`)
  const againstAws = !req.target.local && !(req.target.endpointUrl ?? process.env.AWS_ENDPOINT_URL)
  const durationSeconds = parseCanaryDuration(req.duration)
  const periodSeconds = req.period === undefined ? 60 : parsePeriod(req.period, againstAws)
  const tolerance = percent(req.tolerance, '--tolerance')
  if (!(tolerance >= 0 && tolerance < 1)) throw new UsageError(`--tolerance must be at least 0 and below 100 (percent), got '${req.tolerance}'`)
  const confidence = share(req.confidence, '--confidence')
  if (!(confidence >= 0.5 && confidence < 1)) throw new UsageError(`--confidence must be from 50% to below 100%, got '${req.confidence}'`)
  const costWeight = Number(req.costWeight)
  if (!(costWeight >= 0 && costWeight <= 1)) throw new UsageError('--cost-weight must be between 0 (speed only) and 1 (cost only)')
  if (req.p99 !== undefined && req.p95 !== undefined) throw new UsageError('give one of --p99 and --p95, not both')
  const limitText = req.p99 ?? req.p95
  const limit = limitText === undefined ? undefined : Number(limitText)
  if (req.strategy === 'slo' && limit === undefined) throw new UsageError('--strategy slo needs --p99 <ms> or --p95 <ms>')
  if (limit !== undefined && !(limit > 0)) throw new UsageError('--p99/--p95 must be a positive number of ms')
  const maxErrorIncrease = percent(req.maxErrorIncrease, '--max-error-increase')
  if (!(maxErrorIncrease >= 0 && maxErrorIncrease < 1)) throw new UsageError('--max-error-increase must be from 0 to below 100 (percentage points)')
  const maxP99Increase = percent(req.maxP99Increase, '--max-p99-increase')
  if (!(maxP99Increase >= 0)) throw new UsageError('--max-p99-increase must be 0 or more (percent)')
  const memoryMargin = percent(req.memoryMargin, '--memory-margin')
  if (!(memoryMargin >= 0 && memoryMargin <= 10)) throw new UsageError('--memory-margin must be from 0 to 1000 (percent)')
  const lookbackSeconds = parseLookback(req.lookback, '--lookback')
  const sweepFailures = new Map<number, string>()
  for (const file of req.sweepFiles) {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`--sweep ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`)
    })
    const run = parseComparable(text, `--sweep ${file}`)
    if (run.kind !== 'sweep') throw new UsageError(`--sweep ${file}: a sweep result is needed, not a ${run.kind}`)
    const name = comparableName(shortName(target.functionName))
    const groups = run.groups.filter((g) => g.function === name)
    if (groups.length === 0) throw new UsageError(`--sweep ${file} is a sweep of ${[...new Set(run.groups.map((g) => g.function))].join(', ')}, not of ${name}`)
    for (const g of groups) if (g.failed && !sweepFailures.has(g.memory)) sweepFailures.set(g.memory, `the sweep in ${file}`)
  }
  return {
    target: target as FunctionTarget & { qualifier: string },
    memories,
    weight,
    durationSeconds,
    periodSeconds,
    lookbackSeconds,
    sweepFailures,
    settings: {
      strategy: req.strategy,
      tolerance,
      confidence,
      costWeight,
      slo: limit !== undefined ? { percentile: req.p99 !== undefined ? 'p99' : 'p95', ms: limit } : null,
      maxErrorIncrease,
      maxP99Increase,
      memoryMargin,
      force: req.force === true,
    },
  }
}

/** `lambda-tune canary`: checks the input and the alias, runs the guards that come before any change, then runs. */
export async function canary(
  req: CanaryRequest,
  reporter: CanaryReporter,
  io: Pick<CanaryIo, 'signal' | 'now' | 'sleep'>,
  store: JournalStore = new JournalStore(),
): Promise<CanaryOutcome> {
  const checked = await checkRequest(req)
  const target = await openTarget(req.target)
  try {
    const journal = target.local ? undefined : store
    const fn = checked.target.functionName
    const aliasName = checked.target.qualifier
    if (journal) refuseUnfinished(journal, target, fn)
    const [{ canaryLambdaPort }, { versionMetrics }] = await Promise.all([import('../aws/lambda-alias.js'), import('../aws/version-metrics.js')])
    const port: CanaryLambdaPort = canaryLambdaPort(await target.lambda(), target.endpoint)
    const metrics: CanaryMetricsPort = versionMetrics(await target.cloudwatch(), await target.logs(), target.endpoint)

    const alias = await port.getAlias(fn, aliasName)
    if (!/^\d+$/.test(alias.functionVersion)) {
      throw new UsageError(`${shortName(fn)}:${aliasName} points to ${alias.functionVersion}: Lambda routes weighted traffic only between published versions; point the alias at a version first`)
    }
    const routedElsewhere = Object.entries(alias.weights)
    if (routedElsewhere.length > 0) {
      const [[v, w]] = routedElsewhere as [[string, number]]
      throw new UsageError(
        `${shortName(fn)}:${aliasName} already routes ${Number((w * 100).toFixed(2))}% to version ${v}: an alias routes to two versions at most; finish that rollout first`,
      )
    }
    const resolved = await resolveFunction(port, fn, aliasName)
    const cfg = resolved.original
    const runId = randomBytes(4).toString('hex')
    const plan = buildCanaryPlan({
      functionName: fn,
      alias: aliasName,
      mainVersion: alias.functionVersion,
      mainMemory: resolved.currentMemory,
      latestMemory: cfg.MemorySize ?? 128,
      candidates: checked.memories,
      weight: checked.weight,
      durationSeconds: checked.durationSeconds,
      periodSeconds: checked.periodSeconds,
      runId,
    })
    const name = shortName(fn)
    const logGroup = (cfg.LoggingConfig as { LogGroup?: string } | undefined)?.LogGroup ?? `/aws/lambda/${name}`
    const periodMs = checked.periodSeconds * 1000

    const now = io.now()
    const rateEnd = Math.ceil(now / periodMs) * periodMs
    if (checked.periodSeconds % 60 !== 0) {
      // A window's percentiles are read over one period as long as the window: any multiple of --period, which only an
      // emulator started with --metrics-period accepts. Better refused now than after the traffic has moved.
      const span = 7 * periodMs
      try {
        await metrics.percentiles({ functionName: name, alias: aliasName, startMs: rateEnd - span, endMs: rateEnd }, alias.functionVersion, ['p99'])
      } catch (err) {
        throw new UsageError(
          `--period ${checked.periodSeconds}s: ${target.endpoint ?? 'the endpoint'} does not read metrics at any multiple of ${checked.periodSeconds}s (${message(err)}); start the emulator with --metrics-period ${checked.periodSeconds}`,
        )
      }
    }
    // The alias's recent traffic: can each window gather what a comparison needs?
    const recent = await metrics.periods(
      { functionName: name, alias: aliasName, startMs: rateEnd - RATE_PERIODS * periodMs, endMs: rateEnd, periodSeconds: checked.periodSeconds },
      [],
    )
    const first = recent.alias.find((a) => a.invocations > 0)?.start
    const total = recent.alias.reduce((s, a) => s + a.invocations, 0)
    const aliasPerSecond = first === undefined ? 0 : total / Math.max(checked.periodSeconds, (now - first) / 1000)
    const need: TrafficNeed = trafficNeed(aliasPerSecond, checked.weight, checked.durationSeconds, checked.periodSeconds)

    // The main version's memory in production: a candidate must have room for it.
    let maxMemoryUsedMB: number | null = null
    let unknownWhy: string | undefined
    try {
      const logs = await metrics.reportLines(logGroup, alias.functionVersion, now - checked.lookbackSeconds * 1000, now)
      maxMemoryUsedMB = logs?.maxMemoryUsedMB ?? null
      if (maxMemoryUsedMB === null) unknownWhy = `no REPORT line of version ${alias.functionVersion} in ${logGroup} over the last ${fmtDuration(checked.lookbackSeconds)} (--lookback)`
    } catch (err) {
      unknownWhy = message(err)
    }
    const refusals = preflightRefusals({
      mainMemory: resolved.currentMemory,
      candidates: plan.candidates as number[],
      maxMemoryUsedMB,
      ...(unknownWhy ? { maxMemoryUnknownWhy: unknownWhy } : {}),
      memoryMargin: checked.settings.memoryMargin,
      sweepFailures: checked.sweepFailures,
    })
    const region = checked.target.region ?? target.region
    const timing = {
      memories: [...plan.candidates],
      weight: checked.weight,
      durationSeconds: checked.durationSeconds,
      periodSeconds: checked.periodSeconds,
      lookEverySeconds: plan.lookEverySeconds,
      looks: plan.looks,
    }

    if (req.dryRun) {
      return {
        schemaVersion: CANARY_SCHEMA_VERSION,
        kind: 'canary',
        dryRun: true,
        function: name,
        alias: aliasName,
        region,
        runId,
        main: { version: alias.functionVersion, memory: resolved.currentMemory },
        ...timing,
        estimatedSeconds: plan.candidates.length * (checked.durationSeconds + checked.periodSeconds),
        traffic: { aliasPerSecond, expectedCandidateInvokes: need.expectedCandidateInvokes, minimumSeconds: need.minimumSeconds, enough: need.enough },
        guards: { maxMemoryUsedMB, refusals },
        calls: plan.calls,
      }
    }
    if (refusals.length > 0 && !req.force) throw new UsageError(`refusing to send real traffic: ${refusals.join('; ')} (--force tries it anyway)`)
    if (!need.enough) {
      throw new UsageError(
        aliasPerSecond === 0
          ? `${name}:${aliasName} had no invocations in the last ${fmtDuration(RATE_PERIODS * checked.periodSeconds)}: a canary measures real traffic, and there is none to share`
          : `${name}:${aliasName} gets about ${aliasPerSecond.toFixed(2)} invokes/s, so ${pctText(checked.weight)} for ${fmtDuration(checked.durationSeconds)} gives a candidate about ${Math.floor(need.expectedCandidateInvokes)} invokes: too few to compare; give --duration ${fmtDuration(need.minimumSeconds!)} or more, or a larger --weight`,
      )
    }

    const recorder = journal
      ? canaryRecorder(journal, {
          runId,
          functionName: fn,
          original: cfg,
          alias,
          target: { region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(req.target.profile ? { profile: req.target.profile } : {}) },
        })
      : undefined
    reporter.started(name, runId)
    const pricing = {
      region,
      arch: cfg.Architectures?.[0] === 'arm64' ? ('arm64' as const) : ('x86_64' as const),
      initBilled: isInitBilled(
        { packageType: cfg.PackageType === 'Image' ? 'Image' : 'Zip', ...(cfg.Runtime ? { runtime: cfg.Runtime } : {}) },
        new Date(now).toISOString().slice(0, 10),
      ),
      ...(cfg.EphemeralStorage?.Size ? { ephemeralStorageMB: cfg.EphemeralStorage.Size } : {}),
    }
    const limits: GuardLimits = {
      maxErrorIncrease: checked.settings.maxErrorIncrease,
      maxP99Increase: checked.settings.maxP99Increase,
      falseStop: 1 - checked.settings.confidence,
      looks: plan.looks,
    }
    const strategy = checked.settings.strategy
    const slo = checked.settings.slo
    const run = await runCanary(
      {
        port,
        metrics,
        plan,
        resolved,
        alias,
        metricName: name,
        logGroup,
        limits,
        confidence: checked.settings.confidence,
        tolerance: checked.settings.tolerance,
        // duration ratio -> the strategy's measure: cost scales with memory × duration
        toMeasure: (memory) => (strategy === 'speed' ? (r) => r : (r) => (r * memory) / resolved.currentMemory),
        ...(slo ? { slo: { q: slo.percentile === 'p99' ? 0.99 : 0.95, confidence: 1 - (1 - checked.settings.confidence) / (2 * plan.candidates.length) } } : {}),
        ...(recorder ? { recorder } : {}),
      },
      { ...io, phase: (m) => reporter.phase(m), look: (...a) => reporter.look(...a) },
    )
    return buildCanaryResult({
      function: name,
      alias: aliasName,
      runId,
      pricing,
      main: { version: alias.functionVersion, memory: resolved.currentMemory },
      settings: { ...checked.settings, ...timing },
      measured: run.measured,
      warnings: run.warnings,
    })
  } finally {
    await target.close()
  }
}

/** "10" and "10%" are 10 percent: the canary's shares are written as percentages. */
function percent(text: string, flag: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*%?\s*$/.exec(text)
  if (!m) throw new UsageError(`${flag}: cannot read '${text}' as a percentage (e.g. 10 or 10%)`)
  return Number(m[1]) / 100
}

/** "0.95" or "95%" (a bare number above 1 is read as percent). */
function share(text: string, flag: string): number {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$/.exec(text)
  if (!m) throw new UsageError(`${flag}: cannot read '${text}' (e.g. 0.95 or 95%)`)
  const value = Number(m[1])
  return m[2] || value > 1 ? value / 100 : value
}

function pctText(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`
}
