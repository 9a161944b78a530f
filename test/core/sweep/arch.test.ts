import { describe, expect, it } from 'vitest'
import { architectureClause, otherArchitecture } from '../../../src/core/sweep/arch-compare.js'
import { checkCopy, copyName, copyRequest, DIRECT_UPLOAD_LIMIT, isCopyName } from '../../../src/core/sweep/arch-copy.js'
import { orderArchitectures, parseArchitectureList, refLabel, sweepValues, valueLabel, valueRef } from '../../../src/core/sweep/arch-values.js'
import type { FunctionConfig } from '../../../src/core/sweep/port.js'
import { summarizeMemory } from '../../../src/core/sweep/results.js'
import { samplesAround, US_EAST_X86 } from './fixtures.js'

const CONFIG: FunctionConfig = {
  FunctionName: 'orders',
  Runtime: 'nodejs20.x',
  Role: 'arn:aws:iam::123456789012:role/orders',
  Handler: 'index.handler',
  CodeSize: 2048,
  CodeSha256: 'abc=',
  Timeout: 10,
  MemorySize: 512,
  Description: 'the orders API',
  Environment: { Variables: { TABLE: 'orders' } },
  KMSKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1',
  TracingConfig: { Mode: 'Active' },
  VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1', Ipv6AllowedForDualStack: false },
  Layers: [{ Arn: 'arn:aws:lambda:us-east-1:123456789012:layer:deps:3', CodeSize: 10 }],
  EphemeralStorage: { Size: 1024 },
  LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'INFO', LogGroup: '/aws/lambda/orders' },
  FileSystemConfigs: [{ Arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1', LocalMountPath: '/mnt/data' }],
  PackageType: 'Zip',
  Architectures: ['x86_64'],
  RevisionId: 'r1',
  State: 'Active',
}

describe('--arch', () => {
  it('reads a list of Lambda architectures, each once; the function’s own goes first', () => {
    expect(parseArchitectureList('arm64, x86_64,graviton')).toEqual(['arm64', 'x86_64'])
    expect(orderArchitectures(['arm64', 'x86_64'], 'x86_64')).toEqual(['x86_64', 'arm64'])
    expect(orderArchitectures(['arm64'], 'x86_64')).toEqual(['arm64'])
    expect(orderArchitectures(undefined, 'arm64')).toEqual(['arm64'])
    expect(() => parseArchitectureList('sparc')).toThrow("--arch: unknown architecture 'sparc': use x86_64 or arm64")
    expect(() => parseArchitectureList('')).toThrow(/empty entry/)
  })

  it('values: memory sizes as ids with one architecture; positions, architecture by architecture, with two', () => {
    expect(sweepValues([512, 128], ['arm64']).map((v) => [v.id, v.memory, v.architecture])).toEqual([[128, 128, 'arm64'], [512, 512, 'arm64']])
    expect(sweepValues([512, 128], ['x86_64', 'arm64']).map((v) => [v.id, v.memory, v.architecture])).toEqual([
      [0, 128, 'x86_64'], [1, 512, 'x86_64'], [2, 128, 'arm64'], [3, 512, 'arm64'],
    ])
    const v = { memory: 512, architecture: 'arm64' as const }
    expect([valueLabel(v, false), valueLabel(v, true)]).toEqual(['512 MB', '512 MB arm64'])
    expect([valueRef(v, false), refLabel(valueRef(v, true))]).toEqual([512, '512 MB arm64'])
  })
})

describe('the copy of another architecture', () => {
  it('is named lambda-tune-<run id>-<function> within 64 characters', () => {
    expect(copyName('1a2b3c4d', 'orders')).toBe('lambda-tune-1a2b3c4d-orders')
    expect(copyName('1a2b3c4d', 'arn:aws:lambda:us-east-1:123456789012:function:orders')).toBe('lambda-tune-1a2b3c4d-orders')
    const long = copyName('1a2b3c4d', 'x'.repeat(64))
    expect(long).toHaveLength(64)
    expect(isCopyName(long, '1a2b3c4d')).toBe(true)
    expect(isCopyName('lambda-tune-99999999-orders', '1a2b3c4d')).toBe(false)
  })

  it('gets the function’s role, handler, runtime, environment, KMS key, tracing, VPC, layers, timeout, memory, storage, logging and file systems, and the target architecture', () => {
    const r = copyRequest(CONFIG, { runId: '1a2b3c4d', functionName: 'orders', architecture: 'arm64' })
    expect(r).toEqual({
      FunctionName: 'lambda-tune-1a2b3c4d-orders',
      Role: CONFIG.Role,
      Architectures: ['arm64'],
      PackageType: 'Zip',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Description: 'lambda-tune run 1a2b3c4d: arm64 copy of orders, deleted when the run ends',
      Timeout: 10,
      MemorySize: 512,
      Environment: { Variables: { TABLE: 'orders' } },
      KMSKeyArn: CONFIG.KMSKeyArn,
      TracingConfig: { Mode: 'Active' },
      VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'], Ipv6AllowedForDualStack: false },
      Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:deps:3'],
      EphemeralStorage: { Size: 1024 },
      // the function's own default log group is not the copy's
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'INFO' },
      FileSystemConfigs: [{ Arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1', LocalMountPath: '/mnt/data' }],
      Tags: { 'lambda-tune:run': '1a2b3c4d', 'lambda-tune:copy-of': 'orders' },
      Publish: false,
    })
    const custom = copyRequest({ ...CONFIG, LoggingConfig: { LogFormat: 'Text', LogGroup: '/shared/api' } }, { runId: '1a2b3c4d', functionName: 'orders', architecture: 'arm64' })
    expect(custom.LoggingConfig).toEqual({ LogFormat: 'Text', LogGroup: '/shared/api' })
    const image = copyRequest({ ...CONFIG, PackageType: 'Image', ImageConfigResponse: { ImageConfig: { Command: ['app.handler'] } } }, { runId: '1a2b3c4d', functionName: 'orders', architecture: 'arm64' })
    expect(image).toMatchObject({ PackageType: 'Image', ImageConfig: { Command: ['app.handler'] } })
    expect(image.Runtime).toBeUndefined()
    expect(image.Handler).toBeUndefined()
  })

  it('is refused, with the reason, for an image without one for the architecture, a layer of another architecture, or a package too large without a staging bucket', () => {
    const check = (over: Partial<Parameters<typeof checkCopy>[0]>) => () => checkCopy({ functionName: 'orders', config: CONFIG, architecture: 'arm64', layers: [], ...over })
    expect(check({})()).toBe('direct')
    expect(check({ config: { ...CONFIG, PackageType: 'Image' } })).toThrow(/orders is a container image: .* give --image-uri-arm64 <image uri>$/)
    expect(check({ config: { ...CONFIG, PackageType: 'Image' }, imageUri: 'repo/app:arm64' })()).toBe('image')
    expect(check({ imageUri: 'repo/app:arm64' })).toThrow('--image-uri-arm64 is for container images, and orders is a .zip function: drop --image-uri-arm64')
    const arn = 'arn:aws:lambda:us-east-1:123456789012:layer:deps:3'
    expect(check({ layers: [{ arn, compatibleArchitectures: ['x86_64'] }] })).toThrow(`layer ${arn} of orders is built for x86_64 only`)
    expect(check({ layers: [{ arn, compatibleArchitectures: ['x86_64', 'arm64'] }, { arn, compatibleArchitectures: [] }] })()).toBe('direct')
    expect(check({ config: { ...CONFIG, CodeSize: DIRECT_UPLOAD_LIMIT + 1 } })).toThrow(/give --staging-bucket <bucket>/)
    expect(check({ config: { ...CONFIG, CodeSize: DIRECT_UPLOAD_LIMIT + 1 }, stagingBucket: 'stage' })()).toBe('staged')
    expect(check({ config: { ...CONFIG, CodeSize: DIRECT_UPLOAD_LIMIT } })()).toBe('direct')
  })
})

describe('the other architecture in the pick’s reason', () => {
  const options = { trim: 0.1, allowedErrors: [], errorThreshold: 0.05 }
  const x86 = summarizeMemory(512, samplesAround(512, 100), options, US_EAST_X86)
  const arm = summarizeMemory(512, samplesAround(512, 110).map((s) => ({ ...s, architecture: 'arm64' as const })), options, { ...US_EAST_X86, arch: 'arm64' })

  it('names what the same memory costs on the other architecture and how fast it was', () => {
    const other = otherArchitecture(arm, [x86, arm])!
    expect(other).toMatchObject({ architecture: 'x86_64', memory: 512, failed: false, failureReason: null })
    // 100 ms on x86_64 against 110 ms on arm64, at 512 MB: x86_64 is faster and, at its higher rate, dearer
    expect(architectureClause(arm, other)).toBe('; x86_64 at 512 MB would cost $1.035 per 1M invokes (11% more) and took 100 ms warm p50 (1.10× faster)')
  })

  it('says when it failed there', () => {
    const failed = { ...arm, failed: true, failureReason: '100% of invokes failed (mostly Error), above the 5% threshold' }
    const other = otherArchitecture(x86, [x86, failed])!
    expect(other).toMatchObject({ failed: true, costPerMillion: null, p50: null })
    expect(architectureClause(x86, other)).toBe('; arm64 at 512 MB failed (100% of invokes failed (mostly Error), above the 5% threshold)')
    expect(otherArchitecture(x86, [x86])).toBeNull()
  })
})
