import { STATUS_CODES } from 'node:http'

/**
 * Faults the emulator injects so that clients can be tested against a misbehaving AWS, or against an endpoint that
 * only partly implements it. The object is live: tests and `lambda-tune emulator` flags change it while the emulator
 * runs.
 */
export interface Faults {
  /** share (0..1) of Lambda API calls answered 429 TooManyRequestsException */
  throttleRate: number
  /** share (0..1) of Lambda API calls answered 500 ServiceException */
  errorRate: number
  /** added before every Lambda API response */
  latencyMs: number
  /** how long a new function or version stays Pending and an update InProgress */
  updateDelayMs: number
  /** seed of the generator that picks which calls fail, so a faulty run can be replayed */
  seed: number
  /** share (0..1) of invokes whose runtime process crashes (SIGKILL mid-invoke): Runtime.ExitError */
  crashRate: number
  /** share (0..1) of invokes whose handler hangs past the function's timeout: Sandbox.Timedout */
  hangRate: number
  /**
   * Operations answered with an HTTP error whose body is an HTML page, not an AWS error (a proxy, a gateway, an
   * endpoint that does not implement the call): operation name (GetMetricData, ListProvisionedConcurrencyConfigs, ...)
   * to HTTP status.
   */
  htmlErrors: Record<string, number>
  /**
   * Percentile statistics (pNN, tmNN, ...) in GetMetricData: 'keep' answers them; 'drop' answers them with no
   * datapoints (as endpoints without percentile support do); a number answers any GetMetricData call that asks for one
   * with an HTML error page of that HTTP status.
   */
  percentiles: 'keep' | 'drop' | number
  /** Logs Insights results lose their stats (aggregate) fields: rows keep only their group-by fields */
  insightsWithoutStats: boolean
  /** Invoke answers without X-Amz-Log-Result even when asked for the log tail */
  noLogTail: boolean
  /** Lambda API responses carry no RevisionId */
  noRevisionId: boolean
}

export const DEFAULT_UPDATE_DELAY_MS = 100

export function defaultFaults(overrides: Partial<Faults> = {}): Faults {
  return {
    throttleRate: 0,
    errorRate: 0,
    latencyMs: 0,
    updateDelayMs: DEFAULT_UPDATE_DELAY_MS,
    seed: 1,
    crashRate: 0,
    hangRate: 0,
    htmlErrors: {},
    percentiles: 'keep',
    insightsWithoutStats: false,
    noLogTail: false,
    noRevisionId: false,
    ...overrides,
  }
}

/** The body of an injected HTML error: what a load balancer or a web server in front of the endpoint answers. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><p>lambda-tune emulator (injected fault)</p></body></html>\n`
}

/** `GetMetricData=500,ListProvisionedConcurrencyConfigs=404` -> { GetMetricData: 500, ... }; throws on anything else. */
export function parseHtmlErrors(text: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]+)=([1-5][0-9][0-9])$/.exec(part)
    if (!m) throw new Error(`'${part}' is not Operation=status (e.g. GetMetricData=500)`)
    out[m[1]!] = Number(m[2])
  }
  return out
}
