#!/usr/bin/env node
// The emulator's HTTP path (built code in dist/), with the no-op fixture, warm:
// 1. invoke overhead: client latency minus the handler's own Duration (from the REPORT line in the log tail), p50 and
//    p99 of sequential invokes. Target: p50 <= 1 ms through the AWS SDK.
// 2. throughput at concurrency 32 (environments warmed first). Target: >= 2,000 invokes/s on 2 cores.
// Each is measured through the AWS SDK (what users see) and through a bare keep-alive HTTP client (what the emulator
// itself costs, without the SDK's own per-call work: signing, middleware), against `lambda-tune emulator` running as its
// own process, and once more in-process with an execution engine that answers at once (the control plane alone).
// Figures only: timing on a shared machine is noisy, so nothing here fails on a target.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { NodeHttpHandler } from '@smithy/node-http-handler'

const SEQUENTIAL = Number(process.env.BENCH_INVOKES ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const PARALLEL_TOTAL = Number(process.env.BENCH_PARALLEL_INVOKES ?? 5000)
const PAYLOAD = Buffer.from('{}')

const { startEmulator } = await import(new URL('../../dist/emulator/index.js', import.meta.url).href)

/** answers every invoke at once with a fixed outcome, so that only the control plane and HTTP are measured */
const instantEngine = {
  async invoke(req) {
    const id = req.requestId
    const report = { durationMs: 0.01, billedDurationMs: 1, memorySizeMB: req.snapshot.memorySize, maxMemoryUsedMB: 40, status: 'success' }
    const message = `REPORT RequestId: ${id}\tDuration: 0.01 ms\tBilled Duration: 1 ms\tMemory Size: ${report.memorySizeMB} MB\tMax Memory Used: 40 MB\t\n`
    return { requestId: id, payload: Buffer.from('{"ok":true}'), report, coldStart: false, logEvents: [{ timestamp: Date.now(), message }], logStream: 'bench' }
  },
  async provision() {},
  async deprovision() {},
  async retire() {},
  environmentCount: () => 0,
  async stop() {},
}

const proc = await startProcess()
try {
  await measure('`lambda-tune emulator` (own process, real engine), AWS SDK client', sdkInvoker(proc.endpoint))
  await measure('`lambda-tune emulator` (own process, real engine), bare HTTP client', httpInvoker(proc.endpoint))
} finally {
  await proc.stop()
}
const inproc = await startEmulator({ port: 0, engine: instantEngine })
try {
  await measure('in-process, instant engine (control plane + HTTP only), AWS SDK client', sdkInvoker(inproc.endpoint))
  await measure('in-process, instant engine (control plane + HTTP only), bare HTTP client', httpInvoker(inproc.endpoint))
} finally {
  await inproc.stop()
}

/** the emulator as users run it: `lambda-tune emulator`, a process of its own */
async function startProcess() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../bin/run.js', import.meta.url)), 'emulator', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const endpoint = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out)
      if (m && out.includes('Ctrl-C')) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)))
  })
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit')
        child.on('exit', resolve)
        child.kill('SIGINT')
      }),
  }
}

/** (tail) => Promise<{ logResult?: string }> through the SDK */
function sdkInvoker(endpoint) {
  const lambda = new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  })
  const call = async (tail) => {
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: PAYLOAD, ...(tail ? { LogType: 'Tail' } : {}) }))
    if (out.FunctionError) throw new Error(out.FunctionError)
    return { logResult: out.LogResult }
  }
  call.close = () => lambda.destroy()
  return call
}

function httpInvoker(endpoint) {
  const { hostname, port } = new URL(endpoint)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const call = (tail) =>
    new Promise((resolve, reject) => {
      const headers = { 'content-length': PAYLOAD.length, ...(tail ? { 'x-amz-log-type': 'Tail' } : {}) }
      const req = request({ host: hostname, port, path: '/2015-03-31/functions/noop/invocations', method: 'POST', agent, headers }, (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve({ logResult: res.headers['x-amz-log-result'] }) : reject(new Error(`HTTP ${res.statusCode}`))))
      })
      req.on('error', reject)
      req.end(PAYLOAD)
    })
  call.close = () => agent.destroy()
  return call
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

async function measure(label, invoke) {
  console.log(`-- ${label}`)
  try {
    for (let i = 0; i < 100; i++) await invoke(true)
    const overhead = []
    const latency = []
    for (let i = 0; i < SEQUENTIAL; i++) {
      const start = performance.now()
      const out = await invoke(true)
      const elapsed = performance.now() - start
      const tail = Buffer.from(out.logResult ?? '', 'base64').toString('utf8')
      const m = /Duration: ([\d.]+) ms/.exec(tail) ?? /"durationMs":([\d.]+)/.exec(tail)
      latency.push(elapsed)
      if (m) overhead.push(elapsed - Number(m[1]))
    }
    console.log(`  sequential (${SEQUENTIAL}): latency p50 ${pct(latency, 50).toFixed(3)} ms, p99 ${pct(latency, 99).toFixed(3)} ms; ` +
      `overhead over the handler's Duration p50 ${pct(overhead, 50).toFixed(3)} ms, p99 ${pct(overhead, 99).toFixed(3)} ms (target p50 <= 1 ms)`)

    await Promise.all(Array.from({ length: CONCURRENCY }, () => invoke(false)))
    let next = 0
    let failed = 0
    const worker = async () => {
      while (next < PARALLEL_TOTAL) {
        next++
        await invoke(false).catch(() => failed++)
      }
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const seconds = (performance.now() - start) / 1000
    console.log(`  concurrency ${CONCURRENCY} (${PARALLEL_TOTAL}): ${(PARALLEL_TOTAL / seconds).toFixed(0)} invokes/s, ${failed} failed ` +
      `(target >= 2,000 invokes/s on 2 cores)`)
  } finally {
    invoke.close()
  }
}
