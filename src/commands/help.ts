import * as Args from '@oclif/core/args'
import { loadHelpClass } from '@oclif/core/help'
import { BaseCommand } from '../base-command.js'
import { UsageError } from '../core/errors.js'

/** `lambda-tune help [command]`: the same help as `--help` and `-h`, as most command-line tools take it. */
export default class HelpCommand extends BaseCommand {
  static override summary = 'Show help for lambda-tune or one of its commands'
  static override hidden = true
  static override strict = false
  static override args = { command: Args.string({ description: 'the command to explain' }) }

  async run(): Promise<void> {
    const { argv } = await this.parse(HelpCommand)
    const subject = (argv as string[]).filter((a) => !a.startsWith('-'))
    if (subject[0] !== undefined && !this.config.findCommand(subject[0])) {
      throw new UsageError(`no command "${subject[0]}": the commands are ${this.config.commandIDs.filter((id) => id !== 'help').sort().join(', ')}`)
    }
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, this.config.pjson.oclif.helpOptions ?? this.config.pjson.helpOptions).showHelp(subject)
  }
}
