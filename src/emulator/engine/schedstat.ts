import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Lambda gives an environment its CPU share whatever else runs on the host; a busy emulator host cannot. The time the
 * runtime's main thread was runnable but waited for a CPU the host did not have is the host's, not the function's,
 * so it is left out of Duration: the thread's run-queue wait (the second field of /proc/<pid>/schedstat, ns) less the
 * time its CPU group was throttled by its quota (cpu.stat throttled_time, ns), which is the share itself and stays in
 * Duration. (A process frozen by SIGSTOP is off the run queue, so without cgroups the wait is all the host's.)
 * Without this, another process on the host stretches the durations of the largest memory sizes most (their share is
 * the hardest to get), and a CPU-bound function's cost seems to grow with memory.
 */
export function hostWaitNs(pid: number | undefined, quotaFile: string | undefined): number | undefined {
  if (!pid) return undefined
  try {
    const wait = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/)[1])
    if (!Number.isFinite(wait)) return undefined
    if (!quotaFile) return wait
    const stat = readFileSync(path.join(path.dirname(quotaFile), 'cpu.stat'), 'utf8')
    const throttled = Number(/^throttled_time (\d+)$/m.exec(stat)?.[1])
    return Number.isFinite(throttled) ? wait - throttled : undefined
  } catch {
    return undefined
  }
}

/** Wall time less the host's wait in between (never below zero); the wall time where the wait is unknown. */
export function busyDurationMs(wallMs: number, waitBeforeNs: number | undefined, waitAfterNs: number | undefined): number {
  if (waitBeforeNs === undefined || waitAfterNs === undefined || waitAfterNs < waitBeforeNs) return wallMs
  return Math.max(0, wallMs - (waitAfterNs - waitBeforeNs) / 1e6)
}
