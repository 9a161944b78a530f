import { mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * cgroup v1 groups for one engine: /sys/fs/cgroup/<controller>/lambda-tune/<engineId>/<envId>.
 * A group per environment holds its CPU quota (cpu.cfs_quota_us over cpu.cfs_period_us) and memory limit
 * (memory.limit_in_bytes); the runtime process joins its groups before its first instruction (see wrapCommand).
 */
export interface CgroupSupport {
  cpu: boolean
  memory: boolean
}

const PARENT = 'lambda-tune'
/** cpu.shares of the parent group: 4 times a plain process (1,024). Higher weights starved the engine itself of CPU
 * when many small environments ran (no-op throughput at 128 MB fell from 2,500 to 1,600 invokes/s at 16,384) */
const GROUP_WEIGHT = 4 * 1024

export class Cgroups {
  private constructor(
    private readonly root: string,
    private readonly engineId: string,
    readonly support: CgroupSupport,
  ) {}

  /** creates this engine's parent groups where the controllers are writable; support says which ones worked */
  static async open(root: string, engineId: string, want: CgroupSupport): Promise<Cgroups> {
    const support: CgroupSupport = { cpu: false, memory: false }
    for (const controller of ['cpu', 'memory'] as const) {
      if (!want[controller]) continue
      const dir = path.join(root, controller, PARENT, engineId)
      try {
        await removeStale(path.join(root, controller, PARENT))
        await mkdir(dir, { recursive: true })
        const probe = controller === 'cpu' ? 'cpu.cfs_quota_us' : 'memory.limit_in_bytes'
        await readFile(path.join(dir, probe), 'utf8')
        // all environments sit in one group that competes with every other process on the host as if it were one
        // process: its weight lets the running environments get their admitted shares on a busy host (the quotas
        // and admission control still cap them at maxCores)
        if (controller === 'cpu') await writeFile(path.join(root, 'cpu', PARENT, 'cpu.shares'), String(GROUP_WEIGHT)).catch(() => undefined)
        support[controller] = true
      } catch {
        support[controller] = false
      }
    }
    return new Cgroups(root, engineId, support)
  }

  dir(controller: 'cpu' | 'memory', envId: string): string {
    return path.join(this.root, controller, PARENT, this.engineId, envId)
  }

  /** creates the environment's groups; returns the cgroup.procs files the process must join */
  async create(envId: string, cpuCores: number, periodUs: number, memoryBytes: number): Promise<string[]> {
    const procs: string[] = []
    if (this.support.cpu) {
      const dir = this.dir('cpu', envId)
      await mkdir(dir)
      await writeFile(path.join(dir, 'cpu.cfs_period_us'), String(periodUs))
      await writeFile(path.join(dir, 'cpu.cfs_quota_us'), quotaUs(cpuCores, periodUs))
      procs.push(path.join(dir, 'cgroup.procs'))
    }
    if (this.support.memory) {
      const dir = this.dir('memory', envId)
      await mkdir(dir)
      await writeFile(path.join(dir, 'memory.limit_in_bytes'), String(memoryBytes))
      procs.push(path.join(dir, 'cgroup.procs'))
    }
    return procs
  }

  /** the file whose rewrite refills the environment's CPU quota (see Environment.refillQuota) */
  quotaFile(envId: string): string | undefined {
    return this.support.cpu ? path.join(this.dir('cpu', envId), 'cpu.cfs_quota_us') : undefined
  }

  /** true when the kernel's OOM killer fired in the environment's memory group */
  async oomKilled(envId: string): Promise<boolean> {
    if (!this.support.memory) return false
    try {
      const text = await readFile(path.join(this.dir('memory', envId), 'memory.oom_control'), 'utf8')
      const m = /oom_kill (\d+)/.exec(text)
      return m !== null && Number(m[1]) > 0
    } catch {
      return false
    }
  }

  async remove(envId: string): Promise<void> {
    for (const controller of ['cpu', 'memory'] as const) {
      if (this.support[controller]) await removeGroup(this.dir(controller, envId))
    }
  }

  async close(): Promise<void> {
    for (const controller of ['cpu', 'memory'] as const) {
      if (!this.support[controller]) continue
      const dir = path.join(this.root, controller, PARENT, this.engineId)
      let children: string[] = []
      try {
        children = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)
      } catch {
        continue
      }
      for (const child of children) await removeGroup(path.join(dir, child))
      await removeGroup(dir)
    }
  }
}

/**
 * Below the scheduler's bandwidth slice (sched_cfs_bandwidth_slice_us, 5 ms by default) quotas are handed out in
 * pieces larger than themselves and throttling turns coarse: seen here as 3,008 MB running slower than 1,769 MB.
 */
const MIN_PERIOD_US = 5000

/**
 * The CFS period of one environment: the shortest that still gives its quota the kernel's 1 ms minimum, never below
 * MIN_PERIOD_US nor above `maxPeriodUs`. Every invoke starts with a full quota, which is worth up to one period of
 * extra CPU: a short period keeps that bonus small beside a Duration (at 1,024 MB a 20 ms period made a 50 ms job
 * measure about 37 ms), while 128 MB still gets its 1 ms quota.
 */
export function periodFor(cpuCores: number, maxPeriodUs: number): number {
  if (cpuCores <= 0) return maxPeriodUs
  return Math.round(Math.min(maxPeriodUs, Math.max(MIN_PERIOD_US, 1000 / cpuCores)))
}

export function quotaUs(cpuCores: number, periodUs: number): string {
  return String(Math.max(1000, Math.round(cpuCores * periodUs)))
}

/** The shell line that puts a process in its groups, then becomes the runtime (exec keeps the pid). */
export function wrapCommand(procsFiles: string[], command: string, args: string[]): { command: string; args: string[] } {
  if (procsFiles.length === 0) return { command, args }
  const joins = procsFiles.map((f) => `echo $$ > '${f}'`).join(' && ')
  return { command: '/bin/sh', args: ['-c', `${joins} && exec "$0" "$@"`, command, ...args] }
}

/** rmdir of a cgroup fails with EBUSY for a moment after its last process exits: retry briefly */
async function removeGroup(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await rmdir(dir)
      return
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return
      if (code !== 'EBUSY') return
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** groups left by engines whose process is gone (a crash, a kill -9) */
async function removeStale(parent: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(parent)
  } catch {
    return
  }
  for (const name of entries) {
    const pid = Number(/^e(\d+)-/.exec(name)?.[1])
    if (!pid || isAlive(pid)) continue
    const dir = path.join(parent, name)
    try {
      const children = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory())
      for (const child of children) {
        // runtimes orphaned by that engine: frozen ones never notice their Runtime API is gone
        const procs = await readFile(path.join(dir, child.name, 'cgroup.procs'), 'utf8').catch(() => '')
        for (const p of procs.split('\n').filter(Boolean)) {
          try {
            process.kill(Number(p), 'SIGKILL')
          } catch {
            // already gone
          }
        }
        await removeGroup(path.join(dir, child.name))
      }
      await removeGroup(dir)
    } catch {
      // another engine may be cleaning the same folder
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
