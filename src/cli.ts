/**
 * The CLI's entry: every command by id, for oclif's explicit command discovery, and oclif's `execute`.
 * scripts/bundle.js bundles this file with oclif into dist/bundle, which bin/run.js loads: one file to read
 * and compile instead of oclif's hundred-odd CommonJS modules, the largest share of a command's start-up time.
 */
import canary from './commands/canary.js'
import compare from './commands/compare.js'
import cost from './commands/cost.js'
import emulator from './commands/emulator.js'
import help from './commands/help.js'
import iamPolicy from './commands/iam-policy.js'
import recommend from './commands/recommend.js'
import report from './commands/report.js'
import restore from './commands/restore.js'
import sweep from './commands/sweep.js'

export { execute } from '@oclif/core/execute'

export const COMMANDS = { canary, compare, cost, emulator, help, 'iam-policy': iamPolicy, recommend, report, restore, sweep }
