import { GetAliasCommand, UpdateAliasCommand, type AliasConfiguration, type LambdaClient } from '@aws-sdk/client-lambda'
import { setTimeout as sleep } from 'node:timers/promises'
import type { AliasConfig, CanaryLambdaPort } from '../core/canary/port.js'
import { ConcurrentChangeError } from '../core/sweep/port.js'
import { toUserError } from './errors.js'
import { lambdaPort } from './lambda.js'

const RETRIES = 6

/** The sweep's Lambda calls plus the alias calls of a canary (GetAlias, UpdateAlias with RoutingConfig only). */
export function canaryLambdaPort(client: LambdaClient, endpoint?: string): CanaryLambdaPort {
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn()
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
        if (e.name === 'PreconditionFailedException') {
          throw new ConcurrentChangeError(`${what}: the alias was changed by someone else (its RevisionId no longer matches)`)
        }
        const retryable = e.name === 'TooManyRequestsException' || e.name === 'ServiceException' || (e.$metadata?.httpStatusCode ?? 0) >= 500
        if (retryable && attempt < RETRIES) {
          await sleep(Math.min(3000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2))
          continue
        }
        throw toUserError(err, what, endpoint)
      }
    }
  }
  return {
    ...lambdaPort(client, endpoint),
    getAlias: (functionName, name) =>
      call(`reading alias ${name}`, async () => aliasConfig(await client.send(new GetAliasCommand({ FunctionName: functionName, Name: name })))),
    setAliasRouting: (i) =>
      call(`routing alias ${i.name}`, async () =>
        aliasConfig(
          await client.send(
            new UpdateAliasCommand({ FunctionName: i.functionName, Name: i.name, RoutingConfig: { AdditionalVersionWeights: i.weights }, RevisionId: i.revisionId }),
          ),
        )),
  }
}

/** An alias without weighted routing reads as `weights: {}`, whether AWS leaves RoutingConfig out or sends it empty. */
function aliasConfig(a: AliasConfiguration): AliasConfig {
  return {
    name: a.Name ?? '',
    functionVersion: a.FunctionVersion ?? '',
    description: a.Description ?? '',
    weights: { ...(a.RoutingConfig?.AdditionalVersionWeights ?? {}) },
    ...(a.RevisionId ? { revisionId: a.RevisionId } : {}),
  }
}
