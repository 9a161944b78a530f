import type { Arch } from '../core/cost/price-types.js'
import { ExitCode, UserError } from '../core/errors.js'
import type { CopyPort, StagingPort } from '../core/sweep/arch-port.js'
import type { RaceValue } from '../core/sweep/decide/sequential.js'
import type { SweepPlan } from '../core/sweep/plan.js'
import type { LambdaPort } from '../core/sweep/port.js'
import type { Kept } from '../core/sweep/sweep-result.js'
import type { InvokeSample } from '../core/sweep/types.js'
import { CopyLeftError, createCopy, removeCopy, type PreparedCopy } from './copy-function.js'
import { Interrupted, message } from './run-outcome.js'
import { resolveFunction, runSweep, type Invoker, type Measure, type ResolvedFunction, type SweepIo } from './orchestrate.js'
import type { RunRecorder } from './run-recorder.js'

export interface CopyRun {
  port: LambdaPort
  copyPort: CopyPort
  staging?: StagingPort
  copy: PreparedCopy
  runId: string
  /** the function's own architecture */
  ownArch: Arch
  /** the plan of the function itself; undefined when its own architecture is not measured */
  ownPlan?: SweepPlan
  /** the same memory values, versions and aliases, on the copy */
  copyPlan: SweepPlan
  resolved: ResolvedFunction
  /** the values raced: ids over both architectures */
  values: readonly RaceValue[]
  serial: boolean
  io: SweepIo
  keep: boolean
  measure: Measure
  recorder?: RunRecorder
}

/**
 * A sweep with another architecture: the copy is created first (journaled before CreateFunction), so that a copy that
 * cannot be made stops the run before the function is touched; then the function's own sweep runs as always and,
 * inside its measuring part, the copy's: both publish their versions and aliases, then one race invokes both in the
 * same rounds. The copy is deleted last (the journal is finished only then), on success, error and Ctrl-C alike.
 */
export async function runWithCopy(r: CopyRun): Promise<{ samples: InvokeSample[]; kept?: Kept }> {
  const { copy, recorder, io } = r
  const arch = copy.architecture
  const what = `the ${arch} copy ${copy.name}`
  // The journal is finished once the copy is gone: the function's own run reports its end to this instead.
  let ownFinished = r.ownPlan === undefined
  const ownRecorder: RunRecorder | undefined = recorder && { ...recorder, finished: () => void (ownFinished = true) }

  io.phase(`creating ${what}`)
  try {
    await createCopy(r.copyPort, r.staging, copy, r.runId, (copies) => recorder?.copies(copies))
  } catch (err) {
    // Nothing was changed and nothing is left, unless the copy could not be deleted again: then restore must finish it.
    if (!(err instanceof CopyLeftError)) recorder?.finished()
    else throw new UserError(`${err.message}; \`${recorder?.restoreCommand ?? 'lambda-tune restore'}\` finishes the clean-up`, ExitCode.runFailed)
    throw err
  }

  let failure: unknown
  let result: { samples: InvokeSample[]; kept?: Kept } | undefined
  try {
    if (io.signal.aborted) throw new Interrupted()
    const copyResolved = await resolveFunction(r.port, copy.name)
    const copyIo: SweepIo = { ...io, phase: (m) => io.phase(`${arch} copy: ${m}`), onSample: (s, d, t) => io.onSample({ ...s, architecture: arch }, d, t) }
    // Its versions and aliases go with the copy when it is deleted: the copy's own sweep keeps them.
    const sweepCopy = (measure: Measure) => runSweep(r.port, r.copyPlan, copyResolved, copyIo, { keep: true, measure })
    if (r.ownPlan) {
      const ownIo: SweepIo = { ...io, onSample: (s, d, t) => io.onSample({ ...s, architecture: r.ownArch }, d, t) }
      const own = await runSweep(r.port, r.ownPlan, r.resolved, ownIo, {
        keep: r.keep,
        ...(ownRecorder ? { recorder: ownRecorder } : {}),
        measure: async (ownInvoker) => (await sweepCopy((copyInvoker) => r.measure(both(r, ownInvoker, copyInvoker)))).samples,
      })
      result = { samples: own.samples, ...(r.keep ? { kept: { ...(own.kept ?? { aliases: [], versions: [] }), functions: [copy.name] } } : {}) }
    } else {
      const run = await sweepCopy((copyInvoker) => r.measure(both(r, undefined, copyInvoker)))
      result = { samples: run.samples, ...(r.keep ? { kept: { aliases: [], versions: [], functions: [copy.name] } } : {}) }
    }
  } catch (err) {
    failure = err
  }

  const problems: string[] = []
  if (!r.keep) {
    io.phase(`deleting ${what}`)
    try {
      await removeCopy(r.copyPort, r.staging, { functionName: copy.name, architecture: arch }, r.runId)
      recorder?.copies([])
    } catch (err) {
      problems.push(`could not delete ${what}: ${message(err)}`)
    }
  }
  if (problems.length === 0) {
    if (ownFinished) recorder?.finished()
  } else {
    problems.push(`\`${recorder?.restoreCommand ?? `lambda-tune restore ${r.resolved.original.FunctionName ?? ''}`}\` finishes the clean-up`)
  }

  if (failure instanceof Interrupted) {
    throw new UserError(`interrupted: ${problems.length ? problems.join('; ') : `${what} was deleted; the function was not changed`}`, ExitCode.runFailed)
  }
  if (failure) {
    if (problems.length) throw new UserError(`${message(failure)}; then ${problems.join('; ')}`, ExitCode.runFailed)
    if (failure instanceof UserError && io.signal.aborted && !r.keep) throw new UserError(`${failure.message}; ${what} was deleted`, failure.exitCode)
    throw failure
  }
  if (problems.length) throw new UserError(problems.join('; '), ExitCode.runFailed)
  return result!
}

