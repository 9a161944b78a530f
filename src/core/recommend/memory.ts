import { MAX_MEMORY_MB, MB_PER_VCPU, MIN_MEMORY_MB } from '../cost/limits.js'
import { observedMonthlyCost } from '../report/build-report.js'
import type { ComparableRun } from '../compare/result-files.js'
import { changeOf, ms, NO_MONEY, pct, rateNotes, usd, money, type ObservedFunction, type Recommendation } from './types.js'

/** Compute Optimizer's floor: fewer invokes than this in the window is too little to go on. */
export const MIN_INVOKES = 50
/** memory is sized to the largest use seen plus this headroom, in 64 MB steps */
export const MEMORY_HEADROOM = 0.25
export const MEMORY_STEP_MB = 64
/** at or above this share of configured memory, the function risks running out */
export const HIGH_UTILIZATION = 0.9
/** smaller cuts than this are not worth a change */
export const MIN_CUT = 0.25
/** one full vCPU of credit (single-threaded code stops speeding up here) */
export const ONE_VCPU_MB = MB_PER_VCPU

export interface MemoryInput {
  report: ObservedFunction
  region: string
  windowDays: number
  sweep?: ComparableRun
}

/**
 * The memory setting. With a sweep: its pick, priced with its measured cost per invoke at the observed traffic.
 * Without: from production memory use (largest use + 25%), at any size (Compute Optimizer stops at 1,792 MB), with
 * the duration risk bounded: an I/O-bound handler keeps its duration; a CPU-bound single-threaded one slows by the
 * ratio of CPU shares, which keeps GB-seconds (and so cost) about the same.
 */
export function recommendMemory(input: MemoryInput): Recommendation {
  return input.sweep ? fromSweep(input, input.sweep) : fromProduction(input)
}

function fromSweep(input: MemoryInput, sweep: ComparableRun): Recommendation {
  const r = input.report
  const pick = sweep.picks[r.name] ?? Object.values(sweep.picks)[0] ?? null
  const evidence: string[] = []
  if (pick === null) {
    return {
      current: r.memoryMB, recommended: r.memoryMB, unit: 'MB', change: 'none', confidence: 'low',
      reason: 'the sweep made no pick (every value failed or none met the target): keep the current memory',
      evidence, money: NO_MONEY, warnings: [],
    }
  }
  // a sweep of two architectures: the memory is priced on the function's own (the architecture row prices a switch)
  const at = (memory: number) => sweep.groups.find((g) => g.memory === memory && (!g.architecture || g.architecture === r.architecture) && !g.failed)
  const picked = at(pick)
  const now = at(r.memoryMB)
  const monthly = r.monthly.invocations
  evidence.push(`sweep pick: ${pick} MB${picked?.summary ? `, warm mean ${ms(picked.summary.mean)}` : ''}${picked?.costPerMillion != null ? `, ${usd(picked.costPerMillion)} per million` : ''}`)
  if (now?.summary) evidence.push(`sweep at the current ${r.memoryMB} MB: warm mean ${ms(now.summary.mean)}${now.costPerMillion != null ? `, ${usd(now.costPerMillion)} per million` : ''}`)
  let m = NO_MONEY
  if (picked?.costPerMillion != null) {
    // The current cost is the report's monthly figure (the one shown everywhere); the sweep gives the change to it.
    const production = r.monthly.cost !== null && monthly > 0 ? r.monthly.cost : null
    const currentPerMillion = now?.costPerMillion ?? (production !== null ? (production / monthly) * 1e6 : null)
    const current = production ?? (currentPerMillion !== null ? (currentPerMillion * monthly) / 1e6 : null)
    const recommended = production !== null && now?.costPerMillion ? production * (picked.costPerMillion / now.costPerMillion) : (picked.costPerMillion * monthly) / 1e6
    m = money(current, recommended, monthly > 0 ? `at ${Math.round(monthly).toLocaleString('en-US')} invokes a month` : 'no production traffic in the window: per-million prices only')
  }
  // How sure the sweep was decides how sure this is: settled with the pick's place in the band shown, settled on the
  // pick's estimate, or not settled (other values could still be preferred). A sweep from before the tolerance rule does not say.
  const certainty = sweep.certainty[r.name] ?? Object.values(sweep.certainty)[0]
  const others = certainty ? certainty.contenders.filter((c) => c !== pick) : []
  const confidence = !certainty ? 'medium' : !certainty.settled ? 'low' : certainty.proven === false ? 'medium' : 'high'
  if (certainty && !certainty.settled) evidence.push(`the sweep did not settle: ${others.map((c) => `${c} MB`).join(', ') || 'other values'} could still be preferred; more invokes (--max-invocations) would settle it`)
  else if (certainty?.proven === false) evidence.push('the sweep settled, but the pick is within its tolerance by its estimate only')
  const warnings = certainty && !certainty.settled ? [`unsettled sweep: re-run it with a larger --max-invocations or --budget before acting on ${pick} MB`] : []
  return {
    current: r.memoryMB, recommended: pick, unit: 'MB', change: changeOf(r.memoryMB, pick), confidence,
    reason: pick === r.memoryMB ? 'the sweep confirms the current memory' : `the sweep measured ${pick} MB as the best setting`,
    evidence, money: m, warnings,
  }
}

