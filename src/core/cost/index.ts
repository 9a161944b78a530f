/** The cost model: what AWS bills for Lambda (and Fargate, for comparison). Pure functions over price tables. */
export { costPerInvoke, type InvokeCost, type InvokeCostInput } from './invoke-cost.js'
export {
  monthlyCost, type MonthlyCostBreakdown, type MonthlyCostInput, type ProvisionedBreakdown, type ProvisionedInput,
} from './monthly-cost.js'
export { meanBilledMs, type DurationInput, type DurationSample } from './duration-mix.js'
export { priceThroughTiers, type TierCharge } from './tiers.js'
export { isInitBilled, type InitBillingInput } from './init-billing.js'
export { checkArch, resolveLambdaPrices, type ResolvedLambdaPrices } from './lambda-prices.js'
export {
  billedMs, checkMemory, FREE_TIER_GB_SECONDS, FREE_TIER_REQUESTS, INIT_BILLING_START, MAX_MEMORY_MB, MIN_MEMORY_MB,
} from './limits.js'
export {
  ADVERTISED_SPOT_DISCOUNT, ALB_PRICE, FARGATE_SIZES, fargateMonthlyCost, fargateTaskSize, fargateTaskSizes,
  isValidFargateSize, type FargateCost, type FargateCostInput, type FargateTaskSize,
} from './fargate.js'
export { BUNDLED_FARGATE_PRICES, BUNDLED_LAMBDA_PRICES } from './bundled-prices.js'
export * from './price-types.js'
export { checkRegion, lambdaRegions, suggestRegion } from '../regions.js'
export {
  compareCosts, compareCostsByArch, type ArchDifference, type CostComparison, type CostComparisonInput, type CostScenario, type MonthlyParts,
} from './compare-costs.js'
export { lambdaPricesFromPriceList } from './price-list.js'
