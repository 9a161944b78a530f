// Subpath imports keep start-up fast: @oclif/core's index loads every part of oclif.
import { writeFile } from 'node:fs/promises'
import { Command } from '@oclif/core/command'
import * as Errors from '@oclif/core/errors'
import { ExitCode, UserError } from './core/errors.js'
import { parseErrorLine } from './parse-errors.js'

/** What every command's JSON carries beside its own fields, so that a dashboard knows what it reads and when it was made. */
export interface JsonStamp {
  /** the command that wrote it */
  kind: string
  /** lambda-tune's version */
  toolVersion: string
  /** ISO 8601 */
  generatedAt: string
}

/**
 * Every lambda-tune command extends this: errors become one line on stderr with a documented exit code;
 * the stack is shown only with DEBUG set.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (err instanceof Errors.ExitError) throw err
    const { message, code } = describeError(err, this.id)
    process.stderr.write(`Error: ${message}\n`)
    if (process.env.DEBUG && err.stack) process.stderr.write(`${err.stack}\n`)
    const exit = new Errors.ExitError(code)
    throw exit
  }

  /**
   * Prints the result in its format (JSON with --json or --format json) and writes --out in the format its file name
   * ends with (.json, .md, .html where the command draws a page), else in the printed one: `--format md --out run.json`
   * prints Markdown for a CI step summary and keeps the JSON. An HTML page is for a browser: when it goes to a file,
   * the terminal gets the table; `--format html` without --out prints the page (for a redirect).
   */
  protected async emit(
    result: unknown,
    flags: { format?: string; out?: string },
    render: { md: () => string; table: () => string; html?: () => string },
  ): Promise<void> {
    const printed = this.jsonEnabled() || flags.format === 'json' ? 'json' : flags.format === 'md' ? 'md' : flags.format === 'html' && render.html ? 'html' : 'table'
    const text = (format: string) =>
      format === 'json' ? JSON.stringify(result, null, 2) : format === 'md' ? render.md() : format === 'html' ? render.html!() : render.table()
    const written = flags.out
      ? /\.json$/i.test(flags.out) ? 'json' : /\.(md|markdown)$/i.test(flags.out) ? 'md' : /\.html?$/i.test(flags.out) && render.html ? 'html' : printed
      : undefined
    if (!this.jsonEnabled()) this.log(text(printed === 'html' && written === 'html' ? 'table' : printed))
    if (flags.out && written) {
      const body = text(written)
      await writeFile(flags.out, body.endsWith('\n') ? body : `${body}\n`)
    }
  }

  /** The result with the kind, version and time every command's JSON carries, first after schemaVersion. */
  protected stamp<T extends { schemaVersion: number }>(kind: string, result: T, now: Date = new Date()): T & JsonStamp {
    const { schemaVersion, ...rest } = result
    return { schemaVersion, kind, toolVersion: this.config.version, generatedAt: now.toISOString(), ...rest } as unknown as T & JsonStamp
  }
}

function describeError(err: Error & { exitCode?: number; oclif?: { exit?: number } }, command: string | undefined): { message: string; code: number } {
  // A UsageError thrown by a flag's own parser comes back wrapped by oclif ("Parsing --out ...").
  if (isUserError(err)) return { message: err.message.startsWith('Parsing --') ? parseErrorLine(err.message, undefined) : err.message, code: err.exitCode }
  // oclif's own parse errors (unknown flag, missing argument, bad option) are usage errors.
  if (err instanceof Errors.CLIError) {
    return { message: parseErrorLine(err.message, command), code: err.oclif?.exit === 1 ? ExitCode.usage : (err.oclif?.exit ?? ExitCode.usage) }
  }
  const details = process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'
  return { message: `unexpected failure: ${firstLine(err.message)}${details}`, code: ExitCode.runFailed }
}

/**
 * The emulator is loaded from dist/emulator, outside the CLI's bundle, with its own copy of src/core/errors.ts: a
 * UserError it throws (e.g. a missing --functions folder) is not an instance of the bundle's class, so it is known by name.
 */
function isUserError(err: Error & { exitCode?: number }): err is UserError {
  return err instanceof UserError || ((err.name === 'UserError' || err.name === 'UsageError') && typeof err.exitCode === 'number')
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
}
