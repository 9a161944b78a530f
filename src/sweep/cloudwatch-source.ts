import type { Target } from '../aws/target.js'
import type { GateOptions } from '../core/compare/gates.js'
import type { ComparableRun } from '../core/compare/result-files.js'
import { ExitCode, UserError } from '../core/errors.js'
import { failureText } from '../core/report/call-failure.js'
import { DEFAULT_WAIT_TIMEOUT_MS, type QualifierFigures, type WaitProgress } from '../core/report/qualifier-figures.js'
import { cloudWatchResult, joinReports, type CloudWatchResultInput, type ValueFigures } from '../core/sweep/aggregate-result.js'
import type { SweepPlan } from '../core/sweep/plan.js'
import { oneRoundBound, type Budget } from '../core/sweep/sampling.js'
import type { SweepResult } from '../core/sweep/sweep-result.js'
import type { InvokeSample, Measurement, PricingContext, SourceChoice } from '../core/sweep/types.js'
import { decideSweepGates, type SweepGates } from './baseline-gates.js'
import type { Invoker } from './orchestrate.js'

/** Invokes per value when a sequential sweep has to measure from CloudWatch: the fixed count it replaced. */
export const CLOUDWATCH_INVOCATIONS = 20

export interface CloudWatchSourceOptions {
  /** the function's name (CloudWatch's FunctionName dimension) and log group */
  functionName: string
  logGroup: string
  plan: SweepPlan
  budget?: Budget
  pricing: PricingContext
  /** --trim: CloudWatch's trimmed mean of each alias's durations is read with it */
  trim: number
}

/** The calls measuring from CloudWatch adds, for --dry-run. */
export function cloudWatchCalls(asked: SourceChoice, functionName: string): string[] {
  if (asked === 'logs') return []
  const when = asked === 'cloudwatch' ? 'After the invokes' : 'Only if a log tail holds no REPORT line (then a fixed count of invokes per value)'
  return [
    `${when}: GetMetricData by Resource=${functionName}:<alias> and :<cold-start version> (Duration, Invocations, Errors) and ` +
      `FilterLogEvents on those versions' log streams (REPORT lines), waiting up to ${DEFAULT_WAIT_TIMEOUT_MS / 1000} s for them to arrive`,
  ]
}

/** How the reads went: what the result is built from. */
export interface CloudWatchReading {
  figures: ValueFigures[]
  measurement: Omit<Measurement, 'source'>
}

/**
 * `sweep --source`: where the sweep's measurements come from. The log tails by default; CloudWatch when asked
 * (`cloudwatch`), or when an invoke's tail holds no REPORT line (`auto`): then the sweep makes a fixed count of
 * invokes per value (no per-invoke data, no sequential decision), and after the run reads each alias's figures back
 * from CloudWatch, waiting for them to arrive (see src/core/sweep/aggregate-result.ts for what is made of them).
 */
export class CloudWatchSource {
  private missing: { hadTail: boolean } | undefined
  private startedAt: number | undefined
  private endedAt: number | undefined
  private versions: ReturnType<Invoker['versions']> | undefined
  private sizes: number[] = []
  private reason: string | undefined
  /** measured invokes per value (the cold-by-design ones included), once measuring from CloudWatch */
  count = 0

  constructor(
    readonly asked: SourceChoice,
    private readonly o: CloudWatchSourceOptions,
  ) {}

  /** The invoke hook (InvokeIo.onNoReport); undefined with --source logs, whose run then fails without a REPORT line. */
  get onNoReport(): ((qualifier: string, hadTail: boolean) => void) | undefined {
    if (this.asked === 'logs') return undefined
    return (_qualifier, hadTail) => {
      this.missing ??= { hadTail }
    }
  }

  /** Measuring from CloudWatch: asked for, or a log tail held no REPORT line. */
  get active(): boolean {
    return this.asked === 'cloudwatch' || this.missing !== undefined
  }

  /** Before the first invoke: the start of the window the figures are read over. */
  begin(): void {
    this.startedAt ??= Date.now()
  }

