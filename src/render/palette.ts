/**
 * The colours a renderer may use, as functions from text to text, so that renderers stay pure: the command decides
 * whether colour is on (src/colour.ts) and hands over either a coloured palette or PLAIN.
 */
export interface Palette {
  /** the recommended value's row */
  pick(text: string): string
  /** a failed value's row */
  failed(text: string): string
  /** bars of cost */
  cost(text: string): string
  /** bars of duration */
  duration(text: string): string
  /** what is there for reference only (the empty part of a bar) */
  dim(text: string): string
}

const same = (text: string) => text

export const PLAIN: Palette = { pick: same, failed: same, cost: same, duration: same, dim: same }
