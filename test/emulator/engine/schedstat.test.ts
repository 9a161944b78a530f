import { describe, expect, it } from 'vitest'
import { busyDurationMs, hostClock } from '../../../src/emulator/engine/schedstat.js'

const at = (cpuMs: number, waitMs: number) => ({ cpuNs: cpuMs * 1e6, waitNs: waitMs * 1e6 })

describe("Duration leaves out the host's run-queue wait and holds the CPU share", () => {
  it('subtracts the wait in between from the wall time, never below zero, and keeps the wall time when unknown', () => {
    expect(busyDurationMs(50, at(0, 1), at(10, 11))).toBe(40)
    expect(busyDurationMs(5, at(0, 0), at(1, 9))).toBe(0)
    expect(busyDurationMs(50, undefined, at(10, 11))).toBe(50)
    // a counter that went backwards (another process took the pid) is not trusted
    expect(busyDurationMs(50, at(0, 11), at(10, 1))).toBe(50)
    expect(busyDurationMs(50, at(10, 1), at(0, 11))).toBe(50)
  })

  it('is never shorter than the CPU time over the share: a burst past the quota is not faster than the share allows', () => {
    // 24 ms of CPU at half a core takes 48 ms, however soon the kernel throttled it
    expect(busyDurationMs(40, at(100, 0), at(124, 0), 0.5)).toBe(48)
    // within the share (I/O waits, or throttled on time): the wall time stands
    expect(busyDurationMs(60, at(100, 0), at(124, 0), 0.5)).toBe(60)
    // a share of a core or more does not bind a single thread, nor does no limit
    expect(busyDurationMs(30, at(0, 0), at(24, 0), 1.7)).toBe(30)
    expect(busyDurationMs(30, at(0, 0), at(24, 0), 0)).toBe(30)
  })

  it("reads a live process's CPU time and run-queue wait (Linux /proc), and nothing for one that does not exist", () => {
    const own = hostClock(process.pid, undefined)
    expect(own?.waitNs).toBeGreaterThanOrEqual(0)
    expect(own?.cpuNs).toBeGreaterThan(0)
    expect(hostClock(2 ** 22 + 7, undefined)).toBeUndefined()
    expect(hostClock(undefined, undefined)).toBeUndefined()
  })
})
