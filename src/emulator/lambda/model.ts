import type { StoredCode } from './code.js'
import type { FunctionLayer } from './layers.js'

/** What a function's $LATEST holds besides its code; a published version keeps a frozen copy. */
export interface FunctionConfig {
  runtime: string
  handler: string
  role: string
  description: string
  timeout: number
  memorySize: number
  environment?: Record<string, string>
  ephemeralStorage: number
  architecture: 'x86_64' | 'arm64'
  logFormat: 'Text' | 'JSON'
  logGroup: string
  applicationLogLevel?: string
  systemLogLevel?: string
  tracingMode: 'PassThrough' | 'Active'
  layers?: FunctionLayer[]
  /** a container image: kept and described, never run (the emulator runs .zip packages) */
  packageType?: 'Image'
  imageUri?: string
  imageConfig?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string }
}

export interface VersionRecord {
  version: string
  config: FunctionConfig
  code: StoredCode
  revisionId: string
  lastModified: string
  /** a published version's own description (PublishVersion's Description), shown instead of config.description */
  versionDescription?: string
  /** until this epoch ms the version is Pending (State) or InProgress (LastUpdateStatus) */
  busyUntil: number
  /** what is busy: a new function or version is Pending, an update of $LATEST is InProgress */
  busyKind: 'create' | 'update'
}

export interface AliasRecord {
  name: string
  functionVersion: string
  description: string
  /** other version -> share of invokes it gets */
  weights?: Record<string, number>
  revisionId: string
}

export interface ProvisionedRecord {
  qualifier: string
  requested: number
  status: 'IN_PROGRESS' | 'READY' | 'FAILED'
  statusReason?: string
  lastModified: string
  /** the version whose environments were pre-warmed */
  version: string
}

export interface FunctionRecord {
  name: string
  arn: string
  latest: VersionRecord
  versions: Map<string, VersionRecord>
  aliases: Map<string, AliasRecord>
  nextVersion: number
  tags: Record<string, string>
  reserved?: number
  provisioned: Map<string, ProvisionedRecord>
}

/** Lambda writes LastModified as 2024-01-31T12:34:56.789+0000. */
export function lambdaTimestamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}