  /**
   * Invokes each of `sizes` up to the fixed count (the invokes already made count), then the forced cold starts.
   * `say` gets the one line that tells why and how many.
   */
  async measure(invoker: Invoker, made: readonly InvokeSample[], sizes: readonly number[], say: (line: string) => void): Promise<InvokeSample[]> {
    this.begin()
    this.sizes = [...sizes]
    this.count = this.fixedCount(sizes)
    this.reason =
      this.asked === 'cloudwatch'
        ? '--source cloudwatch'
        : this.missing?.hadTail
          ? 'no REPORT lines in the log tail (JSON log format with a system log level above INFO?)'
          : 'no log tail in the Invoke responses (an endpoint that returns none, or a JSON log format that filters every line?)'
    say(`${this.reason}: measuring from CloudWatch, ${this.count} invokes per value, no sequential decision`)
    const samples = [...made, ...(await invoker.round(new Map(sizes.map((m) => [m, this.count]))))]
    samples.push(...(await invoker.coldStarts()))
    this.versions = invoker.versions()
    this.endedAt = Date.now()
    return samples
  }

  /** -n when given; else CLOUDWATCH_INVOCATIONS, at most --max-invocations, and no more than a --budget pays for at the timeout. */
  private fixedCount(sizes: readonly number[]): number {
    const plan = this.o.plan
    let count = plan.fixed ? plan.maxMeasured : Math.min(CLOUDWATCH_INVOCATIONS, plan.looks[plan.looks.length - 1] ?? CLOUDWATCH_INVOCATIONS) + plan.coldPerValue
    const b = this.o.budget
    if (b) {
      // Nothing tells what an invoke costs before the figures arrive: each is priced at the function's timeout.
      const round = oneRoundBound(sizes, plan.timeoutSeconds, this.o.pricing)
      const rounds = Math.floor(b.usd !== undefined ? b.usd / round.usd : b.gbSeconds! / round.gbSeconds)
      count = Math.max(1, Math.min(count, rounds - plan.warmup - plan.coldStarts))
    }
    return count
  }

  /**
   * After the run (the function already restored and cleaned up): the result from CloudWatch's figures; with
   * --baseline, the gates once, on the invokes joined to their REPORT lines (the aliases are gone: a failure cannot be
   * confirmed on fresh invokes, and aggregates alone cannot be gated).
   */
  async outcome(
    target: Target,
    samples: readonly InvokeSample[],
    frame: Omit<CloudWatchResultInput, 'samples' | 'figures' | 'measurement' | 'perInvoke'>,
    io: { signal?: AbortSignal; phase(line: string): void; warn(line: string): void; gates?: { file: string; run: ComparableRun; options: GateOptions } },
  ): Promise<SweepResult & { gates?: SweepGates }> {
    const reading = await this.read(target, samples, io.phase, io.signal)
    const measured = cloudWatchResult({
      ...frame,
      looks: [this.count],
      fixed: true,
      samples,
      figures: reading.figures,
      measurement: reading.measurement,
      perInvoke: this.asked !== 'cloudwatch',
    })
    for (const w of reading.measurement.warnings) io.warn(w)
    const g = io.gates
    if (!g) return measured
    const joined = measured.measurement.source === 'logs' ? joinReports(samples, reading.figures) : undefined
    if (!joined) {
      throw new UserError(
        `${frame.function}: the --baseline gates need each invoke's duration, and CloudWatch gave only aggregates (no REPORT line in CloudWatch Logs): nothing was gated`,
        ExitCode.runFailed,
      )
    }
    const first = decideSweepGates(g.run, { ...measured, samples: joined }, g.options)
    return { ...measured, gates: { baseline: g.file, first, confirmation: null, confirmedOn: [], passed: first.passed } }
  }

