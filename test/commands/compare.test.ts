import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CompareResult } from '../../src/core/compare/compare-runs.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { durations, sweepResult } from '../core/compare/samples.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/compare.json'), 'utf8')) as Schema
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-compare-'))
function file(name: string, data: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data))
  return path
}

const baseline = file('baseline.json', sweepResult('api', { 256: durations(30, 80, 11), 1024: durations(30, 22, 12) }, 1024, { 256: 0.0000005, 1024: 0.0000006 }))
const rerun = file('rerun.json', sweepResult('api', { 256: durations(30, 80, 13), 1024: durations(30, 22, 14) }, 1024, { 256: 0.0000005, 1024: 0.0000006 }))
const slowed = file('slowed.json', sweepResult('api', { 256: durations(30, 104, 15), 1024: durations(30, 29, 16) }, 1024, { 256: 0.00000065, 1024: 0.0000008 }))

describe('lambda-tune compare', () => {
  it('passes two sweeps of the same function (exit 0), with JSON matching schemas/compare.json', async () => {
    const r = await runCli(['compare', baseline, rerun, '--fail-on-regression', '10', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as CompareResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.passed).toBe(true)
    expect(out.comparisons.map((c) => c.key)).toEqual(['api@256', 'api@1024'])
    expect(out.comparisons.every((c) => c.test === 'mann-whitney' && c.status !== 'regression')).toBe(true)
  })

  it('fails a slowed function (exit 1) and says why on stderr', async () => {
    const r = await runCli(['compare', baseline, slowed, '--fail-on-regression', '10', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as CompareResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.comparisons.map((c) => c.status)).toEqual(['regression', 'regression'])
    expect(out.exitCode).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^Error: --fail-on-regression: api@1024 \+\d+\.\d%, api@256 \+\d+\.\d% slower \(significant\)/)
  })

  it('writes a Markdown step summary with the gates first', async () => {
    const out = join(dir, 'summary.md')
    const r = await runCli(['compare', baseline, slowed, '--fail-on-regression', '50', '--max-cost-per-million', '0.5', '--format', 'md', '--out', out])
    expect(r.code).toBe(1) // cost per million of the pick rose to $0.80
    const md = readFileSync(out, 'utf8')
    expect(md).toBe(r.stdout)
    expect(md).toMatch(/^## :x: lambda-tune compare: gate failed/)
    expect(md).toContain('- :white_check_mark: --fail-on-regression 50%')
    expect(md).toContain('- :x: --max-cost-per-million $0.5: api@1024 $0.80 per million')
    expect(md).toMatch(/\| function @ memory \| baseline \| current \|/)
  })

  it('prints a table by default', async () => {
    const r = await runCli(['compare', baseline, rerun])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('no gates set')
    expect(r.stdout).toContain('result: pass')
  })

  it.each([
    [['missing', 'rerun'], /cannot read .*missing\.json: no such file/],
    [['garbage', 'rerun'], /garbage\.json: not valid JSON/],
    [['wrongshape', 'rerun'], /wrongshape\.json: not a lambda-tune sweep or report result \(neither results\[\] nor functions\[\]\)/],
    [['report', 'rerun'], /cannot compare a report result .* with a sweep result/],
    [['baseline', 'rerun', '--fail-on-regression', 'ten'], /^Error: --fail-on-regression: 'ten' is not a percent \(e\.g\. 10 or 10%/],
    [['baseline', 'rerun', '--max-monthly-cost', '10'], /needs --monthly-requests/],
    [['baseline'], /^Error: missing required argument <current>: .* \(see lambda-tune compare --help\)$/],
  ])('bad input %j: one line on stderr, exit 2', async (args, message) => {
    file('garbage.json', '{"schemaVersion": 1,')
    file('wrongshape.json', { schemaVersion: 1, hello: 'world' })
    file('report.json', { schemaVersion: 1, kind: 'report', functions: [{ name: 'api', memoryMB: 256 }] })
    const paths = args.map((a) => (a.startsWith('-') || /^[0-9]|^ten$/.test(a) ? a : join(dir, `${a}.json`)))
    const r = await runCli(['compare', ...paths])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(message)
  })
})
