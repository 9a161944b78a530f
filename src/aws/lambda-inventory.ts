import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  type FunctionConfiguration,
  type LambdaClient,
} from '@aws-sdk/client-lambda'
import { ExitCode, UserError } from '../core/errors.js'
import type { Arch } from '../core/cost/price-types.js'
import type { FunctionInfo } from '../core/report/types.js'
import { toCallFailure, toUserError } from './errors.js'

/** Which functions a report covers: names, a name prefix, a tag, or every function in the region. */
export interface FunctionSelection {
  names?: string[]
  prefix?: string
  /** key=value */
  tag?: { key: string; value: string }
  all?: boolean
}

/**
 * Reads function configurations (never changes anything): the Lambda side of `report` and `recommend`. Selecting the
 * functions must succeed; the other reads throw a CallFailedError, which costs only their own figures.
 */
export interface LambdaInventory {
  select(selection: FunctionSelection): Promise<FunctionInfo[]>
  reservedConcurrency(name: string): Promise<number | null>
  /** provisioned concurrency allocated over all of the function's aliases and versions */
  provisionedConcurrency(name: string): Promise<number>
  accountConcurrencyLimit(): Promise<number | null>
  /** the architecture of each published version */
  architectures(name: string): Promise<Map<string, Arch>>
  readonly calls: { listFunctions: number; listTags: number; getFunctionConfiguration: number }
}

export function lambdaInventory(client: LambdaClient, endpoint?: string, parallel = 8): LambdaInventory {
  const calls = { listFunctions: 0, listTags: 0, getFunctionConfiguration: 0 }
  const fail = (what: string, call?: string) => (err: unknown) => { throw toUserError(err, what, endpoint, call) }
  const degrade = (call: string, what: string) => (err: unknown) => { throw toCallFailure(err, call, what, endpoint) }

  async function listAll(): Promise<FunctionConfiguration[]> {
    const out: FunctionConfiguration[] = []
    let marker: string | undefined
    do {
      calls.listFunctions++
      const page = await client.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 })).catch(fail('listing functions', 'ListFunctions'))
      out.push(...(page.Functions ?? []))
      marker = page.NextMarker
    } while (marker)
    return out
  }

  async function tagged(configs: FunctionConfiguration[], key: string, value: string): Promise<FunctionConfiguration[]> {
    const keep: boolean[] = []
    for (let i = 0; i < configs.length; i += parallel) {
      const chunk = configs.slice(i, i + parallel)
      const answers = await Promise.all(chunk.map((c) => {
        calls.listTags++
        return client.send(new ListTagsCommand({ Resource: c.FunctionArn })).catch(fail(`reading the tags of ${c.FunctionName}`, 'ListTags'))
      }))
      for (const a of answers) keep.push(a.Tags?.[key] === value)
    }
    return configs.filter((_, i) => keep[i])
  }

  return {
    calls,
    async select(selection) {
      let configs: FunctionConfiguration[]
      if (selection.names?.length) {
        configs = []
        for (const name of selection.names) {
          calls.getFunctionConfiguration++
          configs.push(await client.send(new GetFunctionConfigurationCommand({ FunctionName: name })).catch(fail(`reading function ${name}`, 'GetFunctionConfiguration')))
        }
      } else {
        configs = await listAll()
        if (selection.prefix) configs = configs.filter((c) => c.FunctionName?.startsWith(selection.prefix!))
      }
      if (selection.tag) configs = await tagged(configs, selection.tag.key, selection.tag.value)
      if (!configs.length) throw new UserError(`no function matches ${describe(selection)}`, ExitCode.aws)
      return configs.map(toFunctionInfo)
    },
    async reservedConcurrency(name) {
      const r = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: name })).catch(degrade('GetFunctionConcurrency', `reading the concurrency of ${name}`))
      return r.ReservedConcurrentExecutions ?? null
    },
    async provisionedConcurrency(name) {
      let total = 0
      let marker: string | undefined
      do {
        const page = await client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name, Marker: marker }))
          .catch(degrade('ListProvisionedConcurrencyConfigs', `reading the provisioned concurrency of ${name}`))
        for (const c of page.ProvisionedConcurrencyConfigs ?? []) total += c.RequestedProvisionedConcurrentExecutions ?? 0
        marker = page.NextMarker
      } while (marker)
      return total
    },
    async accountConcurrencyLimit() {
      const r = await client.send(new GetAccountSettingsCommand({})).catch(degrade('GetAccountSettings', 'reading account settings'))
      return r.AccountLimit?.ConcurrentExecutions ?? null
    },
    async architectures(name) {
      const out = new Map<string, Arch>()
      let marker: string | undefined
      do {
        const page = await client.send(new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker }))
          .catch(degrade('ListVersionsByFunction', `listing the versions of ${name}`))
        for (const v of page.Versions ?? []) if (v.Version) out.set(v.Version, v.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64')
        marker = page.NextMarker
      } while (marker)
      return out
    },
  }
}

function describe(s: FunctionSelection): string {
  const parts: string[] = []
  if (s.names?.length) parts.push(s.names.join(', '))
  if (s.prefix) parts.push(`prefix '${s.prefix}'`)
  if (s.tag) parts.push(`tag ${s.tag.key}=${s.tag.value}`)
  if (!parts.length) parts.push('--all (the region has no functions)')
  return parts.join(' and ')
}

export function toFunctionInfo(c: FunctionConfiguration): FunctionInfo {
  const name = c.FunctionName ?? 'unknown'
  return {
    name,
    arn: c.FunctionArn,
    memoryMB: c.MemorySize ?? 128,
    timeout: c.Timeout ?? 3,
    architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    runtime: c.Runtime,
    packageType: c.PackageType === 'Image' ? 'Image' : 'Zip',
    ephemeralStorageMB: c.EphemeralStorage?.Size ?? 512,
    logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
  }
}
