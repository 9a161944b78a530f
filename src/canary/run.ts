import { sum } from 'simple-statistics'
import { judgeLook, p99GuardStatistics, WARMUP_PERIODS } from '../core/canary/guards.js'
import { pairedRatio } from '../core/canary/paired.js'
import { boundStatistic, percentileStat } from '../core/canary/percentiles.js'
import type { CanaryPlan } from '../core/canary/plan.js'
import type { AliasConfig, CanaryLambdaPort, CanaryMetricsPort, MetricsWindow } from '../core/canary/port.js'
import type { CandidateStop, MeasuredCandidate, MeasuredVersion, WindowPercentiles } from '../core/canary/result.js'
import type { GuardLimits, PeriodFigures } from '../core/canary/types.js'
import { ConcurrentChangeError } from '../core/sweep/port.js'
import type { ResolvedFunction } from '../sweep/orchestrate.js'
import { Interrupted, message, settleRun } from '../sweep/run-outcome.js'
import { CandidatePublisher } from './publish.js'
import type { CanaryRecorder } from './recorder.js'

export interface CanaryIo {
  signal: AbortSignal
  /** epoch ms */
  now(): number
  /** resolves after `ms`, or at once when the signal aborts */
  sleep(ms: number): Promise<void>
  phase(message: string): void
  /** after each look at a candidate's guards */
  look(memory: number, elapsedSeconds: number, plannedSeconds: number, counts: { main: number; candidate: number }): void
}

export interface CanaryRunInput {
  port: CanaryLambdaPort
  metrics: CanaryMetricsPort
  plan: CanaryPlan
  resolved: ResolvedFunction
  /** the alias as found */
  alias: AliasConfig
  /** the function's name for CloudWatch (never an ARN) and its log group */
  metricName: string
  logGroup: string
  limits: GuardLimits
  /** of the comparison's interval (the traffic judgement projects it) */
  confidence: number
  tolerance: number
  /** from a candidate's duration ratio to the ratio of the strategy's measure (cost or duration) */
  toMeasure(memory: number): (durationRatio: number) => number
  /** slo: the percentile (0.95 or 0.99) and the confidence of its upper bound */
  slo?: { q: number; confidence: number }
  recorder?: CanaryRecorder
}

export interface CanaryRun {
  measured: MeasuredCandidate[]
  warnings: string[]
}

/** The longest the final read waits for CloudWatch's last datapoints, in periods (10 minutes on AWS). */
const SETTLE_MAX_PERIODS = 10

/**
 * The safe part of a canary: publish the candidates' versions (through $LATEST, restored before any traffic moves);
 * for each, route --weight of the alias's traffic to it (the journal records the routing before UpdateAlias is sent,
 * with the alias's RevisionId), look at the guards every lookEverySeconds, then route everything back; read the
 * windows' figures once CloudWatch has them; delete the versions and check that the alias and $LATEST are as found.
 * Errors, Ctrl-C and SIGTERM route the traffic back first. Someone else's change of the alias is never overwritten.
 */
