import * as Flags from '@oclif/core/flags'
import { BaseCommand, type JsonStamp } from '../base-command.js'
import { compareCosts, type CostComparison } from '../core/cost/compare-costs.js'
import { checkArch } from '../core/cost/lambda-prices.js'
import { checkRegion } from '../core/regions.js'
import { parseCount, parseDurationMs, parseFraction, parseMemoryMB, parsePerMonth, splitList } from '../core/quantity.js'
import { UsageError } from '../core/errors.js'
import { outputFlags } from '../flags.js'
import { renderCostMarkdown, renderCostTable } from '../render/cost.js'

export default class CostCommand extends BaseCommand {
  static override summary = 'Model what AWS bills for a Lambda function a month'
  static override description =
    'Prices requests, duration through the GB-second tiers of the architecture, INIT of cold starts, ephemeral ' +
    'storage, provisioned concurrency and the free tier, from a bundled price table (no AWS calls unless ' +
    '--fetch-prices). Several --memory values are compared side by side.'
  static override examples = [
    '<%= config.bin %> cost --memory 512 --duration 1000 --requests 3M --free-tier',
    '<%= config.bin %> cost --memory 512,1024,2048 --duration 820,400,210 --requests 100k/day --arch arm64',
    '<%= config.bin %> cost --memory 1024 --duration 120 --requests 50/s --provisioned 5 --provisioned-hours 300 --json',
  ]
  static override enableJsonFlag = true
  static override flags = {
    memory: Flags.string({ char: 'm', required: true, description: 'memory in MB (128-10240); several, comma-separated, compare side by side' }),
    duration: Flags.string({ char: 'd', required: true, description: 'duration of one invoke in ms (e.g. 250, 1.5s): one for all memory sizes or one per memory size' }),
    requests: Flags.string({ char: 'r', required: true, description: 'requests a month (3000000, 3M), or a rate: 100k/day, 50/s' }),
    arch: Flags.string({ description: 'x86_64 or arm64', default: 'x86_64' }),
    region: Flags.string({ description: 'region whose prices to use (default: AWS_REGION, then us-east-1)' }),
    'free-tier': Flags.boolean({ description: 'take off the monthly free tier (1M requests, 400,000 GB-s)' }),
    'cold-start-rate': Flags.string({ description: 'share of on-demand invokes that are cold starts (0.01 or 1%)', default: '0' }),
    'init-duration': Flags.string({ description: 'INIT duration of a cold start, ms' }),
    'init-billed': Flags.boolean({ allowNo: true, description: 'whether INIT is billed (default: by --package-type/--runtime; billed for all since 2025-08-01)' }),
    'package-type': Flags.option({ options: ['zip', 'image'] as const, description: 'deployment package type (INIT billing)' })(),
    runtime: Flags.string({ description: 'runtime, e.g. nodejs20.x or provided.al2023 (INIT billing)' }),
    'ephemeral-storage': Flags.string({ description: '/tmp size in MB (512-10240); above 512 MB is billed' }),
    provisioned: Flags.integer({ min: 0, description: 'provisioned concurrency: environments kept warm' }),
    'provisioned-hours': Flags.string({ description: 'hours a month provisioned concurrency is enabled (default 730)', dependsOn: ['provisioned'] }),
    'provisioned-share': Flags.string({ description: 'share of invokes provisioned concurrency serves (default: what flat traffic would use)', dependsOn: ['provisioned'] }),
    'fargate-vcpu': Flags.string({ description: 'Fargate task vCPU for the same load (0.25-16; default: the function\'s CPU share, memory / 1,769 MB)' }),
    'fargate-memory': Flags.string({ description: 'Fargate task memory (e.g. 2GB, 512; default: at least the function\'s memory)' }),
    'fetch-prices': Flags.boolean({ description: 'use current prices from the AWS Price List API (needs credentials; cached a day)' }),
    profile: Flags.string({ description: 'with --fetch-prices: named profile from ~/.aws', dependsOn: ['fetch-prices'] }),
    ...outputFlags,
  }

  async run(): Promise<CostComparison & JsonStamp> {
    const { flags } = await this.parse(CostCommand)
    const region = checkRegion(flags.region ?? process.env.AWS_REGION ?? 'us-east-1')
    const arch = checkArch(flags.arch)
    const prices = flags['fetch-prices'] ? await this.fetchPrices(region, flags.profile) : undefined
    const result = this.stamp('cost', compareCosts({
      memoryMB: splitList(flags.memory).map((m) => parseMemoryMB(m, '--memory')),
      durationMs: splitList(flags.duration).map((d) => parseDurationMs(d, '--duration')),
      requestsPerMonth: parsePerMonth(flags.requests, '--requests'),
      arch,
      region,
      freeTier: flags['free-tier'],
      coldStartRate: parseFraction(flags['cold-start-rate'], '--cold-start-rate'),
      initDurationMs: flags['init-duration'] === undefined ? undefined : parseDurationMs(flags['init-duration'], '--init-duration'),
      initBilled: flags['init-billed'],
      packageType: flags['package-type'] === 'image' ? 'Image' : flags['package-type'] === 'zip' ? 'Zip' : undefined,
      runtime: flags.runtime,
      ephemeralStorageMB: flags['ephemeral-storage'] === undefined ? undefined : parseMemoryMB(flags['ephemeral-storage'], '--ephemeral-storage'),
      provisioned: flags.provisioned === undefined ? undefined : {
        environments: flags.provisioned,
        hoursEnabled: flags['provisioned-hours'] === undefined ? undefined : parseCount(flags['provisioned-hours'], '--provisioned-hours'),
        shareOfInvokes: flags['provisioned-share'] === undefined ? undefined : parseFraction(flags['provisioned-share'], '--provisioned-share'),
      },
      prices,
      ...fargateTask(flags['fargate-vcpu'], flags['fargate-memory']),
    }))
    await this.emit(result, flags, { md: () => renderCostMarkdown(result), table: () => renderCostTable(result) })
    return result
  }

  private async fetchPrices(region: string, profile: string | undefined) {
    const { fetchLambdaPrices } = await import('../aws/pricing.js')
    if (!this.config.cacheDir) throw new UsageError('no cache directory for fetched prices')
    return fetchLambdaPrices({ region, profile, cacheDir: this.config.cacheDir, endpointUrl: process.env.AWS_ENDPOINT_URL })
  }
}

function fargateTask(vcpu: string | undefined, memory: string | undefined): { fargate?: { vcpu?: number; memoryGB?: number } } {
  if (vcpu === undefined && memory === undefined) return {}
  const cpu = vcpu === undefined ? undefined : Number(vcpu)
  if (cpu !== undefined && !(cpu > 0)) throw new UsageError(`--fargate-vcpu: '${vcpu}' is not a number of vCPU (0.25, 0.5, 1, 2, 4, 8 or 16)`)
  return { fargate: { ...(cpu !== undefined ? { vcpu: cpu } : {}), ...(memory !== undefined ? { memoryGB: parseMemoryMB(memory, '--fargate-memory') / 1024 } : {}) } }
}
