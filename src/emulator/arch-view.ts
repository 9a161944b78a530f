import { createHash } from 'node:crypto'
import { cp, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExecutionEngine, FunctionSnapshot } from './types.js'

/** e_machine of the two Lambda architectures (ELF header, offset 18). */
const MACHINE = { x86_64: 0x3e, arm64: 0xb7 } as const
const HOST: 'x86_64' | 'arm64' | undefined = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'arm64' : undefined

/**
 * The emulator runs every function on the host's CPU, whatever architecture it declares. Plain JavaScript or Python
 * runs alike, but native code would not: an executable or a shared library (a Node.js addon, a Python extension) built
 * for the host's architecture runs here, where on Lambda a function of the other architecture fails to load it. So a
 * function that declares another architecture than the host's runs on a view of its code (and layers) in which every
 * ELF file built for the host is marked as built for the declared architecture: the kernel and the dynamic loader then
 * refuse it exactly as Lambda's would ("Exec format error", a wrong-machine shared object). Code with no such file runs
 * from where it lies.
 */
export function withArchitectureViews(engine: ExecutionEngine, viewsDir: string): ExecutionEngine {
  const views = new Map<string, Promise<string>>()
  const view = (dir: string, arch: 'x86_64' | 'arm64'): Promise<string> => {
    const key = `${arch}\n${dir}`
    let made = views.get(key)
    if (!made) {
      made = foreignView(dir, arch, join(viewsDir, createHash('sha256').update(key).digest('hex').slice(0, 16)))
      views.set(key, made)
    }
    return made
  }
  const adapt = async (snapshot: FunctionSnapshot): Promise<FunctionSnapshot> => {
    if (!HOST || snapshot.architecture === HOST || !snapshot.codeDir) return snapshot
    const codeDir = await view(snapshot.codeDir, snapshot.architecture)
    const layerDirs = snapshot.layerDirs ? await Promise.all(snapshot.layerDirs.map((d) => view(d, snapshot.architecture))) : undefined
    if (codeDir === snapshot.codeDir && (layerDirs ?? []).every((d, i) => d === snapshot.layerDirs![i])) return snapshot
    return { ...snapshot, codeDir, ...(layerDirs ? { layerDirs } : {}) }
  }
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === 'invoke') return async (req: Parameters<ExecutionEngine['invoke']>[0]) => target.invoke({ ...req, snapshot: await adapt(req.snapshot) })
      if (prop === 'provision') return async (snapshot: FunctionSnapshot, count: number) => target.provision(await adapt(snapshot), count)
      if (prop === 'deprovision') return async (snapshot: FunctionSnapshot) => target.deprovision(await adapt(snapshot))
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

/** `dir` itself when it holds no ELF file built for the host; otherwise a copy at `to` with those files re-marked. */
async function foreignView(dir: string, arch: 'x86_64' | 'arm64', to: string): Promise<string> {
  const hostElf = (await elfFiles(dir)).filter((f) => f.machine === MACHINE[HOST!])
  if (hostElf.length === 0) return dir
  await cp(dir, to, { recursive: true, preserveTimestamps: true })
  for (const f of hostElf) {
    const handle = await open(join(to, f.path), 'r+')
    try {
      const field = Buffer.alloc(2)
      field.writeUInt16LE(MACHINE[arch])
      await handle.write(field, 0, 2, 18)
    } finally {
      await handle.close()
    }
  }
  return to
}

/** Little-endian ELF files under `dir` (relative paths) and their e_machine. */
export async function elfFiles(dir: string): Promise<Array<{ path: string; machine: number }>> {
  const out: Array<{ path: string; machine: number }> = []
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) {
        const handle = await open(join(dir, path), 'r')
        try {
          const head = Buffer.alloc(20)
          const { bytesRead } = await handle.read(head, 0, 20, 0)
          // \x7fELF, little-endian (EI_DATA 1): both Lambda architectures
          if (bytesRead === 20 && head.readUInt32BE(0) === 0x7f454c46 && head[5] === 1) out.push({ path, machine: head.readUInt16LE(18) })
        } finally {
          await handle.close()
        }
      }
    }
  }
  await walk('')
  return out
}
