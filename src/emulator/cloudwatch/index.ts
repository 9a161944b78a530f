/**
 * The emulator's CloudWatch side: a metrics store fed by every invoke (AWS/Lambda and LambdaInsights metrics), a logs
 * store holding each function's log group, and the CloudWatch (AWS JSON 1.0 in query-compatible mode, and awsQuery)
 * and CloudWatch Logs (AWS JSON 1.1) wire APIs, served from the emulator's single HTTP endpoint.
 */
import type http from 'node:http'
import { randomUUID } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { htmlErrorPage, type Faults } from '../lambda/faults.js'
import type { CloudWatchSink } from '../types.js'
import { ApiError, cloudWatchErrors } from './api-error.js'
import { decodeQueryForm, queryErrorXml, queryResponseXml } from './aws-query.js'
import type { Input } from './coerce.js'
import { LambdaMetricsRecorder } from './lambda-metrics.js'
import { LogStore } from './log-store.js'
import { LogsApi } from './logs-api.js'
import { MetricStore } from './metric-store.js'
import { MetricsApi, type Output } from './metrics-api.js'
import { parseStatistic } from './statistics.js'

export { MetricStore } from './metric-store.js'
export { LogStore } from './log-store.js'
export { LAMBDA_NAMESPACE, INSIGHTS_NAMESPACE } from './lambda-metrics.js'

export interface CloudWatchOptions {
  /** epoch ms; the default is Date.now */
  now?: () => number
  /** for ARNs; us-east-1 and 123456789012 by default */
  region?: string
  accountId?: string
  /** live faults: HTML error pages per operation, percentile statistics, Insights rows without stats */
  faults?: Pick<Faults, 'htmlErrors' | 'percentiles' | 'insightsWithoutStats'>
  /**
   * seconds: metrics may also be read at any multiple of this period (a StartTime aligned to it), so that what takes
   * minutes on AWS takes seconds in a test; unset, periods follow CloudWatch's rules
   */
  metricsPeriodSeconds?: number
}

export interface CloudWatch {
  sink: CloudWatchSink
  metrics: MetricStore
  logs: LogStore
  /** answers a CloudWatch or CloudWatch Logs request and returns true; returns false (and writes nothing) otherwise */
  handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean>
}

const CLOUDWATCH_TARGET = 'GraniteServiceVersion20100801.'
const LOGS_TARGET = 'Logs_20140328.'

type Operation = (input: Input) => Output

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** JSON with Dates as epoch seconds, as AWS JSON protocols write timestamps */
function toJson(output: unknown): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key]
    return raw instanceof Date ? raw.getTime() / 1000 : value
  })
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  })
  res.end(body)
}

function internal(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError('InternalServiceError', 'com.amazonaws.cloudwatch#InternalServiceFault', `Internal error: ${message}`, 500)
}

