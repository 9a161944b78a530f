import { ExitCode, UserError } from '../core/errors.js'
import { CallFailedError, failureText, type CallFailure } from '../core/report/call-failure.js'

interface SdkLikeError {
  name?: string
  message?: string
  code?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number }
  cause?: unknown
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']

/** Reads what the SDK threw for one call. The SDK marks AWS errors with `$fault`; a body it could not parse has none. */
export function describeFailure(err: unknown, call: string): CallFailure {
  const e = (err ?? {}) as SdkLikeError
  const status = e.$metadata?.httpStatusCode ?? null
  const network = e.code ?? (e.cause as SdkLikeError | undefined)?.code ?? ''
  if (NETWORK_CODES.includes(network)) return { call, status: null, kind: 'network', code: network, message: firstSentence(e.message) }
  if (e.$fault && e.name && !/^Unknown(Error)?$/.test(e.name)) return { call, status, kind: 'aws', code: e.name, message: firstSentence(e.message) }
  // The JSON parser quotes the start of what it could not read: '<' is an HTML (or XML) page.
  const html = /Unexpected token '<'|"<!DOCTYPE|<html/i.test(e.message ?? '')
  return {
    call,
    status,
    kind: 'other',
    code: html ? 'an HTML page' : e.name === 'SyntaxError' ? 'a body that is not JSON' : 'a body that is no AWS error',
    message: firstSentence(e.message),
  }
}

/**
 * Turns what the SDK throws into one line a user can act on. Errors that are not AWS's pass through unchanged.
 * `what` names the call for the message, e.g. "reading function my-fn"; `call` is the AWS operation, when known.
 */
export function toUserError(err: unknown, what: string, endpoint?: string, call?: string): unknown {
  if (err instanceof UserError) return err
  const e = err as SdkLikeError
  const name = e?.name ?? ''
  const code = e?.code ?? (e?.cause as SdkLikeError | undefined)?.code ?? ''
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(e?.message ?? '')) {
    return new UserError(
      'no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or use --local',
      ExitCode.aws,
    )
  }
  if (NETWORK_CODES.includes(code)) {
    return new UserError(`cannot reach ${endpoint ?? 'the AWS endpoint'} (${code}) while ${what}`, ExitCode.aws)
  }
  if (name === 'ResourceNotFoundException') {
    return new UserError(`${firstSentence(e.message)} (while ${what})`, ExitCode.aws)
  }
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || (e?.$fault && e?.$metadata?.httpStatusCode === 403)) {
    return new UserError(`access denied while ${what}: ${firstSentence(e.message)}; see \`lambda-tune iam-policy\``, ExitCode.aws)
  }
  if (name === 'InvalidParameterValueException' || name === 'ValidationException') {
    return new UserError(`AWS rejected a value while ${what}: ${firstSentence(e.message)}`, ExitCode.aws)
  }
  if (e?.$metadata) {
    const f = describeFailure(err, call ?? 'the endpoint')
    return new UserError(`${failureText(f)} (while ${what}${f.kind === 'other' && endpoint ? ` at ${endpoint}` : ''})`, ExitCode.aws)
  }
  return err
}

/**
 * For reads whose failure costs only their own figures: the failure as a CallFailedError, so the report can go on
 * without them. Missing credentials and other errors that would fail every call still stop the command.
 */
export function toCallFailure(err: unknown, call: string, what: string, endpoint?: string): unknown {
  if (err instanceof CallFailedError || err instanceof UserError) return err
  const e = err as SdkLikeError
  if (e?.name === 'CredentialsProviderError' || /Could not load credentials/i.test(e?.message ?? '')) return toUserError(err, what, endpoint, call)
  const network = e?.code ?? (e?.cause as SdkLikeError | undefined)?.code ?? ''
  if (e?.$metadata || NETWORK_CODES.includes(network)) return new CallFailedError(describeFailure(err, call))
  return err
}

function firstSentence(text: string | undefined): string {
  return (text ?? 'no message').split('\n')[0]!.trim()
}
