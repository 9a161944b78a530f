import { UsageError } from '../errors.js'
import { HOURS_PER_MONTH } from '../quantity.js'
import { checkRegion, lambdaRegions } from '../regions.js'
import { BUNDLED_FARGATE_PRICES } from './bundled-prices.js'
import { checkArch } from './lambda-prices.js'
import { checkNonNegative, checkPositive, checkShare } from './limits.js'
import type { Arch, FargatePriceTable } from './price-types.js'

/** A Fargate task size: vCPU and memory in GB. */
export interface FargateTaskSize {
  vcpu: number
  memoryGB: number
}

/** Fargate's valid vCPU sizes with their memory range (GB) and step. */
export const FARGATE_SIZES: readonly { vcpu: number; minGB: number; maxGB: number; stepGB: number; extra?: number[] }[] = [
  { vcpu: 0.25, minGB: 1, maxGB: 2, stepGB: 1, extra: [0.5] },
  { vcpu: 0.5, minGB: 1, maxGB: 4, stepGB: 1 },
  { vcpu: 1, minGB: 2, maxGB: 8, stepGB: 1 },
  { vcpu: 2, minGB: 4, maxGB: 16, stepGB: 1 },
  { vcpu: 4, minGB: 8, maxGB: 30, stepGB: 1 },
  { vcpu: 8, minGB: 16, maxGB: 60, stepGB: 4 },
  { vcpu: 16, minGB: 32, maxGB: 120, stepGB: 8 },
]

/** Every valid Fargate (vCPU, memory) combination, smallest first. */
export function fargateTaskSizes(): FargateTaskSize[] {
  const sizes: FargateTaskSize[] = []
  for (const s of FARGATE_SIZES) {
    for (const gb of s.extra ?? []) sizes.push({ vcpu: s.vcpu, memoryGB: gb })
    for (let gb = s.minGB; gb <= s.maxGB; gb += s.stepGB) sizes.push({ vcpu: s.vcpu, memoryGB: gb })
  }
  return sizes
}

export function isValidFargateSize(size: FargateTaskSize): boolean {
  return fargateTaskSizes().some((s) => s.vcpu === size.vcpu && s.memoryGB === size.memoryGB)
}

/**
 * The cheapest valid Fargate task with at least `vcpu` and `memoryGB` (priced at us-east-1 x86 rates, which only
 * orders the candidates). Throws when the need exceeds the largest task (16 vCPU, 120 GB).
 */
export function fargateTaskSize(need: { vcpu: number; memoryGB: number }): FargateTaskSize {
  const us = BUNDLED_FARGATE_PRICES.regions['us-east-1']!.x86_64!
  const fits = fargateTaskSizes().filter((s) => s.vcpu >= need.vcpu && s.memoryGB >= need.memoryGB)
  const cost = (s: FargateTaskSize) => s.vcpu * us.perVcpuHour + s.memoryGB * us.perGbHour
  const best = fits.sort((a, b) => cost(a) - cost(b) || a.vcpu - b.vcpu)[0]
  if (!best) throw new UsageError(`no Fargate task has ${need.vcpu} vCPU and ${need.memoryGB} GB (largest: 16 vCPU, 120 GB)`)
  return best
}

/**
 * Application Load Balancer, us-east-1 list price ($0.0225 an hour + $0.008 per LCU-hour): used for every region,
 * flagged in the result's warnings. The facts file gives "about $16-23 a month plus LCUs".
 */
export const ALB_PRICE = { perHour: 0.0225, perLcuHour: 0.008, region: 'us-east-1' } as const

/** Fargate Spot is priced by AWS dynamically; "up to 70% off" is the advertised figure used when no snapshot exists. */
export const ADVERTISED_SPOT_DISCOUNT = 0.7

