/**
 * What the canary needs from outside, beyond the sweep's Lambda calls: the alias's routing, and CloudWatch's figures per
 * version behind the alias. Implemented over the SDK by src/aws/lambda-alias.ts and src/aws/version-metrics.ts.
 */
import type { LambdaPort } from '../sweep/port.js'
import type { LogFigures } from './result.js'
import type { PeriodFigures } from './types.js'

/** An alias as GetAlias returns it, in the fields the canary reads and must leave as found. */
export interface AliasConfig {
  name: string
  functionVersion: string
  description: string
  /** RoutingConfig.AdditionalVersionWeights; {} when the alias sends everything to its version */
  weights: Record<string, number>
  revisionId?: string
}

export interface CanaryLambdaPort extends LambdaPort {
  getAlias(functionName: string, name: string): Promise<AliasConfig>
  /** UpdateAlias with RoutingConfig only; `revisionId` makes it fail (ConcurrentChangeError) when someone else changed the alias */
  setAliasRouting(input: { functionName: string; name: string; weights: Record<string, number>; revisionId?: string }): Promise<AliasConfig>
}

export interface MetricsWindow {
  /** the function's name (CloudWatch's FunctionName dimension holds the name, never an ARN) */
  functionName: string
  alias: string
  startMs: number
  endMs: number
  periodSeconds: number
}

export interface CanaryMetricsPort {
  /** per period: each version's figures behind the alias (Resource = function:alias, ExecutedVersion), and the alias's Invocations */
  periods(window: MetricsWindow, versions: readonly string[]): Promise<{ byVersion: Map<string, PeriodFigures[]>; alias: Array<{ start: number; invocations: number }> }>
  /** percentile statistics (e.g. p99, p99.53) of one version's Duration behind the alias, over the whole window at once */
  percentiles(window: Omit<MetricsWindow, 'periodSeconds'>, version: string, stats: readonly string[]): Promise<Map<string, number | null>>
  /** one version's REPORT lines in the function's log group (log streams are named with the version: 2024/01/01/[3]abc...) */
  reportLines(logGroup: string, version: string, startMs: number, endMs: number): Promise<LogFigures | null>
}
