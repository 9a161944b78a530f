import type { PlannedCandidate } from '../core/canary/plan.js'
import { ExitCode, UserError } from '../core/errors.js'
import { configurationDifferences } from '../core/sweep/config-diff.js'
import type { FunctionConfig, LambdaPort } from '../core/sweep/port.js'
import type { RunRecorder } from '../sweep/run-recorder.js'
import type { ResolvedFunction } from '../sweep/orchestrate.js'
import { changedBySomeoneElse, Interrupted, message, putLatestBack } from '../sweep/run-outcome.js'

/**
 * Publishes one version per candidate memory the way a sweep does (src/sweep/orchestrate.ts): set MemorySize and a
 * run-specific Description on $LATEST with its RevisionId, publish with that RevisionId and the CodeSha256 found, then
 * put $LATEST back before any traffic moves. $LATEST may differ from the original only in what the run set; anything
 * else is someone else's change and stops the run without being overwritten.
 */
export class CandidatePublisher {
  readonly created: string[] = []
  private revision: string | undefined
  private touched = false
  private restored = false
  private readonly ours: Set<string>
  private readonly memories: Set<number>

  constructor(
    private readonly port: LambdaPort,
    private readonly fn: string,
    private readonly resolved: ResolvedFunction,
    private readonly planned: readonly PlannedCandidate[],
    private readonly recorder?: RunRecorder,
  ) {
    this.revision = resolved.original.RevisionId
    this.ours = new Set(planned.map((c) => c.description))
    this.memories = new Set(planned.map((c) => c.memory))
  }

  /** memory -> published version; $LATEST is restored and every version active when it returns */
  async publishAll(aborted: () => boolean): Promise<Map<number, string>> {
    const versions = new Map<number, string>()
    for (const c of this.planned) {
      if (aborted()) throw new Interrupted()
      versions.set(c.memory, await this.publish(c.memory, c.description))
    }
    const settled = await Promise.allSettled([this.restoreLatest(), ...this.created.map((v) => this.port.waitUntilVersionActive(this.fn, v))])
    const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (rejected) throw rejected.reason
    return versions
  }

  private async publish(memory: number, description: string): Promise<string> {
    const { port, fn, recorder } = this
    this.touched = true
    recorder?.changing(memory, description)
    recorder?.publishing(description)
    await port.updateFunctionConfiguration({ functionName: fn, memorySize: memory, description, ...(this.revision ? { revisionId: this.revision } : {}) })
    await port.waitUntilUpdated(fn)
    const staged = await port.getFunctionConfiguration(fn)
    this.checkOnlyOurs(staged, memory, description)
    recorder?.revision(staged.RevisionId)
    const published = await port.publishVersion({
      functionName: fn,
      description,
      ...(staged.RevisionId ? { revisionId: staged.RevisionId } : {}),
      ...(this.resolved.original.CodeSha256 ? { codeSha256: this.resolved.original.CodeSha256 } : {}),
    })
    const version = published.Version
    if (!version || this.resolved.existingVersions.has(version) || published.Description !== description) {
      throw new UserError(`PublishVersion of ${fn} returned version ${version ?? '(none)'}, which this run did not create; stopping`, ExitCode.aws)
    }
    if (!this.created.includes(version)) this.created.push(version)
    recorder?.published(version)
    const after = await port.getFunctionConfiguration(fn)
    this.checkOnlyOurs(after, memory, description)
    this.revision = after.RevisionId
    recorder?.revision(after.RevisionId)
    return version
  }

  private checkOnlyOurs(now: FunctionConfig, memory: number, description: string): void {
    const foreign = configurationDifferences(this.resolved.original, now).filter((f) => f !== 'MemorySize' && f !== 'Description')
    if (now.MemorySize !== memory || now.Description !== description) foreign.unshift('MemorySize or Description')
    if (foreign.length > 0) throw changedBySomeoneElse(this.fn, foreign)
  }

  /** Puts $LATEST's MemorySize and Description back if it carries the run's change; idempotent. */
  async restoreLatest(): Promise<void> {
    if (!this.touched || this.restored) return
    const { port, fn } = this
    const original = this.resolved.original
    await putLatestBack(port, fn, original, { descriptions: this.ours, memories: (m) => this.memories.has(m) }, () =>
      this.recorder?.changing(original.MemorySize ?? 128, original.Description ?? ''),
    )
    this.restored = true
  }

  /** Deletes the run's versions; returns what could not be done. */
  async deleteVersions(): Promise<string[]> {
    const problems: string[] = []
    for (const version of this.created) {
      try {
        await this.port.deleteVersion(this.fn, version)
      } catch (err) {
        problems.push(`could not delete version ${version}: ${message(err)}`)
      }
    }
    return problems
  }

  /** Whether $LATEST now differs from the original (volatile fields aside). */
  async differences(): Promise<string[]> {
    if (!this.touched) return []
    return configurationDifferences(this.resolved.original, await this.port.getFunctionConfiguration(this.fn))
  }
}
