import { invalidParameter, validationError } from './errors.js'

/** The pattern of Lambda's FunctionName member (botocore's model), anchored: a name, name:qualifier, partial or full ARN. */
const FUNCTION_REF =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:(?:-gov)|(?:-iso[a-z]?))?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/
const ALIAS_NAME = /^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$/
const QUALIFIER = /^[a-zA-Z0-9$_-]{1,128}$/
export const VERSION_NUMBER = /^[0-9]+$/

export interface FunctionRef {
  name: string
  qualifier?: string
  /** from an ARN: the region and account it names, which must be the emulator's */
  region?: string
  account?: string
}

/** Resolves whatever the caller put in {FunctionName} (and ?Qualifier=) into a bare name and an optional qualifier. */
export function parseFunctionRef(raw: string, qualifierParam?: string | null): FunctionRef {
  const match = raw.length <= 170 ? FUNCTION_REF.exec(raw) : null
  if (!match || match[3]!.length > 64) {
    throw validationError(raw, 'functionName', `Member must satisfy regular expression pattern: ${FUNCTION_REF.source}`)
  }
  const name = match[3]!
  const fromName = match[4]
  const qualifier = qualifierParam === null || qualifierParam === undefined || qualifierParam === '' ? undefined : qualifierParam
  if (qualifier !== undefined && !QUALIFIER.test(qualifier)) {
    throw validationError(qualifier, 'qualifier', `Member must satisfy regular expression pattern: ${QUALIFIER.source}`)
  }
  if (fromName !== undefined && qualifier !== undefined && fromName !== qualifier) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.')
  }
  const q = fromName ?? qualifier
  const ref: FunctionRef = { name }
  if (q !== undefined) ref.qualifier = q
  if (match[1] !== undefined) ref.region = match[1]
  if (match[2] !== undefined) ref.account = match[2]
  return ref
}

/** A name for CreateFunction: the bare name only (a full ARN is accepted by AWS too, as long as it names this account). */
export function parseNewFunctionName(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidParameter('FunctionName is required')
  const ref = parseFunctionRef(raw)
  if (ref.qualifier !== undefined) throw invalidParameter('A qualifier is not allowed in the function name when creating a function.')
  return ref.name
}

export function checkAliasName(name: unknown): string {
  if (typeof name !== 'string' || !ALIAS_NAME.test(name)) {
    throw validationError(String(name), 'name', 'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)')
  }
  return name
}

/** The function name inside a taggable resource ARN (tags live on functions; qualified ARNs are refused as on AWS). */
export function parseResourceArn(raw: string): string {
  const ref = parseFunctionRef(raw)
  if (!raw.startsWith('arn:')) throw validationError(raw, 'resource', 'Member must be a function ARN')
  if (ref.qualifier !== undefined) {
    throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.')
  }
  return ref.name
}