  /**
   * After the run: each value's alias and cold-start versions read back from CloudWatch, all at once, waiting for the
   * invokes to arrive (DEFAULT_WAIT_TIMEOUT_MS), with `progress` lines while waiting.
   */
  private async read(target: Target, samples: readonly InvokeSample[], progress: (line: string) => void, signal?: AbortSignal): Promise<CloudWatchReading> {
    const start = new Date(this.startedAt ?? Date.now())
    const end = new Date(this.endedAt ?? Date.now())
    const fn = this.o.functionName
    // the SDK's CloudWatch clients are loaded only by a run that reads them
    const { readQualifier } = await import('../aws/qualifier-figures.js')
    const ran = (s: InvokeSample) => !(s.requestId === undefined && s.errorType === 'TooManyRequestsException')
    const waiting = new Map<string, WaitProgress>()
    const onProgress = (p: WaitProgress) => {
      waiting.set(p.resource, p)
      const seen = [...waiting.values()].map((w) => `${w.resource.slice(w.resource.indexOf(':') + 1)} ${w.seen}/${w.expected}`)
      progress(`waiting for CloudWatch (${Math.round(p.elapsedMs / 1000)} s of ${Math.round(p.timeoutMs / 1000)} s): ${seen.join(', ')}`)
    }
    const read = (qualifier: string, versions: string[], expected: number): Promise<QualifierFigures> =>
      readQualifier(target, {
        ref: { functionName: fn, qualifier, versions, logGroup: this.o.logGroup },
        start,
        end,
        expected,
        // cloudwatch: durations from the Duration metric; auto: every REPORT line when all arrive, else the metric
        source: this.asked === 'cloudwatch' ? 'cloudwatch' : 'auto',
        trim: this.o.trim,
        timeoutMs: DEFAULT_WAIT_TIMEOUT_MS,
        onProgress,
        ...(signal ? { signal } : {}),
      })
    const reading = Promise.all(
      this.o.plan.values
        .filter((v) => this.sizes.includes(v.memory))
        .map(async (v): Promise<ValueFigures> => {
          const own = samples.filter((s) => s.memory === v.memory && ran(s))
          const version = this.versions?.aliased.get(v.memory)
          const coldVersions = [...(this.versions?.cold.get(v.memory) ?? [])]
          const [alias, ...cold] = await Promise.all([
            read(v.alias, version ? [version] : [], own.filter((s) => s.phase !== 'cold').length),
            ...coldVersions.map((cv) => read(cv, [cv], own.filter((s) => s.phase === 'cold').length > 0 ? 1 : 0)),
          ])
          return { memory: v.memory, alias: alias!, cold }
        }),
    )
    const figures = await reading.catch((err: unknown) => {
      if (!signal?.aborted) throw err
      throw new UserError("interrupted while waiting for CloudWatch's figures (the function was already restored and the run's aliases and versions deleted)", ExitCode.runFailed)
    })
    const all = figures.flatMap((f) => [f.alias, ...f.cold])
    return {
      figures,
      measurement: {
        asked: this.asked,
        reason: this.reason ?? null,
        waitedSeconds: Math.round(Math.max(0, ...all.map((q) => q.waitedMs)) / 100) / 10,
        warnings: readingWarnings(figures),
      },
    }
  }
}

/** One warning per failed call (naming the values it cost), then what did not arrive in time. */
function readingWarnings(figures: readonly ValueFigures[]): string[] {
  const byCause = new Map<string, Set<string>>()
  const rest: string[] = []
  for (const f of figures) {
    for (const q of [f.alias, ...f.cold]) {
      const failed = [
        [q.failures.metrics, 'no figures from the CloudWatch metrics of'],
        [q.failures.logs, 'no REPORT lines from CloudWatch Logs of'],
      ] as const
      for (const [failure, lost] of failed) {
        if (!failure) continue
        const key = `${failureText(failure)}: ${lost}`
        byCause.set(key, (byCause.get(key) ?? new Set()).add(`${f.memory} MB`))
      }
      const said = failed.flatMap(([failure]) => (failure ? [failureText(failure)] : []))
      rest.push(...q.warnings.filter((w) => !said.some((s) => w.startsWith(s))))
    }
  }
  return [...[...byCause].map(([cause, values]) => `${cause} ${[...values].join(', ')}`), ...new Set(rest)]
}
