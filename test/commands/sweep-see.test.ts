import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepResult } from '../../src/core/sweep/sweep-result.js'
import { visibleWidth } from '../../src/render/table.js'
import { REPO_ROOT, RUN_JS, runCli } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { runSweepCli } from '../sweep/helpers.js'

/** Savings at the function's traffic, colour and the progress line, through bin/run.js. */
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

describe('savings at your traffic', () => {
  it('--monthly-requests prices every value and says what the pick saves against the current setting', async () => {
    const r = await runSweepCli(emu.endpoint, ['io-wait', '--memory', '256,1024', '--monthly-requests', '3M', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.traffic).toEqual({ monthlyRequests: 3e6, source: 'flag', observed: null })
    for (const v of out.results) expect(v.monthly!.cost).toBeCloseTo(v.costPerInvocation! * 3e6, 9)
    const at = (m: number) => out.results.find((v) => v.memory === m)!.monthly!.cost
    expect(out.recommendation.monthlySaving).toBeCloseTo(at(out.currentMemory) - at(out.recommendation.memory!), 9)
  })

  it('by default reads the function\'s Invocations over the last 30 days, before the run, and shows $/month', async () => {
    for (let i = 0; i < 7; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: new TextEncoder().encode('{}') }))
    const r = await runSweepCli(emu.endpoint, ['noop', '--memory', '128,256', '-n', '4', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as SweepResult
    expect(out.traffic).toMatchObject({ source: 'cloudwatch', observed: { invocations: 7, dimension: 'FunctionName=noop' } })
    expect(out.traffic!.monthlyRequests).toBeCloseTo((7 * 730) / 720, 6)
    const table = await runSweepCli(emu.endpoint, ['noop', '--memory', '128,256', '-n', '4'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^Memory +Invokes .* Cost \/ 1M +\$\/month +vs current/m)
    // the second sweep counts the first one's invokes too
    const seen = /^At [\d,]+ requests a month \((\d+) Invocations \(FunctionName=noop\) over the last 30 days\)/m.exec(table.stdout)
    expect(Number(seen?.[1])).toBeGreaterThan(7 + 2 * 4)
  })

  it('--format html prints the page without --out; an --out ending .html gets the page while the terminal keeps the table', async () => {
    const page = await runCli(['sweep', 'noop', '--local', '--memory', '128', '-n', '2', '--format', 'html'])
    expect(page.code, page.stderr).toBe(0)
    expect(page.stdout).toMatch(/^<!doctype html>\n/)
    const file = join(mkdtempSync(join(tmpdir(), 'lambda-tune-page-')), 'sweep.html')
    const both = await runCli(['sweep', 'noop', '--local', '--memory', '128', '-n', '2', '--out', file])
    expect(both.code, both.stderr).toBe(0)
    expect(both.stdout).toMatch(/^Memory +Invokes /m)
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>\n[\s\S]*<svg [\s\S]*<\/html>\n$/)
  })

  it('--local has no history: no $/month without --monthly-requests; a bad count is a usage error', async () => {
    const local = await runCli(['sweep', 'noop', '--local', '--memory', '128', '-n', '2', '--json'])
    expect(local.code, local.stderr).toBe(0)
    expect((JSON.parse(local.stdout) as SweepResult).traffic).toBeNull()
    const bad = await runSweepCli(emu.endpoint, ['noop', '--monthly-requests', 'lots'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^Error: --monthly-requests: cannot read 'lots' as a number/)
  })
})

describe('colour', () => {
  // FORCE_COLOR stands for a terminal here: the pipe the test reads is not one
  const run = (args: string[], env: Record<string, string | undefined>, fn = ['memory-hog', '--memory', '128,512']) => runSweepCli(emu.endpoint, [...fn, '-n', '2', ...args], { env })

  it('marks the pick bold green and a failed value red, unless NO_COLOR or --no-color says no', async () => {
    const coloured = await run([], { NO_COLOR: undefined, FORCE_COLOR: '1' })
    expect(coloured.code, coloured.stderr).toBe(0)
    expect(coloured.stdout).toMatch(/\u001b\[1m\u001b\[32m512 MB ◀/)
    expect(coloured.stdout).toMatch(/\u001b\[31m128 MB/)
    for (const [args, env] of [
      [[], { NO_COLOR: '1', FORCE_COLOR: '1' }],
      [['--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }],
      [['--json'], { NO_COLOR: undefined, FORCE_COLOR: '1' }],
    ] as const) {
      // a pick is bold green whatever the function: a quick one shows no colour is left
      const r = await run([...args], env, ['noop', '--memory', '128,256'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout, `${args.join(' ')} ${JSON.stringify(env)}`).not.toMatch(/\u001b\[/)
    }
  })
})

/** Runs bin/run.js in a pseudo-terminal of 80 columns (util-linux `script`), as a person at a terminal would. */
function inTerminal(args: string[]): Promise<string> {
  const command = `stty cols 80 rows 40; exec ${[process.execPath, RUN_JS, ...args].map((a) => `'${a}'`).join(' ')}`
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(timer)
      resolve(out)
    })
  })
}

describe('progress on a terminal', () => {
  it('one line rewritten in place that fits 80 columns with 15 values: bar, invokes done / planned, elapsed, time left', async () => {
    const out = await inTerminal(['sweep', 'noop', '--memory', 'all', '--endpoint-url', emu.endpoint, '--region', 'us-east-1', '--max-invocations', '10'])
    const segments = out.replace(/\u001b\[2K/g, '').split(/[\r\n]+/).filter(Boolean)
    const progress = segments.filter((s) => /▕/.test(s))
    expect(progress.length).toBeGreaterThan(0)
    for (const line of progress) {
      expect(visibleWidth(line), line).toBeLessThan(80)
      expect(line).toMatch(/^noop {2}▕[█▏▎▍▌▋▊▉░]+▏ {2}\d+\/\d+ invokes {2}\d+:\d\d/)
    }
    expect(progress.some((l) => / {2}~\d+:\d\d left/.test(l))).toBe(true)
    // the planned count starts at the most the run can make (15 values × up to 10 + the first look's cold start) and shrinks as values drop out
    const planned = progress.map((l) => Number(/\/(\d+) invokes/.exec(l)![1]))
    expect(planned[0]).toBe(15 * 11)
    expect(Math.min(...planned)).toBeLessThan(planned[0]!)
    expect(out).toMatch(/^Pick \(cost\): /m)
  })

  it('with --json prints nothing on stderr: no progress, no run line', async () => {
    const out = await inTerminal(['sweep', 'noop', '--memory', '128,256', '-n', '2', '--endpoint-url', emu.endpoint, '--region', 'us-east-1', '--json'])
    expect(out).not.toMatch(/▕|sweeping noop/)
    expect(JSON.parse(out.replace(/\r\n/g, '\n')).kind).toBe('sweep')
  })
})
