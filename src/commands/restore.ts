import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { ExitCode } from '../core/errors.js'
import { awsFlags, outputFlags } from '../flags.js'
import { renderRestoreMarkdown, renderRestoreText } from '../render/restore.js'
import { restoreRuns, type RestoreResult } from '../sweep/restore.js'

export default class RestoreCommand extends BaseCommand {
  static override summary = 'Finish sweeps and canaries that did not end: restore the function and delete their aliases and versions'
  static override description =
    'A sweep keeps a journal (in ~/.lambda-tune/runs, or LAMBDA_TUNE_STATE_DIR) until it has restored the function and ' +
    "deleted what it created. If it was killed, this finishes its work: $LATEST gets its original MemorySize and Description back " +
    "if it still carries the run's change (otherwise it is left as someone else set it, and the output says so), and the " +
    "run's aliases and versions are deleted; a canary's alias gets its routing as found back first, if it still carries the " +
    "run's routing. Only runs against the same endpoint and region are considered."
  static override examples = [
    '<%= config.bin %> restore my-fn',
    '<%= config.bin %> restore --region eu-west-1 --json',
    '<%= config.bin %> restore my-fn --undo-apply 4c64d8ff (put back the memory or alias a `sweep --apply` set)',
  ]
  static override enableJsonFlag = true
  static override args = { function: Args.string({ description: 'function name or ARN (default: every function with an unfinished run)' }) }
  static override flags = {
    'undo-apply': Flags.string({ description: 'put back what `sweep --apply` of this run id set (the memory, or the alias\'s version), where nobody changed it since' }),
    ...awsFlags,
    ...outputFlags,
  }

  async run(): Promise<RestoreResult & JsonStamp> {
    const { args, flags } = await this.parse(RestoreCommand)
    const result = this.stamp('restore', await restoreRuns({
      ...(args.function !== undefined ? { function: args.function } : {}),
      ...(flags['undo-apply'] !== undefined ? { undoApply: flags['undo-apply'] } : {}),
      target: { region: flags.region, profile: flags.profile, endpointUrl: flags['endpoint-url'], local: flags.local },
    }))
    const json = flags.format === 'json' || this.jsonEnabled()
    await this.emit(result, flags, { md: () => renderRestoreMarkdown(result, args.function), table: () => renderRestoreText(result, args.function) })
    if (result.runs.some((r) => !r.finished) || result.undone.some((u) => !u.finished)) {
      process.exitCode = ExitCode.runFailed
      if (!json) process.stderr.write('Error: some runs could not be finished (see above); their journals are kept, run restore again\n')
    }
    return result
  }
}
