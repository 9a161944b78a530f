export { pairedRatio, pairPeriods, type PairedRatio } from './paired.js'
export { rateDifference, wilsonInterval, normalQuantile, type RateDifference } from './proportions.js'
export { boundStatistic, rankStatistic, percentileStat, type RankStatistic } from './percentiles.js'
export {
  preflightRefusals, trafficNeed, judgeLook, lookConfidence, p99GuardStatistics, p99GuardMinimum, duration,
  MIN_PAIRED_PERIODS, MIN_CANDIDATE_INVOKES, WARMUP_PERIODS, type Look, type Verdict, type TrafficNeed, type PreflightInput,
} from './guards.js'
export { pickMemory, type PickOption, type PickInput, type CanaryRecommendation } from './pick.js'
export { linearCost, costAt, type LinearCost, type VersionPricing } from './cost.js'
export { evaluate, difference, upper, lower, interval, type Estimate, type LinearForm } from './linear.js'
export { buildCanaryPlan, MAX_LOOKS, type CanaryPlan, type CanaryPlanInput, type PlannedCandidate } from './plan.js'
export { parseCanaryDuration, parsePeriod } from './time.js'
export { buildCanaryResult, CANARY_SCHEMA_VERSION, type CanaryResult, type CanaryResultInput, type CandidateResult, type MeasuredCandidate, type MeasuredVersion, type LogFigures, type WindowPercentiles, type VersionFigures, type CanarySettings, type CandidateStop, type Interval } from './result.js'
export type * from './types.js'
export type * from './port.js'