export interface FargateCostInput {
  vcpu: number
  memoryGB: number
  tasks: number
  /** hours each task runs in the month (default 730: always on); billed per second, 1-minute minimum */
  hours?: number
  arch?: Arch
  region?: string
  spot?: boolean
  /** Spot discount (0..1); default: the region's snapshot, else the advertised 70% */
  spotDiscount?: number
  loadBalancer?: boolean
  /** load balancer capacity units used on average (default 1) */
  loadBalancerLcus?: number
  prices?: FargatePriceTable
}

export interface FargateCost {
  region: string
  arch: Arch
  taskSize: FargateTaskSize
  tasks: number
  hours: number
  perVcpuHour: number
  perGbHour: number
  spotDiscount: number | null
  vcpuUsd: number
  memoryUsd: number
  computeUsd: number
  loadBalancerUsd: number
  totalUsd: number
  pricesAsOf: string
  warnings: string[]
}

/** A month of Fargate tasks (Linux), optionally on Spot and behind an ALB, for comparison with Lambda at the same load. */
export function fargateMonthlyCost(input: FargateCostInput): FargateCost {
  const table = input.prices ?? BUNDLED_FARGATE_PRICES
  const region = checkRegion(input.region ?? 'us-east-1', [...new Set([...lambdaRegions(), ...Object.keys(table.regions)])])
  const arch = checkArch(input.arch)
  const size = { vcpu: checkPositive(input.vcpu, 'Fargate vCPU'), memoryGB: checkPositive(input.memoryGB, 'Fargate memory') }
  if (!isValidFargateSize(size)) {
    const next = fargateTaskSize(size)
    throw new UsageError(`${size.vcpu} vCPU with ${size.memoryGB} GB is not a Fargate task size: the smallest that fits is ${next.vcpu} vCPU, ${next.memoryGB} GB`)
  }
  const tasks = checkNonNegative(input.tasks, 'Fargate tasks')
  const hours = checkNonNegative(input.hours ?? HOURS_PER_MONTH, 'Fargate hours')
  const regionPrices = table.regions[region]
  const rate = regionPrices?.[arch]
  if (!regionPrices || !rate) {
    throw new UsageError(`no Fargate ${arch} price for ${region} in the price table of ${table.asOf}: use another region or architecture`)
  }
  const warnings: string[] = []
  const spotDiscount = input.spot ? checkShare(input.spotDiscount ?? regionPrices.spotDiscountSnapshot ?? ADVERTISED_SPOT_DISCOUNT, 'Spot discount') : null
  if (input.spot && input.spotDiscount === undefined) {
    warnings.push(`Spot priced at ${(spotDiscount! * 100).toFixed(1)}% off on-demand (${regionPrices.spotDiscountSnapshot !== null ? 'a January 2021 snapshot' : 'the advertised "up to 70%"'}); AWS prices Spot dynamically`)
  }
  const billedHours = hours > 0 ? Math.max(hours, 1 / 60) : 0
  const factor = tasks * billedHours * (1 - (spotDiscount ?? 0))
  const vcpuUsd = size.vcpu * rate.perVcpuHour * factor
  const memoryUsd = size.memoryGB * rate.perGbHour * factor
  let loadBalancerUsd = 0
  if (input.loadBalancer) {
    const lcus = checkNonNegative(input.loadBalancerLcus ?? 1, 'load balancer LCUs')
    loadBalancerUsd = HOURS_PER_MONTH * (ALB_PRICE.perHour + lcus * ALB_PRICE.perLcuHour)
    if (region !== ALB_PRICE.region) warnings.push(`load balancer priced at ${ALB_PRICE.region} rates`)
  }
  return {
    region,
    arch,
    taskSize: size,
    tasks,
    hours,
    perVcpuHour: rate.perVcpuHour,
    perGbHour: rate.perGbHour,
    spotDiscount,
    vcpuUsd,
    memoryUsd,
    computeUsd: vcpuUsd + memoryUsd,
    loadBalancerUsd,
    totalUsd: vcpuUsd + memoryUsd + loadBalancerUsd,
    pricesAsOf: table.asOf,
    warnings,
  }
}
