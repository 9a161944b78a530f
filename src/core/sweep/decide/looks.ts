/**
 * When a sequential sweep looks at its data. Looks come at a fixed, geometric schedule of warm invokes per value
 * (4, 6, 9, 14, 21, 32, 48, 72, 100...: each about 1.5× the last) that is known before the first invoke: the error
 * of every decision is then bounded by a union (Bonferroni) bound over these looks, however the data turn out.
 * Looking after every round with a fixed-n test would not be: its error grows with every look.
 */

/** The first look: the fewest warm invokes whose spread decides the clear cases (fewer give too few degrees of freedom). */
export const FIRST_LOOK = 4
/** Each look comes after about this many times the invokes of the one before. */
export const LOOK_GROWTH = 1.5

/** The looks, in warm invokes per value, up to and including `max` (a look at `max` itself is always made). */
export function lookSchedule(max: number, first = FIRST_LOOK): number[] {
  if (!(Number.isInteger(max) && max >= 1)) throw new RangeError('max must be a whole number of at least 1')
  const looks: number[] = []
  for (let n = Math.min(first, max); n < max; n = Math.max(n + 1, Math.round(n * LOOK_GROWTH))) looks.push(n)
  looks.push(max)
  return looks
}

/** The first look at or above `count` warm invokes, or undefined past the last. */
export function nextLook(looks: readonly number[], count: number): number | undefined {
  return looks.find((n) => n > count)
}
