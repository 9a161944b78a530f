#!/usr/bin/env node
// Emulator execution engine figures (engine level, no HTTP): warm invoke overhead, warm throughput at concurrency 32,
// cold-start overhead against a bare `node` start of the same handler, and CPU fidelity of the memory-to-CPU shares.
// Prints figures and targets; never fails on timing. Runs against dist/ (npm run build first).
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = new URL('../../', import.meta.url)
const { createEngine } = await import(new URL('dist/emulator/engine/index.js', root).href)
const fixtures = fileURLToPath(new URL('fixtures/functions/', root))

function snapshot(name, overrides = {}) {
  const dir = fixtures + name
  const config = JSON.parse(readFileSync(`${dir}/function.json`, 'utf8'))
  const s = {
    functionName: name,
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    version: '$LATEST',
    runtime: config.runtime,
    handler: config.handler,
    memorySize: config.memorySize,
    timeout: config.timeout,
    ephemeralStorage: 512,
    architecture: 'x86_64',
    environment: config.environment ?? {},
    logFormat: 'Text',
    logGroup: `/aws/lambda/${name}`,
    codeDir: dir,
    codeSha256: 'bench',
    ...overrides,
  }
  s.revisionKey = `${s.functionName}:${s.memorySize}:${randomUUID()}`
  return s
}

const request = (s, payload = {}) => ({ snapshot: s, requestId: randomUUID(), payload: Buffer.from(JSON.stringify(payload)) })
const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const f = (n, d = 2) => n.toFixed(d)

const engine = createEngine()
const status = await engine.status()
console.log(`host: ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; CPU limit: ${status.cpuLimit}, memory limit: ${status.memoryLimit}`)

// 1. warm invoke overhead: engine.invoke() wall time minus the handler's own Duration-free work (a no-op)
{
  const s = snapshot('noop', { memorySize: 1769 })
  for (let i = 0; i < 200; i++) await engine.invoke(request(s))
  const wall = []
  const duration = []
  for (let i = 0; i < 1000; i++) {
    const t = performance.now()
    const o = await engine.invoke(request(s))
    wall.push(performance.now() - t)
    duration.push(o.report.durationMs)
  }
  console.log(`warm invoke overhead (no-op handler, 1,769 MB, engine.invoke wall time): p50 ${f(pct(wall, 50))} ms, p99 ${f(pct(wall, 99))} ms (target p50 <= 1 ms)`)
  console.log(`  of which reported Duration: p50 ${f(pct(duration, 50))} ms, p99 ${f(pct(duration, 99))} ms`)
}

// 2. warm throughput at concurrency 32: at the no-op's own 1,024 MB (3 environments of 0.58 vCPU fit 2 cores; the
// other invokes wait for admission) and at 128 MB (28 environments of 0.072 vCPU)
for (const memorySize of [1024, 128]) {
  const s = snapshot('noop', { memorySize, functionName: `noop-${memorySize}` })
  await Promise.all(Array.from({ length: 32 }, () => engine.invoke(request(s))))
  const seconds = 3
  const end = performance.now() + seconds * 1000
  let done = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < end) {
        await engine.invoke(request(s))
        done++
      }
    }),
  )
  const rate = done / ((performance.now() - t0) / 1000)
  console.log(`warm throughput (no-op, ${memorySize} MB, concurrency 32, ${engine.environmentCount(s.functionName)} environments): ${f(rate, 0)} invokes/s (target >= 2,000 on 2 cores)`)
  await engine.retire(s.functionName)
}

// 3. cold start against a bare node start of the same handler
{
  const bare = []
  const handler = pathToFileURL(fixtures + 'noop/index.mjs').href
  const script = `const m = await import(${JSON.stringify(handler)}); await m.handler({}, {})`
  // the bare start gets what a 1,769 MB environment gets: one core, in the engine's cgroup (when there is one)
  const group = status.cpuLimit === 'cgroup' ? `/sys/fs/cgroup/cpu/lambda-tune/bench-bare-${process.pid}` : undefined
  if (group) {
    mkdirSync(group)
    writeFileSync(`${group}/cpu.cfs_period_us`, '20000')
    writeFileSync(`${group}/cpu.cfs_quota_us`, '20000')
  }
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    if (group) spawnSync('/bin/sh', ['-c', `echo $$ > ${group}/cgroup.procs && exec "$0" "$@"`, process.execPath, '--input-type=module', '-e', script])
    else spawnSync(process.execPath, ['--input-type=module', '-e', script])
    bare.push(performance.now() - t)
  }
  if (group) rmdirSync(group)
  const wall = []
  const init = []
  for (let i = 0; i < 5; i++) {
    const s = snapshot('noop', { memorySize: 1769, functionName: `noop-cold-${i}` })
    const t = performance.now()
    const o = await engine.invoke(request(s))
    wall.push(performance.now() - t)
    init.push(o.report.initDurationMs)
    await engine.retire(s.functionName)
  }
  console.log(`cold start (no-op, 1,769 MB): engine.invoke ${f(mean(wall), 1)} ms (Init Duration ${f(mean(init), 1)} ms) vs bare node start + handler ${f(mean(bare), 1)} ms: overhead ${f(mean(wall) - mean(bare), 1)} ms`)
}

// 4. CPU fidelity: cpu-hash warm durations by memory size, in rounds (one size at a time) so that drift in the host's
// speed touches every size alike
{
  const sizes = [1769, 128, 3008]
  const snapshots = sizes.map((memorySize) => snapshot('cpu-hash', { memorySize }))
  for (const s of snapshots) for (let i = 0; i < 3; i++) await engine.invoke(request(s))
  const d = sizes.map(() => [])
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < sizes.length; i++) d[i].push((await engine.invoke(request(snapshots[i]))).report.durationMs)
  }
  const [at1769, at128, at3008] = d.map(mean)
  const r128 = at128 / at1769
  const r3008 = at1769 / at3008
  console.log(`cpu-hash mean Duration: 128 MB ${f(at128, 1)} ms, 1,769 MB ${f(at1769, 1)} ms, 3,008 MB ${f(at3008, 1)} ms`)
  console.log(`CPU fidelity: 128 MB / 1,769 MB = ${f(r128)} (target 13.8 +/- 10%: ${r128 >= 12.42 && r128 <= 15.18 ? 'met' : 'missed'}); 1,769 / 3,008 MB = ${f(r3008)} (target 1.0 +/- 10%: ${r3008 >= 0.9 && r3008 <= 1.1 ? 'met' : 'missed'})`)
}

await engine.stop()
