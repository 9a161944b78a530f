/**
 * Faults the emulator injects into its Lambda API so that clients can be tested against a misbehaving AWS.
 * The object is live: tests and `lambda-tune emulator` flags change it while the emulator runs.
 */
export interface Faults {
  /** share (0..1) of Lambda API calls answered 429 TooManyRequestsException */
  throttleRate: number
  /** share (0..1) of Lambda API calls answered 500 ServiceException */
  errorRate: number
  /** added before every Lambda API response */
  latencyMs: number
  /** how long a new function or version stays Pending and an update InProgress */
  updateDelayMs: number
  /** seed of the generator that picks which calls fail, so a faulty run can be replayed */
  seed: number
  /** share (0..1) of invokes whose runtime process crashes (SIGKILL mid-invoke): Runtime.ExitError */
  crashRate: number
  /** share (0..1) of invokes whose handler hangs past the function's timeout: Sandbox.Timedout */
  hangRate: number
}

export const DEFAULT_UPDATE_DELAY_MS = 100

export function defaultFaults(overrides: Partial<Faults> = {}): Faults {
  return { throttleRate: 0, errorRate: 0, latencyMs: 0, updateDelayMs: DEFAULT_UPDATE_DELAY_MS, seed: 1, crashRate: 0, hangRate: 0, ...overrides }
}

