import { invalidParameter, validationError } from './errors.js'
import type { FunctionConfig } from './model.js'

/** The runtimes the execution engine runs (python3.x by the host's python3, provided.* as an executable bootstrap). */
export const SUPPORTED_RUNTIMES = [
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'provided.al2',
  'provided.al2023',
]

const RESERVED_ENV = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
])
const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/

type Body = Record<string, unknown>

export function defaultConfig(name: string): FunctionConfig {
  return {
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    role: 'arn:aws:iam::123456789012:role/lambda-tune-local',
    description: '',
    timeout: 3,
    memorySize: 128,
    ephemeralStorage: 512,
    architecture: 'x86_64',
    logFormat: 'Text',
    logGroup: `/aws/lambda/${name}`,
    tracingMode: 'PassThrough',
  }
}

/**
 * Applies the configuration members of a CreateFunction or UpdateFunctionConfiguration body, validating each as AWS
 * does. Returns a new object: the caller swaps it in only when everything passed, so a bad request changes nothing.
 */
export function applyConfig(base: FunctionConfig, body: Body, functionName: string): FunctionConfig {
  const next: FunctionConfig = { ...base }
  if (body.Runtime !== undefined) {
    if (typeof body.Runtime !== 'string' || !SUPPORTED_RUNTIMES.includes(body.Runtime)) {
      throw invalidParameter(
        `Value ${String(body.Runtime)} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${SUPPORTED_RUNTIMES.join(', ')}] or be a valid ARN`,
      )
    }
    next.runtime = body.Runtime
  }
  if (body.Handler !== undefined) {
    if (typeof body.Handler !== 'string' || !/^[^\s]{1,128}$/.test(body.Handler)) {
      throw validationError(String(body.Handler), 'handler', 'Member must satisfy regular expression pattern: [^\\s]+')
    }
    next.handler = body.Handler
  }
  if (body.Role !== undefined) {
    if (typeof body.Role !== 'string' || !ROLE.test(body.Role)) {
      throw validationError(String(body.Role), 'role', `Member must satisfy regular expression pattern: ${ROLE.source}`)
    }
    next.role = body.Role
  }
  if (body.Description !== undefined) {
    if (typeof body.Description !== 'string' || body.Description.length > 256) {
      throw validationError(String(body.Description), 'description', 'Member must have length less than or equal to 256')
    }
    next.description = body.Description
  }
  if (body.Timeout !== undefined) next.timeout = integerIn(body.Timeout, 'Timeout', 1, 900)
  if (body.MemorySize !== undefined) next.memorySize = integerIn(body.MemorySize, 'MemorySize', 128, 10240)
  if (body.EphemeralStorage !== undefined) {
    const size = (body.EphemeralStorage as Body | null)?.Size
    next.ephemeralStorage = integerIn(size, 'EphemeralStorage.Size', 512, 10240)
  }
  if (body.Environment !== undefined) next.environment = environment(body.Environment)
  if (body.LoggingConfig !== undefined) {
    const logging = (body.LoggingConfig ?? {}) as Body
    if (logging.LogFormat !== undefined) {
      if (logging.LogFormat !== 'Text' && logging.LogFormat !== 'JSON') {
        throw validationError(String(logging.LogFormat), 'loggingConfig.logFormat', 'Member must satisfy enum value set: [JSON, Text]')
      }
      next.logFormat = logging.LogFormat
    }
    if (logging.LogGroup !== undefined) {
      if (typeof logging.LogGroup !== 'string' || !/^[\.\-_/#A-Za-z0-9]{1,512}$/.test(logging.LogGroup)) {
        throw validationError(String(logging.LogGroup), 'loggingConfig.logGroup', 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+')
      }
      next.logGroup = logging.LogGroup
    }
    for (const key of ['ApplicationLogLevel', 'SystemLogLevel'] as const) {
      const value = logging[key]
      if (value === undefined) continue
      if (next.logFormat !== 'JSON') {
        throw invalidParameter(`${key} can only be set when the log format is JSON.`)
      }
      if (typeof value !== 'string') throw invalidParameter(`${key} must be a string`)
      if (key === 'ApplicationLogLevel') next.applicationLogLevel = value
      else next.systemLogLevel = value
    }
  }
  if (next.logFormat === 'JSON') {
    next.applicationLogLevel ??= 'INFO'
    next.systemLogLevel ??= 'INFO'
  } else {
    delete next.applicationLogLevel
    delete next.systemLogLevel
  }
  if (body.TracingConfig !== undefined) {
    const mode = (body.TracingConfig as Body | null)?.Mode
    if (mode !== 'Active' && mode !== 'PassThrough') {
      throw validationError(String(mode), 'tracingConfig.mode', 'Member must satisfy enum value set: [Active, PassThrough]')
    }
    next.tracingMode = mode
  }
  if (body.Architectures !== undefined) next.architecture = architecture(body.Architectures)
  if (body.PackageType !== undefined) {
    if (body.PackageType !== 'Zip' && body.PackageType !== 'Image') {
      throw validationError(String(body.PackageType), 'packageType', 'Member must satisfy enum value set: [Zip, Image]')
    }
    if (body.PackageType === 'Image') next.packageType = 'Image'
    else delete next.packageType
  }
  if (body.ImageConfig !== undefined) {
    const image = (body.ImageConfig ?? {}) as Body
    next.imageConfig = {
      ...(Array.isArray(image.EntryPoint) ? { EntryPoint: image.EntryPoint.map(String) } : {}),
      ...(Array.isArray(image.Command) ? { Command: image.Command.map(String) } : {}),
      ...(typeof image.WorkingDirectory === 'string' ? { WorkingDirectory: image.WorkingDirectory } : {}),
    }
  }
  if (functionName.length === 0) throw invalidParameter('FunctionName is required')
  return next
}

export function architecture(value: unknown): 'x86_64' | 'arm64' {
  if (!Array.isArray(value) || value.length !== 1 || (value[0] !== 'x86_64' && value[0] !== 'arm64')) {
    throw validationError(JSON.stringify(value), 'architectures', "Member must have length 1 and satisfy enum value set: [x86_64, arm64]")
  }
  return value[0]
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidParameter(`'${name}' value failed to satisfy constraint: Member must be an integer`)
  }
  if (value < min) throw invalidParameter(`'${name}' value failed to satisfy constraint: Member must have value greater than or equal to ${min}`)
  if (value > max) throw invalidParameter(`'${name}' value failed to satisfy constraint: Member must have value less than or equal to ${max}`)
  return value
}

function environment(value: unknown): Record<string, string> | undefined {
  const variables = (value as Body | null)?.Variables
  if (variables === undefined || variables === null) return undefined
  if (typeof variables !== 'object' || Array.isArray(variables)) throw invalidParameter('Environment.Variables must be a map of strings')
  const out: Record<string, string> = {}
  const reserved: string[] = []
  let size = 0
  for (const [key, v] of Object.entries(variables as Record<string, unknown>)) {
    if (typeof v !== 'string') throw invalidParameter(`The value of environment variable ${key} must be a string`)
    if (!ENV_KEY.test(key)) {
      throw validationError(key, 'environment.variables', 'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]')
    }
    if (RESERVED_ENV.has(key)) reserved.push(key)
    size += key.length + v.length
    out[key] = v
  }
  if (reserved.length) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    )
  }
  if (size > 4096) {
    throw invalidParameter('Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.')
  }
  return Object.keys(out).length ? out : undefined
}
