import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { GetAccountSettingsCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { REPO_ROOT, RUN_JS, runCli } from '../../helpers/cli.js'
import { TEST_CREDENTIALS } from '../../helpers/emulator.js'

/** Processes whose parent is `pid` (from /proc), to prove that nothing outlives the emulator. */
function childrenOf(pid: number): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) out.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return out
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('lambda-tune emulator', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves the bundled fixtures, prints its endpoint, and stops cleanly on ${signal}`, async () => {
      const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1' }
      for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k]
      const child = spawn(process.execPath, [RUN_JS, 'emulator', '--port', '0'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      )
      const endpoint = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += d
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
          if (m && stdout.includes('Press Ctrl-C')) resolve(m[1]!)
        })
        child.on('exit', () => reject(new Error(`emulator exited early: ${stderr}`)))
      })
      expect(stdout).toContain(`export AWS_ENDPOINT_URL=${endpoint}`)

      const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 })
      try {
        const list = await lambda.send(new ListFunctionsCommand({}))
        expect(list.Functions!.map((f) => f.FunctionName)).toContain('noop')
        const out = await lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: Buffer.from('{}') }))
        expect(out.StatusCode).toBe(200)
      } finally {
        lambda.destroy()
      }
      const runtimes = childrenOf(child.pid!)
      expect(runtimes.length).toBeGreaterThan(0)

      child.kill(signal)
      const { code } = await exited
      expect(code).toBe(0)
      expect(stderr).toContain(`emulator stopped (${signal})`)
      expect(runtimes.filter(alive)).toEqual([])
    })
  }

  it('refuses a functions folder that does not exist, with one line and exit code 2', async () => {
    const res = await runCli(['emulator', '--port', '0', '--functions', '/no/such/folder'])
    expect(res.code).toBe(2)
    expect(res.stderr.trim().split('\n')).toHaveLength(1)
    expect(res.stderr).toContain('functions folder not found: /no/such/folder')
  })

  it('refuses a fault share outside 0..1', async () => {
    const res = await runCli(['emulator', '--port', '0', '--fault-throttle', '1.5'])
    expect(res.code).toBe(2)
    expect(res.stderr).toMatch(/--fault-throttle must be a share between 0 and 1/)
  })

  it('refuses fault flags it cannot read, with one line and exit code 2', async () => {
    for (const [flag, value, message] of [
      ['--fault-html', 'GetMetricData', /--fault-html: 'GetMetricData' is not Operation=status/],
      ['--fault-percentiles', 'sometimes', /--fault-percentiles must be keep, drop or an HTTP status/],
    ] as const) {
      const res = await runCli(['emulator', '--port', '0', flag, value])
      expect(res.code).toBe(2)
      expect(res.stderr.trim().split('\n')).toHaveLength(1)
      expect(res.stderr).toMatch(message)
    }
  })

  it('serves the fault flags: HTML pages per operation, percentiles, no log tail, no RevisionId', async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_COLOR: '1' }
    for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k]
    const child = spawn(process.execPath, [
      RUN_JS, 'emulator', '--port', '0', '--fault-html', 'GetAccountSettings=404', '--fault-percentiles', 'drop', '--fault-no-log-tail', '--fault-no-revision-id',
    ], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const endpoint = await new Promise<string>((resolve, reject) => {
      let stdout = ''
      child.stdout.on('data', (d) => {
        stdout += d
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (m && stdout.includes('Press Ctrl-C')) resolve(m[1]!)
      })
      child.on('exit', () => reject(new Error('emulator exited early')))
    })
    const common = { endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }
    const lambda = new LambdaClient(common)
    const cw = new CloudWatchClient(common)
    try {
      const html = await lambda.send(new GetAccountSettingsCommand({})).catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } })
      expect(html).toMatchObject({ name: 'SyntaxError', $metadata: { httpStatusCode: 404 } })
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: Buffer.from('{}'), LogType: 'Tail' }))
      expect(out.StatusCode).toBe(200)
      expect(out.LogResult).toBeUndefined()
      expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'noop' }))).RevisionId).toBeUndefined()
      const data = await cw.send(new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 600_000), EndTime: new Date(Date.now() + 60_000),
        MetricDataQueries: ['Average', 'p99'].map((stat, i) => ({ Id: `q${i}`, MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'noop' }] }, Period: 3600, Stat: stat } })),
      }))
      expect(data.MetricDataResults!.map((r) => r.Values!.length)).toEqual([1, 0])
    } finally {
      lambda.destroy()
      cw.destroy()
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })
})
