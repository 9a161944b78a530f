/**
 * Parsing the subset of CloudWatch Logs Insights that lambda-tune (and the usual Lambda queries) use:
 *   fields a, b | filter <condition> | parse f /(?<name>regex)/ | parse f "glob*" as a | stats agg(...) [as alias], ...
 *   [by bin(5m) | field, ...] | sort f [asc|desc] | limit N | display a, b
 * Conditions: = != < <= > >=, like "substring", like /regex/i, =~ /regex/, not, and, or, parentheses, ispresent(f).
 * Operands: fields, numbers, strings, and + - * / between them. Aggregates: count(*), count(f), sum, avg, min, max,
 * stddev, pct(f, N) (nearest rank, as the metrics side), earliest, latest.
 */
import { logsErrors } from './api-error.js'
import type { FieldValue } from './log-fields.js'

type Token =
  | { t: 'word'; v: string; at: number; end: number }
  | { t: 'field'; v: string; at: number; end: number }
  | { t: 'num'; v: number; at: number; end: number }
  | { t: 'dur'; v: number; at: number; end: number }
  | { t: 'str'; v: string; at: number; end: number }
  | { t: 're'; v: RegExp; at: number; end: number }
  | { t: 'op'; v: string; at: number; end: number }

const UNIT_MS: Record<string, number> = {
  ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3600_000, hr: 3600_000, d: 86_400_000, w: 604_800_000,
  mo: 2_592_000_000, q: 7_776_000_000, y: 31_536_000_000,
}