export function createCloudWatch(options: CloudWatchOptions = {}): CloudWatch {
  const now = options.now ?? Date.now
  const metrics = new MetricStore()
  const logs = new LogStore(now, { region: options.region ?? 'us-east-1', accountId: options.accountId ?? '123456789012' })
  const recorder = new LambdaMetricsRecorder(metrics)
  const faults = options.faults ?? { htmlErrors: {}, percentiles: 'keep', insightsWithoutStats: false }
  const metricsApi = new MetricsApi(metrics, now, {
    dropPercentiles: () => faults.percentiles === 'drop',
    ...(options.metricsPeriodSeconds === undefined ? {} : { stepMs: options.metricsPeriodSeconds * 1000 }),
  })
  const logsApi = new LogsApi(logs, { withoutStats: () => faults.insightsWithoutStats })

  /** Sends the injected HTML error page when one is set for this operation (or this GetMetricData input); true if sent. */
  function htmlFault(res: http.ServerResponse, op: string | undefined, input?: Input): boolean {
    let status = op === undefined ? undefined : faults.htmlErrors[op]
    if (status === undefined && op === 'GetMetricData' && typeof faults.percentiles === 'number' && input && asksForPercentile(input)) {
      status = faults.percentiles
    }
    if (status === undefined) return false
    send(res, status, 'text/html; charset=utf-8', htmlErrorPage(status))
    return true
  }

  const cloudWatchOps: Record<string, Operation> = {
    GetMetricData: (i) => metricsApi.getMetricData(i),
    GetMetricStatistics: (i) => metricsApi.getMetricStatistics(i),
    ListMetrics: (i) => metricsApi.listMetrics(i),
    PutMetricData: (i) => metricsApi.putMetricData(i),
  }
  const logsOps: Record<string, Operation> = {
    CreateLogGroup: (i) => logsApi.createLogGroup(i),
    DeleteLogGroup: (i) => logsApi.deleteLogGroup(i),
    CreateLogStream: (i) => logsApi.createLogStream(i),
    DescribeLogGroups: (i) => logsApi.describeLogGroups(i),
    DescribeLogStreams: (i) => logsApi.describeLogStreams(i),
    PutLogEvents: (i) => logsApi.putLogEvents(i),
    GetLogEvents: (i) => logsApi.getLogEvents(i),
    FilterLogEvents: (i) => logsApi.filterLogEvents(i),
    StartQuery: (i) => logsApi.startQuery(i),
    GetQueryResults: (i) => logsApi.getQueryResults(i),
    StopQuery: (i) => logsApi.stopQuery(i),
  }

  function decodeBody(req: http.IncomingMessage, body: Buffer): string {
    // the SDKs gzip large PutMetricData bodies
    const encoding = header(req, 'content-encoding')
    return (encoding?.includes('gzip') ? gunzipSync(body) : body).toString('utf8')
  }

  function parseJsonInput(text: string): Input {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('not a JSON object')
    return parsed as Input
  }

  /** AWS JSON 1.0, query-compatible: errors carry x-amzn-query-error so the SDK can name them by their awsQuery code */
  function serveCloudWatchJson(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, op: string): void {
    const contentType = 'application/x-amz-json-1.0'
    const fail = (e: ApiError): void =>
      send(res, e.status, contentType, JSON.stringify({ __type: e.type, message: e.message }), {
        'x-amzn-query-error': `${e.code};${e.fault}`,
      })
    if (htmlFault(res, op)) return
    const operation = cloudWatchOps[op]
    if (!operation) {
      fail(new ApiError('InvalidAction', 'com.amazon.coral.service#UnknownOperationException', `The action ${op} is not valid for this web service.`))
      return
    }
    let input: Input
    try {
      input = parseJsonInput(decodeBody(req, body))
    } catch {
      fail(new ApiError('SerializationException', 'com.amazon.coral.service#SerializationException', 'The request body is not valid JSON.'))
      return
    }
    if (htmlFault(res, op, input)) return
    try {
      send(res, 200, contentType, toJson(operation(input)))
    } catch (error) {
      fail(error instanceof ApiError ? error : internal(error))
    }
  }

  function serveLogs(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, op: string): void {
    const contentType = 'application/x-amz-json-1.1'
    const fail = (e: ApiError): void => send(res, e.status, contentType, JSON.stringify({ __type: e.type, message: e.message, ...e.extra }))
    if (htmlFault(res, op)) return
    const operation = logsOps[op]
    if (!operation) {
      fail(new ApiError('UnknownOperationException', 'UnknownOperationException', `The operation ${op} is not supported by the lambda-tune emulator.`))
      return
    }
    let input: Input
    try {
      input = parseJsonInput(decodeBody(req, body))
    } catch {
      fail(new ApiError('SerializationException', 'SerializationException', 'The request body is not valid JSON.'))
      return
    }
    try {
      send(res, 200, contentType, toJson(operation(input)))
    } catch (error) {
      fail(error instanceof ApiError ? error : new ApiError('ServiceUnavailableException', 'ServiceUnavailableException', String(error), 500))
    }
  }

  function serveQuery(res: http.ServerResponse, action: string | undefined, input: Input): void {
    const contentType = 'text/xml'
    const fail = (e: ApiError): void => send(res, e.status, contentType, queryErrorXml(e))
    if (htmlFault(res, action, input)) return
    const operation = action === undefined ? undefined : cloudWatchOps[action]
    if (!operation) {
      fail(new ApiError('InvalidAction', 'InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service.`))
      return
    }
    try {
      send(res, 200, contentType, queryResponseXml(action!, operation(input)))
    } catch (error) {
      fail(error instanceof ApiError ? error : internal(error))
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean> {
    const target = header(req, 'x-amz-target')
    if (target?.startsWith(CLOUDWATCH_TARGET)) {
      serveCloudWatchJson(req, res, body, target.slice(CLOUDWATCH_TARGET.length))
      return true
    }
    if (target?.startsWith(LOGS_TARGET)) {
      serveLogs(req, res, body, target.slice(LOGS_TARGET.length))
      return true
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/') return false
    const contentType = header(req, 'content-type') ?? ''
    if (req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
      let form: ReturnType<typeof decodeQueryForm>
      try {
        form = decodeQueryForm(decodeBody(req, body))
      } catch {
        send(res, 400, 'text/xml', queryErrorXml(cloudWatchErrors.invalidValue('The request body could not be read.')))
        return true
      }
      if (form.version !== '2010-08-01' && !(form.action && form.action in cloudWatchOps)) return false
      serveQuery(res, form.action, form.input)
      return true
    }
    if (req.method === 'GET' && (req.url ?? '').includes('Action=')) {
      const form = decodeQueryForm((req.url ?? '').slice((req.url ?? '').indexOf('?') + 1))
      if (form.version !== '2010-08-01') return false
      serveQuery(res, form.action, form.input)
      return true
    }
    return false
  }

  const sink: CloudWatchSink = {
    recordInvocation: (record) => recorder.record(record),
    appendLogs: (logGroup, logStream, events) => logs.append(logGroup, logStream, events),
  }

  return { sink, metrics, logs, handle }
}

/** Whether a GetMetricData input asks for a percentile-family statistic (pNN, tmNN, tcNN, tsNN, IQM). */
function asksForPercentile(input: Input): boolean {
  const queries = Array.isArray(input['MetricDataQueries']) ? (input['MetricDataQueries'] as unknown[]) : []
  return queries.some((q) => {
    const stat = (q as { MetricStat?: { Stat?: unknown } } | null)?.MetricStat?.Stat
    return typeof stat === 'string' && parseStatistic(stat)?.kind !== 'basic' && parseStatistic(stat) !== undefined
  })
}
