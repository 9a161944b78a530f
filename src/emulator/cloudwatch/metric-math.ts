/**
 * The arithmetic part of CloudWatch metric math: ids of other queries, numbers, + - * / and parentheses, e.g.
 * `100 * errors / invocations`. Two series combine on the timestamps both have; a division by zero gives no point.
 */
import { cloudWatchErrors as errors } from './api-error.js'

export interface TimeSeries {
  /** epoch ms, ascending */
  timestamps: number[]
  values: number[]
}

type Value = number | TimeSeries

export function evaluateExpression(expression: string, at: string, resolve: (id: string) => TimeSeries | undefined): TimeSeries {
  const tokens = expression.match(/\s*(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S)/g)?.map((t) => t.trim()) ?? []
  let i = 0
  const fail = (why: string): never => {
    throw errors.invalidValue(`Error in expression ${at}: ${why} (the lambda-tune emulator supports ids, numbers, + - * / and parentheses).`)
  }
  const expr = (): Value => {
    let left = term()
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++]!
      left = combine(left, term(), op)
    }
    return left
  }
  const term = (): Value => {
    let left = factor()
    while (tokens[i] === '*' || tokens[i] === '/') {
      const op = tokens[i++]!
      left = combine(left, factor(), op)
    }
    return left
  }
  const factor = (): Value => {
    const t = tokens[i++]
    if (t === undefined) return fail('unexpected end')
    if (t === '(') {
      const inner = expr()
      if (tokens[i++] !== ')') fail('missing )')
      return inner
    }
    if (t === '-') return combine(-1, factor(), '*')
    if (/^\d/.test(t)) return Number(t)
    if (/^[A-Za-z_]/.test(t)) {
      if (tokens[i] === '(') fail(`function ${t}() is not supported`)
      return resolve(t) ?? fail(`Unrecognized metric identifier ${t}`)
    }
    return fail(`unexpected ${t}`)
  }
  const result = expr()
  if (i < tokens.length) fail(`unexpected ${tokens[i]}`)
  if (typeof result === 'number') return fail('the expression must reference at least one metric')
  return result
}

/** + - * / as CloudWatch metric math and Logs Insights both do it: a division by zero has no value. */
export function apply(a: number, b: number, op: string): number | undefined {
  switch (op) {
    case '+':
      return a + b
    case '-':
      return a - b
    case '*':
      return a * b
    default:
      return b === 0 ? undefined : a / b
  }
}

function combine(left: Value, right: Value, op: string): Value {
  if (typeof left === 'number' && typeof right === 'number') return apply(left, right, op) ?? NaN
  const out: TimeSeries = { timestamps: [], values: [] }
  const push = (t: number, v: number | undefined): void => {
    if (v === undefined || !Number.isFinite(v)) return
    out.timestamps.push(t)
    out.values.push(v)
  }
  if (typeof left === 'number') {
    const r = right as TimeSeries
    r.timestamps.forEach((t, k) => push(t, apply(left, r.values[k]!, op)))
  } else if (typeof right === 'number') {
    left.timestamps.forEach((t, k) => push(t, apply(left.values[k]!, right, op)))
  } else {
    const index = new Map(right.timestamps.map((t, k) => [t, right.values[k]!]))
    left.timestamps.forEach((t, k) => {
      const other = index.get(t)
      if (other !== undefined) push(t, apply(left.values[k]!, other, op))
    })
  }
  return out
}
