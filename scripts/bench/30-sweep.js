#!/usr/bin/env node
// Wall time of `lambda-tune sweep` (6 memory values × 20 invokes of cpu-hash, values in parallel, against an emulator
// started by this script) against its
// physical limit: the larger of (a) the slowest value run alone (the sum of its invokes' durations and INIT) and
// (b) the CPU time of all invokes (duration × the CPU share the memory buys, at most one core for a single thread)
// divided by the cores the emulator can use. Target: wall ≤ 1.3 × limit. Prints its figures; never fails on timing.
import { spawn } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

const runJs = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const { startEmulator } = await import(new URL('../../dist/emulator/index.js', import.meta.url).href)
const memories = [128, 256, 512, 1024, 1769, 3008]

// The emulator runs in this process, started before the clock, so the wall time is the sweep's own (CLI start included).
const emulator = await startEmulator({ port: 0, region: 'us-east-1' })
const args = ['sweep', 'cpu-hash', '--endpoint-url', emulator.endpoint, '--region', 'us-east-1', '--memory', memories.join(','), '--invocations', '20', '--json', '--include-samples', '--seed', '1']
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' }
const started = performance.now()
const r = await new Promise((resolve) => {
  const child = spawn(process.execPath, [runJs, ...args], { env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.on('close', (status) => resolve({ status, stdout, stderr }))
})
const wallMs = performance.now() - started
await emulator.stop()
if (r.status !== 0) {
  console.log(`sweep failed (exit ${r.status}): ${r.stderr.trim().split('\n')[0]}`)
  process.exit(1)
}
const out = JSON.parse(r.stdout)
const cores = availableParallelism()
const busyMs = new Map()
let cpuMs = 0
for (const s of out.samples) {
  const ms = (s.durationMs ?? 0) + (s.initDurationMs ?? 0)
  busyMs.set(s.memory, (busyMs.get(s.memory) ?? 0) + ms)
  cpuMs += ms * Math.min(1, s.memory / 1769)
}
const slowest = [...busyMs.entries()].sort((a, b) => b[1] - a[1])[0]
const limitMs = Math.max(slowest[1], cpuMs / cores)
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`
console.log(`sweep of cpu-hash, ${memories.length} values × 20 invokes, values in parallel (emulator: ${cores} cores; load average ${loadavg()[0].toFixed(1)})`)
console.log(`  wall time (CLI start, publish, invoke, clean up)                    ${fmt(wallMs)}`)
console.log(`  slowest value alone (${slowest[0]} MB: its durations + INIT)                 ${fmt(slowest[1])}`)
console.log(`  CPU time of all invokes / ${cores} cores                                     ${fmt(cpuMs / cores)}`)
console.log(`  physical limit                                                      ${fmt(limitMs)}`)
console.log(`  wall / limit                                                        ${(wallMs / limitMs).toFixed(2)}× (target ≤ 1.30×)`)
console.log(`  pick (${out.strategy}): ${out.recommendation.memory} MB; tuning run cost $${out.tuningCost.usd.toFixed(6)}`)