export async function runCanary(input: CanaryRunInput, io: CanaryIo): Promise<CanaryRun> {
  const { port, plan, recorder } = input
  const fn = plan.functionName
  const aliasName = plan.alias
  const periodMs = plan.periodSeconds * 1000
  const publisher = new CandidatePublisher(port, fn, input.resolved, plan.candidatesPlanned, recorder)
  const windows: RoutedWindow[] = []
  const warnings: string[] = []
  let aliasRevision = input.alias.revisionId
  let routed = false
  let aliasChanged: string | undefined

  const route = async (weights: Record<string, number>) => {
    recorder?.routing(weights)
    try {
      const after = await port.setAliasRouting({ functionName: fn, name: aliasName, weights, ...(aliasRevision ? { revisionId: aliasRevision } : {}) })
      aliasRevision = after.revisionId
      recorder?.routed(after.revisionId)
    } catch (err) {
      if (err instanceof ConcurrentChangeError) aliasChanged = 'its RevisionId no longer matches'
      throw err
    }
  }

  let failure: unknown
  try {
    io.phase(`publishing ${plan.candidatesPlanned.length} candidate version${plan.candidatesPlanned.length === 1 ? '' : 's'}`)
    const versions = await publisher.publishAll(() => io.signal.aborted)
    for (const c of plan.candidatesPlanned) {
      if (io.signal.aborted) throw new Interrupted()
      const version = versions.get(c.memory)!
      io.phase(`routing ${pct(plan.weight)} of ${aliasName} to ${c.memory} MB (version ${version})`)
      routed = true
      const routedMs = io.now()
      await route({ [version]: plan.weight })
      // Whole periods only: the period in which the routing changed holds traffic from before it.
      const startMs = Math.ceil(io.now() / periodMs) * periodMs
      const plannedEnd = startMs + plan.durationSeconds * 1000
      let stop: CandidateStop | null = null
      let endMs = plannedEnd
      for (let look = 1; look <= plan.looks && !stop; look++) {
        const at = look === plan.looks ? plannedEnd : startMs + look * plan.lookEverySeconds * 1000
        await io.sleep(Math.max(0, at - io.now()))
        const elapsed = (at - startMs) / 1000
        if (io.signal.aborted) throw new Interrupted()
        const now = await port.getAlias(fn, aliasName)
        if (now.revisionId !== aliasRevision) {
          aliasChanged = describeAlias(now)
          throw new ConcurrentChangeError(`alias ${aliasName} of ${fn} was changed by someone else during the canary (now ${aliasChanged})`)
        }
        const verdict = await lookAt(input, version, c.memory, startMs, at, plan.durationSeconds, io)
        if (verdict) {
          stop = { ...verdict, afterSeconds: elapsed }
          endMs = at
        }
      }
      io.phase(`routing all of ${aliasName} back to version ${input.alias.functionVersion}`)
      await route({ ...input.alias.weights })
      routed = false
      windows.push({ memory: c.memory, version, startMs, endMs, routedMs, backMs: io.now(), stop })
    }
  } catch (err) {
    failure = err
  }

  // Clean up whatever happened: traffic first, then $LATEST, then the versions.
  const problems: string[] = []
  let unfinished = false
  if (routed && !aliasChanged) {
    try {
      io.phase(`routing all of ${aliasName} back`)
      await route({ ...input.alias.weights })
      routed = false
    } catch (err) {
      if (!(err instanceof ConcurrentChangeError)) unfinished = true
      problems.push(`could not route ${aliasName} back to version ${input.alias.functionVersion} alone: ${message(err)}`)
    }
  }
  try {
    await publisher.restoreLatest()
  } catch (err) {
    if (!(err instanceof ConcurrentChangeError)) unfinished = true
    problems.push(`could not restore ${fn}'s MemorySize and Description: ${message(err)}`)
  }

  let measured: MeasuredCandidate[] = []
  if (!failure && windows.length > 0) {
    try {
      measured = await readWindows(input, windows, io, warnings)
    } catch (err) {
      failure = err
    }
  }

  io.phase('deleting the candidate versions')
  const deleteProblems = await publisher.deleteVersions()
  if (deleteProblems.length) {
    unfinished = true
    problems.push(...deleteProblems)
  }
  try {
    // someone else's change of the alias is theirs: only the run's own state is checked then
    if (!aliasChanged) {
      const differ = aliasDifferences(input.alias, await port.getAlias(fn, aliasName))
      if (differ.length) problems.push(`alias ${aliasName} differs from before the run in ${differ.join(', ')}`)
    }
    const latest = await publisher.differences()
    if (latest.length) problems.push(`${fn} differs from before the run in ${latest.join(', ')}`)
  } catch (err) {
    problems.push(`could not check ${fn} and its alias after the run: ${message(err)}`)
  }
  if (unfinished || aliasChanged) problems.push(`\`lambda-tune restore ${fn}\` finishes the clean-up`)
  else recorder?.finished()

  settleRun(failure, problems, io.signal.aborted, `${aliasName} routes everything to version ${input.alias.functionVersion} again and the candidate versions are deleted`)
  return { measured, warnings }
}

