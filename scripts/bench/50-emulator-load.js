#!/usr/bin/env node
// Load on the emulator (built code in dist/), in this process: LOAD_CLIENTS concurrent AWS SDK clients (200) send
// LOAD_INVOKES invokes (10,000) of the noop fixture, each client one call at a time, one attempt per call (no SDK
// retries, so every request sent is one HTTP request). Then:
//   - none lost: successes = requests sent = the emulator's CloudWatch Invocations metric (GetMetricData Sum);
//   - no process left behind: the handler processes the emulator started are all gone once it has stopped.
// Prints throughput and client latency p50/p99. Figures only: nothing here fails on timing; a lost invoke or a
// leftover process makes the script exit 1.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 200)
const INVOKES = Number(process.env.LOAD_INVOKES ?? 10_000)
const FUNCTION = process.env.LOAD_FUNCTION ?? 'noop'
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' }

const { startEmulator } = await import(new URL('../../dist/emulator/index.js', import.meta.url).href)

const before = new Set(descendants(process.pid))
const emulator = await startEmulator({ port: 0 })
const common = { endpoint: emulator.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }
const clients = Array.from({ length: CLIENTS }, () => new LambdaClient(common))
const payload = new TextEncoder().encode('{}')
const latencies = []
const failures = new Map()
let sent = 0
let ok = 0
let peakProcesses = 0
const started = new Date()
const t0 = performance.now()
const sampler = setInterval(() => (peakProcesses = Math.max(peakProcesses, descendants(process.pid).length)), 250)
await Promise.all(
  clients.map(async (client) => {
    while (sent < INVOKES) {
      sent++
      const t = performance.now()
      try {
        const r = await client.send(new InvokeCommand({ FunctionName: FUNCTION, Payload: payload }))
        if (r.StatusCode === 200 && !r.FunctionError) ok++
        else count(`FunctionError ${r.FunctionError}`)
      } catch (err) {
        count(err.name ?? String(err))
      }
      latencies.push(performance.now() - t)
    }
  }),
)
const wallMs = performance.now() - t0
clearInterval(sampler)
const cloudwatch = new CloudWatchClient(common)
const metric = await invocationsSum(cloudwatch, FUNCTION, started)
const spawned = descendants(process.pid).filter((p) => !before.has(p)).length
for (const c of clients) c.destroy()
cloudwatch.destroy()
await emulator.stop()
const left = await settle(() => descendants(process.pid).filter((p) => !before.has(p)))

latencies.sort((a, b) => a - b)
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]
const lost = sent - ok
console.log(`${CLIENTS} SDK clients, ${sent} invokes of ${FUNCTION} (in-process emulator, real handler processes)`)
console.log(`  throughput ${(sent / (wallMs / 1000)).toFixed(0)} invokes/s (${(wallMs / 1000).toFixed(1)} s)`)
console.log(`  client latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`)
console.log(`  requests sent ${sent}, successes ${ok}, Invocations metric (Sum) ${metric}: ${metric === sent && ok === sent ? 'none lost' : 'MISMATCH'}`)
if (failures.size) console.log(`  failures: ${[...failures].map(([k, v]) => `${k} × ${v}`).join(', ')}`)
console.log(`  handler processes: ${spawned} running before stop (peak ${peakProcesses}), ${left.length} left after stop`)
if (lost !== 0 || metric !== sent || left.length !== 0) process.exitCode = 1

function count(key) {
  failures.set(key, (failures.get(key) ?? 0) + 1)
}

async function invocationsSum(client, name, since) {
  const out = await client.send(
    new GetMetricDataCommand({
      StartTime: new Date(since.getTime() - 60_000),
      EndTime: new Date(Date.now() + 60_000),
      MetricDataQueries: [
        {
          Id: 'inv',
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: name }] },
            Period: 3600,
            Stat: 'Sum',
          },
        },
      ],
    }),
  )
  return (out.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0)
}

/** Every process below `root` (Linux /proc): the emulator's handler processes and anything they started. */
function descendants(root) {
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (!children.has(ppid)) children.set(ppid, [])
      children.get(ppid).push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  const out = []
  const walk = (pid) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c)
      walk(c)
    }
  }
  walk(root)
  return out
}

/** Processes take a moment to be reaped after the emulator stops; wait up to 5 s for the list to empty. */
async function settle(list) {
  for (let i = 0; i < 50; i++) {
    const now = list()
    if (now.length === 0) return now
    await new Promise((r) => setTimeout(r, 100))
  }
  return list()
}
