import { fargateMonthlyCost, fargateTaskSize, type FargateCost } from '../cost/fargate.js'
import { HOURS_PER_MONTH, SECONDS_PER_MONTH } from '../quantity.js'
import { MAX_TIMEOUT_S } from './timeout.js'
import { ONE_VCPU_MB } from './memory.js'
import { rateNotes, usd, type ObservedFunction, type Recommendation } from './types.js'

/** Two tasks, one per Availability Zone, is the least a production service runs. */
export const MIN_TASKS = 2
/** a container must beat Lambda by this share before the operational work of running it is worth it */
export const SWITCH_MARGIN = 0.25

/**
 * Lambda Managed Instances: $0.20 per million requests + the EC2 on-demand price of its instances + a 15% management
 * fee. Instance prices are us-east-1 on-demand list prices (verify before relying on them: they are not in the
 * bundled price file). A capacity provider keeps instances in three Availability Zones.
 */
export const LMI = {
  requestsPerMillion: 0.2,
  managementFee: 0.15,
  minInstances: 3,
  instances: {
    arm64: { type: 'm7g.large', vcpu: 2, memoryGB: 8, usdPerHour: 0.0816 },
    x86_64: { type: 'm7i.large', vcpu: 2, memoryGB: 8, usdPerHour: 0.1008 },
  },
} as const

export interface PlatformOption {
  platform: 'lambda' | 'fargate-average' | 'fargate-peak' | 'lambda-managed-instances'
  monthlyUsd: number | null
  detail: string
}

export interface ContainerComparison {
  options: PlatformOption[]
  fargateTask: { vcpu: number; memoryGB: number; tasksAverage: number; tasksPeak: number } | null
  /** requests a month above which Fargate (autoscaled, with a load balancer) costs less than Lambda; null: never */
  breakEvenRequestsPerMonth: number | null
  hardConstraints: string[]
  verdict: Recommendation<string>
}

export interface ContainerInput {
  report: ObservedFunction
  region: string
  /** the peak concurrency used for sizing */
  peakConcurrency: number
}

/**
 * The same load on Fargate and on Lambda Managed Instances. A Fargate task gets the function's CPU share
 * (memory / 1,769 MB of a vCPU) and at least its memory; one task serves what one Lambda environment serves (one
 * request at a time: an upper bound on tasks for I/O-bound handlers, which a container can multiplex).
 */
export function compareContainers(input: ContainerInput): ContainerComparison {
  const r = input.report
  const lambdaUsd = r.monthly.cost
  const hardConstraints: string[] = []
  const needS = ((r.duration?.max ?? 0) + (r.coldStarts?.init.max ?? 0)) / 1000
  if (needS > MAX_TIMEOUT_S) hardConstraints.push(`invokes need ${needS.toFixed(0)} s, beyond Lambda's 900 s limit`)
  const checks = [
    'long-lived connections (WebSockets, streaming beyond 15 minutes) or in-memory state shared between requests need a container',
    'payloads above 6 MB (synchronous) or 256 KB (asynchronous) need a container or S3',
  ]
  const options: PlatformOption[] = [{ platform: 'lambda', monthlyUsd: lambdaUsd, detail: `${Math.round(r.monthly.invocations).toLocaleString('en-US')} invokes a month at ${r.memoryMB} MB` }]
  let fargateTask: ContainerComparison['fargateTask'] = null
  let breakEven: number | null = null
  const warnings: string[] = []
  const avgS = (r.duration?.avg ?? 0) / 1000
  try {
    const size = fargateTaskSize({ vcpu: r.memoryMB / ONE_VCPU_MB, memoryGB: r.memoryMB / 1024 })
    const tasksAverage = Math.max(MIN_TASKS, Math.ceil(r.concurrency.average))
    const tasksPeak = Math.max(MIN_TASKS, Math.ceil(input.peakConcurrency))
    fargateTask = { ...size, tasksAverage, tasksPeak }
    const cost = (tasks: number): FargateCost =>
      fargateMonthlyCost({ vcpu: size.vcpu, memoryGB: size.memoryGB, tasks, arch: r.architecture, region: input.region, loadBalancer: true })
    const avg = cost(tasksAverage)
    const peak = cost(tasksPeak)
    warnings.push(...avg.warnings)
    options.push({ platform: 'fargate-average', monthlyUsd: avg.totalUsd, detail: `${tasksAverage} x ${size.vcpu} vCPU / ${size.memoryGB} GB tasks (autoscaled to the average) + load balancer ${usd(avg.loadBalancerUsd)}` })
    options.push({ platform: 'fargate-peak', monthlyUsd: peak.totalUsd, detail: `${tasksPeak} tasks sized for the peak, always on, + load balancer` })
    if (lambdaUsd !== null && r.monthly.invocations > 0 && avgS > 0) {
      breakEven = fargateBreakEven(lambdaUsd / r.monthly.invocations, avgS, cost(1).computeUsd, avg.loadBalancerUsd)
    }
  } catch (err) {
    warnings.push(`Fargate not priced: ${(err as Error).message}`)
  }
  const lmi = lmiMonthly(r, input.peakConcurrency)
  options.push({ platform: 'lambda-managed-instances', monthlyUsd: lmi.usd, detail: lmi.detail })
  const verdict = decide(options, hardConstraints, lambdaUsd, breakEven, r)
  const notes = rateNotes(r, { throttles: 'throttled requests are traffic these prices leave out; both platforms would serve it' })
  verdict.evidence.push(...notes.evidence)
  verdict.warnings.push(...notes.warnings, ...warnings)
  verdict.evidence.push(...checks.map((c) => `check: ${c}`))
  return { options, fargateTask, breakEvenRequestsPerMonth: breakEven, hardConstraints, verdict }
}