/**
 * One invoker over the function and its copy: a round's targets (by value id) go to each by memory, and every sample
 * says the architecture it ran on. Both run at once, or one after the other with --serial (one value at a time). A
 * failure of one lets the other finish its round before it is raised, so nothing still runs while clean-up starts.
 */
function both(r: CopyRun, own: Invoker | undefined, copy: Invoker): Invoker {
  const byId = new Map(r.values.map((v) => [v.id, v]))
  const tagged = (arch: Arch) => (samples: InvokeSample[]) => samples.map((s) => ({ ...s, architecture: arch }))
  const run = async (parts: Array<() => Promise<InvokeSample[]>>): Promise<InvokeSample[]> => {
    if (r.serial) {
      const out: InvokeSample[] = []
      for (const part of parts) out.push(...(await part()))
      return out
    }
    const settled = await Promise.allSettled(parts.map((part) => part()))
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (failed) throw failed.reason
    return settled.flatMap((s) => (s as PromiseFulfilledResult<InvokeSample[]>).value)
  }
  return {
    round: (targets) => {
      const mine = new Map<number, number>()
      const theirs = new Map<number, number>()
      for (const [id, n] of targets) {
        const v = byId.get(id)
        if (v) (v.architecture === r.ownArch ? mine : theirs).set(v.memory, n)
      }
      return run([
        ...(own && mine.size ? [() => own.round(mine).then(tagged(r.ownArch))] : []),
        ...(theirs.size ? [() => copy.round(theirs).then(tagged(r.copy.architecture))] : []),
      ])
    },
    coldStarts: () =>
      run([...(own ? [() => own.coldStarts().then(tagged(r.ownArch))] : []), () => copy.coldStarts().then(tagged(r.copy.architecture))]),
    // only the function's own versions: a run with a copy measures from the log tails, never from CloudWatch (service.ts)
    versions: () => own?.versions() ?? { aliased: new Map(), cold: new Map() },
  }
}
