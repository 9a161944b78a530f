import { UsageError } from '../errors.js'

export const MIN_MEMORY_MB = 128
export const MAX_MEMORY_MB = 10_240
/** 1,769 MB of memory buys one vCPU-second per second on Lambda: single-threaded code stops speeding up here */
export const MB_PER_VCPU = 1769
export const FREE_STORAGE_MB = 512
export const MAX_STORAGE_MB = 10_240
export const FREE_TIER_REQUESTS = 1_000_000
export const FREE_TIER_GB_SECONDS = 400_000
/** INIT of on-demand ZIP functions on managed runtimes is billed from this date on (AWS, 1 August 2025). */
export const INIT_BILLING_START = '2025-08-01'

/** Lambda memory is a whole number of MB from 128 to 10,240. */
export function checkMemory(memoryMB: number): number {
  if (!Number.isInteger(memoryMB) || memoryMB < MIN_MEMORY_MB || memoryMB > MAX_MEMORY_MB) {
    throw new UsageError(`memory must be a whole number of MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}, got ${memoryMB}`)
  }
  return memoryMB
}

export function checkPositive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${what} must be a number above 0, got ${value}`)
  return value
}

export function checkNonNegative(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`${what} must be a number of 0 or more, got ${value}`)
  return value
}

export function checkShare(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${what} must be between 0 and 1, got ${value}`)
  return value
}

/** /tmp is 512 to 10,240 MB; only the part above 512 MB is billed. */
export function checkStorage(storageMB: number): number {
  if (!Number.isInteger(storageMB) || storageMB < FREE_STORAGE_MB || storageMB > MAX_STORAGE_MB) {
    throw new UsageError(`ephemeral storage must be a whole number of MB from ${FREE_STORAGE_MB} to ${MAX_STORAGE_MB}, got ${storageMB}`)
  }
  return storageMB
}

/** Lambda bills duration rounded up to the next 1 ms; the tolerance keeps 100.0000000001 (float noise) at 100. */
export function billedMs(durationMs: number): number {
  return Math.ceil(durationMs - 1e-9)
}
