import { execFile } from 'node:child_process'
import type { ExecutionEngine, FunctionSnapshot } from './types.js'

/**
 * The emulator runs a function on what the host has: nodejs22.x on the host's Node.js, python3.12 on its python3,
 * arm64 code on an x86_64 machine. Mostly that is fine, but a measurement (or a native module) can differ, so the
 * first invoke of such a function says so, once.
 */
export function withHostWarnings(engine: ExecutionEngine, warn: (message: string) => void, python = 'python3'): ExecutionEngine {
  const warned = new Set<string>()
  let pythonVersion: Promise<string | undefined> | undefined
  const check = async (snapshot: FunctionSnapshot) => {
    const key = `${snapshot.functionName}\n${snapshot.runtime}\n${snapshot.architecture}`
    if (warned.has(key)) return
    warned.add(key)
    const gaps: string[] = []
    const node = /^nodejs(\d+)\.x$/.exec(snapshot.runtime)
    if (node && node[1] !== process.versions.node.split('.')[0]) gaps.push(`${snapshot.runtime} runs on the host's Node.js ${process.versions.node}`)
    const py = /^python(3\.\d+)$/.exec(snapshot.runtime)
    if (py) {
      const host = await (pythonVersion ??= hostPython(python))
      if (host && host !== py[1]) gaps.push(`${snapshot.runtime} runs on the host's Python ${host}`)
    }
    const hostArch = process.arch === 'arm64' ? 'arm64' : process.arch === 'x64' ? 'x86_64' : process.arch
    if (snapshot.architecture !== hostArch) gaps.push(`${snapshot.architecture} code runs on this ${hostArch} host (native modules built for ${snapshot.architecture} will not load)`)
    if (gaps.length) warn(`${snapshot.functionName}: ${gaps.join('; ')}; its measurements may differ from Lambda's`)
  }
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === 'invoke') return async (req: Parameters<ExecutionEngine['invoke']>[0]) => (await check(req.snapshot), target.invoke(req))
      if (prop === 'provision') return async (snapshot: FunctionSnapshot, count: number) => (await check(snapshot), target.provision(snapshot, count))
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

function hostPython(python: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { timeout: 10_000 }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined)
    })
  })
}
