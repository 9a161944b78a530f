/**
 * A small JSON Schema checker for the --json contracts in schemas/: enough of draft 2020-12 for our schemas
 * (type, properties, required, additionalProperties, items, enum, const, minimum, maximum, oneOf, $ref to #/$defs/...).
 * Returns every mismatch as "path: problem"; an empty list means the value conforms. Unknown keywords fail loudly,
 * so a schema cannot silently rely on something this checker ignores.
 */
export type Schema = Record<string, unknown>

const KNOWN = new Set([
  '$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'properties', 'required',
  'additionalProperties', 'items', 'enum', 'const', 'minimum', 'maximum', 'minItems', 'oneOf',
])

export function validateSchema(value: unknown, schema: Schema): string[] {
  const errors: string[] = []
  check(value, schema, schema, '$', errors)
  return errors
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function check(value: unknown, schema: Schema, root: Schema, path: string, errors: string[]): void {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword '${key}' at ${path} is not supported by test/helpers/schema.ts`)
  if (typeof schema.$ref === 'string') {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1]
    const target = name ? (root.$defs as Record<string, Schema> | undefined)?.[name] : undefined
    if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`)
    check(value, target, root, path, errors)
  }
  if (Array.isArray(schema.oneOf)) {
    const results = (schema.oneOf as Schema[]).map((branch) => {
      const branchErrors: string[] = []
      check(value, branch, root, path, branchErrors)
      return branchErrors
    })
    const matching = results.filter((r) => r.length === 0).length
    if (matching === 0) {
      // the branch that came closest says best what is wrong
      errors.push(...results.reduce((best, r) => (r.length < best.length ? r : best)))
    } else if (matching > 1) {
      errors.push(`${path}: matches ${matching} of the oneOf branches, not exactly one`)
    }
  }
  const actual = typeOf(value)
  if (schema.type !== undefined) {
    const allowed = ([] as string[]).concat(schema.type as string | string[])
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'))
    if (!ok) {
      errors.push(`${path}: expected ${allowed.join(' or ')}, got ${actual}`)
      return
    }
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`)
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`)
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: ${value} > ${schema.maximum}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`)
    if (schema.items) value.forEach((v, i) => check(v, schema.items as Schema, root, `${path}[${i}]`, errors))
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const key of (schema.required ?? []) as string[]) if (!(key in obj)) errors.push(`${path}: missing required '${key}'`)
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) check(v, props[key]!, root, `${path}.${key}`, errors)
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property '${key}'`)
      else if (typeof schema.additionalProperties === 'object') check(v, schema.additionalProperties as Schema, root, `${path}.${key}`, errors)
    }
  }
}
