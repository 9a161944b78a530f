import { UsageError } from '../errors.js'

export interface FunctionTarget {
  /** the name or unqualified ARN, as the Lambda API accepts it in FunctionName */
  functionName: string
  /** alias or version; undefined for $LATEST */
  qualifier?: string
  /** the region of an ARN */
  region?: string
}

const NAME = '[a-zA-Z0-9_-]{1,64}'
const QUALIFIER = '(?:\\$LATEST|[a-zA-Z0-9_-]{1,128})'
const ARN = new RegExp(`^(arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\\d{12}:function:${NAME})(?::(${QUALIFIER}))?$`)
const PLAIN = new RegExp(`^(${NAME})(?::(${QUALIFIER}))?$`)

/** Reads `name`, `name:alias`, `name:version`, an ARN or a qualified ARN. */
export function parseFunctionTarget(text: string): FunctionTarget {
  const arn = ARN.exec(text)
  if (arn) return withQualifier({ functionName: arn[1]!, region: arn[2]! }, arn[3])
  const plain = PLAIN.exec(text)
  if (plain) return withQualifier({ functionName: plain[1]! }, plain[2])
  throw new UsageError(
    `"${text}" is not a function name, name:alias, name:version or Lambda function ARN`,
  )
}

function withQualifier(target: FunctionTarget, qualifier: string | undefined): FunctionTarget {
  return qualifier && qualifier !== '$LATEST' ? { ...target, qualifier } : target
}

/** The short name for messages and alias descriptions. */
export function shortName(functionName: string): string {
  return functionName.includes(':function:') ? functionName.split(':function:')[1]! : functionName
}
