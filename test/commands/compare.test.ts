import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompareResult } from '../../src/core/compare/compare-runs.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { runSweepCli } from '../sweep/helpers.js'
import { sweepResult } from '../core/compare/samples.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/compare.json'), 'utf8')) as Schema
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-compare-'))
function file(name: string, data: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data))
  return path
}

// Real sweep files from the emulator: io-wait waits on a timer, so its durations hold on a loaded machine; the
// "slowed" run waits three times as long (at 128 MB a 60 ms invoke costs $0.33 per million, a 180 ms one $0.58).
// Thresholds are wide (50% and 30%) for the same reason.
let emu: TestEmulator
let baseline: string
let rerun: string
let slowed: string
async function sweep(name: string, waitMs: number): Promise<string> {
  const r = await runSweepCli(emu.endpoint, [
    'io-wait', '--memory', '128,256,512', '--invocations', '8', '--concurrency', '2', '--payload', JSON.stringify({ waitMs }),
    '--include-samples', '--json',
  ])
  if (r.code !== 0) throw new Error(`sweep failed: ${r.stderr}`)
  return file(name, r.stdout)
}
beforeAll(async () => {
  emu = await startTestEmulator()
  baseline = await sweep('baseline.json', 60)
  rerun = await sweep('rerun.json', 60)
  slowed = await sweep('slowed.json', 180)
}, 120_000)
afterAll(async () => {
  await emu?.stop()
})

