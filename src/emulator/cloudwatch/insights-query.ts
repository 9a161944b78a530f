/**
 * Runs a parsed Logs Insights query (grammar in insights-parser.ts) over log records. Percentiles use the nearest
 * rank, as the metrics side does, so both agree on the same durations.
 */
import type { FieldValue } from './log-fields.js'
import type { Agg, Command, Cond, Expr, GroupKey } from './insights-parser.js'
import { apply } from './metric-math.js'
import { nearestRank } from './statistics.js'

/** a record's fields; events are read through views over the stored event rather than copied into maps */
export interface Row {
  get(field: string): FieldValue | undefined
  has(field: string): boolean
}

/** a row with fields computed by `fields x + 1 as y` laid over it */
class OverlayRow implements Row {
  constructor(
    private readonly base: Row,
    private readonly extra: Map<string, FieldValue>,
  ) {}
  get(field: string): FieldValue | undefined {
    return this.extra.has(field) ? this.extra.get(field) : this.base.get(field)
  }
  has(field: string): boolean {
    return this.extra.has(field) || this.base.has(field)
  }
}

function evaluate(expr: Expr, row: Row): FieldValue | undefined {
  switch (expr.k) {
    case 'lit':
      return expr.value
    case 'field':
      return row.get(expr.name)
    case 'arith': {
      const a = toNumber(evaluate(expr.left, row))
      const b = toNumber(evaluate(expr.right, row))
      if (a === undefined || b === undefined) return undefined
      return apply(a, b, expr.op)
    }
  }
}

function toNumber(value: FieldValue | undefined): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function compare(a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a)
    const y = toNumber(b)
    if (x !== undefined && y !== undefined) return x - y
  }
  const s = String(a)
  const t = String(b)
  return s < t ? -1 : s > t ? 1 : 0
}

function test(cond: Cond, row: Row): boolean {
  switch (cond.k) {
    case 'and':
      return test(cond.left, row) && test(cond.right, row)
    case 'or':
      return test(cond.left, row) || test(cond.right, row)
    case 'not':
      return !test(cond.inner, row)
    case 'present':
      return row.has(cond.field)
    case 'truthy': {
      const v = evaluate(cond.expr, row)
      return v !== undefined && v !== '' && v !== 0
    }
    case 'like': {
      const v = evaluate(cond.left, row)
      if (v === undefined) return false
      return typeof cond.pattern === 'string' ? String(v).includes(cond.pattern) : cond.pattern.test(String(v))
    }
    case 'cmp': {
      const a = evaluate(cond.left, row)
      const b = evaluate(cond.right, row)
      if (a === undefined || b === undefined) return false
      const c = compare(a, b)
      switch (cond.op) {
        case '=':
          return c === 0
        case '!=':
          return c !== 0
        case '<':
          return c < 0
        case '<=':
          return c <= 0
        case '>':
          return c > 0
        default:
          return c >= 0
      }
    }
  }
}

function nearestRankPercentile(sorted: number[], percent: number): number {
  return sorted[nearestRank(sorted.length, percent) - 1]!
}

function aggregate(agg: Agg, rows: Row[]): FieldValue | undefined {
  if (agg.fn === 'count') return agg.arg === undefined ? rows.length : rows.filter((r) => evaluate(agg.arg!, r) !== undefined).length
  if (agg.fn === 'earliest' || agg.fn === 'latest') {
    let best: { t: number; v: FieldValue } | undefined
    for (const r of rows) {
      const v = evaluate(agg.arg!, r)
      const t = r.get('@timestamp') as number
      if (v === undefined) continue
      if (!best || (agg.fn === 'earliest' ? t < best.t : t > best.t)) best = { t, v }
    }
    return best?.v
  }
  const values: number[] = []
  for (const r of rows) {
    const v = toNumber(evaluate(agg.arg!, r))
    if (v !== undefined) values.push(v)
  }
  if (values.length === 0) return undefined
  switch (agg.fn) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0)
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length
    case 'min':
      return values.reduce((a, b) => (b < a ? b : a))
    case 'max':
      return values.reduce((a, b) => (b > a ? b : a))
    case 'stddev': {
      if (values.length < 2) return 0
      const mean = values.reduce((a, b) => a + b, 0) / values.length
      return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))
    }
    default:
      return nearestRankPercentile(values.sort((a, b) => a - b), agg.percent!)
  }
}

