import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExecutionEngine, FunctionSnapshot, InvokeRequest } from '../types.js'
import type { Faults } from './faults.js'

/**
 * Handler faults: a share of invokes whose runtime process crashes (SIGKILL mid-invoke) or hangs past the function's
 * timeout. The faulting invoke runs real code in a real process of the engine, with the function's memory, timeout
 * and environment: only its handler is swapped for one that crashes or hangs, in an environment of its own, so the
 * engine's own crash and timeout handling (Runtime.ExitError, Sandbox.Timedout, REPORT, metrics) is what answers.
 */
export type HandlerFault = 'crash' | 'hang'

const CODE: Record<HandlerFault, Record<string, string>> = {
  crash: {
    'fault.mjs': "export const handler = async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => setInterval(() => {}, 1000)) }\n",
    'fault.py': 'import os, signal, time\n\ndef handler(event, context):\n    os.kill(os.getpid(), signal.SIGKILL)\n    time.sleep(3600)\n',
  },
  hang: {
    'fault.mjs': 'export const handler = async () => { await new Promise(() => setInterval(() => {}, 1000)) }\n',
    'fault.py': 'import time\n\ndef handler(event, context):\n    time.sleep(10 ** 6)\n',
  },
}

/** Writes the fault handlers under `dir` (the emulator's private data folder). */
export async function writeFaultHandlers(dir: string): Promise<void> {
  for (const [kind, files] of Object.entries(CODE)) {
    await mkdir(join(dir, kind), { recursive: true })
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, kind, name), text)
  }
}

function faultHandler(runtime: FunctionSnapshot['runtime']): string | undefined {
  if (runtime.startsWith('nodejs')) return 'fault.handler'
  if (runtime.startsWith('python')) return 'fault.handler'
  return undefined // custom runtimes bring their own bootstrap: no fault is injected there
}

/** The engine as the Invoker sees it: a share of invokes (faults.crashRate, faults.hangRate; live) crash or hang. */
export function withHandlerFaults(engine: ExecutionEngine, faults: Faults, random: () => number, dir: string): ExecutionEngine {
  const invoke = (req: InvokeRequest) => {
    const r = faults.crashRate > 0 || faults.hangRate > 0 ? random() : 1
    const kind: HandlerFault | undefined = r < faults.crashRate ? 'crash' : r < faults.crashRate + faults.hangRate ? 'hang' : undefined
    const handler = kind ? faultHandler(req.snapshot.runtime) : undefined
    if (!kind || !handler) return engine.invoke(req)
    const snapshot: FunctionSnapshot = { ...req.snapshot, codeDir: join(dir, kind), handler, revisionKey: `${req.snapshot.revisionKey}#fault-${kind}` }
    return engine.invoke({ ...req, snapshot })
  }
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === 'invoke') return invoke
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
