/**
 * lambda-tune's library API: the same arithmetic the CLI uses, for dashboards and scripts.
 * Everything exported here is pure (no AWS calls, no console).
 */
export { ExitCode, UserError, UsageError } from './core/errors.js'
