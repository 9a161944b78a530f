#!/usr/bin/env node
// The emulator as a sweep sees it (issue #10's emulator targets), against an emulator this script starts:
//   1. values swept in parallel measure what they measure swept --serial: median over adjacent pairs of runs of the
//      parallel/serial ratio of warm p50, within ±5% (pairs, because the host's own speed drifts between minutes);
//   2. a single-threaded handler (cpu-hash) is flat from 1,769 to 3,008 MB: within 10%;
//   3. the same default sweep of cpu-hash, io-wait and python-cpu, repeated, names the same memory at least 9 times of 10.
// `node scripts/bench.js 31` (add `--runs N` and `--repeats N` for fewer or more). Prints its figures; never fails.
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 8
const REPEATS = Number(args[args.indexOf('--repeats') + 1]) || 10
const runJs = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const { startEmulator } = await import(new URL('../../dist/emulator/index.js', import.meta.url).href)
const emulator = await startEmulator({ port: 0, region: 'us-east-1' })
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', NO_COLOR: '1' }

function sweep(extra) {
  const argv = ['sweep', ...extra, '--endpoint-url', emulator.endpoint, '--region', 'us-east-1', '--json']
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runJs, ...argv], { env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (status) => (status === 0 || status === 1 ? resolve(JSON.parse(stdout)) : reject(new Error(`exit ${status}: ${stderr.trim()}`))))
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const p50 = (out, m) => out.results.find((r) => r.memory === m)?.warm?.p50

console.log(`emulator fidelity as a sweep sees it (load average ${loadavg()[0].toFixed(1)} at the start)`)
const memories = [128, 512, 1769, 3008]
const runs = { parallel: [], serial: [] }
for (let i = 0; i < RUNS; i++) {
  // alternate the modes, so that drift of the host hits both alike
  for (const mode of i % 2 ? ['serial', 'parallel'] : ['parallel', 'serial']) {
    runs[mode].push(await sweep(['cpu-hash', '--memory', memories.join(','), '-n', '20', '--seed', String(i + 1), ...(mode === 'serial' ? ['--serial'] : [])]))
  }
}
console.log(`1. cpu-hash, ${memories.join('/')} MB × 20 invokes, ${RUNS} runs in parallel and ${RUNS} --serial, in adjacent pairs: median warm p50, and the median of each pair's parallel/serial ratio`)
for (const m of memories) {
  const par = median(runs.parallel.map((o) => p50(o, m)))
  const ser = median(runs.serial.map((o) => p50(o, m)))
  // a pair runs within a minute, so the host's own drift (this VM's speed moves ±20% over minutes) hits both alike
  const gap = median(runs.parallel.map((o, i) => p50(o, m) / p50(runs.serial[i], m))) - 1
  const spread = runs.serial.map((o) => p50(o, m))
  console.log(`   ${String(m).padStart(4)} MB  parallel ${par.toFixed(1)} ms  serial ${ser.toFixed(1)} ms (serial runs ${Math.min(...spread).toFixed(1)}-${Math.max(...spread).toFixed(1)})  paired ${gap >= 0 ? '+' : ''}${(gap * 100).toFixed(1)}% (target within ±5%: ${Math.abs(gap) <= 0.05 ? 'met' : 'MISSED'})`)
}
const flat = ['parallel', 'serial'].map((mode) => median(runs[mode].map((o) => p50(o, 3008) / p50(o, 1769))))
console.log(`2. single-threaded cpu-hash, 3,008 over 1,769 MB warm p50: ${flat.map((f, i) => `${i ? 'serial' : 'parallel'} ${f.toFixed(3)}`).join(', ')} (target within 10% of 1: ${flat.every((f) => Math.abs(f - 1) <= 0.1) ? 'met' : 'MISSED'})`)

console.log(`3. the default sweep (6 values, sequential), repeated ${REPEATS} times: how often the most frequent pick comes back`)
for (const fn of ['cpu-hash', 'io-wait', 'python-cpu']) {
  const picks = []
  const settled = []
  for (let i = 0; i < REPEATS; i++) {
    const out = await sweep([fn, '--seed', String(100 + i)])
    picks.push(out.recommendation.memory)
    settled.push(out.recommendation.settled)
  }
  const counts = new Map()
  for (const p of picks) counts.set(p, (counts.get(p) ?? 0) + 1)
  const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]
  console.log(`   ${fn.padEnd(10)} ${n}/${REPEATS} name ${top} MB (picks ${picks.join(', ')}; settled ${settled.filter(Boolean).length}/${REPEATS}) (target ≥ 9/10: ${n >= 0.9 * REPEATS ? 'met' : 'MISSED'})`)
}
await emulator.stop()
