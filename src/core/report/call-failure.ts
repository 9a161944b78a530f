/** What one failed AWS call answered, in the terms a user can act on (built by src/aws/errors.ts from the SDK's error). */
export interface CallFailure {
  /** the AWS operation, e.g. GetMetricData */
  call: string
  /** the HTTP status; null when nothing answered */
  status: number | null
  /**
   * aws: the endpoint answered with an AWS error (a code and a message); other: it answered with something that is no
   * AWS error (an HTML page, a body the protocol does not allow); network: nothing answered
   */
  kind: 'aws' | 'other' | 'network'
  /** the AWS error code, the network error code, or what the body was */
  code: string
  message: string
}

/** Thrown by an adapter when a read failed in a way that costs only the figures it would have given. */
export class CallFailedError extends Error {
  constructor(readonly failure: CallFailure) {
    super(failureText(failure))
    this.name = 'CallFailedError'
  }
}

/** One clause: "GetMetricData answered HTTP 500 with an HTML page, not an AWS error". */
export function failureText(f: CallFailure): string {
  if (f.kind === 'network') return `${f.call} got no answer (${f.code})`
  const http = f.status === null ? 'an error' : `HTTP ${f.status}`
  if (f.kind === 'aws') return `${f.call} answered ${http} ${f.code}: ${f.message}`
  return `${f.call} answered ${http} with ${f.code}, not an AWS error`
}

/**
 * Warnings with one line per cause: the same failure seen by several batches or functions is said once, naming
 * every figure it cost.
 */
export class WarningLog {
  private readonly lines: string[] = []
  private readonly byCause = new Map<string, { index: number; head: string; lost: string[] }>()

  add(text: string): void {
    if (!this.lines.includes(text)) this.lines.push(text)
  }

  /** `lost`: what the failure cost, e.g. "duration percentiles" */
  failure(f: CallFailure, lost: string): void {
    const key = `${f.call}\u0000${f.status}\u0000${f.kind}\u0000${f.code}`
    const known = this.byCause.get(key)
    if (known) {
      if (!known.lost.includes(lost)) known.lost.push(lost)
      this.lines[known.index] = `${known.head}: ${known.lost.join('; ')}`
      return
    }
    const head = failureText(f)
    this.byCause.set(key, { index: this.lines.length, head, lost: [lost] })
    this.lines.push(`${head}: ${lost}`)
  }

  list(): string[] {
    return [...this.lines]
  }
}

/** The value, or what made the call fail (a CallFailedError); anything else is a bug and is thrown. */
export async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: CallFailure }> {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    if (err instanceof CallFailedError) return { ok: false, failure: err.failure }
    throw err
  }
}
