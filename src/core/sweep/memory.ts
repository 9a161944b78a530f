import { UsageError } from '../errors.js'

export const MIN_SWEEP_MEMORY_MB = 128
export const MAX_SWEEP_MEMORY_MB = 10_240
export const DEFAULT_MEMORY_SPEC = '128,256,512,1024,1769,3008'

/**
 * `all`: the settings where something changes: powers of two, 1,769 MB (one full vCPU) and the points where Lambda
 * adds a visible vCPU (3,008, 5,307, 7,076, 8,845, 10,240 MB).
 */
export const ALL_MEMORY_VALUES: readonly number[] = [
  128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 5307, 6144, 7076, 8192, 8845, 10240,
]

/**
 * Parses `--memory`: a comma list of values (`128,256`), ranges `from..to:step` (both ends included, so
 * `128..1024:256` is 128, 384, 640, 896, 1024) and `all`. Returns sorted unique values; throws a UsageError for
 * anything outside 128-10,240 MB, so nothing is touched on bad input.
 */
export function parseMemoryList(spec: string): number[] {
  const values = new Set<number>()
  const items = spec.split(',').map((s) => s.trim())
  if (items.every((s) => s === '')) throw new UsageError('--memory is empty: give values like 128,512,1024')
  for (const item of items) {
    if (item === '') throw new UsageError(`--memory "${spec}" has an empty value between commas: give values like 128,512,1024`)
    if (item.toLowerCase() === 'all') {
      for (const v of ALL_MEMORY_VALUES) values.add(v)
      continue
    }
    const range = /^(\d+)\s*\.\.\s*(\d+)(?:\s*:\s*(\d+))?$/.exec(item)
    if (range) {
      const from = checkValue(range[1]!, item)
      const to = checkValue(range[2]!, item)
      const step = range[3] === undefined ? 128 : Number(range[3])
      if (from > to) throw new UsageError(`--memory range ${item} runs backwards: write ${to}..${from}`)
      if (!(step >= 1)) throw new UsageError(`--memory range ${item} needs a step of at least 1 MB`)
      for (let v = from; v < to; v += step) values.add(v)
      values.add(to)
      continue
    }
    values.add(checkValue(item, item))
  }
  return [...values].sort((a, b) => a - b)
}

function checkValue(text: string, item: string): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--memory value "${item}" is not a whole number of MB (e.g. 512, 128..3008:256, all)`)
  }
  const value = Number(text)
  if (value < MIN_SWEEP_MEMORY_MB || value > MAX_SWEEP_MEMORY_MB) {
    throw new UsageError(
      `--memory value ${value} MB is outside Lambda's ${MIN_SWEEP_MEMORY_MB}-${MAX_SWEEP_MEMORY_MB} MB range`,
    )
  }
  return value
}
