import { describe, expect, it } from 'vitest'
import { leastProbabilities, softMinimum } from '../../../../src/core/sweep/decide/soft-min.js'

describe('leastProbabilities', () => {
  it('splits evenly between equal estimates and goes to a clearly lowest one', () => {
    const even = leastProbabilities([1, 1, 1, 1], [0.1, 0.1, 0.1, 0.1])
    for (const w of even) expect(w).toBeCloseTo(0.25, 3)
    const clear = leastProbabilities([1, 2, 3], [0.1, 0.1, 0.1])
    expect(clear[0]).toBeGreaterThan(0.9999)
  })
  it('estimates without spread are points: the least gets it all, shared evenly by equal ones', () => {
    expect(leastProbabilities([2, 1, 3], [0, 0, 0])).toEqual([0, 1, 0])
    expect(leastProbabilities([1, 2, 1], [0, 0, 0])).toEqual([0.5, 0, 0.5])
    expect(softMinimum([-13, -12.9, -13], [0, 0, 0])).toBe(-13)
  })
  it('matches the two-value closed form: P(X < Y) = Φ((μy − μx) / √(σx² + σy²))', () => {
    const [p] = leastProbabilities([0, 0.1], [0.1, 0.05])
    const z = 0.1 / Math.hypot(0.1, 0.05)
    // Φ(0.894) = 0.8144
    expect(z).toBeCloseTo(0.8944, 4)
    expect(p).toBeCloseTo(0.8144, 3)
  })
})

describe('softMinimum', () => {
  it('has no winner’s curse for ties: five equal estimates give their mean, not their minimum', () => {
    expect(softMinimum([0.02, -0.03, 0.01, -0.01, 0.01], [0.1, 0.1, 0.1, 0.1, 0.1])).toBeCloseTo(0, 2)
    expect(softMinimum([0.02, -0.03, 0.01, -0.01, 0.01], [0.1, 0.1, 0.1, 0.1, 0.1])).toBeGreaterThan(-0.03)
  })
  it('is the lowest estimate when that one is clearly lowest', () => {
    expect(softMinimum([1, 5, 9], [0.01, 0.01, 0.01])).toBeCloseTo(1, 9)
  })
})
