#!/usr/bin/env node
// `report --all` over 1,000 functions in the emulator: wall time, and GetMetricData calls against the target of one
// call per 500 metric queries and window. 20 of the functions get real traffic (3 invokes each); the rest are idle,
// as most of a real account is. Figures are printed, never asserted.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { strToU8, zipSync } from 'fflate'
import { startEmulator } from '../../dist/emulator/index.js'

const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 1000)
const ACTIVE = 20
const run = fileURLToPath(new URL('../../bin/run.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-bench-report-'))
const emulator = await startEmulator({ port: 0, functionsDir: dir })
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' }
const lambda = new LambdaClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials })
const zip = zipSync({ 'index.js': strToU8('exports.handler = async () => "ok"') })

try {
  let t = Date.now()
  for (let i = 0; i < FUNCTIONS; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, FUNCTIONS - i) }, (_, j) => lambda.send(new CreateFunctionCommand({
      FunctionName: `bench-${String(i + j).padStart(4, '0')}`, Runtime: 'nodejs20.x', Handler: 'index.handler',
      Role: 'arn:aws:iam::123456789012:role/bench', MemorySize: 128, Code: { ZipFile: zip },
    }))))
  }
  for (let i = 0; i < Math.min(ACTIVE, FUNCTIONS); i++) {
    for (let k = 0; k < 3; k++) await lambda.send(new InvokeCommand({ FunctionName: `bench-${String(i).padStart(4, '0')}`, Payload: '{}' }))
  }
  console.log(`setup: ${FUNCTIONS} functions, ${ACTIVE} with traffic, in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  t = process.hrtime.bigint()
  const child = spawn(process.execPath, [run, 'report', '--all', '--since', '1h', '--json', '--endpoint-url', emulator.endpoint], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const code = await new Promise((resolve) => child.on('close', resolve))
  const seconds = Number(process.hrtime.bigint() - t) / 1e9
  if (code !== 0) throw new Error(`report exited ${code}: ${err}`)
  const report = JSON.parse(out)
  const target = Math.ceil(report.calls.metricQueries / 500)
  console.log(`report --all over ${report.functions.length} functions: ${seconds.toFixed(2)} s wall`)
  console.log(`  GetMetricData calls: ${report.calls.getMetricData} for ${report.calls.metricQueries} metric queries (target ${target}: one per 500 queries and window) ${report.calls.getMetricData <= target ? 'MET' : 'MISSED'}`)
  console.log(`  Logs Insights queries: ${report.calls.logsQueries} (up to 50 log groups each; only functions with traffic)`)
  console.log(`  invocations seen: ${report.totals.invocations} (sent ${Math.min(ACTIVE, FUNCTIONS) * 3})`)
} finally {
  lambda.destroy()
  await emulator.stop()
  rmSync(dir, { recursive: true, force: true })
}
