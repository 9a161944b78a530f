import type { ComparableGroup, ComparableRun } from '../compare/result-files.js'
import { costPerInvoke } from '../cost/invoke-cost.js'
import type { Arch } from '../cost/price-types.js'
import { ms, money, NO_MONEY, pct, usd, type ObservedFunction, type Recommendation } from './types.js'

export interface ArchitectureInput {
  report: ObservedFunction
  region: string
  sweep?: ComparableRun
}

/** Where the architecture recommendation comes from: a sweep that measured both, or production data alone (an estimate). */
export type ArchitectureBasis = 'sweep' | 'estimate'

export interface ArchitectureRecommendation extends Recommendation<string> {
  basis: ArchitectureBasis
}

/**
 * x86_64 or arm64, with the money a switch saves a month at the observed traffic. From a sweep that measured both
 * architectures: its pick's architecture, the saving being the pick's memory on the function's own architecture against
 * the pick (the memory row prices the change of memory on the function's own architecture, so the two add up). From
 * production data alone: an estimate, said to be one: the same duration on the other architecture, at its first-tier
 * price per GB-second; whether the code runs as fast there only a sweep can tell.
 */
export function recommendArchitecture(input: ArchitectureInput): ArchitectureRecommendation {
  const measured = input.sweep ? fromSweep(input, input.sweep) : undefined
  return measured ?? estimate(input)
}

function other(arch: Arch): Arch {
  return arch === 'arm64' ? 'x86_64' : 'arm64'
}

function fromSweep(input: ArchitectureInput, sweep: ComparableRun): ArchitectureRecommendation | undefined {
  const r = input.report
  const own = r.architecture
  const name = r.name
  const groups = sweep.groups.filter((g) => g.function === name || Object.keys(sweep.picks).length === 1)
  // only a sweep that measured both architectures says anything about them
  if (new Set(groups.map((g) => g.architecture ?? own)).size < 2) return undefined
  const pick = sweep.picks[name] ?? Object.values(sweep.picks)[0] ?? null
  const pickArch = (sweep.pickArchitectures?.[name] ?? Object.values(sweep.pickArchitectures ?? {})[0] ?? own) as Arch
  const at = (memory: number, arch: Arch): ComparableGroup | undefined => groups.find((g) => g.memory === memory && (g.architecture ?? own) === arch)
  const base = { current: own, unit: '', basis: 'sweep' as const, warnings: [] as string[] }
  if (pick === null) {
    return { ...base, recommended: own, change: 'none', confidence: 'low', reason: 'the sweep made no pick: keep the current architecture', evidence: [], money: NO_MONEY }
  }
  const mine = at(pick, own)
  const theirs = at(pick, other(own))
  const describe = (g: ComparableGroup | undefined, arch: Arch) =>
    !g ? `${arch} at ${pick} MB: not measured` : g.failed ? `${arch} at ${pick} MB failed in the sweep` : `${arch} at ${pick} MB: ${g.costPerMillion != null ? `${usd(g.costPerMillion)} per million` : 'no cost'}${g.summary ? `, warm mean ${ms(g.summary.mean)}` : ''}`
  const evidence = [describe(mine, own), describe(theirs, other(own))]
  const monthly = r.monthly.invocations
  const note = monthly > 0 ? `at ${Math.round(monthly).toLocaleString('en-US')} invokes a month, measured by the sweep` : 'no production traffic in the window: per-million prices only'
  // Priced as the memory row prices its pick: the report's monthly cost, changed by the sweep's cost ratios, so the
  // memory and architecture savings add up to the whole change (see memory.ts).
  const now = at(r.memoryMB, own)
  const production = r.monthly.cost !== null && monthly > 0 ? r.monthly.cost : null
  const scale = production !== null && now?.costPerMillion ? production / ((now.costPerMillion * monthly) / 1e6) : 1
  const perMonth = (g: ComparableGroup | undefined) => (g && !g.failed && g.costPerMillion != null ? ((g.costPerMillion * monthly) / 1e6) * scale : null)
  const certainty = sweep.certainty[name] ?? Object.values(sweep.certainty)[0]
  const confidence = !certainty ? 'medium' : !certainty.settled ? 'low' : certainty.proven === false ? 'medium' : 'high'
  if (pickArch === own) {
    const why = theirs?.failed ? `${other(own)} failed in the sweep` : `the sweep's pick runs on ${own}`
    return { ...base, recommended: own, change: 'none', confidence, reason: `keep ${own}: ${why}`, evidence, money: NO_MONEY }
  }
  const m = money(perMonth(mine), perMonth(at(pick, pickArch)), note)
  const share = m.monthlySaving !== null && m.monthlyCurrent ? ` (${pct(m.monthlySaving / m.monthlyCurrent)})` : ''
  return {
    ...base,
    recommended: pickArch,
    change: 'set',
    confidence,
    reason: `the sweep measured ${pickArch} at ${pick} MB as the best setting: the switch saves ${m.monthlySaving === null ? 'an unpriced amount' : `${usd(m.monthlySaving)} a month`}${share} against ${own} at ${pick} MB`,
    evidence,
    money: m,
    warnings: ['a function changes architecture only with its code: deploy a build for ' + pickArch + ' (native modules, layers) with the switch'],
  }
}

function estimate(input: ArchitectureInput): ArchitectureRecommendation {
  const r = input.report
  const own = r.architecture
  const alt = other(own)
  const base = { current: own, unit: '', basis: 'estimate' as const, confidence: 'low' as const }
  if (r.invocations === 0 || !r.duration) {
    return { ...base, recommended: own, change: 'none', reason: 'no invocations in the window: nothing to estimate an architecture change from', evidence: [], money: NO_MONEY, warnings: [] }
  }
  const billed = Math.max(1, Math.ceil(r.duration.avg))
  const each = (arch: Arch) => costPerInvoke({ memoryMB: r.memoryMB, billedDurationMs: billed, arch, region: input.region }).totalUsd
  const monthly = r.monthly.invocations
  const m = money(each(own) * monthly, each(alt) * monthly, 'an estimate: the same duration on both architectures, at first-tier prices')
  const saving = m.monthlySaving ?? 0
  const evidence = [
    `${ms(r.duration.avg)} mean duration at ${r.memoryMB} MB: ${usd(each(own) * 1e6)} per million on ${own}, ${usd(each(alt) * 1e6)} on ${alt} at the same duration`,
    `an estimate from production data alone: code can run faster or slower on ${alt}; \`lambda-tune sweep ${r.name} --arch x86_64,arm64\` measures both`,
  ]
  if (saving <= 0) {
    return { ...base, recommended: own, change: 'none', reason: `keep ${own}: ${alt} would cost ${pct(-saving / (m.monthlyCurrent || 1))} more at the same duration (an estimate)`, evidence, money: { ...NO_MONEY, note: m.note! }, warnings: [] }
  }
  return {
    ...base,
    recommended: alt,
    change: 'set',
    reason: `an estimate: ${alt} would save about ${pct(saving / (m.monthlyCurrent || 1))} (${usd(saving)} a month) if the code runs as fast there; measure it with sweep --arch`,
    evidence,
    money: m,
    warnings: [`an estimate, not a measurement: run \`lambda-tune sweep ${r.name} --arch x86_64,arm64\` before switching (the code must be built for ${alt})`],
  }
}
