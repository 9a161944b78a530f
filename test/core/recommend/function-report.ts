import type { ObservedFunction } from '../../../src/core/recommend/types.js'

/**
 * A steady function: 1,024 MB (exactly 1 GB), 200 ms average, 36,000 invokes an hour for a day (10/s), so average
 * concurrency 10 x 0.2 = 2. Scaled to a 730-hour month: 864,000 x (2,628,000 / 86,400) = 26,280,000 invokes.
 */
export function steadyFunction(overrides: Partial<ObservedFunction> = {}): ObservedFunction {
  return {
    name: 'steady',
    memoryMB: 1024,
    timeout: 30,
    architecture: 'x86_64',
    runtime: 'nodejs20.x',
    invocations: 864_000,
    errors: 0,
    errorRate: 0,
    throttles: 0,
    throttleRate: 0,
    duration: { avg: 200, p50: 190, p90: 250, p99: 400, p999: 800, max: 1200 },
    concurrency: { max: 7, average: 2, peakArrivalRate: 10, peakFromArrivalRate: 2 },
    provisioned: null,
    coldStarts: null,
    memoryUsed: { maxMB: 180, avgMB: 150, p99MB: 175, utilization: 180 / 1024 },
    monthly: { invocations: 26_280_000, cost: 92.8562 },
    sources: { counts: 'metrics', duration: 'metrics', percentiles: 'metrics', concurrency: 'metrics', coldStarts: null, memoryUsed: 'logs' },
    excluded: null,
    traffic: new Array<number>(24).fill(36_000),
    ...overrides,
  }
}
