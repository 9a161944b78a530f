import { buildCanaryResult, type CanaryResult, type CanarySettings, type MeasuredCandidate, type MeasuredVersion } from '../../../src/core/canary/result.js'
import type { PeriodFigures } from '../../../src/core/canary/types.js'

// A canary of two candidates against version 3 at 512 MB: 1,024 MB runs in half the time for the same cost (the
// pick at a 5% tolerance); 256 MB was stopped by the error guard after one period past the warm-up.

const periods = (means: number[], n: number, start = 0, errors = 0): PeriodFigures[] =>
  means.map((m, i) => ({ start: start + i * 60_000, invocations: n, errors, throttles: 0, durationCount: n, durationSum: n * m }))
const version = (v: string, memory: number, ps: PeriodFigures[]): MeasuredVersion => ({
  version: v,
  memory,
  periods: ps,
  percentiles: { p50: 100, p90: 150, p99: 200 },
  logs: { invocations: 100, coldStarts: 1, initMeanMs: 150, maxMemoryUsedMB: 80 },
})
const settings: CanarySettings = {
  memories: [1024, 256],
  weight: 0.1,
  durationSeconds: 360,
  periodSeconds: 60,
  lookEverySeconds: 60,
  looks: 6,
  strategy: 'cost',
  tolerance: 0.05,
  confidence: 0.95,
  costWeight: 0.5,
  slo: null,
  maxErrorIncrease: 0.01,
  maxP99Increase: 0.5,
  memoryMargin: 0.2,
  force: false,
}
const window = (start: number): MeasuredCandidate['window'] => ({ startMs: start, endMs: start + 360_000 })
const measured: MeasuredCandidate[] = [
  {
    memory: 1024,
    window: window(0),
    stop: null,
    // the first period is the warm-up: a cold candidate at 500 ms is left out
    main: version('3', 512, periods([100, 100, 110, 90, 100, 100], 90)),
    candidate: version('8', 1024, periods([500, 51, 54, 46, 50, 49], 10)),
    aliasInvocations: 600,
  },
  {
    memory: 256,
    window: window(600_000),
    stop: { reason: 'errors', detail: 'error rate 100%', afterSeconds: 120, needSeconds: null },
    main: version('3', 512, periods([100, 100], 90, 600_000)),
    candidate: version('9', 256, periods([200, 200], 10, 600_000, 10)),
    aliasInvocations: 200,
  },
]

/** The canary result of those two candidates; `functionName` lets a test check what the renderers escape. */
export function canaryResult(functionName = 'shop'): CanaryResult {
  return buildCanaryResult({
    function: functionName,
    alias: 'live',
    runId: 'abcd1234',
    pricing: { region: 'us-east-1', arch: 'x86_64', initBilled: true },
    main: { version: '3', memory: 512 },
    settings,
    measured,
    warnings: [],
  })
}
