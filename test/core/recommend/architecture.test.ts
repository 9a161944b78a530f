import { describe, expect, it } from 'vitest'
import { readComparable } from '../../../src/core/compare/result-files.js'
import { costPerInvoke } from '../../../src/core/cost/index.js'
import { recommendArchitecture } from '../../../src/core/recommend/architecture.js'
import { recommendMemory } from '../../../src/core/recommend/memory.js'
import { buildSweepResult } from '../../../src/core/sweep/sweep-result.js'
import { decideOnce } from '../../../src/core/sweep/decide/sequential.js'
import { sweepValues } from '../../../src/core/sweep/arch-values.js'
import type { InvokeSample } from '../../../src/core/sweep/types.js'
import { DECISION_DEFAULTS, samplesAround, failing, US_EAST_X86 } from '../sweep/fixtures.js'
import { steadyFunction } from './function-report.js'

/** A sweep of 512 and 1,024 MB on x86_64 and arm64, from hand-made samples, as `sweep --json` writes it. */
function archSweep(samples: (memory: number, arch: 'x86_64' | 'arm64') => InvokeSample[]) {
  const options = { ...DECISION_DEFAULTS, strategy: 'cost' as const }
  const values = sweepValues([512, 1024], ['x86_64', 'arm64'])
  const all = values.flatMap((v) => samples(v.memory, v.architecture).map((s) => ({ ...s, architecture: v.architecture })))
  const result = buildSweepResult({
    function: 'steady', currentMemory: 1024, memories: [512, 1024], values, architectures: ['x86_64', 'arm64'],
    copy: { function: 'lambda-tune-r1-steady', architecture: 'arm64' }, runId: 'r1', seed: 1, looks: [10], fixed: true,
    decision: decideOnce({ ...options, memories: [512, 1024], values, pricing: US_EAST_X86 }, all),
    warmup: 0, concurrency: 1, coldStarts: 0, options, pricing: US_EAST_X86, samples: all,
  })
  return { result, run: readComparable(JSON.parse(JSON.stringify(result)), 'sweep.json') }
}

describe('the architecture recommendation', () => {
  it('from a sweep of both: the pick’s architecture, the saving against the same memory on the function’s own, adding up with the memory row', () => {
    const { result, run } = archSweep((m) => samplesAround(m, m === 512 ? 300 : 150))
    expect(result.recommendation).toMatchObject({ architecture: 'arm64' })
    const pick = result.recommendation.memory!
    const report = steadyFunction()
    const arch = recommendArchitecture({ report, region: 'us-east-1', sweep: run })
    expect(arch).toMatchObject({ basis: 'sweep', current: 'x86_64', recommended: 'arm64', change: 'set' })
    const perMillion = (architecture: string, memory = pick) => result.results.find((r) => r.memory === memory && r.architecture === architecture)!.costPerMillion!
    // both rows change the report's monthly cost by the sweep's ratios: the current 1,024 MB on x86_64 is the report's
    const observed = report.monthly.cost!
    const onX86 = (observed * perMillion('x86_64')) / perMillion('x86_64', 1024)
    expect(arch.money.monthlyCurrent).toBeCloseTo(onX86, 6)
    expect(arch.money.monthlySaving).toBeCloseTo((observed * (perMillion('x86_64') - perMillion('arm64'))) / perMillion('x86_64', 1024), 6)
    expect(arch.reason).toMatch(new RegExp(`^the sweep measured arm64 at ${pick} MB as the best setting: the switch saves \\$[0-9.]+ a month \\(\\d+\\.\\d%\\) against x86_64 at ${pick} MB$`))
    expect(arch.warnings.join(' ')).toMatch(/only with its code/)
    // the memory row prices the pick's memory on x86_64, where the architecture row starts: memory + architecture = the whole change
    const memory = recommendMemory({ report, region: 'us-east-1', windowDays: 1, sweep: run })
    expect(memory.money.monthlyRecommended).toBeCloseTo(onX86, 6)
    expect(memory.money.monthlyCurrent! - memory.money.monthlySaving! - arch.money.monthlySaving!).toBeCloseTo((observed * perMillion('arm64')) / perMillion('x86_64', 1024), 6)
  })

  it('from a sweep whose other architecture failed: keep the function’s own, and say why', () => {
    const { run } = archSweep((m, a) => (a === 'arm64' ? failing(m, 10, 'Error') : samplesAround(m, 200)))
    const arch = recommendArchitecture({ report: steadyFunction(), region: 'us-east-1', sweep: run })
    expect(arch).toMatchObject({ basis: 'sweep', recommended: 'x86_64', change: 'none', reason: 'keep x86_64: arm64 failed in the sweep' })
    expect(arch.evidence[1]).toMatch(/^arm64 at \d+ MB failed in the sweep$/)
  })

  it('from production data alone: an estimate at the same duration, said to be one, low confidence', () => {
    const report = steadyFunction()
    const arch = recommendArchitecture({ report, region: 'us-east-1' })
    const each = (a: 'x86_64' | 'arm64') => costPerInvoke({ memoryMB: 1024, billedDurationMs: 200, arch: a, region: 'us-east-1' }).totalUsd * report.monthly.invocations
    expect(arch).toMatchObject({ basis: 'estimate', current: 'x86_64', recommended: 'arm64', change: 'set', confidence: 'low' })
    expect(arch.money.monthlySaving).toBeCloseTo(each('x86_64') - each('arm64'), 6)
    expect(arch.reason).toMatch(/^an estimate: arm64 would save about 18\.9% \(\$17\.52 a month\) if the code runs as fast there; measure it with sweep --arch$/)
    expect(arch.money.note).toBe('an estimate: the same duration on both architectures, at first-tier prices')
    // an arm64 function is told to keep it: x86_64 costs more at the same duration
    const keep = recommendArchitecture({ report: steadyFunction({ architecture: 'arm64' }), region: 'us-east-1' })
    expect(keep).toMatchObject({ recommended: 'arm64', change: 'none', money: { monthlySaving: null } })
    expect(keep.reason).toMatch(/^keep arm64: x86_64 would cost \d+\.\d% more at the same duration \(an estimate\)$/)
  })

  it('compare reads such a sweep with the other architecture’s values keyed apart, and the pick’s architecture', () => {
    const { run } = archSweep((m) => samplesAround(m, m === 512 ? 300 : 150))
    expect(run.groups.map((g) => g.key)).toEqual(['steady@512', 'steady@1024', 'steady@512 arm64', 'steady@1024 arm64'])
    expect(run.groups.map((g) => g.architecture)).toEqual(['x86_64', 'x86_64', 'arm64', 'arm64'])
    expect(run.pickArchitectures).toEqual({ steady: 'arm64' })
  })

  it('a sweep of one architecture says nothing about the other: the estimate stands', () => {
    const result = buildSweepResult({
      function: 'steady', currentMemory: 1024, memories: [1024], runId: 'r1', seed: 1, looks: [10], fixed: true,
      decision: decideOnce({ ...DECISION_DEFAULTS, strategy: 'cost', memories: [1024], pricing: US_EAST_X86 }, samplesAround(1024, 200)),
      warmup: 0, concurrency: 1, coldStarts: 0, options: { ...DECISION_DEFAULTS, strategy: 'cost' }, pricing: US_EAST_X86, samples: samplesAround(1024, 200),
    })
    const arch = recommendArchitecture({ report: steadyFunction(), region: 'us-east-1', sweep: readComparable(JSON.parse(JSON.stringify(result)), 'sweep.json') })
    expect(arch.basis).toBe('estimate')
  })
})
