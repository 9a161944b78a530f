import type { ComparableGroup, ComparableRun } from './result-files.js'

/**
 * Lines that name what changed between the two runs besides the code: region, architecture, memory, price table.
 * The comparison still runs (a function moved to a dearer region does cost more), but nobody should read such a
 * change as a regression of the code without being told.
 */
export function contextNotes(baseline: ComparableRun, current: ComparableRun): string[] {
  const notes: string[] = []
  const names = [...new Set([...baseline.groups, ...current.groups].map((g) => g.function))]
  for (const fn of names) {
    const b = baseline.groups.filter((g) => g.function === fn)
    const c = current.groups.filter((g) => g.function === fn)
    if (!b.length || !c.length) {
      notes.push(`${fn}: only in the ${b.length ? 'baseline' : 'current run'}`)
      continue
    }
    const [cb, cc] = [baseline.context[fn], current.context[fn]]
    if (cb?.region && cc?.region && cb.region !== cc.region) {
      notes.push(`${fn}: region changed, ${cb.region} -> ${cc.region}: durations and costs are compared across regions`)
    }
    if (cb?.architecture && cc?.architecture && cb.architecture !== cc.architecture) {
      notes.push(`${fn}: architecture changed, ${cb.architecture} -> ${cc.architecture}: durations and costs are compared across architectures`)
    }
    notes.push(...memoryNotes(fn, baseline, current, b, c))
    if (cb?.region === cc?.region && cb?.architecture === cc?.architecture) {
      const [pb, pc] = [inferPrices(b), inferPrices(c)]
      if (pb && pc && (differs(pb.gbSecond, pc.gbSecond) || differs(pb.request, pc.request))) {
        notes.push(
          `${fn}: the price table changed: $${pb.gbSecond.toPrecision(6)} -> $${pc.gbSecond.toPrecision(6)} per GB-second, ` +
            `$${(pb.request * 1e6).toFixed(4)} -> $${(pc.request * 1e6).toFixed(4)} per million requests: cost changes include it`,
        )
      }
    }
  }
  return notes
}

function memoryNotes(fn: string, baseline: ComparableRun, current: ComparableRun, b: ComparableGroup[], c: ComparableGroup[]): string[] {
  if (baseline.kind === 'report') {
    const [mb, mc] = [b[0]!.memory, c[0]!.memory]
    return mb !== mc ? [`${fn}: memory changed, ${mb} MB -> ${mc} MB: its durations and costs are compared across memory sizes`] : []
  }
  const notes: string[] = []
  const [pb, pc] = [baseline.picks[fn] ?? null, current.picks[fn] ?? null]
  if (pb !== pc) notes.push(`${fn}: the pick moved, ${mb(pb)} -> ${mb(pc)}: the total cost compares the picks`)
  const only = (xs: ComparableGroup[], ys: ComparableGroup[]) => xs.filter((x) => !ys.some((y) => y.memory === x.memory)).map((x) => `${x.memory} MB`)
  const [gone, added] = [only(b, c), only(c, b)]
  if (gone.length) notes.push(`${fn}: ${gone.join(', ')} only in the baseline`)
  if (added.length) notes.push(`${fn}: ${added.join(', ')} only in the current run`)
  return notes
}

function mb(memory: number | null): string {
  return memory === null ? 'no pick' : `${memory} MB`
}

/**
 * The prices a sweep used, read back from its figures: a warm invoke costs request + GB-second price x billed
 * GB-seconds, so the mean cost of each memory value lies on one line in the mean billed GB-seconds. Fitted over the
 * values with samples; null with fewer than two distinct values or when the line does not hold (extra /tmp storage).
 */
export function inferPrices(groups: readonly ComparableGroup[]): { request: number; gbSecond: number } | null {
  const points = groups
    .filter((g) => !g.failed && g.meanBilledMs !== null && g.cost !== null)
    .map((g) => ({ x: (g.meanBilledMs! / 1000) * (g.memory / 1024), y: g.cost!.mean }))
  if (points.length < 2) return null
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length
  const my = points.reduce((s, p) => s + p.y, 0) / points.length
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0)
  if (!(sxx > 1e-6 * mx * mx)) return null
  const gbSecond = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx
  const request = my - gbSecond * mx
  const fits = points.every((p) => Math.abs(p.y - (request + gbSecond * p.x)) <= 1e-6 * p.y)
  return fits && gbSecond > 0 && request >= 0 ? { request, gbSecond } : null
}

function differs(a: number, b: number): boolean {
  return Math.abs(a - b) > 1e-3 * Math.max(Math.abs(a), Math.abs(b))
}
