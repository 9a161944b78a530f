import { cloudWatchErrors as errors } from './api-error.js'
import { asArray, asBoolean, asNumber, asObject, asString, asTimestampMs, type Input } from './coerce.js'
import type { Dimension, MetricStore, StoredMetric } from './metric-store.js'
import { evaluateExpression, type TimeSeries } from './metric-math.js'
import { BASIC_STATISTICS, computeStatistics, parseStatistic, type Statistic } from './statistics.js'

/** Output timestamps are Dates: the JSON codec writes epoch seconds, the awsQuery codec ISO 8601. */
export type Output = Record<string, unknown>

const MAX_QUERIES = 500
const MAX_STATISTICS_DATAPOINTS = 1440
const DEFAULT_MAX_DATAPOINTS = 100_800
const LIST_PAGE = 500
const UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits',
  'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second',
  'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second',
  'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
])

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === null) throw errors.missing(`The parameter ${name} is required.`)
  return value
}

function timestamp(input: Input, name: string): number {
  const ms = asTimestampMs(required(input[name], name))!
  if (!Number.isFinite(ms)) throw errors.invalidValue(`The parameter ${name} must be a valid timestamp.`)
  return ms
}

/** `stepMs`: with the emulator's --metrics-period, any multiple of it is a valid period too (see docs/emulator.md) */
function period(value: unknown, name: string, stepMs?: number): number {
  const seconds = asNumber(required(value, name))!
  const stepped = stepMs !== undefined && (seconds * 1000) % stepMs === 0
  const valid = Number.isInteger(seconds) && seconds > 0 && ([1, 5, 10, 30].includes(seconds) || seconds % 60 === 0 || stepped)
  if (!valid) throw errors.invalidValue(`The parameter ${name} must be 1, 5, 10, 30 or a multiple of 60.`)
  return seconds * 1000
}

function unit(value: unknown, name: string): string | undefined {
  const text = asString(value)
  if (text !== undefined && !UNITS.has(text)) throw errors.invalidValue(`The value ${text} for parameter ${name} is not a valid unit.`)
  return text
}

function dimensions(value: unknown, name: string): Dimension[] {
  if (value === undefined) return []
  const list = asArray(value)
  if (!list) throw errors.invalidValue(`The parameter ${name} must be a list.`)
  if (list.length > 30) throw errors.invalidValue(`The collection ${name} must not have a size greater than 30.`)
  return list.map((item, i) => {
    const d = asObject(item)
    const dimName = asString(d?.['Name'])
    const dimValue = asString(d?.['Value'])
    if (!dimName) throw errors.missing(`The parameter ${name}.member.${i + 1}.Name is required.`)
    if (dimValue === undefined) throw errors.missing(`The parameter ${name}.member.${i + 1}.Value is required.`)
    return { Name: dimName, Value: dimValue }
  })
}

/** CloudWatch rounds a StartTime that is not on a period boundary down to the minute (or to the period below 60 s). */
function alignStart(startMs: number, periodMs: number, stepMs?: number): number {
  const unitMs = periodMs % 60_000 === 0 ? 60_000 : stepMs !== undefined && periodMs % stepMs === 0 ? stepMs : periodMs
  return Math.floor(startMs / unitMs) * unitMs
}

function encodeToken(state: object): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url')
}

function decodeToken(token: unknown): Record<string, number> {
  const text = asString(token)
  try {
    const state = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8')) as unknown
    const object = asObject(state)
    if (object && Object.values(object).every((v) => Number.isInteger(v) && (v as number) >= 0)) return object as Record<string, number>
  } catch {
    // falls through to the AWS error
  }
  throw errors.invalidNextToken()
}


export interface MetricsApiOptions {
  /** GetMetricData answers percentile-family statistics with no datapoints (an endpoint without percentile support) */
  dropPercentiles?: () => boolean
  /** the emulator's --metrics-period in ms: periods and StartTime alignment in steps of it (undefined: CloudWatch's rules) */
  stepMs?: number
}

export class MetricsApi {
  constructor(
    private readonly store: MetricStore,
    private readonly now: () => number,
    private readonly options: MetricsApiOptions = {},
  ) {}

  /** the datapoints of one statistic of one metric, ascending */
  private statSeries(metric: StoredMetric | undefined, startMs: number, endMs: number, periodMs: number, stat: Statistic, unit?: string): TimeSeries {
    const series: TimeSeries = { timestamps: [], values: [] }
    if (!metric) return series
    if (stat.kind !== 'basic' && this.options.dropPercentiles?.()) return series
    const start = alignStart(startMs, periodMs, this.options.stepMs)
    const buckets = this.store.buckets(metric, { startMs: start, endMs, periodMs, unit, needRaw: stat.kind !== 'basic' })
    for (const b of buckets) {
      const value = computeStatistics(b.bucket, [stat])[0]
      if (value === undefined) continue
      series.timestamps.push(b.timestamp)
      series.values.push(value)
    }
    return series
  }

