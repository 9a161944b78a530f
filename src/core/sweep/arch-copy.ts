import type { Arch } from '../cost/price-types.js'
import { UsageError } from '../errors.js'
import type { FunctionConfig } from './port.js'
import { shortName } from './target-name.js'

/**
 * Another architecture is measured on a temporary copy of the function, never on the function itself: a function's
 * architecture changes only with its code, and $LATEST serves live traffic while a sweep runs, so code built for x86
 * (native modules) would fail real requests during a swap. This module decides, without any AWS call, whether a copy
 * can be made and what CreateFunction gets.
 */

/**
 * CreateFunction takes the .zip in the request itself (ZipFile, base64 in JSON) while the request stays under
 * 69,905,067 bytes (Lambda's "50 MB zipped, for direct upload"); a larger package must come from S3.
 */
export const CREATE_FUNCTION_REQUEST_LIMIT = 69_905_067
/** Room left in the request for everything but the package: environment variables (4 KB at most), layers, tags... */
const REQUEST_ROOM = 64 * 1024
/** The largest package sent directly: its base64 and the rest of the request within the limit (just under 50 MiB). */
export const DIRECT_UPLOAD_LIMIT = Math.floor((CREATE_FUNCTION_REQUEST_LIMIT - REQUEST_ROOM) / 4) * 3
/** The tag that marks a copy as a run's own: nothing without it is ever deleted. */
export const COPY_TAG = 'lambda-tune:run'
export const COPY_OF_TAG = 'lambda-tune:copy-of'
const MAX_NAME = 64

/** `lambda-tune-<run id>-<function>`, cut to Lambda's 64 characters (the run id keeps it unique). */
export function copyName(runId: string, functionName: string): string {
  return `lambda-tune-${runId}-${shortName(functionName)}`.slice(0, MAX_NAME)
}

/** Whether a function name is one a run of this id would give its copy. */
export function isCopyName(name: string, runId: string): boolean {
  return name.startsWith(`lambda-tune-${runId}-`)
}

/** The staging object of a copy's code (with --staging-bucket, for packages over the direct-upload limit). */
export function stagingKey(runId: string, copy: string): string {
  return `lambda-tune/${runId}/${copy}.zip`
}

/** `--image-uri-arm64`, `--image-uri-x86` (flag names keep to letters, digits and hyphens) */
export function imageFlag(architecture: Arch): string {
  return `--image-uri-${architecture === 'x86_64' ? 'x86' : 'arm64'}`
}

export interface LayerInfo {
  arn: string
  /** as the layer version declares them; empty when it declares none */
  compatibleArchitectures: string[]
}

export interface CopyCheck {
  functionName: string
  config: FunctionConfig
  architecture: Arch
  /** the image for the target architecture (--image-uri-<arch>), for a container image */
  imageUri?: string
  stagingBucket?: string
  layers: readonly LayerInfo[]
}

/** How the copy's code reaches CreateFunction. */
export type CodeRoute = 'image' | 'direct' | 'staged'

/**
 * Refuses, before anything is changed, a copy that cannot be made or could not run: a container image without an
 * image for the architecture, a layer built for another architecture, a package too large to send without a staging
 * bucket. Returns how the code will be sent.
 */
export function checkCopy(input: CopyCheck): CodeRoute {
  const fn = shortName(input.functionName)
  const arch = input.architecture
  const flag = imageFlag(arch)
  if (input.config.PackageType === 'Image') {
    if (!input.imageUri) {
      throw new UsageError(
        `${fn} is a container image: an image holds code for one architecture, so an ${arch} copy needs an image built for ${arch}: give ${flag} <image uri>`,
      )
    }
    return 'image'
  }
  if (input.imageUri) throw new UsageError(`${flag} is for container images, and ${fn} is a .zip function: drop ${flag}`)
  for (const layer of input.layers) {
    if (layer.compatibleArchitectures.length > 0 && !layer.compatibleArchitectures.includes(arch)) {
      throw new UsageError(
        `layer ${layer.arn} of ${fn} is built for ${layer.compatibleArchitectures.join(', ')} only (its CompatibleArchitectures): an ${arch} copy could not use it; publish an ${arch} build of the layer, or sweep without ${arch}`,
      )
    }
  }
  const size = typeof input.config.CodeSize === 'number' ? input.config.CodeSize : 0
  if (size > DIRECT_UPLOAD_LIMIT) {
    if (!input.stagingBucket) {
      throw new UsageError(
        `${fn}'s package is ${mb(size)}, above the ${mb(DIRECT_UPLOAD_LIMIT)} CreateFunction takes directly: give --staging-bucket <bucket> (in ${fn}'s region) to send the ${arch} copy's code through S3`,
      )
    }
    return 'staged'
  }
  return 'direct'
}

