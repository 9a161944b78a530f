// CloudWatch side of the emulator: cost of recording an invoke, GetMetricData and a Logs Insights query over 10,000 invokes.
import http from 'node:http'
import { createCloudWatch } from '../../dist/emulator/cloudwatch/index.js'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient, StartQueryCommand, GetQueryResultsCommand } from '@aws-sdk/client-cloudwatch-logs'
const cw = createCloudWatch()
const T0 = Date.UTC(2026, 0, 1)
const N = 10_000
let t = process.hrtime.bigint()
for (let i = 0; i < N; i++) {
  cw.sink.recordInvocation({ functionName: 'f' + (i % 10), executedVersion: '$LATEST', qualifier: i % 2 ? 'live' : undefined, timestamp: T0 + i * 100, throttled: false, error: i % 50 === 0, durationMs: (i * 7919) % 1000, concurrentExecutions: 3, unreservedConcurrentExecutions: 5, initDurationMs: i % 100 === 0 ? 200 : undefined, maxMemoryUsedMB: 60, memorySizeMB: 128 })
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
  cw.sink.appendLogs('/aws/lambda/f' + (i % 10), 'stream' + (i % 4), [{ timestamp: T0 + i * 100, message: `START RequestId: ${id} Version: $LATEST` }, { timestamp: T0 + i * 100 + 1, message: `END RequestId: ${id}` }, { timestamp: T0 + i * 100 + 2, message: `REPORT RequestId: ${id}\tDuration: ${(i % 1000).toFixed(2)} ms\tBilled Duration: ${i % 1000 + 1} ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t` }])
}
const recNs = Number(process.hrtime.bigint() - t) / N
console.log(`record (metrics + 3 log lines) per invoke: ${(recNs / 1000).toFixed(2)} µs`)
const server = http.createServer((req, res) => { const c = []; req.on('data', (d) => c.push(d)); req.on('end', () => cw.handle(req, res, Buffer.concat(c)).then((ok) => { if (!ok) { res.writeHead(404); res.end() } })) })
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const endpoint = `http://127.0.0.1:${server.address().port}`
const cfg = { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }
const client = new CloudWatchClient(cfg)
const logs = new CloudWatchLogsClient(cfg)
const q = (id, name, stat, dims) => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: name, Dimensions: dims }, Period: 60, Stat: stat } })
const input = { StartTime: new Date(T0), EndTime: new Date(T0 + N * 100), MetricDataQueries: [q('a', 'Duration', 'p99', []), q('b', 'Duration', 'Average', []), q('c', 'Invocations', 'Sum', []), q('d', 'Duration', 'p50', [])] }
await client.send(new GetMetricDataCommand(input))
const times = []
for (let k = 0; k < 20; k++) { const s = process.hrtime.bigint(); await client.send(new GetMetricDataCommand(input)); times.push(Number(process.hrtime.bigint() - s) / 1e6) }
times.sort((a, b) => a - b)
console.log(`GetMetricData, 4 queries over ${N} invokes (account-wide; 2 percentiles), round trip via SDK: median ${times[10].toFixed(2)} ms`)
const api = []
for (let k = 0; k < 20; k++) { const s = process.hrtime.bigint(); await logs.send(new StartQueryCommand({ logGroupName: '/aws/lambda/f1', startTime: T0 / 1000, endTime: T0 / 1000 + 3600, queryString: 'filter @type = "REPORT" | stats count(*), avg(@duration), pct(@duration, 99) by bin(5m)' })); api.push(Number(process.hrtime.bigint() - s) / 1e6) }
api.sort((a, b) => a - b)
console.log(`Insights stats query over 1,000 invokes (3,000 events), StartQuery round trip: median ${api[10].toFixed(2)} ms`)
for (let i = 0; i < N; i++) cw.sink.appendLogs('/aws/lambda/big', 's' + (i % 8), [{ timestamp: T0 + i * 100, message: `START RequestId: r${i} Version: $LATEST` }, { timestamp: T0 + i * 100 + 1, message: `END RequestId: r${i}` }, { timestamp: T0 + i * 100 + 2, message: `REPORT RequestId: r${i}\tDuration: ${(i % 1000).toFixed(2)} ms\tBilled Duration: ${i % 1000 + 1} ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t` }])
const big = []
for (let k = 0; k < 7; k++) { const s = process.hrtime.bigint(); await logs.send(new StartQueryCommand({ logGroupName: '/aws/lambda/big', startTime: T0 / 1000, endTime: T0 / 1000 + 3600, queryString: 'filter @type = "REPORT" | stats count(*), count(@initDuration), avg(@duration), pct(@duration, 99) by bin(5m)' })); big.push(Number(process.hrtime.bigint() - s) / 1e6) }
big.sort((a, b) => a - b)
console.log(`Insights stats query over 10,000 invokes (30,000 events), StartQuery round trip: median ${big[3].toFixed(2)} ms`)
const one = []
const single = { ...input, MetricDataQueries: [q('a', 'Duration', 'p99', [{ Name: 'FunctionName', Value: 'f1' }])] }
for (let k = 0; k < 20; k++) { const s = process.hrtime.bigint(); await client.send(new GetMetricDataCommand({ ...input, MetricDataQueries: [q('a', 'Duration', 'p99', [])] })); one.push(Number(process.hrtime.bigint() - s) / 1e6) }
one.sort((a, b) => a - b)
console.log(`GetMetricData p99 over 10,000 invokes, round trip: median ${one[10].toFixed(2)} ms`)
client.destroy(); logs.destroy(); server.close()