  getMetricData(input: Input): Output {
    const queries = asArray(required(input['MetricDataQueries'], 'MetricDataQueries'))
    if (!queries) throw errors.invalidValue('The parameter MetricDataQueries must be a list.')
    if (queries.length === 0) throw errors.missing('The parameter MetricDataQueries is required.')
    if (queries.length > MAX_QUERIES) {
      throw errors.validation(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`)
    }
    const startMs = timestamp(input, 'StartTime')
    const endMs = timestamp(input, 'EndTime')
    if (startMs >= endMs) throw errors.invalidValue('The parameter StartTime must be less than the parameter EndTime.')
    const scanBy = asString(input['ScanBy']) ?? 'TimestampDescending'
    if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
      throw errors.invalidValue(`The value ${scanBy} for parameter ScanBy is not valid.`)
    }
    const maxDatapoints = asNumber(input['MaxDatapoints']) ?? DEFAULT_MAX_DATAPOINTS
    if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) throw errors.invalidValue('The parameter MaxDatapoints must be a positive integer.')

    const ids = new Set<string>()
    const computed = new Map<string, TimeSeries>()
    const expressions = new Map<string, { expression: string; at: string }>()
    const order: Array<{ id: string; label: string; returnData: boolean }> = []
    queries.forEach((item, i) => {
      const at = `MetricDataQueries.member.${i + 1}`
      const q = asObject(item)
      if (!q) throw errors.invalidValue(`The parameter ${at} must be a structure.`)
      const id = asString(required(q['Id'], `${at}.Id`))!
      if (!/^[a-z][a-zA-Z0-9_]{0,254}$/.test(id)) {
        throw errors.invalidValue(`The value ${id} for parameter ${at}.Id is not valid: it must start with a lowercase letter and contain only letters, digits and underscores.`)
      }
      if (ids.has(id)) throw errors.invalidValue(`The value ${id} for parameter MetricDataQueries is not unique.`)
      ids.add(id)
      const returnData = asBoolean(q['ReturnData']) !== false
      const stat = asObject(q['MetricStat'])
      const expression = asString(q['Expression'])
      if ((stat === undefined) === (expression === undefined)) {
        throw errors.combination(`Exactly one of ${at}.MetricStat and ${at}.Expression must be specified.`)
      }
      if (expression !== undefined) {
        expressions.set(id, { expression, at: `${at}.Expression` })
        order.push({ id, label: asString(q['Label']) ?? id, returnData })
        return
      }
      const metric = asObject(required(stat!['Metric'], `${at}.MetricStat.Metric`))
      const namespace = asString(required(metric?.['Namespace'], `${at}.MetricStat.Metric.Namespace`))!
      const metricName = asString(required(metric?.['MetricName'], `${at}.MetricStat.Metric.MetricName`))!
      const dims = dimensions(metric?.['Dimensions'], `${at}.MetricStat.Metric.Dimensions`)
      const periodMs = period(stat!['Period'], `${at}.MetricStat.Period`, this.options.stepMs)
      const statText = asString(required(stat!['Stat'], `${at}.MetricStat.Stat`))!
      const parsed = parseStatistic(statText)
      if (!parsed) throw errors.invalidValue(`The value ${statText} for parameter ${at}.MetricStat.Stat is not a valid statistic.`)
      const statUnit = unit(stat!['Unit'], `${at}.MetricStat.Unit`)
      computed.set(id, this.statSeries(this.store.find(namespace, metricName, dims), startMs, endMs, periodMs, parsed, statUnit))
      order.push({ id, label: asString(q['Label']) ?? metricName, returnData })
    })
    const evaluating = new Set<string>()
    const resolve = (id: string): TimeSeries | undefined => {
      const known = computed.get(id)
      if (known) return known
      const e = expressions.get(id)
      if (!e) return undefined
      if (evaluating.has(id)) throw errors.invalidValue(`Error in expression ${e.at}: circular reference to ${id}.`)
      evaluating.add(id)
      const series = evaluateExpression(e.expression, e.at, resolve)
      computed.set(id, series)
      return series
    }
    const results = order
      .filter((o) => o.returnData)
      .map((o) => {
        const series = resolve(o.id)!
        const timestamps = series.timestamps.map((t) => new Date(t))
        const values = [...series.values]
        if (scanBy === 'TimestampDescending') {
          timestamps.reverse()
          values.reverse()
        }
        return { id: o.id, label: o.label, series: { timestamps, values } }
      })

    // one page holds at most MaxDatapoints values; the token says where the next page resumes
    const from = input['NextToken'] === undefined ? { q: 0, i: 0 } : decodeToken(input['NextToken'])
    let budget = maxDatapoints
    const page: Output[] = []
    let next: { q: number; i: number } | undefined
    for (let q = from['q'] ?? 0; q < results.length; q++) {
      const r = results[q]!
      const offset = q === from['q'] ? (from['i'] ?? 0) : 0
      const take = Math.min(budget, r.series.values.length - offset)
      const partial = offset + take < r.series.values.length
      page.push({
        Id: r.id,
        Label: r.label,
        Timestamps: r.series.timestamps.slice(offset, offset + take),
        Values: r.series.values.slice(offset, offset + take),
        StatusCode: partial ? 'PartialData' : 'Complete',
        Messages: [],
      })
      budget -= take
      if (partial) {
        next = { q, i: offset + take }
        break
      }
      if (budget === 0 && q + 1 < results.length) {
        next = { q: q + 1, i: 0 }
        break
      }
    }
    const output: Output = { MetricDataResults: page, Messages: [] }
    if (next) output['NextToken'] = encodeToken(next)
    return output
  }

  getMetricStatistics(input: Input): Output {
    const namespace = asString(required(input['Namespace'], 'Namespace'))!
    const metricName = asString(required(input['MetricName'], 'MetricName'))!
    const startMs = timestamp(input, 'StartTime')
    const endMs = timestamp(input, 'EndTime')
    if (startMs >= endMs) throw errors.invalidValue('The parameter StartTime must be less than the parameter EndTime.')
    const periodMs = period(input['Period'], 'Period', this.options.stepMs)
    const dims = dimensions(input['Dimensions'], 'Dimensions')
    const statUnit = unit(input['Unit'], 'Unit')
    const statistics = (asArray(input['Statistics']) ?? []).map((s) => asString(s) ?? '')
    const extended = (asArray(input['ExtendedStatistics']) ?? []).map((s) => asString(s) ?? '')
    if (statistics.length === 0 && extended.length === 0) {
      throw errors.missing('Must specify either Statistics or ExtendedStatistics.')
    }
    if (statistics.length > 5 || extended.length > 10) {
      throw errors.invalidValue('At most 5 Statistics and 10 ExtendedStatistics may be requested.')
    }
    statistics.forEach((s, i) => {
      if (!(BASIC_STATISTICS as readonly string[]).includes(s)) {
        throw errors.invalidValue(`The value ${s} for parameter Statistics.member.${i + 1} is not a valid statistic.`)
      }
    })
    const parsedExtended = extended.map((s, i) => {
      const parsed = parseStatistic(s)
      if (!parsed || parsed.kind === 'basic') {
        throw errors.invalidValue(`The value ${s} for parameter ExtendedStatistics.member.${i + 1} is not a valid extended statistic.`)
      }
      return parsed
    })
    const start = alignStart(startMs, periodMs, this.options.stepMs)
    const points = Math.ceil((endMs - start) / periodMs)
    if (points > MAX_STATISTICS_DATAPOINTS) {
      throw errors.combination(
        `You have requested up to ${points} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      )
    }
    const metric = this.store.find(namespace, metricName, dims)
    const wanted = [...statistics.map((s) => parseStatistic(s)!), ...parsedExtended]
    const datapoints: Output[] = []
    if (metric) {
      const buckets = this.store.buckets(metric, { startMs: start, endMs, periodMs, unit: statUnit, needRaw: parsedExtended.length > 0 })
      for (const b of buckets) {
        const values = computeStatistics(b.bucket, wanted)
        const point: Output = { Timestamp: new Date(b.timestamp) }
        statistics.forEach((s, i) => {
          if (values[i] !== undefined) point[s] = values[i]
        })
        if (extended.length > 0) {
          const map: Record<string, number> = {}
          extended.forEach((s, i) => {
            const v = values[statistics.length + i]
            if (v !== undefined) map[s] = v
          })
          point['ExtendedStatistics'] = map
        }
        point['Unit'] = b.unit
        datapoints.push(point)
      }
    }
    return { Label: metricName, Datapoints: datapoints }
  }