/** CreateFunction's members for the copy, code aside (the SDK's names; Code is added by the orchestration). */
export interface CopyRequest {
  FunctionName: string
  Role: string
  Architectures: [Arch]
  PackageType: 'Zip' | 'Image'
  Runtime?: string
  Handler?: string
  Description: string
  Timeout?: number
  MemorySize?: number
  Environment?: { Variables: Record<string, string> }
  KMSKeyArn?: string
  TracingConfig?: { Mode: string }
  VpcConfig?: { SubnetIds: string[]; SecurityGroupIds: string[]; Ipv6AllowedForDualStack?: boolean }
  Layers?: string[]
  EphemeralStorage?: { Size: number }
  LoggingConfig?: { LogFormat?: string; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup?: string }
  FileSystemConfigs?: Array<{ Arn: string; LocalMountPath: string }>
  ImageConfig?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string }
  Tags: Record<string, string>
  Publish: false
}

/**
 * The copy runs what the function runs, as the function does: the same role, handler, runtime, environment, KMS key,
 * layers, VPC, timeout, memory, /tmp size, file systems, tracing, log format and levels, image configuration; and
 * the target architecture. Its log group is its own unless the function names a custom one. It gets a description
 * and tags of its own, by which `restore` knows it.
 */
export function copyRequest(config: FunctionConfig, input: { runId: string; functionName: string; architecture: Arch }): CopyRequest {
  const fn = shortName(input.functionName)
  const name = copyName(input.runId, input.functionName)
  const c = config as FunctionConfig & {
    Role?: string
    Handler?: string
    Environment?: { Variables?: Record<string, string> }
    KMSKeyArn?: string
    TracingConfig?: { Mode?: string }
    VpcConfig?: { SubnetIds?: string[]; SecurityGroupIds?: string[]; Ipv6AllowedForDualStack?: boolean }
    Layers?: Array<{ Arn?: string }>
    LoggingConfig?: { LogFormat?: string; ApplicationLogLevel?: string; SystemLogLevel?: string; LogGroup?: string }
    FileSystemConfigs?: Array<{ Arn?: string; LocalMountPath?: string }>
    ImageConfigResponse?: { ImageConfig?: { EntryPoint?: string[]; Command?: string[]; WorkingDirectory?: string } }
  }
  if (!c.Role) throw new UsageError(`${fn} has no Role in its configuration: a copy cannot be made without one`)
  const image = c.PackageType === 'Image'
  const logging = c.LoggingConfig
  const vpc = c.VpcConfig
  const layers = (c.Layers ?? []).map((l) => l.Arn).filter((a): a is string => Boolean(a))
  const fileSystems = (c.FileSystemConfigs ?? []).filter((f) => f.Arn && f.LocalMountPath) as Array<{ Arn: string; LocalMountPath: string }>
  const imageConfig = c.ImageConfigResponse?.ImageConfig
  return {
    FunctionName: name,
    Role: c.Role,
    Architectures: [input.architecture],
    PackageType: image ? 'Image' : 'Zip',
    ...(!image && c.Runtime ? { Runtime: c.Runtime } : {}),
    ...(!image && c.Handler ? { Handler: c.Handler } : {}),
    Description: `lambda-tune run ${input.runId}: ${input.architecture} copy of ${fn}, deleted when the run ends`,
    ...(c.Timeout !== undefined ? { Timeout: c.Timeout } : {}),
    ...(c.MemorySize !== undefined ? { MemorySize: c.MemorySize } : {}),
    ...(c.Environment?.Variables ? { Environment: { Variables: { ...c.Environment.Variables } } } : {}),
    ...(c.KMSKeyArn ? { KMSKeyArn: c.KMSKeyArn } : {}),
    ...(c.TracingConfig?.Mode ? { TracingConfig: { Mode: c.TracingConfig.Mode } } : {}),
    ...(vpc?.SubnetIds?.length
      ? {
          VpcConfig: {
            SubnetIds: [...vpc.SubnetIds],
            SecurityGroupIds: [...(vpc.SecurityGroupIds ?? [])],
            ...(vpc.Ipv6AllowedForDualStack !== undefined ? { Ipv6AllowedForDualStack: vpc.Ipv6AllowedForDualStack } : {}),
          },
        }
      : {}),
    ...(layers.length ? { Layers: layers } : {}),
    ...(c.EphemeralStorage?.Size ? { EphemeralStorage: { Size: c.EphemeralStorage.Size } } : {}),
    ...(logging
      ? {
          LoggingConfig: {
            ...(logging.LogFormat ? { LogFormat: logging.LogFormat } : {}),
            ...(logging.LogFormat === 'JSON' && logging.ApplicationLogLevel ? { ApplicationLogLevel: logging.ApplicationLogLevel } : {}),
            ...(logging.LogFormat === 'JSON' && logging.SystemLogLevel ? { SystemLogLevel: logging.SystemLogLevel } : {}),
            // the function's default group is its own: the copy writes to its own default group instead
            ...(logging.LogGroup && logging.LogGroup !== `/aws/lambda/${fn}` ? { LogGroup: logging.LogGroup } : {}),
          },
        }
      : {}),
    ...(fileSystems.length ? { FileSystemConfigs: fileSystems.map((f) => ({ Arn: f.Arn, LocalMountPath: f.LocalMountPath })) } : {}),
    ...(image && imageConfig && Object.keys(imageConfig).length ? { ImageConfig: { ...imageConfig } } : {}),
    Tags: { [COPY_TAG]: input.runId, [COPY_OF_TAG]: fn },
    Publish: false,
  }
}

