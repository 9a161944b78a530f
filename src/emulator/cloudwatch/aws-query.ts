/**
 * The awsQuery protocol (what older AWS CLIs and SDKs send to CloudWatch): a form-encoded request whose members are
 * flattened into dotted keys (`MetricDataQueries.member.1.MetricStat.Period=60`), answered with XML.
 */
import { randomUUID } from 'node:crypto'
import type { ApiError } from './api-error.js'

export const CLOUDWATCH_XML_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/'

type Node = Record<string, unknown>

/** Turns `A.member.2.B=x` into `{A: [undefined, {B: 'x'}]}`-like nesting, lists compacted in index order. */
export function decodeQueryForm(body: string): { action?: string; version?: string; input: Node } {
  const params = new URLSearchParams(body)
  const root: Node = {}
  let action: string | undefined
  let version: string | undefined
  for (const [key, value] of params) {
    if (key === 'Action') action = value
    else if (key === 'Version') version = value
    else setPath(root, key.split('.'), value)
  }
  return { action, version, input: compactLists(root) as Node }
}

const LIST_MARK = '\u0000list'

function setPath(root: Node, parts: string[], value: string): void {
  let node: Node = root
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const last = i === parts.length - 1
    if (part === 'member' && i + 1 < parts.length && /^\d+$/.test(parts[i + 1]!)) {
      // node is a list: keep it as an index-keyed object until compaction
      node[LIST_MARK] = true
      const index = parts[i + 1]!
      i++
      if (i === parts.length - 1) {
        node[index] = value
        return
      }
      node = (node[index] ??= {}) as Node
      continue
    }
    if (last) {
      // `Statistics=` with nothing after it is how awsQuery writes an empty list
      node[part] = value
      return
    }
    const child = node[part]
    node = (child !== null && typeof child === 'object' ? child : (node[part] = {})) as Node
  }
}

function compactLists(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  const node = value as Node
  if (node[LIST_MARK]) {
    return Object.keys(node)
      .filter((k) => k !== LIST_MARK)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => compactLists(node[k]))
  }
  const out: Node = {}
  for (const [k, v] of Object.entries(node)) out[k] = compactLists(v)
  return out
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** as CloudWatch writes them: 2026-01-01T00:00:00Z, with milliseconds only when there are some */
function xmlTimestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z')
}

/** members whose value is a map; awsQuery writes maps as entry/key/value */
const MAP_MEMBERS = new Set(['ExtendedStatistics'])

function toXml(name: string, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return `<${name}>${xmlTimestamp(value)}</${name}>`
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml('member', v)).join('')}</${name}>`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Node)
    if (MAP_MEMBERS.has(name)) {
      return `<${name}>${entries.map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${toXml('value', v)}</entry>`).join('')}</${name}>`
    }
    return `<${name}>${entries.map(([k, v]) => toXml(k, v)).join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

export function queryResponseXml(action: string, output: Node, requestId = randomUUID()): string {
  const result = Object.entries(output)
    .map(([k, v]) => toXml(k, v))
    .join('')
  return (
    `<${action}Response xmlns="${CLOUDWATCH_XML_NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  )
}

export function queryErrorXml(error: ApiError, requestId = randomUUID()): string {
  return (
    `<ErrorResponse xmlns="${CLOUDWATCH_XML_NAMESPACE}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`
  )
}