/** A candidate's time on the alias: measured over [startMs, endMs), whole periods within [routedMs, backMs]. */
interface RoutedWindow {
  memory: number
  version: string
  startMs: number
  endMs: number
  routedMs: number
  backMs: number
  stop: CandidateStop | null
}

/** One look at a running candidate: its guards over [startMs, at). */
async function lookAt(
  input: CanaryRunInput,
  version: string,
  memory: number,
  startMs: number,
  at: number,
  plannedSeconds: number,
  io: CanaryIo,
): Promise<Omit<CandidateStop, 'afterSeconds'> | null> {
  const { plan, metrics, limits } = input
  const mainVersion = input.alias.functionVersion
  const window: MetricsWindow = { functionName: input.metricName, alias: plan.alias, startMs, endMs: at, periodSeconds: plan.periodSeconds }
  const data = await metrics.periods(window, [mainVersion, version])
  const main = data.byVersion.get(mainVersion) ?? []
  const candidate = data.byVersion.get(version) ?? []
  const totals = (ps: PeriodFigures[]) => ({ invocations: sum(ps.map((p) => p.invocations)), errors: sum(ps.map((p) => p.errors)) })
  const m = totals(main)
  const c = totals(candidate)
  io.look(memory, (at - startMs) / 1000, plannedSeconds, { main: m.invocations, candidate: c.invocations })
  const stats = p99GuardStatistics(limits, { main: sum(main.map((p) => p.durationCount)), candidate: sum(candidate.map((p) => p.durationCount)) })
  const read = async (v: string, stat: string | undefined) => (stat ? ((await metrics.percentiles(window, v, [stat])).get(stat) ?? null) : null)
  const [candidateLower, mainUpper] = await Promise.all([read(version, stats.candidateLower?.stat), read(mainVersion, stats.mainUpper?.stat)])
  const afterWarmup = startMs + WARMUP_PERIODS * plan.periodSeconds * 1000
  const keep = (ps: PeriodFigures[]) => ps.filter((p) => p.start >= afterWarmup)
  const elapsedSeconds = (at - startMs) / 1000
  const previous = elapsedSeconds - plan.lookEverySeconds
  const verdict = judgeLook(
    {
      elapsedSeconds,
      plannedSeconds,
      periodSeconds: plan.periodSeconds,
      main: m,
      candidate: c,
      p99: { candidateLower, mainUpper },
      paired: pairedRatio(keep(main), keep(candidate), input.confidence),
      judgeTraffic: elapsedSeconds >= plannedSeconds / 3 && previous < plannedSeconds / 3,
      confidence: input.confidence,
      tolerance: input.tolerance,
      toMeasure: input.toMeasure(memory),
    },
    limits,
  )
  return verdict.stop ? { reason: verdict.reason, detail: verdict.detail, needSeconds: verdict.needSeconds } : null
}

/**
 * The windows' figures, read once CloudWatch has stopped adding to them: Lambda sends a datapoint up to a few minutes
 * after the invoke, so the read repeats every period until two reads agree (at most SETTLE_MAX_PERIODS periods).
 */
