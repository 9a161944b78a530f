/** The response shapes of the Lambda API, member for member as the SDK's deserializers read them. */
import type { AliasRecord, FunctionRecord, ProvisionedRecord, VersionRecord } from './model.js'

type Json = Record<string, unknown>
const LATEST = '$LATEST'

/** FunctionConfiguration as AWS returns it; `qualified` writes $LATEST's ARN with its :$LATEST suffix. */
export function configurationJson(fn: FunctionRecord, v: VersionRecord, region: string, qualified = v.version !== LATEST): Json {
  const c = v.config
  const busy = Date.now() < v.busyUntil
  const pending = busy && v.busyKind === 'create'
  const updating = busy && v.busyKind === 'update'
  return {
    FunctionName: fn.name,
    FunctionArn: qualified ? `${fn.arn}:${v.version}` : fn.arn,
    ...(c.packageType === 'Image' ? {} : { Runtime: c.runtime }),
    Role: c.role,
    ...(c.packageType === 'Image' ? {} : { Handler: c.handler }),
    CodeSize: v.code.size,
    Description: v.versionDescription ?? c.description,
    Timeout: c.timeout,
    MemorySize: c.memorySize,
    LastModified: v.lastModified,
    CodeSha256: v.code.sha256,
    Version: v.version,
    ...(c.environment ? { Environment: { Variables: { ...c.environment } } } : {}),
    TracingConfig: { Mode: c.tracingMode },
    ...(c.layers?.length ? { Layers: c.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSize })) } : {}),
    RevisionId: v.revisionId,
    State: pending ? 'Pending' : 'Active',
    ...(pending ? { StateReason: 'The function is being created.', StateReasonCode: 'Creating' } : {}),
    ...(pending ? {} : { LastUpdateStatus: updating ? 'InProgress' : 'Successful' }),
    ...(updating ? { LastUpdateStatusReason: 'The function is being updated.' } : {}),
    PackageType: c.packageType ?? 'Zip',
    ...(c.imageConfig && Object.keys(c.imageConfig).length ? { ImageConfigResponse: { ImageConfig: { ...c.imageConfig } } } : {}),
    Architectures: [c.architecture],
    EphemeralStorage: { Size: c.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: {
      RuntimeVersionArn: `arn:aws:lambda:${region}::runtime:lambda-tune-local-${c.runtime}`,
    },
    LoggingConfig: {
      LogFormat: c.logFormat,
      ...(c.applicationLogLevel ? { ApplicationLogLevel: c.applicationLogLevel } : {}),
      ...(c.systemLogLevel ? { SystemLogLevel: c.systemLogLevel } : {}),
      LogGroup: c.logGroup,
    },
  }
}

export function aliasJson(fn: FunctionRecord, alias: AliasRecord): Json {
  return {
    AliasArn: `${fn.arn}:${alias.name}`,
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.weights ? { RoutingConfig: { AdditionalVersionWeights: { ...alias.weights } } } : {}),
    RevisionId: alias.revisionId,
  }
}

export function provisionedJson(pc: ProvisionedRecord): Json {
  const ready = pc.status === 'READY'
  return {
    RequestedProvisionedConcurrentExecutions: pc.requested,
    AvailableProvisionedConcurrentExecutions: ready ? pc.requested : 0,
    AllocatedProvisionedConcurrentExecutions: ready ? pc.requested : 0,
    Status: pc.status,
    ...(pc.statusReason ? { StatusReason: pc.statusReason } : {}),
    LastModified: pc.lastModified,
  }
}
