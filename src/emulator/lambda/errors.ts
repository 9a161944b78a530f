/**
 * Lambda's REST-JSON errors as AWS sends them: the status code, the `x-amzn-ErrorType` header (which the SDK and
 * botocore read to pick the exception class) and a `{"Type","Message"}` body. AWS spells the message key `Message` on
 * some shapes and `message` on others; both are sent so that every client finds it.
 */
export class LambdaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = code
  }

  body(): string {
    const type = this.status >= 500 ? 'Service' : 'User'
    return JSON.stringify({ Type: type, Message: this.message, message: this.message, ...this.extra })
  }
}

export const notFound = (message: string) => new LambdaApiError(404, 'ResourceNotFoundException', message)

export const functionNotFound = (arn: string) => notFound(`Function not found: ${arn}`)

export const invalidParameter = (message: string) => new LambdaApiError(400, 'InvalidParameterValueException', message)

export const validationError = (value: string, member: string, constraint: string) =>
  new LambdaApiError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  )

export const conflict = (message: string) => new LambdaApiError(409, 'ResourceConflictException', message)

export const preconditionFailed = (message: string) => new LambdaApiError(412, 'PreconditionFailedException', message)

export const badRequestContent = (message: string) => new LambdaApiError(400, 'InvalidRequestContentException', message)

export const requestTooLarge = (limit: number, operation: string) =>
  new LambdaApiError(413, 'RequestTooLargeException', `Request must be smaller than ${limit} bytes for the ${operation} operation`)

export const tooManyRequests = (reason: string, message: string, retryAfterSeconds = 1) =>
  new LambdaApiError(429, 'TooManyRequestsException', message, { Reason: reason }, { 'Retry-After': String(retryAfterSeconds) })

export const serviceError = (message = 'An internal error occurred.') => new LambdaApiError(500, 'ServiceException', message)

export const unknownOperation = () => new LambdaApiError(404, 'UnknownOperationException', 'Unknown operation')