function malformed(message: string, at = 0, end = at): never {
  throw logsErrors.malformedQuery(message, { start: at, end })
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const previous = (): Token | undefined => tokens[tokens.length - 1]
  while (i < query.length) {
    const c = query[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const start = i
    if (c === '"' || c === "'") {
      let j = i + 1
      let text = ''
      while (j < query.length && query[j] !== c) {
        if (query[j] === '\\' && j + 1 < query.length) j++
        text += query[j]
        j++
      }
      if (j >= query.length) malformed('unterminated string', start, j)
      i = j + 1
      tokens.push({ t: 'str', v: text, at: start, end: i })
      continue
    }
    const p = previous()
    const beforeP = tokens[tokens.length - 2]
    const afterParse = p !== undefined && (p.t === 'field' || p.t === 'word') && beforeP?.t === 'word' && beforeP.v.toLowerCase() === 'parse'
    const regexAllowed = p !== undefined && ((p.t === 'word' && p.v.toLowerCase() === 'like') || (p.t === 'op' && p.v === '=~') || afterParse)
    if (c === '/' && regexAllowed) {
      let j = i + 1
      while (j < query.length && query[j] !== '/') j += query[j] === '\\' ? 2 : 1
      if (j >= query.length) malformed('unterminated regular expression', start, j)
      const body = query.slice(i + 1, j)
      let k = j + 1
      while (k < query.length && /[a-z]/.test(query[k]!)) k++
      const flags = query.slice(j + 1, k)
      let re: RegExp
      try {
        re = new RegExp(body, flags.replace(/[^ims]/g, ''))
      } catch {
        malformed(`invalid regular expression /${body}/`, start, k)
      }
      i = k
      tokens.push({ t: 're', v: re, at: start, end: i })
      continue
    }
    if (c === '`') {
      const j = query.indexOf('`', i + 1)
      if (j < 0) malformed('unterminated backquoted field', start, query.length)
      i = j + 1
      tokens.push({ t: 'field', v: query.slice(start + 1, j), at: start, end: i })
      continue
    }
    const number = /^\d+(?:\.\d+)?/.exec(query.slice(i))
    if (number) {
      i += number[0].length
      const unit = /^[a-z]+/.exec(query.slice(i))
      if (unit) {
        const ms = UNIT_MS[unit[0]]
        if (ms === undefined) malformed(`unknown time unit ${unit[0]}`, start, i + unit[0].length)
        i += unit[0].length
        tokens.push({ t: 'dur', v: Number(number[0]) * ms, at: start, end: i })
      } else {
        tokens.push({ t: 'num', v: Number(number[0]), at: start, end: i })
      }
      continue
    }
    const word = /^@?[A-Za-z_][\w.@-]*/.exec(query.slice(i))
    if (word) {
      // `-` belongs to a name only inside it (e.g. record.x-y), never at its end
      let text = word[0]
      while (text.endsWith('-')) text = text.slice(0, -1)
      i += text.length
      tokens.push({ t: text.startsWith('@') || text.includes('.') ? 'field' : 'word', v: text, at: start, end: i })
      continue
    }
    const op = /^(<=|>=|!=|=~|[=<>|,()*+\-/])/.exec(query.slice(i))
    if (!op) malformed(`unexpected character ${c}`, start, start + 1)
    i += op[0].length
    tokens.push({ t: 'op', v: op[0], at: start, end: i })
  }
  return tokens
}

export type Expr =
  | { k: 'field'; name: string }
  | { k: 'lit'; value: FieldValue }
  | { k: 'arith'; op: string; left: Expr; right: Expr }

export type Cond =
  | { k: 'and' | 'or'; left: Cond; right: Cond }
  | { k: 'not'; inner: Cond }
  | { k: 'cmp'; op: string; left: Expr; right: Expr }
  | { k: 'like'; left: Expr; pattern: RegExp | string }
  | { k: 'present'; field: string }
  | { k: 'truthy'; expr: Expr }

type AggName = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'stddev' | 'pct' | 'earliest' | 'latest'
export interface Agg {
  fn: AggName
  /** undefined: count(*) */
  arg?: Expr
  percent?: number
  name: string
}
export type GroupKey = { k: 'bin'; ms: number; name: string } | { k: 'field'; expr: Expr; name: string }

export type Command =
  | { k: 'fields' | 'display'; items: Array<{ expr: Expr; name: string }> }
  | { k: 'filter'; cond: Cond }
  | { k: 'stats'; aggs: Agg[]; by: GroupKey[] }
  | { k: 'sort'; keys: Array<{ name: string; desc: boolean }> }
  | { k: 'limit'; n: number }
  /** `parse field /(?<a>...)/` or `parse field "x=*, y=*" as a, b`: the captures become fields a, b */
  | { k: 'parse'; field: string; pattern: RegExp; names: string[] }

class Parser {
  private i = 0
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.i]
  }

  private next(): Token {
    const token = this.tokens[this.i++]
    if (!token) malformed('unexpected end of query', this.source.length)
    return token
  }

  private isOp(v: string): boolean {
    const t = this.peek()
    return t !== undefined && t.t === 'op' && t.v === v
  }

  private isWord(v: string): boolean {
    const t = this.peek()
    return t !== undefined && t.t === 'word' && t.v.toLowerCase() === v
  }

  private expectOp(v: string): Token {
    const t = this.next()
    if (t.t !== 'op' || t.v !== v) malformed(`expected "${v}"`, t.at, t.end)
    return t
  }

  private atCommandEnd(): boolean {
    return this.peek() === undefined || this.isOp('|')
  }

  parse(): Command[] {
    const commands: Command[] = []
    while (this.peek() !== undefined) {
      commands.push(this.command())
      if (this.peek() !== undefined) this.expectOp('|')
    }
    if (commands.length === 0) malformed('empty query')
    return commands
  }

  private command(): Command {
    const t = this.next()
    const name = t.t === 'word' ? t.v.toLowerCase() : ''
    switch (name) {
      case 'fields':
      case 'display':
        return { k: name, items: this.list(() => this.namedExpr()) }
      case 'filter':
        return { k: 'filter', cond: this.or() }
      case 'stats':
        return this.stats()
      case 'sort':
        return {
          k: 'sort',
          keys: this.list(() => {
            const f = this.next()
            if (f.t !== 'field' && f.t !== 'word') malformed('expected a field to sort by', f.at, f.end)
            let desc = true
            if (this.isWord('asc')) desc = (this.next(), false)
            else if (this.isWord('desc')) this.next()
            return { name: String(f.v), desc }
          }),
        }
      case 'parse':
        return this.parseCommand()
      case 'limit': {
        const n = this.next()
        if (n.t !== 'num' || !Number.isInteger(n.v) || n.v < 1) malformed('limit takes a positive integer', n.at, n.end)
        return { k: 'limit', n: n.v }
      }
      default:
        return malformed(
          `unsupported command ${t.t === 'word' ? t.v : this.source.slice(t.at, t.end)}: the lambda-tune emulator supports fields, filter, parse, stats, sort, limit and display`,
          t.at,
          t.end,
        )
    }
  }

  private parseCommand(): Command {
    const f = this.next()
    if (f.t !== 'field' && f.t !== 'word') malformed('parse takes a field, then a "glob" or a /regular expression/', f.at, f.end)
    const p = this.next()
    if (p.t === 're') {
      const names = [...p.v.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]!)
      if (names.length === 0) malformed('parse with a regular expression needs named groups, e.g. /(?<name>[0-9]+)/', p.at, p.end)
      if (!this.atCommandEnd()) malformed('unexpected text after the regular expression of parse', this.peek()!.at, this.peek()!.end)
      return { k: 'parse', field: String(f.v), pattern: p.v, names }
    }
    if (p.t !== 'str') malformed('parse takes a "glob" or a /regular expression/', p.at, p.end)
    const stars = p.v.split('*').length - 1
    if (stars === 0) malformed('a parse glob needs at least one *', p.at, p.end)
    if (!this.isWord('as')) malformed('a parse glob needs "as" and one name per *', p.at, p.end)
    this.next()
    const names = this.list(() => {
      const n = this.next()
      if (n.t !== 'word' && n.t !== 'field') malformed('expected a field name', n.at, n.end)
      return String(n.v)
    })
    if (names.length !== stars) malformed(`the glob has ${stars} * but ${names.length} names follow "as"`, p.at, p.end)
    // every * but the last matches as little as it can; the last takes the rest
    const pieces = p.v.split('*').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    const source = pieces.map((piece, i) => piece + (i < stars ? (i === stars - 1 ? '(.*)' : '(.*?)') : '')).join('')
    return { k: 'parse', field: String(f.v), pattern: new RegExp(source), names }
  }

  private list<T>(item: () => T): T[] {
    const items = [item()]
    while (this.isOp(',')) {
      this.next()
      items.push(item())
    }
    if (!this.atCommandEnd()) {
      const t = this.peek()!
      malformed(`unexpected ${this.source.slice(t.at, t.end)}`, t.at, t.end)
    }
    return items
  }

  private namedExpr(): { expr: Expr; name: string } {
    const start = this.peek()?.at ?? 0
    const expr = this.expr()
    const end = this.tokens[this.i - 1]!.end
    return { expr, name: this.alias() ?? this.source.slice(start, end) }
  }

  private alias(): string | undefined {
    if (!this.isWord('as')) return undefined
    this.next()
    const t = this.next()
    if (t.t !== 'word' && t.t !== 'field') malformed('expected a name after "as"', t.at, t.end)
    return String(t.v)
  }

  private stats(): Command {
    const aggs: Agg[] = []
    const by: GroupKey[] = []
    do {
      if (aggs.length > 0) this.next()
      aggs.push(this.agg())
    } while (this.isOp(','))
    if (this.isWord('by')) {
      this.next()
      do {
        if (by.length > 0) this.next()
        const start = this.peek()?.at ?? 0
        if (this.isWord('bin')) {
          this.next()
          this.expectOp('(')
          const d = this.next()
          if (d.t !== 'dur') malformed('bin() takes a period such as 5m', d.at, d.end)
          const close = this.expectOp(')')
          by.push({ k: 'bin', ms: d.v, name: this.alias() ?? this.source.slice(start, close.end) })
        } else {
          const expr = this.expr()
          const end = this.tokens[this.i - 1]!.end
          by.push({ k: 'field', expr, name: this.alias() ?? this.source.slice(start, end) })
        }
      } while (this.isOp(','))
    }
    if (!this.atCommandEnd()) {
      const t = this.peek()!
      malformed(`unexpected ${this.source.slice(t.at, t.end)} in stats`, t.at, t.end)
    }
    return { k: 'stats', aggs, by }
  }

  private agg(): Agg {
    const t = this.next()
    const fn = t.t === 'word' ? t.v.toLowerCase() : ''
    const known: Record<string, AggName> = {
      count: 'count', sum: 'sum', avg: 'avg', min: 'min', max: 'max', stddev: 'stddev', pct: 'pct', percentile: 'pct',
      earliest: 'earliest', latest: 'latest',
    }
    const aggName = known[fn]
    if (!aggName) malformed(`unsupported stats function ${this.source.slice(t.at, t.end)}`, t.at, t.end)
    this.expectOp('(')
    let arg: Expr | undefined
    let percent: number | undefined
    if (aggName === 'count' && (this.isOp('*') || this.isOp(')'))) {
      if (this.isOp('*')) this.next()
    } else {
      arg = this.expr()
    }
    if (aggName === 'pct') {
      this.expectOp(',')
      const p = this.next()
      if (p.t !== 'num' || p.v < 0 || p.v > 100) malformed('pct() takes a percentile between 0 and 100', p.at, p.end)
      percent = p.v
    }
    const close = this.expectOp(')')
    return { fn: aggName, arg, percent, name: this.alias() ?? this.source.slice(t.at, close.end) }
  }

  private or(): Cond {
    let left = this.and()
    while (this.isWord('or')) {
      this.next()
      left = { k: 'or', left, right: this.and() }
    }
    return left
  }

  private and(): Cond {
    let left = this.not()
    while (this.isWord('and')) {
      this.next()
      left = { k: 'and', left, right: this.not() }
    }
    return left
  }

  private not(): Cond {
    if (this.isWord('not') || this.isOp('!')) {
      this.next()
      return { k: 'not', inner: this.not() }
    }
    if (this.isOp('(')) {
      this.next()
      const inner = this.or()
      this.expectOp(')')
      return inner
    }
    if (this.isWord('ispresent')) {
      this.next()
      this.expectOp('(')
      const f = this.next()
      if (f.t !== 'field' && f.t !== 'word') malformed('ispresent() takes a field', f.at, f.end)
      this.expectOp(')')
      return { k: 'present', field: String(f.v) }
    }
    const left = this.expr()
    const t = this.peek()
    if (t && t.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.next()
      return { k: 'cmp', op: t.v, left, right: this.expr() }
    }
    const negated = this.isWord('not')
    if (negated) this.next()
    if (this.isWord('like') || this.isOp('=~')) {
      this.next()
      const p = this.next()
      if (p.t !== 're' && p.t !== 'str') malformed('like takes a "string" or a /regular expression/', p.at, p.end)
      const cond: Cond = { k: 'like', left, pattern: p.v }
      return negated ? { k: 'not', inner: cond } : cond
    }
    if (negated) malformed('expected like after not', t?.at ?? this.source.length)
    return { k: 'truthy', expr: left }
  }

  private expr(): Expr {
    let left = this.term()
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().v as string
      left = { k: 'arith', op, left, right: this.term() }
    }
    return left
  }

  private term(): Expr {
    let left = this.factor()
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().v as string
      left = { k: 'arith', op, left, right: this.factor() }
    }
    return left
  }

  private factor(): Expr {
    const t = this.next()
    if (t.t === 'num') return { k: 'lit', value: t.v }
    if (t.t === 'str') return { k: 'lit', value: t.v }
    if (t.t === 'field' || t.t === 'word') return { k: 'field', name: t.v }
    if (t.t === 'op' && t.v === '-') {
      const n = this.next()
      if (n.t === 'num') return { k: 'lit', value: -n.v }
    }
    return malformed(`unexpected ${this.source.slice(t.at, t.end)}`, t.at, t.end)
  }
}

export function parseInsightsQuery(query: string): Command[] {
  if (query.trim() === '') malformed('The query string is empty.')
  return new Parser(tokenize(query), query).parse()
}
