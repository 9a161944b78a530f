import { describe, expect, it } from 'vitest'
import { graphicalTest, holmEdges } from '../../../src/core/stats/graphical-test.js'

const byP = (ps: number[], weights = ps.map(() => 1 / ps.length)) => ps.map((p, i) => ({ weight: weights[i]!, rejects: (level: number) => p <= level }))

describe('graphicalTest', () => {
  it("is Holm's step-down with Holm's graph", () => {
    // Holm at 0.05 over 3: 0.01 <= 0.05/3, then 0.03 > 0.05/2 stops
    expect(graphicalTest(byP([0.01, 0.04, 0.03]), holmEdges(3), 0.05).rejected).toEqual([true, false, false])
    // 0.01 <= 0.0167, 0.02 <= 0.025, 0.04 <= 0.05
    const all = graphicalTest(byP([0.04, 0.01, 0.02]), holmEdges(3), 0.05)
    expect(all.rejected).toEqual([true, true, true])
    expect(all.level[1]).toBeCloseTo(0.05 / 3, 14)
    expect(all.level[0]).toBeCloseTo(0.05, 14)
  })

  it('passes a rejected hypothesis its weight along the edges (fixed sequence)', () => {
    const seq = [[0, 1], [0, 0]]
    expect(graphicalTest(byP([0.04, 0.04], [1, 0]), seq, 0.05).rejected).toEqual([true, true])
    expect(graphicalTest(byP([0.06, 0.001], [1, 0]), seq, 0.05).rejected).toEqual([false, false])
  })

  it('reports the level each hypothesis held when the procedure stopped', () => {
    const r = graphicalTest(byP([0.001, 0.5, 0.5], [0.5, 0.25, 0.25]), [[0, 0.5, 0.5], [0, 0, 1], [0, 1, 0]], 0.1)
    expect(r.rejected).toEqual([true, false, false])
    expect(r.level).toEqual([0.05, 0.05, 0.05])
  })

  it('gives Holm edges that sum to one per row', () => {
    expect(holmEdges(4).map((row) => row.reduce((a, b) => a + b, 0))).toEqual([1, 1, 1, 1])
    expect(holmEdges(1)).toEqual([[0]])
  })
})
