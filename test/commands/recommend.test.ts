import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvokeCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecommendResult } from '../../src/core/recommend/recommend.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { durations, sweepResult } from '../core/compare/samples.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/recommend.json'), 'utf8')) as Schema
const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-recommend-'))

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
  for (let i = 0; i < 20; i++) await emu.lambda.send(new InvokeCommand({ FunctionName: 'noop', Payload: '{}' }))
})
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune recommend against the emulator', () => {
  it('recommends from production: every setting with current, recommended, evidence and money', async () => {
    const r = await runCli(['recommend', 'noop', '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RecommendResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out).toMatchObject({ schemaVersion: 1, kind: 'recommend', function: 'noop', source: { memory: 'production', sweepFile: null } })
    expect(out.observed.invocations).toBe(20)
    // noop uses a few tens of MB of its 1,024: cut, with low confidence (20 invokes < 50)
    expect(out.memory).toMatchObject({ current: 1024, change: 'decrease', confidence: 'low' })
    expect(out.memory.recommended!).toBeLessThan(1024)
    expect(out.memory.money.monthlySaving!).toBeGreaterThan(0)
    expect(out.timeout).toMatchObject({ current: 3, recommended: 2 })
    // a cap of ceil(1 x 1.5) = 2 from 20 invokes in an hour would throttle the first busier hour: none is set
    expect(out.concurrency.reserved).toMatchObject({ current: null, recommended: null, change: 'none', confidence: 'low' })
    expect(out.concurrency.reserved.reason).toMatch(/^too little evidence for a hard cap \(20 invokes over 1\.0 hours/)
    // one monthly figure: the header's, the memory row's current cost and the platform's Lambda price are the same number
    expect(out.memory.money.monthlyCurrent).toBe(out.observed.monthly.cost)
    expect(out.container.options.find((o) => o.platform === 'lambda')!.monthlyUsd).toBe(out.observed.monthly.cost)
    expect(out.concurrency.provisioned.recommended).toBe(0)
    expect(out.container.verdict.recommended).toBe('lambda')
    for (const rec of [out.memory, out.timeout, out.concurrency.reserved, out.concurrency.provisioned, out.container.verdict]) {
      expect(rec.evidence.length).toBeGreaterThan(0)
      expect(rec.money).toHaveProperty('monthlySaving')
    }
  })

  it('takes the memory from a sweep result', async () => {
    const sweep = join(dir, 'sweep.json')
    writeFileSync(sweep, JSON.stringify(sweepResult('noop', { 128: durations(10, 2, 1), 1024: durations(10, 1, 2) }, 128, { 128: 0.00000021, 1024: 0.00000037 })))
    const r = await runCli(['recommend', 'noop', '--sweep', sweep, '--endpoint-url', emu.endpoint, '--since', '1h', '--format', 'md'], { env })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^## Recommendations for `noop`/)
    expect(r.stdout).toMatch(/\| memory \| 1,024 MB \| 128 MB \|/)
    expect(r.stdout).toContain('memory from sweep')
  })

  it('--monthly-requests prices the sweep\'s pick at the traffic given, and leaves what was observed as it was', async () => {
    const sweep = join(dir, 'sweep-traffic.json')
    writeFileSync(sweep, JSON.stringify(sweepResult('noop', { 128: durations(10, 2, 1), 1024: durations(10, 1, 2) }, 128, { 128: 0.00000021, 1024: 0.00000037 })))
    const r = await runCli(['recommend', 'noop', '--sweep', sweep, '--monthly-requests', '10M', '--endpoint-url', emu.endpoint, '--since', '1h', '--json'], { env })
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as RecommendResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.memory.recommended).toBe(128)
    // the current cost is the observed one scaled to 10M a month (the one monthly figure); the sweep gives the change:
    // the pick costs 0.21/0.37 of the current 1024 MB per invoke
    const current = (out.observed.monthly.cost! * 1e7) / out.observed.monthly.invocations!
    expect(out.memory.money.monthlyCurrent).toBeCloseTo(current, 9)
    expect(out.memory.money.monthlySaving).toBeCloseTo(current * (1 - 0.21 / 0.37), 9)
    expect(out.memory.money.note).toBe('at 10,000,000 invokes a month')
    expect(out.observed.monthly.invocations).not.toBe(1e7)
    const bad = await runCli(['recommend', 'noop', '--monthly-requests', 'many', '--endpoint-url', emu.endpoint], { env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^Error: --monthly-requests: cannot read 'many' as a number/)
  })

  it.each([
    [['recommend', 'no-such-function'], 3, /no-such-function/],
    [['recommend', 'noop', '--sweep', '/nonexistent/sweep.json'], 2, /cannot read \/nonexistent\/sweep\.json: no such file/],
    [['recommend', 'noop', '--since', '0m'], 2, /--since/],
    [['recommend'], 2, /^Error: missing required argument <function>: function name \(see lambda-tune recommend --help\)$/],
  ])('%j: one line on stderr, exit %i', async (args, code, message) => {
    const r = await runCli([...args, '--endpoint-url', emu.endpoint], { env })
    expect(r.code).toBe(code)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
  })

  it('refuses a sweep of another function', async () => {
    const sweep = join(dir, 'other.json')
    writeFileSync(sweep, JSON.stringify(sweepResult('other-fn', { 128: [1, 2] }, 128)))
    const r = await runCli(['recommend', 'noop', '--sweep', sweep, '--endpoint-url', emu.endpoint], { env })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/is a sweep of other-fn, not of noop/)
  })
})