function fromProduction(input: MemoryInput): Recommendation {
  const r = input.report
  const current = r.memoryMB
  const used = r.memoryUsed?.maxMB ?? null
  const keep = (reason: string, evidence: string[] = []): Recommendation => ({
    current, recommended: current, unit: 'MB', change: 'none', confidence: 'low', reason, evidence, money: NO_MONEY, warnings: [],
  })
  if (r.invocations === 0 || !r.duration) return keep('no invocations in the window: keep the current memory, or run a sweep')
  if (used === null) {
    return keep('no memory use recorded (no REPORT lines in the logs, no Lambda Insights): keep the current memory, or run a sweep', [`${r.invocations} invokes`])
  }
  const utilization = used / current
  const sized = Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.ceil((used * (1 + MEMORY_HEADROOM)) / MEMORY_STEP_MB) * MEMORY_STEP_MB))
  const evidence = [
    `largest memory used ${used.toFixed(0)} MB of ${current} MB (${pct(utilization)}) over ${r.invocations} invokes`,
    `${used.toFixed(0)} MB + ${MEMORY_HEADROOM * 100}% headroom, in ${MEMORY_STEP_MB} MB steps = ${sized} MB`,
  ]
  let recommended = current
  if (utilization >= HIGH_UTILIZATION) recommended = Math.max(sized, current)
  else if (sized <= current * (1 - MIN_CUT)) recommended = sized
  const { confidence, statement } = confidenceOf(r.invocations, input.windowDays)
  evidence.push(statement)
  const warnings: string[] = []
  if (confidence === 'low') warnings.push(statement)
  const avg = r.duration.avg
  const slowdown = cpuShare(current) / cpuShare(recommended)
  const costAt = (memoryMB: number, durationMs: number) =>
    observedMonthlyCost({
      fn: { memoryMB, architecture: r.architecture, ephemeralStorageMB: 512, runtime: r.runtime ?? undefined },
      region: input.region,
      requestsPerMonth: r.monthly.invocations,
      billedDurationMs: Math.ceil(durationMs),
      coldStartShare: r.coldStarts?.share,
      initDurationMs: r.coldStarts?.init.avg,
    }).total
  // The current cost is the report's monthly figure; the model prices the change the new memory makes to it.
  const modelNow = costAt(current, avg)
  const now = r.monthly.cost ?? modelNow
  const best = now + (costAt(recommended, avg) - modelNow)
  if (recommended < current && slowdown > 1.0001) {
    const worst = now + (costAt(recommended, avg * slowdown) - modelNow)
    evidence.push(
      `if the handler is I/O-bound its duration stays ${ms(avg)}; if CPU-bound and single-threaded it could rise to ${ms(avg * slowdown)}${r.duration.p99 !== null ? ` (p99 ${ms(r.duration.p99 * slowdown)})` : ''}, costing ${usd(worst)} a month instead of ${usd(best)}`,
    )
    warnings.push('production data cannot tell how duration depends on memory: confirm with `lambda-tune sweep` before a large cut')
  }
  if (recommended > current) warnings.push(`memory use reached ${pct(utilization)} of the configured ${current} MB: out-of-memory failures are likely at peaks`)
  const notes = rateNotes(r, { errors: 'failed invokes (out of memory, timeouts) shape the memory use and durations seen: fix them, or confirm with `lambda-tune sweep`' })
  evidence.push(...notes.evidence)
  warnings.push(...notes.warnings)
  const reason =
    recommended === current
      ? `memory use (${pct(utilization)} of ${current} MB) fits the current setting`
      : recommended > current
        ? `memory use reached ${pct(utilization)} of ${current} MB: raise it to ${recommended} MB`
        : `the function uses at most ${used.toFixed(0)} MB of ${current} MB`
  return {
    current, recommended, unit: 'MB', change: changeOf(current, recommended), confidence, reason, evidence,
    money: money(now, best, recommended < current ? 'assuming the duration stays as observed (the I/O-bound case)' : undefined),
    warnings,
  }
}

/** Share of one vCPU a single thread gets at this memory. */
export function cpuShare(memoryMB: number): number {
  return Math.min(memoryMB, ONE_VCPU_MB) / ONE_VCPU_MB
}

export function confidenceOf(invocations: number, windowDays: number): { confidence: Recommendation['confidence']; statement: string } {
  const days = windowDays >= 1 ? `${windowDays.toFixed(windowDays % 1 ? 1 : 0)} days` : `${(windowDays * 24).toFixed(1)} hours`
  if (invocations < MIN_INVOKES) {
    return { confidence: 'low', statement: `low confidence: only ${invocations} invokes in ${days} (Compute Optimizer asks for at least ${MIN_INVOKES} over 14 days)` }
  }
  if (windowDays < 14 || invocations < 1000) {
    return { confidence: 'medium', statement: `medium confidence: ${invocations} invokes in ${days}; 14 days and 1,000 invokes would cover weekly peaks` }
  }
  return { confidence: 'high', statement: `high confidence: ${invocations} invokes in ${days}` }
}
