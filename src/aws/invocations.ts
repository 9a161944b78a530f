import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { toUserError } from './errors.js'

/** What one function (or one alias of it) was invoked over a window, from CloudWatch's AWS/Lambda Invocations. */
export interface InvocationCount {
  invocations: number
  /** the dimension read: FunctionName=<fn>, or Resource=<fn>:<alias> */
  dimension: string
}

/**
 * Sums AWS/Lambda Invocations over [start, end): one GetMetricData query with a day's period, paged. For an alias the
 * Resource dimension (`fn:alias`) counts only the traffic that alias carries; otherwise FunctionName counts all of it.
 */
export async function readInvocations(
  client: CloudWatchClient,
  target: { functionName: string; alias?: string },
  start: Date,
  end: Date,
  endpoint?: string,
): Promise<InvocationCount> {
  const fn = { Name: 'FunctionName', Value: target.functionName }
  const dimensions = target.alias ? [fn, { Name: 'Resource', Value: `${target.functionName}:${target.alias}` }] : [fn]
  let invocations = 0
  let token: string | undefined
  do {
    const page = await client
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: [{ Id: 'invocations', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dimensions }, Period: 86_400, Stat: 'Sum' }, ReturnData: true }],
          StartTime: start,
          EndTime: end,
          NextToken: token,
        }),
      )
      .catch((err) => {
        throw toUserError(err, `reading the Invocations of ${target.functionName} (GetMetricData)`, endpoint)
      })
    for (const r of page.MetricDataResults ?? []) for (const v of r.Values ?? []) invocations += v
    token = page.NextToken
  } while (token)
  const last = dimensions[dimensions.length - 1]!
  return { invocations, dimension: `${last.Name}=${last.Value}` }
}
