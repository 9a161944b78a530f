/**
 * Exit codes are part of the CLI contract (documented in the README):
 * 0 success, 1 a CI gate failed, 2 usage error (bad flag or value), 3 AWS or target error
 * (unknown function, missing credentials, unreachable endpoint), 4 the run failed or was interrupted.
 */
export const ExitCode = {
  ok: 0,
  gateFailed: 1,
  usage: 2,
  aws: 3,
  runFailed: 4,
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** Something the user must act on: shown as one line on stderr, never with a stack. */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.usage) {
    super(message)
    this.name = 'UserError'
    this.exitCode = exitCode
  }
}

/** A bad flag or value: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.usage)
    this.name = 'UsageError'
  }
}
