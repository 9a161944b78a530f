import { checkArch } from '../cost/lambda-prices.js'
import type { Arch } from '../cost/price-types.js'
import { UsageError } from '../errors.js'
import type { RaceValue } from './decide/sequential.js'
import type { ValueRef } from './types.js'

/**
 * `--arch x86_64,arm64`: the architectures to measure, each once, as given (spelt as `cost --arch` takes them: x86,
 * amd64, arm, aarch64, graviton too). Checked before anything is read.
 */
export function parseArchitectureList(text: string): Arch[] {
  const names = text.split(',').map((s) => s.trim())
  if (names.some((n) => n === '')) throw new UsageError(`--arch "${text}" has an empty entry: give x86_64, arm64, or both comma-separated`)
  const out: Arch[] = []
  for (const name of names) {
    let arch: Arch
    try {
      arch = checkArch(name)
    } catch (err) {
      throw new UsageError(`--arch: ${(err as Error).message}`)
    }
    if (!out.includes(arch)) out.push(arch)
  }
  return out
}

/** The function's own architecture first (it is the baseline), then the others in the order asked. */
export function orderArchitectures(asked: readonly Arch[] | undefined, own: Arch): Arch[] {
  const list = asked ?? [own]
  return [...list.filter((a) => a === own), ...list.filter((a) => a !== own)]
}

/**
 * The values a sweep races. With one architecture each memory size is its own id (the answers read as they always
 * did); with several, a value's id is its place in the list: the architectures in order, memory ascending in each.
 */
export function sweepValues(memories: readonly number[], architectures: readonly Arch[]): RaceValue[] {
  const several = architectures.length > 1
  const sorted = [...memories].sort((a, b) => a - b)
  return architectures.flatMap((architecture, a) =>
    sorted.map((memory, m) => ({ id: several ? a * sorted.length + m : memory, memory, architecture })),
  )
}

/** How a value appears in the JSON's lists: the memory size alone when one architecture was measured. */
export function valueRef(v: { memory: number; architecture: Arch }, several: boolean): ValueRef {
  return several ? { memory: v.memory, architecture: v.architecture } : v.memory
}

/** `512 MB`, or `512 MB arm64` in a sweep of several architectures. */
export function valueLabel(v: { memory: number; architecture: Arch }, several: boolean): string {
  return several ? `${v.memory} MB ${v.architecture}` : `${v.memory} MB`
}

export function refLabel(ref: ValueRef): string {
  return typeof ref === 'number' ? `${ref} MB` : `${ref.memory} MB ${ref.architecture}`
}

export function sameValue(ref: ValueRef, v: { memory: number; architecture: Arch }): boolean {
  return typeof ref === 'number' ? ref === v.memory : ref.memory === v.memory && ref.architecture === v.architecture
}
