import { describe, expect, it } from 'vitest'
import { busyDurationMs, hostWaitNs } from '../../../src/emulator/engine/schedstat.js'

describe("Duration leaves out the host's run-queue wait", () => {
  it('subtracts the wait in between from the wall time, never below zero, and keeps the wall time when unknown', () => {
    expect(busyDurationMs(50, 1_000_000, 11_000_000)).toBe(40)
    expect(busyDurationMs(5, 0, 9_000_000)).toBe(0)
    expect(busyDurationMs(50, undefined, 11_000_000)).toBe(50)
    // a counter that went backwards (another process took the pid) is not trusted
    expect(busyDurationMs(50, 11_000_000, 1_000_000)).toBe(50)
  })
  it("reads a live process's run-queue wait (Linux /proc), and nothing for one that does not exist", () => {
    const own = hostWaitNs(process.pid, undefined)
    expect(own).toBeGreaterThanOrEqual(0)
    expect(hostWaitNs(2 ** 22 + 7, undefined)).toBeUndefined()
    expect(hostWaitNs(undefined, undefined)).toBeUndefined()
  })
})