/**
 * The monthly requests R at which Lambda (perRequest x R) first costs as much as Fargate with enough tasks for R:
 * tasks(R) = max(2, ceil(R x duration / seconds in a month)), each costing taskMonth, plus the load balancer.
 * Lambda's cost rises along a line, Fargate's in steps of one task: the line crosses the steps from task count
 * n* = max(2, ceil(lb / (perRequest x capacity - taskMonth))) on, where capacity = seconds in a month / duration
 * (requests one task serves in a month). Returns null when a task costs more than the Lambda work it replaces.
 */
export function fargateBreakEven(perRequest: number, durationS: number, taskMonth: number, loadBalancerMonth: number): number | null {
  const capacity = SECONDS_PER_MONTH / durationS
  const marginPerTask = perRequest * capacity - taskMonth
  if (marginPerTask <= 0) return null
  const n = Math.max(MIN_TASKS, Math.ceil(loadBalancerMonth / marginPerTask - 1e-9))
  const fargate = n * taskMonth + loadBalancerMonth
  const floor = n === MIN_TASKS ? 0 : (n - 1) * capacity
  return Math.max(floor, fargate / perRequest)
}

function lmiMonthly(r: ObservedFunction, peakConcurrency: number): { usd: number | null; detail: string } {
  const instance = LMI.instances[r.architecture]
  // CPU busy at the peak: each busy environment uses at most its Lambda CPU share.
  const vcpuNeed = peakConcurrency * Math.min(r.memoryMB / ONE_VCPU_MB, 6)
  const memoryNeed = (peakConcurrency * r.memoryMB) / 1024
  const instances = Math.max(LMI.minInstances, Math.ceil(vcpuNeed / instance.vcpu), Math.ceil(memoryNeed / instance.memoryGB))
  const ec2 = instances * instance.usdPerHour * HOURS_PER_MONTH
  const usdTotal = ec2 * (1 + LMI.managementFee) + (r.monthly.invocations / 1e6) * LMI.requestsPerMillion
  return {
    usd: usdTotal,
    detail: `${instances} x ${instance.type} (${usd(instance.usdPerHour)}/h, us-east-1 list) + 15% fee + $0.20 per million requests`,
  }
}

function decide(options: PlatformOption[], hard: string[], lambdaUsd: number | null, breakEven: number | null, r: ObservedFunction): Recommendation<string> {
  const evidence = options.map((o) => `${o.platform}: ${o.monthlyUsd === null ? 'not priced' : `${usd(o.monthlyUsd)} a month`} (${o.detail})`)
  if (breakEven !== null) evidence.push(`Fargate breaks even at about ${Math.round(breakEven).toLocaleString('en-US')} requests a month (${Math.round(breakEven / (HOURS_PER_MONTH / 24)).toLocaleString('en-US')} a day); now ${Math.round(r.monthly.invocations).toLocaleString('en-US')}`)
  else evidence.push('Fargate never breaks even at this duration: a task costs more than the Lambda work it would replace')
  const fargate = options.find((o) => o.platform === 'fargate-average')?.monthlyUsd ?? null
  const lmi = options.find((o) => o.platform === 'lambda-managed-instances')?.monthlyUsd ?? null
  const base = { current: 'lambda', unit: 'platform', evidence, warnings: [] as string[] }
  if (hard.length) {
    return { ...base, recommended: 'fargate', change: 'set', confidence: 'high', reason: `a hard constraint rules Lambda out: ${hard.join('; ')}`,
      money: { monthlyCurrent: lambdaUsd, monthlyRecommended: fargate, monthlySaving: lambdaUsd !== null && fargate !== null ? lambdaUsd - fargate : null } }
  }
  if (lambdaUsd === null || r.invocations === 0) {
    return { ...base, recommended: 'lambda', change: 'none', confidence: 'low', reason: 'no traffic to price: Lambda costs nothing while idle, a container does not',
      money: { monthlyCurrent: lambdaUsd, monthlyRecommended: lambdaUsd, monthlySaving: 0 } }
  }
  const cheapest = [
    { platform: 'fargate', usd: fargate },
    { platform: 'lambda-managed-instances', usd: lmi },
  ].filter((o): o is { platform: string; usd: number } => o.usd !== null).sort((a, b) => a.usd - b.usd)[0]
  if (cheapest && cheapest.usd < lambdaUsd * (1 - SWITCH_MARGIN)) {
    return { ...base, recommended: cheapest.platform, change: 'set', confidence: r.invocations >= 1000 ? 'medium' : 'low',
      reason: `at this steady traffic ${cheapest.platform} costs ${usd(cheapest.usd)} a month against ${usd(lambdaUsd)} on Lambda, more than ${SWITCH_MARGIN * 100}% less`,
      money: { monthlyCurrent: lambdaUsd, monthlyRecommended: cheapest.usd, monthlySaving: lambdaUsd - cheapest.usd } }
  }
  return { ...base, recommended: 'lambda', change: 'none', confidence: r.invocations >= 1000 ? 'high' : 'medium',
    reason: cheapest && cheapest.usd < lambdaUsd
      ? `containers would save ${usd(lambdaUsd - cheapest.usd)} a month, less than ${SWITCH_MARGIN * 100}%: not worth running servers`
      : `Lambda costs ${usd(lambdaUsd)} a month, less than an always-on container at this traffic`,
    money: { monthlyCurrent: lambdaUsd, monthlyRecommended: lambdaUsd, monthlySaving: 0 } }
}
