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

/**
 * What `sweep --arch` adds to measure another architecture on a temporary copy (lambda-tune-<run id>-<function>), and
 * what `restore` needs to delete a copy a killed run left: all on the copies' names only.
 */
export const COPY_ACTIONS = {
  sweep: [
    'lambda:CreateFunction',
    // CreateFunction with Tags (the run's tag, by which restore knows a copy) needs TagResource too
    'lambda:TagResource',
    'lambda:GetFunction',
    'lambda:GetFunctionConfiguration',
    'lambda:UpdateFunctionConfiguration',
    'lambda:PublishVersion',
    'lambda:ListVersionsByFunction',
    'lambda:CreateAlias',
    'lambda:InvokeFunction',
    'lambda:DeleteFunction',
  ],
  restore: ['lambda:GetFunction', 'lambda:DeleteFunction'],
} as const
/** The staging bucket's objects (--staging-bucket): CreateFunction reads the copy's package with the caller's rights. */
export const STAGING_ACTIONS = { sweep: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], restore: ['s3:DeleteObject'] } as const

/** What a policy for `sweep --arch` covers besides the commands' own actions. */
export interface CopyPolicyOptions {
  /** the staging bucket a copy's package goes through (sweep --staging-bucket) */
  stagingBucket?: string
  /** the function's execution role, the only one the copy may be given (iam:PassRole); default: any role, to Lambda only */
  role?: string
}

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
  Condition?: Record<string, Record<string, string>>
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
 * With `copies` (sweep --arch), the statements a temporary copy on another architecture needs, on the copies' names.
 */
export function buildIamPolicy(commands: readonly PolicyCommand[], functionArn?: string, copies?: CopyPolicyOptions): IamPolicy {
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
  if (copies) statements.push(...copyStatements(commands, fn, copies))
  if (unscoped.size) {
    statements.push({ Sid: 'ReadOnlyUnscoped', Effect: 'Allow', Action: [...unscoped].sort(), Resource: '*' })
  }
  return { Version: '2012-10-17', Statement: statements }
}

function copyStatements(commands: readonly PolicyCommand[], fn: FunctionArnParts | undefined, copies: CopyPolicyOptions): PolicyStatement[] {
  const sweep = commands.includes('sweep')
  const restore = commands.includes('restore')
  if (!sweep && !restore) return []
  const statements: PolicyStatement[] = []
  const copy = fn ? `arn:${fn.partition}:lambda:${fn.region}:${fn.account}:function:lambda-tune-*` : 'arn:aws:lambda:*:*:function:lambda-tune-*'
  const lambda = new Set<string>([...(sweep ? COPY_ACTIONS.sweep : []), ...(restore ? COPY_ACTIONS.restore : [])])
  statements.push({ Sid: 'ArchitectureCopies', Effect: 'Allow', Action: [...lambda].sort(), Resource: [copy, `${copy}:*`] })
  if (sweep) {
    // a layer may be another account's (GetLayerVersionByArn reads its CompatibleArchitectures)
    statements.push({ Sid: 'LayerArchitectures', Effect: 'Allow', Action: ['lambda:GetLayerVersion'], Resource: 'arn:aws:lambda:*:*:layer:*:*' })
    statements.push({
      Sid: 'PassRoleToCopies',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: copies.role ?? (fn ? `arn:${fn.partition}:iam::${fn.account}:role/*` : '*'),
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    })
  }
  if (copies.stagingBucket) {
    const s3 = new Set<string>([...(sweep ? STAGING_ACTIONS.sweep : []), ...(restore ? STAGING_ACTIONS.restore : [])])
    statements.push({ Sid: 'StagingBucket', Effect: 'Allow', Action: [...s3].sort(), Resource: `arn:${fn?.partition ?? 'aws'}:s3:::${copies.stagingBucket}/lambda-tune/*` })
  }
  return statements
}
