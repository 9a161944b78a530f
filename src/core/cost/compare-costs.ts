import { UsageError } from '../errors.js'
import { fargateForLoad, type FargateForLoad } from './fargate-load.js'
import { costPerInvoke, type InvokeCost } from './invoke-cost.js'
import { monthlyCost, type MonthlyCostBreakdown, type MonthlyCostInput, type ProvisionedBreakdown } from './monthly-cost.js'
import type { Arch, LambdaPriceTable } from './price-types.js'
import type { TierCharge } from './tiers.js'

/** What `lambda-tune cost` asks: one traffic profile at one or more memory sizes. */
export interface CostComparisonInput extends Omit<MonthlyCostInput, 'memoryMB' | 'duration'> {
  memoryMB: number[]
  /** one duration (ms) for every memory size, or one per memory size */
  durationMs: number[]
  /** the Fargate task to price the same load on; a missing part (or all) is sized from each Lambda memory */
  fargate?: { vcpu?: number; memoryGB?: number }
}

/** The monthly bill in USD, part by part (net of the free tier), as the JSON output carries it. */
export interface MonthlyParts {
  requests: number
  compute: number
  computeTiers: TierCharge[]
  init: number
  ephemeralStorage: number
  provisionedConcurrency: number
  provisionedDuration: number
  freeTierCredit: { requests: number; compute: number; total: number }
  total: number
}

export interface CostScenario {
  memoryMB: number
  durationMs: number
  billedDurationMs: number
  gbSeconds: { onDemand: number; init: number; storage: number }
  coldStarts: number
  initBilled: boolean
  provisioned: ProvisionedBreakdown | null
  monthly: MonthlyParts
  perMillion: number | null
  /** one warm on-demand invoke at first-tier prices, no free tier */
  perInvoke: InvokeCost
  /** the same load on Fargate; null when the region or architecture has no Fargate price */
  fargate: FargateForLoad | null
}

/** The `cost` command's result, and its --json output (schemas/cost.json). */
export interface CostComparison {
  schemaVersion: 1
  prices: { source: LambdaPriceTable['source']; asOf: string }
  region: string
  arch: Arch
  requestsPerMonth: number
  freeTier: boolean
  /** the first memory size's bill */
  monthly: MonthlyParts
  perMillion: number | null
  scenarios: CostScenario[]
  cheapestMemoryMB: number
  warnings: string[]
}

/** Prices the same traffic at each memory size, side by side. */
export function compareCosts(input: CostComparisonInput): CostComparison {
  const { memoryMB, durationMs, fargate: _task, ...common } = input
  if (memoryMB.length === 0) throw new UsageError('give at least one memory size')
  if (durationMs.length !== 1 && durationMs.length !== memoryMB.length) {
    throw new UsageError(`give one duration for all memory sizes or one per memory size (${memoryMB.length}), got ${durationMs.length}`)
  }
  const breakdowns = memoryMB.map((memory, i) => ({
    durationMs: durationMs[durationMs.length === 1 ? 0 : i]!,
    bill: monthlyCost({ ...common, memoryMB: memory, duration: durationMs[durationMs.length === 1 ? 0 : i]! }),
  }))
  const warnings: string[] = []
  const scenarios = breakdowns.map(({ durationMs: d, bill }) => scenario(d, bill, input, warnings))
  const first = breakdowns[0]!.bill
  const cheapest = scenarios.reduce((best, s) => (s.monthly.total < best.monthly.total ? s : best))
  return {
    schemaVersion: 1,
    prices: { source: first.priceSource, asOf: first.pricesAsOf },
    region: first.region,
    arch: first.arch,
    requestsPerMonth: first.requestsPerMonth,
    freeTier: Boolean(input.freeTier),
    monthly: scenarios[0]!.monthly,
    perMillion: scenarios[0]!.perMillion,
    scenarios,
    cheapestMemoryMB: cheapest.memoryMB,
    warnings: [...new Set([...breakdowns.flatMap((b) => b.bill.warnings), ...warnings])],
  }
}

function scenario(durationMs: number, b: MonthlyCostBreakdown, input: CostComparisonInput, warnings: string[]): CostScenario {
  const perInvoke = costPerInvoke({
    memoryMB: b.memoryMB,
    billedDurationMs: b.billedDurationMs,
    arch: b.arch,
    region: b.region,
    ephemeralStorageMB: input.ephemeralStorageMB,
    prices: input.prices,
  })
  return {
    memoryMB: b.memoryMB,
    durationMs,
    billedDurationMs: b.billedDurationMs,
    gbSeconds: { onDemand: b.onDemandGbSeconds, init: b.initGbSeconds, storage: b.storageGbSeconds },
    coldStarts: b.coldStarts,
    initBilled: b.initBilled,
    provisioned: b.provisioned,
    monthly: {
      requests: b.requests,
      compute: b.compute,
      computeTiers: b.computeTiers,
      init: b.init,
      ephemeralStorage: b.ephemeralStorage,
      provisionedConcurrency: b.provisionedConcurrency,
      provisionedDuration: b.provisionedDuration,
      freeTierCredit: b.freeTierCredit,
      total: b.total,
    },
    perMillion: b.perMillion,
    perInvoke,
    fargate: fargate(durationMs, b, input, perInvoke, warnings),
  }
}

function fargate(durationMs: number, b: MonthlyCostBreakdown, input: CostComparisonInput, perInvoke: InvokeCost, warnings: string[]): FargateForLoad | null {
  // Lambda's line for the break-even: the bill without the free tier and the fixed provisioned-concurrency fee, per request.
  const variable = b.total + b.freeTierCredit.total - b.provisionedConcurrency
  try {
    const out = fargateForLoad({
      memoryMB: b.memoryMB,
      durationMs,
      requestsPerMonth: b.requestsPerMonth,
      lambdaPerRequest: b.requestsPerMonth > 0 ? variable / b.requestsPerMonth : perInvoke.totalUsd,
      arch: b.arch,
      region: b.region,
      ...(input.fargate ? { task: input.fargate } : {}),
    })
    warnings.push(...out.warnings)
    return out
  } catch (err) {
    // A task size asked for must be valid; a region without Fargate prices only loses the comparison.
    if (input.fargate || !(err instanceof UsageError)) throw err
    warnings.push(`Fargate not priced: ${err.message}`)
    return null
  }
}
