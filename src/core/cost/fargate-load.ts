import { UsageError } from '../errors.js'
import { SECONDS_PER_MONTH } from '../quantity.js'
import { fargateBreakEven, MIN_TASKS } from '../recommend/container.js'
import { fargateMonthlyCost, fargateTaskSize, isValidFargateSize, type FargateTaskSize } from './fargate.js'
import { MB_PER_VCPU } from './limits.js'
import type { Arch } from './price-types.js'

/** The same load as a Lambda scenario, served by Fargate tasks behind a load balancer (what `cost` prints beside Lambda). */
export interface FargateForLoad {
  taskSize: FargateTaskSize
  /** flags: --fargate-vcpu / --fargate-memory; lambda-memory: the function's CPU share and memory */
  sizedFrom: 'flags' | 'lambda-memory'
  /** invokes in flight on average (requests x duration / seconds in a month) */
  averageConcurrency: number
  /** tasks autoscaled to the average, at least two (one per Availability Zone) */
  tasks: number
  monthly: { compute: number; loadBalancer: number; total: number }
  /** requests a month from which Fargate (tasks added as the load grows) costs less than Lambda; null: never */
  breakEvenRequestsPerMonth: number | null
  pricesAsOf: string
  warnings: string[]
}

export interface FargateForLoadInput {
  memoryMB: number
  durationMs: number
  requestsPerMonth: number
  /** what one more request costs on Lambda (no free tier), for the break-even */
  lambdaPerRequest: number
  arch: Arch
  region: string
  /** the task size asked for; a missing part is sized from the Lambda memory */
  task?: { vcpu?: number; memoryGB?: number }
}

/**
 * One task serves what one Lambda environment serves, one request at a time, with the function's CPU share (memory /
 * 1,769 MB of a vCPU) and at least its memory, as `recommend` sizes it: an upper bound on tasks for I/O-bound handlers,
 * which a container can multiplex.
 */
export function fargateForLoad(input: FargateForLoadInput): FargateForLoad {
  const asked = input.task ?? {}
  const need = { vcpu: asked.vcpu ?? input.memoryMB / MB_PER_VCPU, memoryGB: asked.memoryGB ?? input.memoryMB / 1024 }
  if (asked.vcpu !== undefined && asked.memoryGB !== undefined && !isValidFargateSize({ vcpu: asked.vcpu, memoryGB: asked.memoryGB })) {
    const next = fargateTaskSize(need)
    throw new UsageError(`--fargate-vcpu ${asked.vcpu} with --fargate-memory ${asked.memoryGB} GB is not a Fargate task size: the smallest that fits is ${next.vcpu} vCPU, ${next.memoryGB} GB`)
  }
  const taskSize = asked.vcpu !== undefined && asked.memoryGB !== undefined ? { vcpu: asked.vcpu, memoryGB: asked.memoryGB } : fargateTaskSize(need)
  const durationS = input.durationMs / 1000
  const averageConcurrency = (input.requestsPerMonth * durationS) / SECONDS_PER_MONTH
  const tasks = Math.max(MIN_TASKS, Math.ceil(averageConcurrency - 1e-9))
  const cost = (n: number) => fargateMonthlyCost({ ...taskSize, tasks: n, arch: input.arch, region: input.region, loadBalancer: true })
  const month = cost(tasks)
  return {
    taskSize,
    sizedFrom: asked.vcpu !== undefined || asked.memoryGB !== undefined ? 'flags' : 'lambda-memory',
    averageConcurrency,
    tasks,
    monthly: { compute: month.computeUsd, loadBalancer: month.loadBalancerUsd, total: month.totalUsd },
    breakEvenRequestsPerMonth: input.lambdaPerRequest > 0 && durationS > 0
      ? fargateBreakEven(input.lambdaPerRequest, durationS, cost(1).computeUsd, month.loadBalancerUsd)
      : null,
    pricesAsOf: month.pricesAsOf,
    warnings: month.warnings,
  }
}