describe('lambda-tune compare on sweep files', () => {
  it('passes two sweeps of the same function (exit 0), with JSON matching schemas/compare.json', async () => {
    const r = await runCli(['compare', baseline, rerun, '--fail-on-regression', '50', '--fail-on-cost-increase', '50', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as CompareResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out).toMatchObject({ schemaVersion: 2, passed: true, exitCode: 0, notes: [] })
    expect(out.comparisons.map((c) => [c.key, c.test, c.status])).toEqual([
      ['io-wait@128', 'rank shift', 'no regression'], ['io-wait@256', 'rank shift', 'no regression'], ['io-wait@512', 'rank shift', 'no regression'],
    ])
    expect(out.functions.map((f) => [f.function, f.values, f.status])).toEqual([['io-wait', [128, 256, 512], 'no regression']])
    expect(out.costs.map((c) => c.key)).toEqual(['io-wait@128', 'io-wait@256', 'io-wait@512', 'total'])
  })

  it('fails a function three times as slow (exit 1): duration and cost, one Error line naming the gates', async () => {
    const r = await runCli(['compare', baseline, slowed, '--fail-on-regression', '50', '--fail-on-cost-increase', '30', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as CompareResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.functions[0]).toMatchObject({ status: 'regression' })
    expect(out.functions[0]!.lowerBound!).toBeGreaterThan(0.5)
    expect(out.costs.find((c) => c.key === 'total')!.status).toBe('increase')
    expect(out.exitCode).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: --fail-on-regression: io-wait \(3 values pooled\) \+\d+\.\d% \(at least \+\d+\.\d% at 97\.5%\).* slower; --fail-on-cost-increase: .*dearer$/)
  })

  it('pools a baseline of several sweeps of the function', async () => {
    const pooled = file('pooled.json', `[${readFileSync(baseline, 'utf8')},${readFileSync(rerun, 'utf8')}]`)
    const r = await runCli(['compare', pooled, slowed, '--fail-on-regression', '50', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as CompareResult
    const warm = (path: string, memory: number) =>
      (JSON.parse(readFileSync(path, 'utf8')) as { samples: { memory: number; phase: string; coldStart: boolean; status: string }[] }).samples
        .filter((s) => s.memory === memory && s.phase === 'measure' && !s.coldStart && s.status === 'success').length
    expect(out.comparisons.map((c) => c.counts)).toEqual([128, 256, 512].map((m) => ({ baseline: warm(baseline, m) + warm(rerun, m), current: warm(slowed, m) })))
  })

  it('writes a Markdown step summary: the verdict, the rule, the gates, then the tables', async () => {
    const out = join(dir, 'summary.md')
    const r = await runCli(['compare', baseline, slowed, '--fail-on-regression', '50', '--max-cost-per-million', '0.5', '--format', 'md', '--out', out])
    expect(r.code).toBe(1)
    const md = readFileSync(out, 'utf8')
    expect(md).toBe(r.stdout)
    expect(md).toMatch(/^## :x: lambda-tune compare: gate failed\n\n.*a regression is a slowdown whose lower confidence bound exceeds 50%, with a family-wise error of at most 0\.05/)
    expect(md).toMatch(/- :x: --fail-on-regression 50%: io-wait \(3 values pooled\)/)
    expect(md).toMatch(/\| function @ memory \| measure \| baseline \| current \| change \| lower bound \| confidence \| verdict \|/)
    expect(md).toMatch(/\| io-wait \(3 values pooled\) \| median \|  \|  \| \+\d+\.\d% \| \+\d+\.\d% \| 97\.5% \| \*\*regression\*\* \|/)
    expect(md).toMatch(/\| cost \| baseline \| current \| change \|/)
  })

  it('prints a table by default, and a bare compare never fails', async () => {
    const r = await runCli(['compare', baseline, slowed])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^.*baseline\.json -> .*slowed\.json \(sweep\): a regression is a slowdown whose lower confidence bound exceeds 5%/)
    expect(r.stdout).toMatch(/io-wait \(3 values pooled\)\s+median\s+\+\d+\.\d%\s+\+\d+\.\d%\s+97\.5%\s+regression/)
    expect(r.stdout).toContain('no gates set: nothing can fail')
    expect(r.stdout).toContain('result: pass')
  })
})

describe('lambda-tune compare: what changed besides the code, and bad input', () => {
  const values = { 256: [80, 82, 85, 90, 81], 1024: [22, 23, 21, 25, 22] }
  it('names a change of region in a line', async () => {
    const a = file('us.json', sweepResult('api', values, 1024))
    const b = file('eu.json', sweepResult('api', values, 1024, {}, { region: 'eu-west-1' }))
    const r = await runCli(['compare', a, b])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('note: api: region changed, us-east-1 -> eu-west-1: durations and costs are compared across regions')
  })

  it.each([
    [['missing', 'rerun'], /cannot read .*missing\.json: no such file/],
    [['garbage', 'rerun'], /garbage\.json: not valid JSON/],
    [['wrongshape', 'rerun'], /wrongshape\.json: not a lambda-tune sweep or report result \(neither results\[\] nor functions\[\]\)/],
    [['report', 'rerun'], /cannot compare a report result .* with a sweep result/],
    [['small', 'small', '--fail-on-regression', '10', '--percentile', 'p99'], /--fail-on-regression cannot decide anything on p99: api@256: an upper bound of the baseline's p99/],
    [['small', 'small', '--fail-on-regression', 'ten'], /--fail-on-regression: cannot read 'ten' as a percent/],
    [['small', 'small', '--fail-on-cost-increase', '5 percent'], /--fail-on-cost-increase: cannot read '5 percent' as a percent/],
    [['small', 'small', '--percentile', 'p42'], /--percentile: "p42" is not one of p50, p90, p95, p99/],
    [['small', 'small', '--alpha', '1.5'], /--alpha must be between 0 and 1, got 1\.5/],
    [['small', 'small', '--max-monthly-cost', '10'], /needs --monthly-requests/],
    [['small'], /^Error: missing required argument <current>: .* \(see lambda-tune compare --help\)$/],
  ])('bad input %j: one line on stderr, exit 2', async (args, message) => {
    file('garbage.json', '{"schemaVersion": 1,')
    file('wrongshape.json', { schemaVersion: 1, hello: 'world' })
    file('report.json', { schemaVersion: 1, kind: 'report', functions: [{ name: 'api', memoryMB: 256 }] })
    file('small.json', sweepResult('api', values, 1024))
    file('rerun.json', sweepResult('api', values, 1024))
    const paths = args.map((a) => (a.startsWith('-') || /^[0-9]|^ten$|^p\d+$|percent/.test(a) ? a : join(dir, `${a}.json`)))
    const r = await runCli(['compare', ...paths])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: /)
    expect(lines[0]).toMatch(message)
  })
})
