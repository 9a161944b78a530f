import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetLayerVersionByArnCommand,
  waitUntilFunctionActiveV2,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { ExitCode, UserError } from '../core/errors.js'
import type { CopyPort } from '../core/sweep/arch-port.js'
import type { FunctionConfig } from '../core/sweep/port.js'
import { controlPlaneCall, WAITER } from './lambda.js'

/** Only a run's copy is ever deleted whole: `lambda-tune-<8 hex>-...` (see copyName). */
const COPY_NAME = /^lambda-tune-[0-9a-f]{8}-[a-zA-Z0-9_-]+$/

/** The calls that make and remove a temporary copy of a function (another architecture), over the SDK. */
export function copyLambdaPort(client: LambdaClient, endpoint?: string): CopyPort {
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => controlPlaneCall(what, fn, endpoint)
  return {
    getFunction: (name) =>
      call(`reading function ${name}`, async () => {
        let r
        try {
          r = await client.send(new GetFunctionCommand({ FunctionName: name }))
        } catch (err) {
          if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined
          throw err
        }
        const { $metadata: _m, ...config } = (r.Configuration ?? {}) as FunctionConfig & { $metadata?: unknown }
        return {
          config,
          ...(r.Code?.Location ? { codeLocation: r.Code.Location } : {}),
          ...(r.Code?.ImageUri ? { imageUri: r.Code.ImageUri } : {}),
          tags: { ...(r.Tags ?? {}) },
        }
      }),
    getLayerVersion: (arn) =>
      call(`reading layer ${arn}`, async () => {
        const r = await client.send(new GetLayerVersionByArnCommand({ Arn: arn }))
        return { arn, compatibleArchitectures: [...(r.CompatibleArchitectures ?? [])] }
      }),
    downloadCode: async (location) => {
      let response: Response
      try {
        response = await fetch(location)
      } catch (err) {
        throw new UserError(`could not download the function's code from its Code.Location: ${(err as Error).message}`, ExitCode.aws)
      }
      if (!response.ok) {
        throw new UserError(`could not download the function's code from its Code.Location: HTTP ${response.status} ${response.statusText}`, ExitCode.aws)
      }
      return new Uint8Array(await response.arrayBuffer())
    },
    createFunction: (request, code) =>
      call(`creating ${request.FunctionName}`, async () => {
        const input = { ...request, Code: code } as CreateFunctionCommandInput
        const { $metadata: _m, ...config } = await client.send(new CreateFunctionCommand(input))
        return config as FunctionConfig
      }),
    waitUntilActive: (name) =>
      call(`waiting for ${name} to become active`, async () => {
        await waitUntilFunctionActiveV2({ client, ...WAITER }, { FunctionName: name })
      }),
    deleteCopy: (name) =>
      call(`deleting ${name}`, async () => {
        if (!COPY_NAME.test(name)) throw new Error(`refusing to delete function "${name}": not a lambda-tune copy`)
        try {
          await client.send(new DeleteFunctionCommand({ FunctionName: name }))
        } catch (err) {
          // a copy already gone is deleted
          if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err
        }
      }),
  }
}
