import { costPerInvoke } from '../cost/invoke-cost.js'
import { ms, NO_MONEY, rateNotes, usd, type ObservedFunction, type Recommendation } from './types.js'

export const MAX_TIMEOUT_S = 900
/** the recommended timeout is the need plus half again, and at least one second more */
export const TIMEOUT_MARGIN = 0.5
export const MIN_TIMEOUT_MARGIN_MS = 1000
/** invokes that end within this share of the timeout are "near it" */
export const NEAR_TIMEOUT_SHARE = 0.8
/** a timeout this many times the need, and 10 s above it, is "far above" */
export const FAR_ABOVE_FACTOR = 3

/**
 * The timeout from the duration tail: p99.9 when there are enough invokes to estimate it (1,000), else the maximum;
 * plus the longest init seen (a cold start's INIT shares the first invoke's budget when it is retried); plus margin;
 * whole seconds, capped at Lambda's 900 s.
 */
export function recommendTimeout(report: ObservedFunction, region: string): Recommendation {
  const current = report.timeout
  const d = report.duration
  if (!d || report.invocations === 0) {
    return {
      current, recommended: current, unit: 's', change: 'none', confidence: 'low',
      reason: 'no invocations in the window: keep the current timeout',
      evidence: [], money: NO_MONEY, warnings: [],
    }
  }
  const longest = d.max ?? d.p999 ?? d.p99
  if (longest === null) {
    return {
      current, recommended: current, unit: 's', change: 'none', confidence: 'low',
      reason: 'no duration tail in the window (no maximum or percentile was read): keep the current timeout',
      evidence: [`average duration ${ms(d.avg)} over ${report.invocations} invokes`], money: NO_MONEY, warnings: [],
    }
  }
  const useP999 = report.invocations >= 1000 && d.p999 !== null
  const tailMs = Math.max(useP999 ? d.p999! : longest, d.p99 ?? 0)
  const initMs = report.coldStarts?.init.max ?? report.coldStarts?.init.p99 ?? 0
  const needMs = tailMs + initMs
  const withMargin = Math.max(needMs * (1 + TIMEOUT_MARGIN), needMs + MIN_TIMEOUT_MARGIN_MS)
  const recommended = Math.min(MAX_TIMEOUT_S, Math.max(1, Math.ceil(withMargin / 1000)))
  const evidence = [
    `${useP999 ? 'p99.9' : 'longest'} duration ${ms(tailMs)} over ${report.invocations} invokes`,
    initMs > 0 ? `longest init ${ms(initMs)}` : 'no cold start seen in the logs',
    `need ${ms(needMs)} + ${TIMEOUT_MARGIN * 100}% margin (at least 1 s) = ${ms(withMargin)}, rounded up to ${recommended} s`,
  ]
  const notes = rateNotes(report, { errors: 'invokes that timed out end at the timeout, so the longest duration may be the timeout itself rather than what the work needs' })
  evidence.push(...notes.evidence)
  const warnings: string[] = [...notes.warnings]
  if (needMs > MAX_TIMEOUT_S * 1000) {
    warnings.push(`invokes need ${ms(needMs)}, beyond Lambda's 900 s limit: move this work to a container or split it`)
  }
  // rounded so that float noise (0.8 x 3,000 = 2,400.0000000000005) does not decide
  if (longest >= Math.round(NEAR_TIMEOUT_SHARE * current * 1000 * 1e6) / 1e6) {
    warnings.push(`the longest invoke (${ms(longest)}) ended within ${(100 - NEAR_TIMEOUT_SHARE * 100).toFixed(0)}% of the ${current} s timeout: some invokes may be timing out`)
  }
  // A hung invoke runs until the timeout: that is what an oversized timeout can cost, per invoke.
  const runawayAt = (seconds: number) =>
    costPerInvoke({ memoryMB: report.memoryMB, billedDurationMs: seconds * 1000, arch: report.architecture, region }).totalUsd
  let note: string | undefined
  if (current >= FAR_ABOVE_FACTOR * recommended && current - recommended >= 10) {
    const now = runawayAt(current)
    const then = runawayAt(recommended)
    warnings.push(`the ${current} s timeout is ${(current / recommended).toFixed(0)}x what invokes need: a hung invoke bills ${current} s`)
    note = `each hung invoke costs ${usd(now)} at ${current} s and ${usd(then)} at ${recommended} s; ${usd((now - then) * 1e6)} per million hung invokes`
  }
  const change = recommended === current ? 'none' : recommended > current ? 'increase' : 'decrease'
  const confidence = report.invocations >= 1000 ? 'high' : report.invocations >= 50 ? 'medium' : 'low'
  const reason =
    change === 'none'
      ? `the current ${current} s fits the observed tail with margin`
      : change === 'increase'
        ? `invokes need up to ${ms(needMs)}: ${current} s leaves too little margin`
        : `invokes need at most ${ms(needMs)}: ${recommended} s keeps a margin and bounds runaway cost`
  return {
    current, recommended, unit: 's', change, confidence, reason, evidence,
    money: { monthlyCurrent: null, monthlyRecommended: null, monthlySaving: null, note: note ?? 'the timeout costs nothing unless invokes hang' },
    warnings,
  }
}
