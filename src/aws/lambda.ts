import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
  paginateListAliases,
  paginateListVersionsByFunction,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda'
import { setTimeout as sleep } from 'node:timers/promises'
import { ConcurrentChangeError, type AliasRef, type FunctionConfig, type InvokeResult, type LambdaPort } from '../core/sweep/port.js'
import { toUserError } from './errors.js'

const CONTROL_PLANE_RETRIES = 6

function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e.name === 'TooManyRequestsException' || e.name === 'ServiceException' || (e.$metadata?.httpStatusCode ?? 0) >= 500
}

// Updates often finish within a second: poll after 0.1 s at first (backing off to 5 s) rather than the SDK's 1 s.
export const WAITER = { minDelay: 0.1, maxDelay: 5, maxWaitTime: 300 }

/**
 * One control-plane call: throttles and server errors are retried here too, beyond the SDK's own attempts; a
 * RevisionId that no longer matches is someone else's change; anything else becomes a one-line UserError.
 */
export async function controlPlaneCall<T>(what: string, fn: () => Promise<T>, endpoint?: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      const name = (err as { name?: string }).name
      if (name === 'PreconditionFailedException') {
        throw new ConcurrentChangeError(`${what}: the function was changed by someone else (its RevisionId no longer matches)`)
      }
      if (isRetryable(err) && attempt < CONTROL_PLANE_RETRIES) {
        await sleep(Math.min(3000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2))
        continue
      }
      throw toUserError(err, what, endpoint)
    }
  }
}

/** The sweep's Lambda calls over the SDK, one line each; SDK errors become one-line UserErrors. */
export function lambdaPort(client: LambdaClient, endpoint?: string): LambdaPort {
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => controlPlaneCall(what, fn, endpoint)
  const gone = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn()
    } catch (err) {
      // Deleting what is already gone (e.g. a retried delete that had succeeded) is done.
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err
    }
  }
  const config = (c: object): FunctionConfig => {
    const { $metadata: _ignored, ...rest } = c as { $metadata?: unknown }
    return rest as FunctionConfig
  }
  return {
    getFunctionConfiguration: (name, qualifier) =>
      call(`reading function ${name}${qualifier ? `:${qualifier}` : ''}`, async () =>
        config(await client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier })))),
    updateFunctionConfiguration: (i) =>
      call(`updating function ${i.functionName}`, async () =>
        config(await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: i.functionName, MemorySize: i.memorySize, Description: i.description, RevisionId: i.revisionId })))),
    waitUntilUpdated: (name) =>
      call(`waiting for function ${name} to finish updating`, async () => {
        await waitUntilFunctionUpdatedV2({ client, ...WAITER }, { FunctionName: name })
      }),
    publishVersion: (i) =>
      call(`publishing a version of ${i.functionName}`, async () =>
        config(await client.send(new PublishVersionCommand({ FunctionName: i.functionName, Description: i.description, RevisionId: i.revisionId, CodeSha256: i.codeSha256 })))),
    waitUntilVersionActive: (name, version) =>
      call(`waiting for version ${version} of ${name}`, async () => {
        await waitUntilPublishedVersionActive({ client, ...WAITER }, { FunctionName: name, Qualifier: version })
      }),
    createAlias: (i) =>
      call(`creating alias ${i.name}`, async () => {
        await client.send(new CreateAliasCommand({ FunctionName: i.functionName, Name: i.name, FunctionVersion: i.version, Description: i.description }))
      }),
    deleteAlias: (name, alias) =>
      call(`deleting alias ${alias}`, async () => {
        await gone(async () => void (await client.send(new DeleteAliasCommand({ FunctionName: name, Name: alias }))))
      }),
    deleteVersion: (name, version) =>
      call(`deleting version ${version} of ${name}`, async () => {
        if (!/^\d+$/.test(version)) throw new Error(`refusing to delete "${version}": not a published version number`)
        await gone(async () => void (await client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: version }))))
      }),
    listAliases: (name) =>
      call(`listing aliases of ${name}`, async () => {
        const out: AliasRef[] = []
        for await (const page of paginateListAliases({ client }, { FunctionName: name })) {
          for (const a of page.Aliases ?? []) out.push({ name: a.Name ?? '', version: a.FunctionVersion ?? '' })
        }
        return out
      }),
    listVersions: (name) =>
      call(`listing versions of ${name}`, async () => {
        const out: FunctionConfig[] = []
        for await (const page of paginateListVersionsByFunction({ client }, { FunctionName: name })) {
          for (const v of page.Versions ?? []) out.push(v as FunctionConfig)
        }
        return out
      }),
    invoke: (i) =>
      call(`invoking ${i.functionName}:${i.qualifier}`, async (): Promise<InvokeResult> => {
        try {
          const r = await client.send(
            new InvokeCommand({ FunctionName: i.functionName, Qualifier: i.qualifier, LogType: 'Tail', Payload: new TextEncoder().encode(i.payload) }),
            i.signal ? { abortSignal: i.signal } : {},
          )
          return {
            throttled: false,
            statusCode: r.StatusCode ?? 0,
            ...(r.FunctionError ? { functionError: r.FunctionError } : {}),
            ...(r.LogResult ? { logResult: r.LogResult } : {}),
            payload: r.Payload ? new TextDecoder().decode(r.Payload) : '',
            ...(r.ExecutedVersion ? { executedVersion: r.ExecutedVersion } : {}),
            ...(r.$metadata.requestId ? { requestId: r.$metadata.requestId } : {}),
            attempts: r.$metadata.attempts ?? 1,
          }
        } catch (err) {
          const e = err as { name?: string; Reason?: string; $metadata?: { attempts?: number } }
          // A throttle (or a 5xx before the function ran) is handed back for the sweep to back off, retry and count.
          if (isRetryable(err)) {
            return { throttled: true, attempts: e.$metadata?.attempts ?? 1, reason: e.Reason ?? e.name ?? 'ServiceException' }
          }
          throw err
        }
      }),
  }
}
