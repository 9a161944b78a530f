import { readdirSync, readFileSync } from 'node:fs'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { describe, expect, it } from 'vitest'
import { startTestEmulator, TEST_CREDENTIALS } from '../helpers/emulator.js'
import { invocationsSum } from './helpers.js'

/** Every process below `root` (Linux /proc). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // ended while we looked
    }
  }
  const out: number[] = []
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c)
      walk(c)
    }
  }
  walk(root)
  return out
}

// The smaller twin of scripts/bench/50-emulator-load.js (200 clients, 10,000 invokes): counts only, never timing.
describe('the emulator under load', () => {
  it.runIf(process.platform === 'linux')('50 SDK clients × 1,000 invokes: none lost, Invocations metric equal, no process left', async () => {
    const before = new Set(descendants(process.pid))
    const emu = await startTestEmulator()
    const clients = Array.from(
      { length: 50 },
      () => new LambdaClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }),
    )
    let sent = 0
    let ok = 0
    const failures: string[] = []
    const since = new Date()
    try {
      await Promise.all(
        clients.map(async (client) => {
          while (sent < 1000) {
            sent++
            try {
              const r = await client.send(new InvokeCommand({ FunctionName: 'noop', Payload: new TextEncoder().encode('{}') }))
              if (r.StatusCode === 200 && !r.FunctionError) ok++
              else failures.push(`FunctionError ${r.FunctionError}`)
            } catch (err) {
              failures.push((err as Error).name)
            }
          }
        }),
      )
      expect(failures).toEqual([])
      expect(sent).toBe(1000)
      expect(ok).toBe(1000)
      expect(await invocationsSum(emu.cloudwatch, 'noop', since)).toBe(1000)
      expect(descendants(process.pid).filter((p) => !before.has(p)).length).toBeGreaterThan(0)
    } finally {
      for (const c of clients) c.destroy()
      await emu.stop()
    }
    let left = descendants(process.pid).filter((p) => !before.has(p))
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100))
      left = descendants(process.pid).filter((p) => !before.has(p))
    }
    expect(left).toEqual([])
  })
})
