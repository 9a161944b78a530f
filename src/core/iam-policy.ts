import { UsageError } from './errors.js'

/** The AWS calls each command makes, as IAM actions. Kept beside nothing else so a reviewer can audit it in one read. */
export const COMMAND_ACTIONS = {
  sweep: {
    lambda: [
      // GetFunction: the SDK's waitUntilFunctionUpdatedV2 polls it.
      'lambda:GetFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:ListVersionsByFunction',
      'lambda:CreateAlias',
      'lambda:GetAlias',
      'lambda:ListAliases',
      'lambda:DeleteAlias',
      'lambda:DeleteFunction',
      'lambda:InvokeFunction',
      // --apply on an alias moves it to the version published with the pick
      'lambda:UpdateAlias',
    ],
    // GetMetricData: the function's Invocations over 30 days, for the $/month figures (a denied read is only a warning),
    // and, measuring from CloudWatch (--source), each alias's metrics; FilterLogEvents: its versions' REPORT lines
    cloudwatch: ['cloudwatch:GetMetricData'],
    logs: ['logs:FilterLogEvents'],
  },
  canary: {
    lambda: [
      // GetFunction: the SDK's waitUntilFunctionUpdatedV2 polls it.
      'lambda:GetFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:ListVersionsByFunction',
      'lambda:GetAlias',
      'lambda:UpdateAlias',
      'lambda:DeleteFunction',
    ],
    cloudwatch: ['cloudwatch:GetMetricData'],
    logs: ['logs:StartQuery', 'logs:GetQueryResults'],
  },
  restore: {
    lambda: [
      'lambda:GetFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionConfiguration',
      'lambda:ListVersionsByFunction',
      'lambda:ListAliases',
      'lambda:DeleteAlias',
      'lambda:DeleteFunction',
      // a canary's alias is routed back
      'lambda:GetAlias',
      'lambda:UpdateAlias',
    ],
  },
  report: {
    // ListVersionsByFunction: the architecture of versions that ran in the window, to price each at its own
    lambda: ['lambda:ListFunctions', 'lambda:ListTags', 'lambda:GetFunctionConfiguration', 'lambda:ListVersionsByFunction'],
    cloudwatch: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
    logs: ['logs:StartQuery', 'logs:GetQueryResults', 'logs:StopQuery', 'logs:FilterLogEvents'],
  },
  recommend: {
    lambda: [
      'lambda:GetFunctionConfiguration',
      'lambda:ListVersionsByFunction',
      'lambda:GetFunctionConcurrency',
      'lambda:ListProvisionedConcurrencyConfigs',
      'lambda:GetAccountSettings',
    ],
    cloudwatch: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'],
    logs: ['logs:StartQuery', 'logs:GetQueryResults', 'logs:StopQuery'],
  },
  cost: { pricing: ['pricing:GetProducts'] },
} as const satisfies Record<string, Partial<Record<Service, readonly string[]>>>

type Service = 'lambda' | 'cloudwatch' | 'logs' | 'pricing'
export type PolicyCommand = keyof typeof COMMAND_ACTIONS
export const POLICY_COMMANDS = Object.keys(COMMAND_ACTIONS) as PolicyCommand[]

/** Actions that IAM cannot scope to a resource: they must stand on "*". */
const UNSCOPED = new Set([
  'lambda:ListFunctions',
  'lambda:GetAccountSettings',
  'cloudwatch:GetMetricData',
  'cloudwatch:ListMetrics',
  'logs:GetQueryResults',
  'logs:StopQuery',
  'pricing:GetProducts',
])

export interface PolicyStatement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
}

export interface IamPolicy {
  Version: '2012-10-17'
  Statement: PolicyStatement[]
}

export interface FunctionArnParts {
  partition: string
  region: string
  account: string
  name: string
}

const FUNCTION_ARN = /^arn:(aws[a-zA-Z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::[a-zA-Z0-9$_-]+)?$/

export function parseFunctionArn(arn: string): FunctionArnParts {
  const m = FUNCTION_ARN.exec(arn)
  if (!m) {
    throw new UsageError(
      `not a Lambda function ARN: "${arn}" (expected arn:aws:lambda:<region>:<account>:function:<name>)`,
    )
  }
  return { partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]! }
}

/**
 * The least-privilege policy for the given commands. With a function ARN, every action that IAM can scope is
 * limited to that function, its versions and aliases, and its log group; otherwise to all functions and log groups.
 */
export function buildIamPolicy(commands: readonly PolicyCommand[], functionArn?: string): IamPolicy {
  const fn = functionArn ? parseFunctionArn(functionArn) : undefined
  const scoped = new Map<Service, Set<string>>()
  const unscoped = new Set<string>()
  for (const command of commands) {
    for (const [service, actions] of Object.entries(COMMAND_ACTIONS[command]) as [Service, readonly string[]][]) {
      for (const action of actions) {
        if (UNSCOPED.has(action)) unscoped.add(action)
        else (scoped.get(service) ?? scoped.set(service, new Set()).get(service)!).add(action)
      }
    }
  }
  const statements: PolicyStatement[] = []
  const lambda = scoped.get('lambda')
  if (lambda) {
    const base = fn
      ? `arn:${fn.partition}:lambda:${fn.region}:${fn.account}:function:${fn.name}`
      : 'arn:aws:lambda:*:*:function:*'
    statements.push({
      Sid: 'LambdaFunction',
      Effect: 'Allow',
      Action: [...lambda].sort(),
      Resource: fn ? [base, `${base}:*`] : base,
    })
  }
  const logs = scoped.get('logs')
  if (logs) {
    const group = fn
      ? `arn:${fn.partition}:logs:${fn.region}:${fn.account}:log-group:/aws/lambda/${fn.name}:*`
      : 'arn:aws:logs:*:*:log-group:/aws/lambda/*'
    statements.push({ Sid: 'LambdaLogGroups', Effect: 'Allow', Action: [...logs].sort(), Resource: group })
  }
  if (unscoped.size) {
    statements.push({ Sid: 'ReadOnlyUnscoped', Effect: 'Allow', Action: [...unscoped].sort(), Resource: '*' })
  }
  return { Version: '2012-10-17', Statement: statements }
}