/** The calls a copy adds, for --dry-run: before the sweep of the copy, and after it. */
export function copyCalls(input: {
  functionName: string
  copy: string
  architecture: Arch
  route: CodeRoute
  codeSize: number
  layers: number
  stagingBucket?: string
  stagingKey?: string
}): { before: string[]; after: string[] } {
  const fn = shortName(input.functionName)
  const before = [`GetFunction ${fn} (Code.Location of the package${input.layers ? `; GetLayerVersionByArn × ${input.layers}: CompatibleArchitectures` : ''})`]
  if (input.route !== 'image') {
    before.push(`download the package from Code.Location (${mb(input.codeSize)}) and check its SHA-256 against CodeSha256`)
  }
  if (input.route === 'staged') before.push(`PutObject s3://${input.stagingBucket}/${input.stagingKey} (the package, over the ${mb(DIRECT_UPLOAD_LIMIT)} direct-upload limit)`)
  before.push(
    `CreateFunction ${input.copy} Architectures=[${input.architecture}] ${input.route === 'image' ? 'ImageUri=(the image given)' : input.route === 'staged' ? 'Code=S3' : 'ZipFile=(the package)'}, ` +
      `${fn}'s role, handler, runtime, environment, layers, VPC, timeout, memory, storage, logging; tags ${COPY_TAG}=<run id> (recorded in the journal first)`,
  )
  if (input.route === 'staged') before.push(`DeleteObject s3://${input.stagingBucket}/${input.stagingKey} (Lambda keeps its own copy of the code)`)
  before.push(`wait until ${input.copy} is Active; check its CodeSha256 equals ${fn}'s`)
  const after = [`GetFunction ${input.copy}, then DeleteFunction ${input.copy} (the whole copy, its versions and aliases with it; only with the run's tag)`]
  return { before, after }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
