#!/usr/bin/env node
// Start-up time of the built CLI beside a bare `node -e 0`: median wall time of RUNS runs each, interleaved so that
// load from other processes on the machine falls on every command alike. Target: at most 2 x `node -e 0`.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const root = fileURLToPath(new URL('../../', import.meta.url))
const run = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const commands = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'lambda-tune --help', args: [run, '--help'] },
  { name: 'lambda-tune cost ...', args: [run, 'cost', '--memory', '512', '--duration', '1000', '--requests', '3M', '--free-tier'] },
]

// CPU time (user + system) of reaped children, from /proc on Linux: less disturbed than wall time when other
// processes share the machine. Elsewhere only wall time is printed.
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100 // cutime + cstime, in USER_HZ (100 on Linux)
  } catch {
    return NaN
  }
}

function timeOnce(args) {
  const cpu = childCpuMs()
  const start = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return { wall: ms, cpu: childCpuMs() - cpu }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

for (const c of commands) timeOnce(c.args) // warm the file cache
const samples = commands.map(() => [])
for (let i = 0; i < RUNS; i++) commands.forEach((c, j) => samples[j].push(timeOnce(c.args)))

console.log(`start-up, median of ${RUNS} runs, Node ${process.version}; target: at most 2.00 x node -e 0`)
for (const kind of ['wall', 'cpu']) {
  const values = samples.map((runs) => runs.map((r) => r[kind]))
  if (values.some((v) => v.some(Number.isNaN))) continue
  const base = median(values[0])
  console.log(kind === 'wall' ? 'wall time (min-max):' : 'CPU time, user + system (min-max):')
  commands.forEach((c, j) => {
    const m = median(values[j])
    const ratio = j === 0 ? '' : `  ${(m / base).toFixed(2)} x node -e 0`
    console.log(`  ${c.name.padEnd(22)} ${m.toFixed(0).padStart(5)} ms  (${Math.min(...values[j]).toFixed(0)}-${Math.max(...values[j]).toFixed(0)})${ratio}`)
  })
}
