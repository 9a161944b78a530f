/**
 * The graphical approach to multiple testing (Bretz, Maurer, Brannath & Posch 2009, Algorithm 1): each hypothesis
 * holds a share of α; when one is rejected its share passes along the graph's edges to the others. It is a closed
 * test built from weighted Bonferroni tests, so it controls the family-wise error rate strongly (the chance of
 * rejecting any true hypothesis, whichever are true, is at most α) whatever the logical relations between the
 * hypotheses. Holm's procedure is the graph in which every hypothesis passes its share equally to the rest.
 */

export interface GraphHypothesis {
  /** initial share of α; the shares sum to at most 1 */
  weight: number
  /** whether the hypothesis is rejected at this local level */
  rejects(level: number): boolean
}

export interface GraphOutcome {
  rejected: boolean[]
  /** the local level each hypothesis was rejected at, or the level it held when the procedure stopped */
  level: number[]
}

/**
 * Runs the procedure. `edges[i][j]` is the share of hypothesis i's weight that goes to j when i is rejected (each row
 * sums to at most 1, no self-loops). Hypotheses are tried in order; the set rejected does not depend on the order.
 */
export function graphicalTest(hypotheses: readonly GraphHypothesis[], edges: readonly (readonly number[])[], alpha: number): GraphOutcome {
  const n = hypotheses.length
  const w = hypotheses.map((h) => h.weight)
  const g = edges.map((row) => [...row])
  const rejected = new Array<boolean>(n).fill(false)
  const level = new Array<number>(n).fill(0)
  for (;;) {
    const j = hypotheses.findIndex((h, i) => !rejected[i] && w[i]! > 0 && h.rejects(w[i]! * alpha))
    if (j < 0) break
    rejected[j] = true
    level[j] = w[j]! * alpha
    const open = [...Array(n).keys()].filter((i) => !rejected[i])
    for (const l of open) w[l]! += w[j]! * g[j]![l]!
    const next = g.map((row) => [...row])
    for (const l of open) {
      for (const k of open) {
        if (l === k) continue
        const loop = g[l]![j]! * g[j]![l]!
        next[l]![k] = loop < 1 ? (g[l]![k]! + g[l]![j]! * g[j]![k]!) / (1 - loop) : 0
      }
    }
    for (let i = 0; i < n; i++) {
      next[i]![j] = 0
      next[j]![i] = 0
    }
    g.splice(0, n, ...next)
    w[j] = 0
  }
  for (let i = 0; i < n; i++) if (!rejected[i]) level[i] = w[i]! * alpha
  return { rejected, level }
}

/** Holm's graph: each hypothesis passes its share equally to all the others. */
export function holmEdges(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j || n < 2 ? 0 : 1 / (n - 1))))
}