export interface QueryOutcome {
  rows: Row[]
  /** the fields each row shows, in order */
  columns: string[]
  recordsMatched: number
  hasStats: boolean
  /** the columns the last stats command computed (its aggregates, not its group-by fields) */
  aggregates: string[]
}

/**
 * Runs the commands over rows ordered newest first (the order Insights scans in), so `limit` without `sort` keeps
 * the most recent events and bin() groups come out newest first.
 */
export function runInsightsQuery(commands: Command[], events: Row[], maxRows: number): QueryOutcome {
  let rows = events
  let columns: string[] | undefined
  let hasStats = false
  let aggregates: string[] = []
  let recordsMatched: number | undefined
  for (const c of commands) {
    switch (c.k) {
      case 'filter':
        rows = rows.filter((r) => test(c.cond, r))
        break
      case 'fields':
      case 'display':
        for (const item of c.items) {
          if (item.expr.k !== 'field' || item.name !== item.expr.name) {
            rows = rows.map((r) => {
              const v = evaluate(item.expr, r)
              return v === undefined ? r : new OverlayRow(r, new Map([[item.name, v]]))
            })
          }
        }
        columns = c.k === 'fields' && columns && !hasStats ? [...columns, ...c.items.map((i) => i.name)] : c.items.map((i) => i.name)
        break
      case 'stats': {
        recordsMatched ??= rows.length
        const groups = new Map<string, { key: Map<string, FieldValue>; rows: Row[] }>()
        const keyOf = (r: Row, g: GroupKey): FieldValue | undefined =>
          g.k === 'bin' ? Math.floor((r.get('@timestamp') as number) / g.ms) * g.ms : evaluate(g.expr, r)
        for (const r of rows) {
          let id = ''
          for (const g of c.by) id += String(keyOf(r, g)) + '\u0000'
          let group = groups.get(id)
          if (!group) {
            const key = new Map<string, FieldValue>()
            for (const g of c.by) {
              const v = keyOf(r, g)
              if (v !== undefined) key.set(g.name, v)
            }
            groups.set(id, (group = { key, rows: [] }))
          }
          group.rows.push(r)
        }
        rows = [...groups.values()].map((g) => {
          const out = new Map<string, FieldValue>(g.key)
          for (const a of c.aggs) {
            const v = aggregate(a, g.rows)
            if (v !== undefined) out.set(a.name, v)
          }
          return out
        })
        columns = [...c.by.map((g) => g.name), ...c.aggs.map((a) => a.name)]
        aggregates = c.aggs.map((a) => a.name)
        hasStats = true
        break
      }
      case 'sort':
        rows = [...rows].sort((a, b) => {
          for (const k of c.keys) {
            const x = a.get(k.name)
            const y = b.get(k.name)
            if (x === undefined && y === undefined) continue
            if (x === undefined) return 1
            if (y === undefined) return -1
            const d = compare(x, y)
            if (d !== 0) return k.desc ? -d : d
          }
          return 0
        })
        break
      case 'limit':
        rows = rows.slice(0, c.n)
        break
      case 'parse':
        rows = rows.map((r) => {
          const value = r.get(c.field)
          const m = value === undefined ? null : c.pattern.exec(String(value))
          if (!m) return r
          const extra = new Map<string, FieldValue>()
          c.names.forEach((name, i) => {
            const captured = m.groups?.[name] ?? m[i + 1]
            if (captured !== undefined) extra.set(name, captured)
          })
          return new OverlayRow(r, extra)
        })
        break
    }
  }
  return {
    rows: rows.slice(0, maxRows),
    columns: columns ?? ['@timestamp', '@message'],
    recordsMatched: recordsMatched ?? rows.length,
    hasStats,
    aggregates,
  }
}