  listMetrics(input: Input): Output {
    const namespace = asString(input['Namespace'])
    const metricName = asString(input['MetricName'])
    const filters = (asArray(input['Dimensions']) ?? []).map((item, i) => {
      const d = asObject(item)
      const name = asString(d?.['Name'])
      if (!name) throw errors.missing(`The parameter Dimensions.member.${i + 1}.Name is required.`)
      return { name, value: asString(d?.['Value']) }
    })
    const recentlyActive = asString(input['RecentlyActive'])
    if (recentlyActive !== undefined && recentlyActive !== 'PT3H') {
      throw errors.invalidValue(`The value ${recentlyActive} for parameter RecentlyActive is not valid.`)
    }
    const since = recentlyActive ? this.now() - 3 * 3600_000 : -Infinity
    const matching: Output[] = []
    for (const metric of this.store.all()) {
      const id = metric.id
      if (namespace !== undefined && id.namespace !== namespace) continue
      if (metricName !== undefined && id.metricName !== metricName) continue
      const dimsMatch = filters.every((f) => id.dimensions.some((d) => d.Name === f.name && (f.value === undefined || d.Value === f.value)))
      if (!dimsMatch || !metric.hasData(since)) continue
      matching.push({ Namespace: id.namespace, MetricName: id.metricName, Dimensions: id.dimensions.map((d) => ({ ...d })) })
    }
    const offset = input['NextToken'] === undefined ? 0 : (decodeToken(input['NextToken'])['o'] ?? 0)
    const output: Output = { Metrics: matching.slice(offset, offset + LIST_PAGE) }
    if (offset + LIST_PAGE < matching.length) output['NextToken'] = encodeToken({ o: offset + LIST_PAGE })
    return output
  }

