import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The runtime main thread's clocks at one moment, ns: its time on a CPU, and the host's wait (see hostClock). */
export interface ThreadClock {
  cpuNs: number
  waitNs: number
}

/**
 * Lambda gives an environment its CPU share whatever else runs on the host; a busy emulator host cannot. The time the
 * runtime's main thread was runnable but waited for a CPU the host did not have is the host's, not the function's,
 * so it is left out of Duration: the thread's run-queue wait (the second field of /proc/<pid>/schedstat, ns) less the
 * time its CPU group was throttled by its quota (cpu.stat throttled_time, ns), which is the share itself and stays in
 * Duration. (A process frozen by SIGSTOP is off the run queue, so without cgroups the wait is all the host's.)
 * Without this, another process on the host stretches the durations of the largest memory sizes most (their share is
 * the hardest to get), and a CPU-bound function's cost seems to grow with memory. The first field, the thread's time
 * on a CPU, bounds Duration from below (busyDurationMs).
 */
export function hostClock(pid: number | undefined, quotaFile: string | undefined): ThreadClock | undefined {
  if (!pid) return undefined
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number)
    if (!Number.isFinite(cpu) || !Number.isFinite(wait)) return undefined
    if (!quotaFile) return { cpuNs: cpu!, waitNs: wait! }
    const stat = readFileSync(path.join(path.dirname(quotaFile), 'cpu.stat'), 'utf8')
    const throttled = Number(/^throttled_time (\d+)$/m.exec(stat)?.[1])
    return Number.isFinite(throttled) ? { cpuNs: cpu!, waitNs: wait! - throttled } : undefined
  } catch {
    return undefined
  }
}

/**
 * Wall time less the host's wait in between (never below zero); the wall time where the clocks are unknown. Never less
 * than the main thread's CPU time over its share (cores): the kernel enforces a CFS quota only at scheduler ticks and
 * each invoke starts with a fresh quota, so a short CPU-bound invoke at a small share ran up to a tick past its quota
 * (1,024 MB measured 15-20% faster than its share allows, 128 MB about as much); Lambda's share holds, so Duration is
 * what the share gives. A thread that ran no faster than its share is unaffected, as is one at a share of a core or more.
 */
export function busyDurationMs(wallMs: number, before: ThreadClock | undefined, after: ThreadClock | undefined, shareCores = 0): number {
  if (before === undefined || after === undefined || after.waitNs < before.waitNs || after.cpuNs < before.cpuNs) return wallMs
  const busy = Math.max(0, wallMs - (after.waitNs - before.waitNs) / 1e6)
  return shareCores > 0 ? Math.max(busy, (after.cpuNs - before.cpuNs) / 1e6 / shareCores) : busy
}
