import type { FunctionConfig } from './port.js'

/**
 * Fields of GetFunctionConfiguration that AWS changes by itself whenever a function is updated, so a sweep that
 * restores the function exactly still changes them: they are left out of the before/after comparison.
 */
export const VOLATILE_CONFIGURATION_FIELDS: readonly string[] = [
  'LastModified',
  'RevisionId',
  'LastUpdateStatus',
  'LastUpdateStatusReason',
  'LastUpdateStatusReasonCode',
  'State',
  'StateReason',
  'StateReasonCode',
  '$metadata',
]

/** Names of the fields (outside the volatile ones) whose values differ between two configurations. */
export function configurationDifferences(before: FunctionConfig, after: FunctionConfig): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const differ: string[] = []
  for (const key of [...keys].sort()) {
    if (VOLATILE_CONFIGURATION_FIELDS.includes(key)) continue
    if (canonical(before[key]) !== canonical(after[key])) differ.push(key)
  }
  return differ
}

/**
 * Settings that decide how the code runs. Tuning a qualifier through $LATEST is only faithful when $LATEST has the
 * same ones (memory aside, which is what is tuned).
 */
export const RUNTIME_FIELDS: readonly string[] = [
  'CodeSha256',
  'Runtime',
  'Handler',
  'Timeout',
  'Environment',
  'Layers',
  'Architectures',
  'EphemeralStorage',
  'PackageType',
  'ImageConfigResponse',
  'LoggingConfig',
  'VpcConfig',
  'FileSystemConfigs',
]

export function runtimeDifferences(a: FunctionConfig, b: FunctionConfig): string[] {
  return RUNTIME_FIELDS.filter((f) => canonical(a[f]) !== canonical(b[f]))
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  ) ?? 'undefined'
}