  putMetricData(input: Input): Output {
    const namespace = asString(required(input['Namespace'], 'Namespace'))!
    if (namespace.startsWith('AWS/') || namespace === '' || namespace.length > 255) {
      throw errors.invalidValue(`The value ${namespace.startsWith('AWS/') ? 'AWS/' : namespace} for parameter Namespace is invalid.`)
    }
    const data = asArray(input['MetricData'])
    if (!data || data.length === 0) throw errors.missing('The parameter MetricData is required.')
    if (data.length > 1000) throw errors.invalidValue('The collection MetricData must not have a size greater than 1000.')
    const now = this.now()
    // validate everything first: a rejected request stores nothing
    const writes = data.map((item, i) => {
      const at = `MetricData.member.${i + 1}`
      const d = asObject(item)
      if (!d) throw errors.invalidValue(`The parameter ${at} must be a structure.`)
      const metricName = asString(required(d['MetricName'], `${at}.MetricName`))!
      const dims = dimensions(d['Dimensions'], `${at}.Dimensions`)
      const ts = d['Timestamp'] === undefined ? now : asTimestampMs(d['Timestamp'])!
      if (!Number.isFinite(ts)) throw errors.invalidValue(`The parameter ${at}.Timestamp must be a valid timestamp.`)
      const datumUnit = unit(d['Unit'], `${at}.Unit`) ?? 'None'
      const finite = (v: number | undefined, name: string): number => {
        if (v === undefined || !Number.isFinite(v)) throw errors.invalidValue(`The value for parameter ${at}.${name} must be a finite number.`)
        return v
      }
      const given = ['Value', 'StatisticValues', 'Values'].filter((k) => d[k] !== undefined)
      if (given.length !== 1) {
        throw errors.combination(`The parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values are mutually exclusive and one is required.`)
      }
      if (d['Value'] !== undefined) {
        const value = finite(asNumber(d['Value']), 'Value')
        return { metricName, dims, ts, datumUnit, values: [value], counts: [1] }
      }
      if (d['StatisticValues'] !== undefined) {
        const s = asObject(d['StatisticValues']) ?? {}
        const set = {
          sampleCount: finite(asNumber(s['SampleCount']), 'StatisticValues.SampleCount'),
          sum: finite(asNumber(s['Sum']), 'StatisticValues.Sum'),
          min: finite(asNumber(s['Minimum']), 'StatisticValues.Minimum'),
          max: finite(asNumber(s['Maximum']), 'StatisticValues.Maximum'),
        }
        if (set.sampleCount <= 0 || set.min > set.max) throw errors.invalidValue(`The parameter ${at}.StatisticValues is not consistent.`)
        return { metricName, dims, ts, datumUnit, set }
      }
      const values = (asArray(d['Values']) ?? []).map((v, k) => finite(asNumber(v), `Values.member.${k + 1}`))
      const counts = d['Counts'] === undefined ? values.map(() => 1) : (asArray(d['Counts']) ?? []).map((v, k) => finite(asNumber(v), `Counts.member.${k + 1}`))
      if (counts.length !== values.length) throw errors.invalidValue(`The parameters ${at}.Values and ${at}.Counts must be of the same size.`)
      if (values.length > 150) throw errors.invalidValue(`The collection ${at}.Values must not have a size greater than 150.`)
      return { metricName, dims, ts, datumUnit, values, counts }
    })
    for (const w of writes) {
      const series = this.store.metric(namespace, w.metricName, w.dims).seriesFor(w.datumUnit)
      if ('set' in w && w.set) series.addSet(w.ts, w.set)
      else if ('values' in w && w.values) w.values.forEach((v, k) => series.addWeighted(w.ts, v, w.counts[k]!))
    }
    return {}
  }
}
