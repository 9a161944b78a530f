import type { ExecutionEngine } from '../types.js'
import { LocalEngine, type EngineOptions } from './engine.js'

export { HOST_RESERVE_CORES, LocalEngine, MB_PER_VCPU, type EngineOptions, type EngineStatus } from './engine.js'
export { billed } from './outcome.js'
export { isSupportedRuntime } from './runtimes.js'

/** The execution engine of the emulator: real runtime processes behind the Lambda Runtime API. */
export function createEngine(options?: EngineOptions): ExecutionEngine & LocalEngine {
  return new LocalEngine(options)
}
