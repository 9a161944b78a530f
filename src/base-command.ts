// Subpath imports keep start-up fast: @oclif/core's index loads every part of oclif.
import { Command } from '@oclif/core/command'
import * as Errors from '@oclif/core/errors'
import { ExitCode, UserError } from './core/errors.js'

/**
 * Every lambda-tune command extends this: errors become one line on stderr with a documented exit code;
 * the stack is shown only with DEBUG set.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const { message, code } = describeError(err)
    process.stderr.write(`Error: ${message}\n`)
    if (process.env.DEBUG && err.stack) process.stderr.write(`${err.stack}\n`)
    const exit = new Errors.ExitError(code)
    throw exit
  }
}

function describeError(err: Error & { exitCode?: number; oclif?: { exit?: number } }): { message: string; code: number } {
  if (err instanceof UserError) return { message: err.message, code: err.exitCode }
  // oclif's own parse errors (unknown flag, missing argument, bad option) are usage errors.
  if (err instanceof Errors.CLIError) {
    const text = firstLine(err.message.replace(/^Error:\s*/, ''))
    return { message: text, code: err.oclif?.exit === 1 ? ExitCode.usage : (err.oclif?.exit ?? ExitCode.usage) }
  }
  return { message: `unexpected failure: ${firstLine(err.message)} (set DEBUG=1 for details)`, code: ExitCode.runFailed }
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
}