async function readWindows(
  input: CanaryRunInput,
  windows: RoutedWindow[],
  io: CanaryIo,
  warnings: string[],
): Promise<MeasuredCandidate[]> {
  const { plan, metrics } = input
  const mainVersion = input.alias.functionVersion
  const periodMs = plan.periodSeconds * 1000
  const read = () =>
    Promise.all(
      windows.map((w) =>
        metrics.periods({ functionName: input.metricName, alias: plan.alias, startMs: w.startMs, endMs: w.endMs, periodSeconds: plan.periodSeconds }, [mainVersion, w.version]),
      ),
    )
  const fingerprint = (data: Awaited<ReturnType<typeof read>>) =>
    JSON.stringify(data.map((d) => [[...d.byVersion.entries()], d.alias]))
  const lastEnd = Math.max(...windows.map((w) => w.endMs))
  io.phase('waiting for CloudWatch to have every datapoint of the windows')
  await io.sleep(Math.max(0, lastEnd + periodMs - io.now()))
  let data = await read()
  let settled = false
  for (let i = 0; i < SETTLE_MAX_PERIODS && !io.signal.aborted; i++) {
    await io.sleep(periodMs)
    const again = await read()
    if (fingerprint(again) === fingerprint(data)) {
      settled = true
      break
    }
    data = again
  }
  if (io.signal.aborted) throw new Interrupted()
  if (!settled) warnings.push(`CloudWatch was still adding datapoints ${SETTLE_MAX_PERIODS} periods after the last window: the last periods may be incomplete`)

  io.phase('reading percentiles and REPORT lines per version')
  const out: MeasuredCandidate[] = []
  for (const [i, w] of windows.entries()) {
    const d = data[i]!
    const span: Omit<MetricsWindow, 'periodSeconds'> = { functionName: input.metricName, alias: plan.alias, startMs: w.startMs, endMs: w.endMs }
    // the candidate's REPORT lines from the moment it got traffic (its first invokes are its cold starts), main's over the window
    const version = async (v: string, memory: number, logsFrom: number, logsTo: number): Promise<MeasuredVersion> => {
      const periods = d.byVersion.get(v) ?? []
      const n = sum(periods.map((p) => p.durationCount))
      const sloBound = input.slo && n > 0 ? boundStatistic(n, input.slo.q, input.slo.confidence, 'upper') : null
      const stats = ['p50', 'p90', 'p99', ...(input.slo ? [percentileStat(input.slo.q)] : []), ...(sloBound ? [sloBound.stat] : [])]
      const values = n > 0 ? await metrics.percentiles(span, v, [...new Set(stats)]) : new Map<string, number | null>()
      const percentiles: WindowPercentiles = {
        p50: values.get('p50') ?? null,
        p90: values.get('p90') ?? null,
        p99: values.get('p99') ?? null,
        ...(input.slo ? { slo: { point: values.get(percentileStat(input.slo.q)) ?? null, upper: sloBound ? (values.get(sloBound.stat) ?? null) : null } } : {}),
      }
      let logs = null
      try {
        logs = await metrics.reportLines(input.logGroup, v, logsFrom, logsTo)
      } catch (err) {
        warnings.push(`version ${v}: cold starts, INIT and Max Memory Used unknown (${message(err)})`)
      }
      return { version: v, memory, periods, percentiles, logs }
    }
    out.push({
      memory: w.memory,
      window: { startMs: w.startMs, endMs: w.endMs },
      stop: w.stop,
      main: await version(mainVersion, input.resolved.currentMemory, w.startMs, w.endMs),
      candidate: await version(w.version, w.memory, w.routedMs, w.backMs),
      aliasInvocations: sum(d.alias.map((a) => a.invocations)),
    })
  }
  return out
}

/** The fields of the alias that must end exactly as found (its RevisionId changes with every update, as $LATEST's does). */
export function aliasDifferences(before: AliasConfig, after: AliasConfig): string[] {
  const out: string[] = []
  if (before.functionVersion !== after.functionVersion) out.push(`FunctionVersion (${before.functionVersion} -> ${after.functionVersion})`)
  if (before.description !== after.description) out.push('Description')
  if (JSON.stringify(sorted(before.weights)) !== JSON.stringify(sorted(after.weights))) out.push(`RoutingConfig (${JSON.stringify(after.weights)})`)
  return out
}

function describeAlias(a: AliasConfig): string {
  const routing = Object.entries(a.weights).map(([v, w]) => `${pct(w)} to version ${v}`)
  return `version ${a.functionVersion}${routing.length ? `, ${routing.join(', ')}` : ''}`
}

function sorted(weights: Record<string, number>): Array<[string, number]> {
  return Object.entries(weights).sort(([a], [b]) => a.localeCompare(b))
}

function pct(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`
}
