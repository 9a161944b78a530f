/**
 * lambda-tune's library API: the same arithmetic the CLI uses, for dashboards and scripts.
 * Everything exported here is pure (no AWS calls, no console).
 */
export { ExitCode, UserError, UsageError } from './core/errors.js'
export { parseReport, type ReportRecord } from './core/report-log.js'
export {
  summarize, trimmedMean, trimmedMoments, meanConfidenceInterval, welchTTest, indistinguishable, intervalsOverlap, mannWhitneyU,
  bootstrapDifferenceInterval, studentTCdf, studentTQuantile, seededRandom,
  type Summary, type SummaryOptions, type SampleMoments, type WelchResult, type MannWhitneyResult, type BootstrapOptions,
} from './core/stats/index.js'
export {
  parseMemoryList, buildSweepResult, VOLATILE_CONFIGURATION_FIELDS, SWEEP_SCHEMA_VERSION, SequentialSweep, lookSchedule, assess,
  type SweepResult, type MemoryResult, type InvokeSample, type Recommendation, type Strategy,
} from './core/sweep/index.js'

// The cost model (src/core/cost): what AWS bills for Lambda, and Fargate for comparison. See docs/cost.md.
/** One on-demand invoke at first-tier prices: request, compute, INIT and storage, in USD. */
export { costPerInvoke, type InvokeCost, type InvokeCostInput } from './core/cost/index.js'
/** A month of traffic priced as AWS bills it: tiers, free tier, INIT, storage, provisioned concurrency. */
export { monthlyCost, type MonthlyCostInput, type MonthlyCostBreakdown, type ProvisionedInput } from './core/cost/index.js'
/** The same traffic at several memory sizes, side by side (what `lambda-tune cost --json` returns). */
export { compareCosts, type CostComparison, type CostScenario, type MonthlyParts } from './core/cost/index.js'
/** The same traffic on x86_64 and arm64 side by side, with arm64's difference (what `cost --arch x86_64,arm64` returns). */
export { compareCostsByArch, type ArchDifference } from './core/cost/index.js'
/** Mean billed duration of a single value, a list or a histogram, each invoke rounded up to 1 ms. */
export { meanBilledMs, type DurationInput, type DurationSample } from './core/cost/index.js'
/** GB-seconds priced through an architecture's monthly tiers, after the free tier. */
export { priceThroughTiers, type TierCharge } from './core/cost/index.js'
/** Whether a cold start's INIT is billed (container image, custom runtime, or ZIP since 2025-08-01). */
export { isInitBilled } from './core/cost/index.js'
/** A month of Fargate tasks (Linux, x86 or ARM, on-demand or Spot, optional load balancer), in USD. */
export { fargateMonthlyCost, type FargateCost, type FargateCostInput } from './core/cost/index.js'
/** The cheapest valid Fargate task size with at least the vCPU and memory asked for. */
export { fargateTaskSize, fargateTaskSizes, type FargateTaskSize } from './core/cost/index.js'
/** The bundled price tables, with their sources and date (null where no figure was sourced). */
export { BUNDLED_LAMBDA_PRICES, BUNDLED_FARGATE_PRICES, type LambdaPriceTable, type FargatePriceTable, type Arch } from './core/cost/index.js'
/** A one-region price table built from AWS Price List API GetProducts items. */
export { lambdaPricesFromPriceList } from './core/cost/index.js'
/** Commercial Lambda regions, and the closest names to a misspelt one. */
export { lambdaRegions, suggestRegion } from './core/regions.js'
/** Human quantities: "3M", "100k/day", "50/s" per month; "1.5s"; "1GB"; "1%". */
export { parseCount, parsePerMonth, parseDurationMs, parseMemoryMB, parseFraction } from './core/quantity.js'

// Production insight and CI (src/core/report, recommend, compare). See docs/report.md.
/** Report windows: `14d`, `12h`, --start/--end, and the period CloudWatch allows for them. */
export { parseLookback, resolveWindow, type ReportWindow } from './core/report/lookback.js'
/** CloudWatch answers shaped into per-function summaries with the monthly cost at the observed traffic. */
export { buildReport, observedMonthlyCost, type BuildReportInput } from './core/report/build-report.js'
export type { ReportResult, FunctionReport, FunctionInfo, CostBasis, ExcludedTraffic } from './core/report/types.js'
/** The month as billed: REPORT-line parts at their own memory and architecture, INIT counted once. */
export { productionCost, type ProductionCostInput } from './core/report/production-cost.js'
/** lambda-tune's own sweep traffic in a function's metrics (Resource, ExecutedVersion) and run journal. */
export { findSweepTraffic, type SweepTraffic, type QualifiedMetric, type KnownRun } from './core/report/sweep-traffic.js'
/** One alias's or version's figures read back from CloudWatch and its REPORT lines, waiting for them to arrive. */
export { readQualifierFigures, type QualifierFigures, type QualifierRef, type QualifierReadOptions } from './core/report/qualifier-figures.js'
/** A sweep's result from CloudWatch when the log tails hold no REPORT line: joined per invoke, or decided on aggregates. */
export { cloudWatchResult, joinReports, decideOnAggregates, type CloudWatchResultInput, type ValueFigures } from './core/sweep/aggregate-result.js'
/** Memory, timeout, concurrency and Lambda-versus-container recommendations from a report (and a sweep). */
export { recommend as recommendSettings, type RecommendInput, type RecommendResult } from './core/recommend/recommend.js'
export { recommendMemory } from './core/recommend/memory.js'
export { recommendArchitecture, type ArchitectureRecommendation } from './core/recommend/architecture.js'
export { recommendTimeout } from './core/recommend/timeout.js'
export { recommendConcurrency } from './core/recommend/concurrency.js'
export { compareContainers, fargateBreakEven } from './core/recommend/container.js'
/** Two sweep or report results compared with error-controlled CI gates (decideGates: the decision on parsed runs). */
export { compareRuns, type CompareResult, type CompareOptions, type GroupComparison } from './core/compare/compare-runs.js'
export { decideGates, type GateDecision, type GateOptions } from './core/compare/gates.js'
export { readComparable, parseComparable, type ComparableRun } from './core/compare/result-files.js'

// Tuning on real traffic (src/core/canary). See docs/canary.md.
/** The candidate against the alias's version from per-period CloudWatch aggregates, and Newcombe's error-rate interval. */
export { pairedRatio, rateDifference, type PairedRatio, type RateDifference } from './core/canary/index.js'
/** A canary's windows turned into the comparisons and the pick (what `lambda-tune canary --json` returns). */
export { buildCanaryResult, pickMemory, CANARY_SCHEMA_VERSION, type CanaryResult, type CanaryRecommendation } from './core/canary/index.js'
