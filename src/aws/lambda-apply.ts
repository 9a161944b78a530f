import { UpdateAliasCommand, type LambdaClient } from '@aws-sdk/client-lambda'
import type { ApplyLambdaPort } from '../core/sweep/apply.js'
import { ConcurrentChangeError } from '../core/sweep/port.js'
import { toUserError } from './errors.js'
import { canaryLambdaPort } from './lambda-alias.js'

/** The sweep's and the canary's Lambda calls, and UpdateAlias of the alias's version (what `sweep --apply` moves). */
export function applyLambdaPort(client: LambdaClient, endpoint?: string): ApplyLambdaPort {
  return {
    ...canaryLambdaPort(client, endpoint),
    moveAlias: async (i) => {
      try {
        await client.send(new UpdateAliasCommand({ FunctionName: i.functionName, Name: i.name, FunctionVersion: i.version, ...(i.revisionId ? { RevisionId: i.revisionId } : {}) }))
      } catch (err) {
        if ((err as { name?: string }).name === 'PreconditionFailedException') {
          throw new ConcurrentChangeError(`moving alias ${i.name}: the alias was changed by someone else (its RevisionId no longer matches)`)
        }
        throw toUserError(err, `moving alias ${i.name} to version ${i.version}`, endpoint)
      }
    },
  }
}
