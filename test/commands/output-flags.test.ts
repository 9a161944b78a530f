import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'

const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-output-'))
const STATE = mkdtempSync(join(tmpdir(), 'lambda-tune-output-state-'))
let emu: TestEmulator
let sweepFile: string
beforeAll(async () => {
  emu = await startTestEmulator()
  const r = await run(['sweep', 'noop', '--memory', '128', '--invocations', '3', '--include-samples', '--json'], true)
  sweepFile = join(dir, 'sweep.json')
  writeFileSync(sweepFile, r.stdout)
})
afterAll(async () => {
  await emu?.stop()
})

function run(args: string[], aws: boolean) {
  const target = aws ? ['--endpoint-url', emu.endpoint, '--region', 'us-east-1'] : []
  return runCli([...args, ...target], {
    env: { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, LAMBDA_TUNE_STATE_DIR: STATE },
  })
}

const withoutTime = (text: string) => ({ ...(JSON.parse(text) as object), generatedAt: null })

// The README: every command that prints a result takes --json, --format table|md|json and --out <file>.
const COMMANDS: [string, () => string[], boolean, RegExp][] = [
  ['cost', () => ['cost', '-m', '512', '-d', '100', '-r', '1M'], false, /^### Lambda cost: /],
  ['iam-policy', () => ['iam-policy', '--command', 'report'], false, /^### IAM policy for lambda-tune report\n\n```json\n/],
  ['restore', () => ['restore'], true, /^### lambda-tune restore: http:\/\/127\.0\.0\.1:\d+ \(us-east-1\)\n\nNo unfinished lambda-tune run on /],
  ['report', () => ['report', 'noop', '--since', '1h'], true, /^## Lambda production report/],
  ['recommend', () => ['recommend', 'noop', '--since', '1h'], true, /^## Recommendations for `noop`/],
  ['compare', () => ['compare', sweepFile, sweepFile], false, /^## :white_check_mark: lambda-tune compare: pass/],
  ['sweep', () => ['sweep', 'noop', '--memory', '128', '--invocations', '1'], true, /^### lambda-tune sweep: noop/],
]

describe('--json, --format table|md|json and --out on every command that prints a result', () => {
  it.each(COMMANDS)('%s', async (_name, args, aws, markdown) => {
    const json = await run([...args(), '--json'], aws)
    expect(json.code, json.stderr).toBe(0)
    const formatJson = await run([...args(), '--format', 'json'], aws)
    // the same document (a sweep measures anew each time: the same fields)
    if (_name === 'sweep') expect(Object.keys(JSON.parse(formatJson.stdout))).toEqual(Object.keys(JSON.parse(json.stdout)))
    else expect(withoutTime(formatJson.stdout)).toEqual(withoutTime(json.stdout))
    const out = join(dir, `${_name}.md`)
    const md = await run([...args(), '--format', 'md', '--out', out], aws)
    expect(md.code, md.stderr).toBe(0)
    expect(md.stdout).toMatch(markdown)
    expect(readFileSync(out, 'utf8')).toBe(md.stdout)
    const table = await run([...args(), '--format', 'table'], aws)
    expect(table.code).toBe(0)
    expect(table.stdout).not.toMatch(/^#/)
  })

  it('iam-policy prints the bare policy document by default, ready for `aws iam create-policy`, and wraps it in --json', async () => {
    const doc = JSON.parse((await run(['iam-policy', '--command', 'sweep'], false)).stdout) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual(['Version', 'Statement'])
    const json = JSON.parse((await run(['iam-policy', '--command', 'sweep', '--json'], false)).stdout) as Record<string, unknown>
    expect(json).toMatchObject({ kind: 'iam-policy', commands: ['sweep'], function: null, policy: doc })
  })
})
