import { newBucket, type Bucket } from './statistics.js'

export interface Dimension {
  Name: string
  Value: string
}

export interface MetricId {
  namespace: string
  metricName: string
  /** sorted by name: CloudWatch treats dimension order as irrelevant */
  dimensions: Dimension[]
}

/**
 * The datapoints of one metric with one unit, in arrival order (appends only: recording is on every invoke's hot
 * path). A point's sample count is 1 unless PutMetricData said otherwise (Counts, or a StatisticSet whose sum, min
 * and max are kept aside); those arrays only exist once such a point arrives.
 */
export class Series {
  readonly timestamps: number[] = []
  readonly values: number[] = []
  weights: number[] | undefined
  /** index into `sets` of a StatisticSet point, -1 for plain values */
  setIndex: number[] | undefined
  readonly sets: Array<{ sum: number; min: number; max: number }> = []
  constructor(readonly unit: string) {}

  add(timestamp: number, value: number): void {
    this.timestamps.push(timestamp)
    this.values.push(value)
    this.weights?.push(1)
    this.setIndex?.push(-1)
  }

  addWeighted(timestamp: number, value: number, weight: number, set = -1): void {
    this.weights ??= new Array<number>(this.values.length).fill(1)
    this.setIndex ??= new Array<number>(this.values.length).fill(-1)
    this.timestamps.push(timestamp)
    this.values.push(value)
    this.weights.push(weight)
    this.setIndex.push(set)
  }

  addSet(timestamp: number, set: { sampleCount: number; sum: number; min: number; max: number }): void {
    this.sets.push({ sum: set.sum, min: set.min, max: set.max })
    this.addWeighted(timestamp, set.sampleCount === 0 ? 0 : set.sum / set.sampleCount, set.sampleCount, this.sets.length - 1)
  }
}

export class StoredMetric {
  /** one series per unit, usually exactly one */
  readonly series: Series[] = []
  constructor(readonly id: MetricId) {}

  hasData(sinceMs = -Infinity): boolean {
    for (const s of this.series) {
      if (sinceMs === -Infinity ? s.timestamps.length > 0 : s.timestamps.some((t) => t >= sinceMs)) return true
    }
    return false
  }

  seriesFor(unit: string): Series {
    for (const s of this.series) if (s.unit === unit) return s
    const created = new Series(unit)
    this.series.push(created)
    return created
  }
}

export interface BucketQuery {
  startMs: number
  endMs: number
  periodMs: number
  unit?: string
  /** false: skip the raw values (no percentile requested) */
  needRaw: boolean
}

export interface BucketResult {
  /** period start, epoch ms */
  timestamp: number
  bucket: Bucket
  unit: string
}

export function metricKey(namespace: string, metricName: string, dimensions: readonly Dimension[]): string {
  let key = namespace + '\u0000' + metricName
  for (const d of dimensions) key += '\u0000' + d.Name + '\u0001' + d.Value
  return key
}

export function sortDimensions(dimensions: readonly Dimension[]): Dimension[] {
  return [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
}

export class MetricStore {
  private readonly metrics = new Map<string, StoredMetric>()

  /** the metric, created on first use; `dimensions` need not be sorted */
  metric(namespace: string, metricName: string, dimensions: readonly Dimension[]): StoredMetric {
    const sorted = sortDimensions(dimensions)
    const key = metricKey(namespace, metricName, sorted)
    let metric = this.metrics.get(key)
    if (!metric) {
      metric = new StoredMetric({ namespace, metricName, dimensions: sorted })
      this.metrics.set(key, metric)
    }
    return metric
  }

  find(namespace: string, metricName: string, dimensions: readonly Dimension[]): StoredMetric | undefined {
    return this.metrics.get(metricKey(namespace, metricName, sortDimensions(dimensions)))
  }

  put(namespace: string, metricName: string, dimensions: readonly Dimension[], unit: string, timestamp: number, value: number): void {
    const metric = this.metric(namespace, metricName, dimensions)
    metric.seriesFor(unit).add(timestamp, value)
  }

  all(): IterableIterator<StoredMetric> {
    return this.metrics.values()
  }

  get size(): number {
    return this.metrics.size
  }

  /** Aggregates a metric's datapoints into periods starting at `startMs`; only periods with data are returned. */
  buckets(metric: StoredMetric, query: BucketQuery): BucketResult[] {
    const byIndex = new Map<number, BucketResult>()
    for (const series of metric.series) {
      if (query.unit !== undefined && query.unit !== series.unit) continue
      const { timestamps, values, weights, setIndex, sets } = series
      for (let i = 0; i < timestamps.length; i++) {
        const t = timestamps[i]!
        if (t < query.startMs || t >= query.endMs) continue
        const index = Math.floor((t - query.startMs) / query.periodMs)
        let result = byIndex.get(index)
        if (!result) {
          result = { timestamp: query.startMs + index * query.periodMs, bucket: newBucket(), unit: series.unit }
          if (!query.needRaw) result.bucket.raw = result.bucket.weights = undefined
          byIndex.set(index, result)
        }
        const bucket = result.bucket
        const weight = weights === undefined ? 1 : weights[i]!
        const set = setIndex === undefined ? -1 : setIndex[i]!
        if (set === -1) {
          const value = values[i]!
          bucket.count += weight
          bucket.sum += value * weight
          if (value < bucket.min) bucket.min = value
          if (value > bucket.max) bucket.max = value
          if (bucket.raw) {
            bucket.raw.push(value)
            bucket.weights!.push(weight)
          }
        } else {
          const s = sets[set]!
          bucket.count += weight
          bucket.sum += s.sum
          if (s.min < bucket.min) bucket.min = s.min
          if (s.max > bucket.max) bucket.max = s.max
          // a statistic set hides its values: percentiles of this period are unknowable
          bucket.raw = bucket.weights = undefined
        }
      }
    }
    return [...byIndex.values()].sort((a, b) => a.timestamp - b.timestamp)
  }
}
