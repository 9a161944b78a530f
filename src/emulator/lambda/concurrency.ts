/**
 * Reserved concurrency, provisioned concurrency and the account's limits, with the rules AWS applies to them
 * (the unreserved pool keeps a minimum; provisioned concurrency needs a published version and fits in the reservation).
 */
import { invalidParameter, LambdaApiError, validationError } from './errors.js'
import { lambdaTimestamp } from './model.js'
import type { FunctionRef } from './names.js'
import { paginate } from './paginate.js'
import { provisionedJson } from './shapes.js'
import type { FunctionStore } from './store.js'

type Body = Record<string, unknown>
type Json = Record<string, unknown>
const LATEST = '$LATEST'

export function putFunctionConcurrency(store: FunctionStore, ref: FunctionRef, body: Body): Json {
  const fn = store.mustGetUnqualified(ref)
  const value = body.ReservedConcurrentExecutions
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw validationError(String(value), 'reservedConcurrentExecutions', 'Member must have value greater than or equal to 0')
  }
  const otherReserved = store.reservedTotal() - (fn.reserved ?? 0)
  const minimum = store.minimumUnreserved()
  if (store.accountConcurrency - otherReserved - value < minimum) {
    throw invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
    )
  }
  fn.reserved = value
  return { ReservedConcurrentExecutions: value }
}

export function getFunctionConcurrency(store: FunctionStore, ref: FunctionRef): Json {
  const fn = store.mustGetUnqualified(ref)
  return fn.reserved === undefined ? {} : { ReservedConcurrentExecutions: fn.reserved }
}

export function deleteFunctionConcurrency(store: FunctionStore, ref: FunctionRef): void {
  delete store.mustGetUnqualified(ref).reserved
}

export function putProvisionedConcurrency(store: FunctionStore, ref: FunctionRef, body: Body): Json {
  const fn = store.mustGet(ref)
  const qualifier = ref.qualifier
  if (qualifier === undefined) throw validationError('null', 'qualifier', 'Member must not be null')
  if (qualifier === LATEST) throw invalidParameter('Provisioned Concurrency Configs cannot be applied to unpublished function versions.')
  const count = body.ProvisionedConcurrentExecutions
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw validationError(String(count), 'provisionedConcurrentExecutions', 'Member must have value greater than or equal to 1')
  }
  const record = store.versionOf(fn, ref)
  if (record.version === LATEST) {
    throw invalidParameter('Provisioned Concurrency Configs cannot be applied to unpublished function versions.')
  }
  const others = [...fn.provisioned.values()].filter((p) => p.qualifier !== qualifier).reduce((s, p) => s + p.requested, 0)
  if (fn.reserved !== undefined && others + count > fn.reserved) {
    throw invalidParameter(
      `Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function: ${fn.reserved}`,
    )
  }
  const engine = store.engine()
  const previous = fn.provisioned.get(qualifier)
  const snapshot = store.snapshot(fn, record)
  const pc = { qualifier, requested: count, status: 'IN_PROGRESS' as const, lastModified: lambdaTimestamp(), version: record.version }
  fn.provisioned.set(qualifier, pc)
  const settle = (status: 'READY' | 'FAILED', reason?: string) => {
    if (fn.provisioned.get(qualifier) !== pc) return
    fn.provisioned.set(qualifier, { ...pc, status, ...(reason ? { statusReason: reason } : {}), lastModified: lambdaTimestamp() })
  }
  const start = async () => {
    if (previous && previous.version !== record.version) {
      const old = fn.versions.get(previous.version)
      if (old) await engine?.deprovision(store.snapshot(fn, old))
    }
    await engine?.provision(snapshot, count)
  }
  start().then(
    () => settle('READY'),
    (err: Error) => settle('FAILED', `FUNCTION_ERROR_INIT_FAILURE: ${err.message}`),
  )
  return provisionedJson(pc)
}

export function getProvisionedConcurrency(store: FunctionStore, ref: FunctionRef): Json {
  const fn = store.mustGet(ref)
  const pc = ref.qualifier === undefined ? undefined : fn.provisioned.get(ref.qualifier)
  if (!pc) {
    throw new LambdaApiError(404, 'ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function')
  }
  return provisionedJson(pc)
}

export function deleteProvisionedConcurrency(store: FunctionStore, ref: FunctionRef): void {
  const fn = store.mustGet(ref)
  if (ref.qualifier === undefined) throw validationError('null', 'qualifier', 'Member must not be null')
  const pc = fn.provisioned.get(ref.qualifier)
  if (!pc) return
  fn.provisioned.delete(ref.qualifier)
  const record = fn.versions.get(pc.version)
  if (record) void store.engine()?.deprovision(store.snapshot(fn, record)).catch(() => undefined)
}

export function listProvisionedConcurrency(store: FunctionStore, ref: FunctionRef, query: URLSearchParams): Json {
  const fn = store.mustGetUnqualified(ref)
  const page = paginate([...fn.provisioned.values()], query)
  return {
    ProvisionedConcurrencyConfigs: page.items.map((pc) => ({ FunctionArn: `${fn.arn}:${pc.qualifier}`, ...provisionedJson(pc) })),
    ...(page.next !== undefined ? { NextMarker: page.next } : {}),
  }
}

export function accountSettings(store: FunctionStore): Json {
  let totalCodeSize = 0
  for (const fn of store.functions.values()) {
    totalCodeSize += fn.latest.code.size
    for (const v of fn.versions.values()) totalCodeSize += v.code.size
  }
  return {
    AccountLimit: {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: store.accountConcurrency,
      UnreservedConcurrentExecutions: store.accountConcurrency - store.reservedTotal(),
    },
    AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: store.functions.size },
  }
}
