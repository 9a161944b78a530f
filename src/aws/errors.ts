import { ExitCode, UserError } from '../core/errors.js'

interface SdkLikeError {
  name?: string
  message?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
  cause?: unknown
}

/**
 * Turns what the SDK throws into one line a user can act on. Errors that are not AWS's pass through unchanged.
 * `what` names the call for the message, e.g. "reading function my-fn".
 */
export function toUserError(err: unknown, what: string, endpoint?: string): unknown {
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
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code)) {
    return new UserError(`cannot reach ${endpoint ?? 'the AWS endpoint'} (${code}) while ${what}`, ExitCode.aws)
  }
  if (name === 'ResourceNotFoundException') {
    return new UserError(`${firstSentence(e.message)} (while ${what})`, ExitCode.aws)
  }
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || e?.$metadata?.httpStatusCode === 403) {
    return new UserError(`access denied while ${what}: ${firstSentence(e.message)}; see \`lambda-tune iam-policy\``, ExitCode.aws)
  }
  if (name === 'InvalidParameterValueException' || name === 'ValidationException') {
    return new UserError(`AWS rejected a value while ${what}: ${firstSentence(e.message)}`, ExitCode.aws)
  }
  if (e?.$metadata) {
    return new UserError(`AWS error while ${what}: ${name}: ${firstSentence(e.message)}`, ExitCode.aws)
  }
  return err
}

function firstSentence(text: string | undefined): string {
  return (text ?? 'no message').split('\n')[0]!.trim()
}
