import { describe, expect, it } from 'vitest'
import { COMMAND_ACTIONS, COPY_ACTIONS, buildIamPolicy, parseFunctionArn } from '../../src/core/iam-policy.js'
import { UsageError } from '../../src/core/errors.js'

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:my-fn'

describe('buildIamPolicy', () => {
  it('scopes function actions to the function, its versions and aliases; a sweep reads CloudWatch only to measure from it', () => {
    const policy = buildIamPolicy(['sweep'], ARN)
    expect(policy.Statement).toEqual([
      {
        Sid: 'LambdaFunction',
        Effect: 'Allow',
        Action: [...COMMAND_ACTIONS.sweep.lambda].sort(),
        Resource: [ARN, `${ARN}:*`],
      },
      { Sid: 'LambdaLogGroups', Effect: 'Allow', Action: ['logs:FilterLogEvents'], Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/my-fn:*' },
      { Sid: 'ReadOnlyUnscoped', Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: '*' },
    ])
  })

  it('puts actions IAM cannot scope on "*" and log actions on the log group', () => {
    const policy = buildIamPolicy(['report'], ARN)
    const byId = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]))
    expect(byId.ReadOnlyUnscoped?.Resource).toBe('*')
    expect(byId.ReadOnlyUnscoped?.Action).toEqual(['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'lambda:ListFunctions', 'logs:GetQueryResults', 'logs:StopQuery'])
    expect(byId.LambdaLogGroups?.Resource).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/my-fn:*')
    expect(byId.LambdaLogGroups?.Action).toEqual(['logs:FilterLogEvents', 'logs:StartQuery'])
  })

  it('never grants a write action to report or recommend', () => {
    const policy = buildIamPolicy(['report', 'recommend'])
    const actions = policy.Statement.flatMap((s) => s.Action)
    expect(actions.filter((a) => /Update|Delete|Create|Publish|Put|Invoke/.test(a))).toEqual([])
  })

  it('canary: the alias’s routing, $LATEST and its own versions, the metrics and the log queries; never an invoke or an alias of its own', () => {
    const policy = buildIamPolicy(['canary'], ARN)
    const byId = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]))
    expect(byId.LambdaFunction?.Action).toEqual([
      'lambda:DeleteFunction',
      'lambda:GetAlias',
      'lambda:GetFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:ListVersionsByFunction',
      'lambda:PublishVersion',
      'lambda:UpdateAlias',
      'lambda:UpdateFunctionConfiguration',
    ])
    expect(byId.LambdaLogGroups?.Action).toEqual(['logs:StartQuery'])
    expect(byId.ReadOnlyUnscoped?.Action).toEqual(['cloudwatch:GetMetricData', 'logs:GetQueryResults'])
    // restore routes a canary's alias back
    expect(COMMAND_ACTIONS.restore.lambda).toEqual(expect.arrayContaining(['lambda:GetAlias', 'lambda:UpdateAlias']))
  })

  it('merges commands without repeating an action', () => {
    const actions = buildIamPolicy(['sweep', 'restore']).Statement.flatMap((s) => s.Action)
    expect(new Set(actions).size).toBe(actions.length)
  })
})

describe('buildIamPolicy for sweep --arch (a temporary copy on another architecture)', () => {
  it('adds CreateFunction, DeleteFunction and the sweep’s calls on lambda-tune-* only, iam:PassRole to Lambda only, the layers, the staging bucket', () => {
    const policy = buildIamPolicy(['sweep', 'restore'], ARN, { stagingBucket: 'stage', role: 'arn:aws:iam::123456789012:role/my-fn' })
    const byId = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]))
    const copies = 'arn:aws:lambda:eu-west-1:123456789012:function:lambda-tune-*'
    expect(byId.ArchitectureCopies).toEqual({
      Sid: 'ArchitectureCopies',
      Effect: 'Allow',
      Action: [...new Set([...COPY_ACTIONS.sweep, ...COPY_ACTIONS.restore])].sort(),
      Resource: [copies, `${copies}:*`],
    })
    expect(byId.ArchitectureCopies?.Action).toEqual(expect.arrayContaining(['lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:TagResource', 'lambda:InvokeFunction']))
    // the function itself gets no CreateFunction, nor anything it did not have
    expect(byId.LambdaFunction?.Action).not.toContain('lambda:CreateFunction')
    expect(byId.PassRoleToCopies).toEqual({
      Sid: 'PassRoleToCopies', Effect: 'Allow', Action: ['iam:PassRole'], Resource: 'arn:aws:iam::123456789012:role/my-fn',
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    })
    expect(byId.LayerArchitectures?.Action).toEqual(['lambda:GetLayerVersion'])
    expect(byId.StagingBucket).toMatchObject({ Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::stage/lambda-tune/*' })
  })

  it('restore alone deletes copies and staging objects, and passes no role', () => {
    const byId = Object.fromEntries(buildIamPolicy(['restore'], undefined, { stagingBucket: 'stage' }).Statement.map((s) => [s.Sid, s]))
    expect(byId.ArchitectureCopies?.Action).toEqual(['lambda:DeleteFunction', 'lambda:GetFunction'])
    expect(byId.StagingBucket?.Action).toEqual(['s3:DeleteObject'])
    expect(byId.PassRoleToCopies).toBeUndefined()
  })

  it('without copies, a sweep’s policy has none of it', () => {
    const actions = buildIamPolicy(['sweep']).Statement.flatMap((s) => s.Action)
    expect(actions.filter((a) => /CreateFunction|PassRole|^s3:|GetLayerVersion/.test(a))).toEqual([])
  })
})

describe('parseFunctionArn', () => {
  it('reads a qualified ARN', () => {
    expect(parseFunctionArn(`${ARN}:prod`)).toEqual({ partition: 'aws', region: 'eu-west-1', account: '123456789012', name: 'my-fn' })
  })
  it('refuses anything else as a usage error', () => {
    expect(() => parseFunctionArn('my-fn')).toThrow(UsageError)
  })
})
