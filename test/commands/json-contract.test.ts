import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version
const schema = (kind: string) => JSON.parse(readFileSync(join(REPO_ROOT, `schemas/${kind}.json`), 'utf8')) as Schema
const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-json-'))
const STATE = mkdtempSync(join(tmpdir(), 'lambda-tune-json-state-'))

let emu: TestEmulator
beforeAll(async () => {
  emu = await startTestEmulator()
})
afterAll(async () => {
  await emu?.stop()
})

/** Runs a command, as a dashboard's job would, and returns its JSON. */
async function json(args: string[], aws: boolean): Promise<Record<string, unknown>> {
  const target = aws ? ['--endpoint-url', emu.endpoint, '--region', 'us-east-1'] : []
  const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, LAMBDA_TUNE_STATE_DIR: STATE }
  const r = await runCli([...args, ...target], { env })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Record<string, unknown>
}

function expectStamped(out: Record<string, unknown>, kind: string, from: number) {
  expect(out).toMatchObject({ schemaVersion: kind === 'compare' ? 2 : 1, kind, toolVersion: VERSION })
  expect(Object.keys(out).slice(0, 4)).toEqual(['schemaVersion', 'kind', 'toolVersion', 'generatedAt'])
  const at = Date.parse(out.generatedAt as string)
  expect(new Date(at).toISOString()).toBe(out.generatedAt)
  expect(at).toBeGreaterThanOrEqual(from - 1000)
  expect(at).toBeLessThanOrEqual(Date.now())
}

describe('every command’s JSON says what it is, which version wrote it and when, and matches its schema', () => {
  it.each([
    ['cost', ['cost', '-m', '512', '-d', '100', '-r', '1M', '--json'], false],
    ['iam-policy', ['iam-policy', '--command', 'sweep', '--json'], false],
    ['report', ['report', 'noop', '--since', '1h', '--json'], true],
    ['recommend', ['recommend', 'noop', '--since', '1h', '--json'], true],
    ['restore', ['restore', '--json'], true],
    ['sweep', ['sweep', 'noop', '--memory', '128', '--invocations', '2', '--json'], true],
  ] as const)('%s', async (kind, args, aws) => {
    const from = Date.now()
    const out = await json([...args], aws)
    expectStamped(out, kind, from)
    expect(validateSchema(out, schema(kind))).toEqual([])
  })

  it('compare', async () => {
    const sweep = await json(['sweep', 'noop', '--memory', '128', '--invocations', '3', '--include-samples', '--json'], true)
    const file = join(dir, 'sweep.json')
    writeFileSync(file, JSON.stringify(sweep))
    const from = Date.now()
    const out = await json(['compare', file, file, '--json'], false)
    expectStamped(out, 'compare', from)
    expect(validateSchema(out, schema('compare'))).toEqual([])
  })

  it('sweep --dry-run and a sweep of several functions validate against the root of schemas/sweep.json, each sweep stamped too', async () => {
    const from = Date.now()
    const shapes = [
      await json(['sweep', 'noop', '--memory', '128', '--dry-run', '--json'], true),
      await json(['sweep', 'noop', 'io-wait', '--memory', '128', '--invocations', '1', '--json'], true),
      await json(['sweep', 'noop', 'io-wait', '--memory', '128', '--dry-run', '--format', 'json'], true),
    ]
    for (const out of shapes) {
      expectStamped(out, 'sweep', from)
      expect(validateSchema(out, schema('sweep'))).toEqual([])
    }
    expect(shapes[0]).toMatchObject({ dryRun: true })
    for (const multi of shapes.slice(1)) {
      const sweeps = multi.sweeps as Record<string, unknown>[]
      expect(sweeps.map((s) => s.function)).toEqual(['noop', 'io-wait'])
      for (const s of sweeps) expectStamped(s, 'sweep', from)
    }
  })

  it('the root of schemas/sweep.json still refuses what is none of its shapes', () => {
    expect(validateSchema({ schemaVersion: 1, kind: 'sweep', hello: 'world' }, schema('sweep'))).not.toEqual([])
  })
})
