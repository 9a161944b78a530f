import { ExitCode, UserError } from '../core/errors.js'
import { ConcurrentChangeError, type FunctionConfig, type LambdaPort } from '../core/sweep/port.js'

/** Raised inside a run once its signal is aborted (Ctrl-C, SIGTERM): the clean-up still runs. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'Interrupted'
  }
}

export function changedBySomeoneElse(fn: string, fields: string[] = []): ConcurrentChangeError {
  return new ConcurrentChangeError(`${fn} was changed by someone else during the run${fields.length ? ` (${fields.join(', ')})` : ''}`)
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * After a run has cleaned up: one error that says both what stopped it and what the clean-up could not do, or
 * nothing when the run succeeded and left everything as found. Shared by sweeps and canaries, so an interrupted or
 * overwritten run reads the same in both. `cleanedUp` says what an interrupted run left behind when it left nothing.
 */
export function settleRun(failure: unknown, problems: readonly string[], aborted: boolean, cleanedUp: string): void {
  if (failure instanceof Interrupted || (failure && aborted)) {
    throw new UserError(`interrupted: ${problems.length ? problems.join('; ') : cleanedUp}`, ExitCode.runFailed)
  }
  if (failure instanceof ConcurrentChangeError) {
    throw new UserError(`${failure.message}; lambda-tune stopped without overwriting it${problems.length ? `; ${problems.join('; ')}` : ''}`, ExitCode.runFailed)
  }
  if (failure) {
    if (problems.length === 0) throw failure
    throw new UserError(`${message(failure)}; then ${problems.join('; ')}`, ExitCode.runFailed)
  }
  if (problems.length > 0) throw new UserError(problems.join('; '), ExitCode.runFailed)
}

/**
 * Puts $LATEST's MemorySize and Description back as found, but only over what the run itself set (one of its
 * descriptions and memory sizes): anything else is someone else's change, and the run stops without overwriting it.
 * `changing` is called just before the update, for the journal.
 */
export async function putLatestBack(
  port: LambdaPort,
  fn: string,
  original: FunctionConfig,
  ours: { descriptions: ReadonlySet<string>; memories: (memory: number) => boolean },
  changing: () => void,
): Promise<void> {
  await port.waitUntilUpdated(fn)
  const now = await port.getFunctionConfiguration(fn)
  if (now.MemorySize === original.MemorySize && (now.Description ?? '') === (original.Description ?? '')) return
  if (!ours.descriptions.has(now.Description ?? '') || !ours.memories(now.MemorySize ?? 0)) throw changedBySomeoneElse(fn)
  changing()
  await port.updateFunctionConfiguration({
    functionName: fn,
    memorySize: original.MemorySize ?? 128,
    description: original.Description ?? '',
    ...(now.RevisionId ? { revisionId: now.RevisionId } : {}),
  })
  await port.waitUntilUpdated(fn)
}
