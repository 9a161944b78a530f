import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { functionState, runSweepCli } from '../sweep/helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/sweep.json'), 'utf8')) as Schema
// io-wait waits on a timer: durations that machine load barely moves, so the gates see the change asked for and no other
const SWEEP = ['io-wait', '--memory', '128,256', '-n', '12', '--include-samples', '--seed', '3']

let emu: TestEmulator
let dir: string
let baseline: string
beforeAll(async () => {
  emu = await startTestEmulator()
  dir = mkdtempSync(join(tmpdir(), 'lambda-tune-baseline-'))
  baseline = join(dir, 'baseline.json')
  const r = await runSweepCli(emu.endpoint, [...SWEEP, '--payload', '{"waitMs":40}', '--json'])
  expect(r.code).toBe(0)
  writeFileSync(baseline, r.stdout)
})
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune sweep --baseline: CI gates right after the sweep, a failure confirmed before exit 1', () => {
  it('passes an unchanged function: the gates are in the output and the JSON, exit 0', async () => {
    const r = await runSweepCli(emu.endpoint, [...SWEEP, '--payload', '{"waitMs":40}', '--baseline', baseline, '--fail-on-regression', '10', '--fail-on-cost-increase', '10', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.gates).toMatchObject({ baseline, passed: true, confirmation: null, confirmedOn: [] })
    expect(out.gates.first.gates.map((g: { gate: string }) => g.gate)).toEqual(['fail-on-regression', 'fail-on-cost-increase'])
  })

  it('fails a function three times as slow only after fresh invokes confirm it: exit 1, one line naming the gate', async () => {
    const before = await functionState(emu.lambda, 'io-wait')
    const r = await runSweepCli(emu.endpoint, [...SWEEP, '--payload', '{"waitMs":120}', '--baseline', baseline, '--fail-on-regression', '10'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^Gate --fail-on-regression 10% against .*baseline\.json: FAIL: /m)
    expect(r.stdout).toMatch(/^Confirmed on fresh invokes of 128 MB, 256 MB: --fail-on-regression: /m)
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error:'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^Error: io-wait: --fail-on-regression 10%: .* \(against .*baseline\.json, confirmed on fresh invokes\)$/)
    // the confirmation ran on the run's own aliases: they are gone afterwards, the function as found
    const after = await functionState(emu.lambda, 'io-wait')
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
  })

  it('reports the confirmation invokes apart: the table is the run, the tuning cost includes both', async () => {
    const r = await runSweepCli(emu.endpoint, [...SWEEP, '--payload', '{"waitMs":120}', '--baseline', baseline, '--fail-on-regression', '10', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.gates.confirmation.gates[0]).toMatchObject({ gate: 'fail-on-regression', passed: false })
    // 12 measured invokes per value in the table; 24 more (twice the first measurement) confirmed the failure
    for (const v of out.results) expect(v.invocations).toBe(12)
    expect(out.samples.filter((s: { phase: string }) => s.phase === 'confirm')).toHaveLength(2 * 12)
  })

  it.each([
    [['--fail-on-regression', '10'], /^Error: --fail-on-regression gates a run against a baseline: give --baseline <sweep\.json>, or use lambda-tune compare/],
    [['--baseline', '/nonexistent/b.json'], /^Error: cannot read \/nonexistent\/b\.json: no such file/],
    [['--baseline', 'BASELINE', '--fail-on-regression', 'ten'], /^Error: --fail-on-regression: cannot read 'ten' as a percent/],
  ])('bad input %j: one line, exit 2, nothing changed', async (args, message) => {
    const before = await functionState(emu.lambda, 'io-wait')
    const r = await runSweepCli(emu.endpoint, [...SWEEP, ...args.map((a) => (a === 'BASELINE' ? baseline : a))])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await functionState(emu.lambda, 'io-wait')).toEqual(before)
  })
})
