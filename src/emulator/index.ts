/** The public face of the local Lambda + CloudWatch emulator: start it, read its endpoint, stop it. */
export interface EmulatorOptions {
  /** 0 picks a free port */
  port?: number
  host?: '127.0.0.1'
  /** folder of function folders to load; default: the bundled fixtures/functions */
  functionsDir?: string
  region?: string
}

export interface RunningEmulator {
  readonly endpoint: string
  readonly port: number
  stop(): Promise<void>
}

export async function startEmulator(_options: EmulatorOptions = {}): Promise<RunningEmulator> {
  throw new Error('emulator: under construction (issue 3)')
}
