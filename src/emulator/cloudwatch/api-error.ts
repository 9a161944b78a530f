/**
 * An error as an AWS service returns it. `code` is the awsQuery code (also the x-amzn-query-error code) and `type`
 * the JSON `__type`; for CloudWatch Logs they are the same.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly type: string,
    message: string,
    readonly status = 400,
    /** extra members of the error body (e.g. MalformedQueryException's queryCompileError) */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }

  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender'
  }
}

const CW = 'com.amazonaws.cloudwatch#'

export const cloudWatchErrors = {
  invalidValue: (message: string) => new ApiError('InvalidParameterValue', CW + 'InvalidParameterValueException', message),
  missing: (message: string) => new ApiError('MissingParameter', CW + 'MissingRequiredParameterException', message),
  combination: (message: string) =>
    new ApiError('InvalidParameterCombination', CW + 'InvalidParameterCombinationException', message),
  invalidNextToken: (message = 'The service couldn\'t process the token.') =>
    new ApiError('InvalidNextToken', CW + 'InvalidNextToken', message),
  /** what CloudWatch's request validation (e.g. more than 500 MetricDataQueries) answers */
  validation: (message: string) => new ApiError('ValidationError', 'com.amazon.coral.validate#ValidationException', message),
}

export const logsErrors = {
  invalidParameter: (message: string) => new ApiError('InvalidParameterException', 'InvalidParameterException', message),
  notFound: (message: string) => new ApiError('ResourceNotFoundException', 'ResourceNotFoundException', message),
  alreadyExists: (message: string) => new ApiError('ResourceAlreadyExistsException', 'ResourceAlreadyExistsException', message),
  malformedQuery: (message: string, location?: { start: number; end: number }) =>
    new ApiError('MalformedQueryException', 'MalformedQueryException', message, 400, {
      queryCompileError: { location: location ?? { start: 0, end: 0 }, message },
    }),
}
