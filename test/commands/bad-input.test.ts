import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ListFunctionsCommand } from '@aws-sdk/client-lambda'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'
import { snapshot, type Snapshot } from '../reliability/helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-bad-input-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  return path
}
const MALFORMED = file('malformed.json', '{"payload": ')
const WRONG_SCHEMA = file('wrong-schema.json', JSON.stringify({ schemaVersion: 1, hello: 'world' }))
const NOT_AN_ARRAY = file('payloads.json', JSON.stringify({ payload: {}, weight: 1 }))
const MISSING = join(dir, 'missing.json')
const NO_FOLDER = join(dir, 'no-such-folder', 'out.json')
// A functions folder with one good function and two broken ones: a malformed function.json and an unsupported runtime.
const FUNCTIONS = join(dir, 'functions')
file('functions/good/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler"}')
file('functions/good/index.js', 'exports.handler = async () => 1')
file('functions/broken/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler",}')
file('functions/old/function.json', '{"runtime": "nodejs8.10", "handler": "index.handler"}')
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'lambda-tune-empty-home-'))
const STATE = mkdtempSync(join(tmpdir(), 'lambda-tune-state-'))
const UNREACHABLE = 'http://127.0.0.1:1'

/**
 * How a row reaches a target: `emu` the test's emulator with dummy credentials, `none` no AWS at all (local
 * checks), `unreachable` a closed port, `nocreds` the emulator with no credentials anywhere (no AWS_* variable,
 * HOME an empty folder).
 */
type Via = 'emu' | 'none' | 'unreachable' | 'nocreds'
interface Row {
  args: string[]
  via: Via
  code: number
  message: RegExp
  env?: Record<string, string>
}

const rows: Row[] = [
  // sweep
  { args: ['sweep'], via: 'emu', code: 2, message: /name the function to tune/ },
  { args: ['sweep', 'noop', '--memory', '64'], via: 'emu', code: 2, message: /64 MB is outside Lambda's 128-10240 MB range/ },
  { args: ['sweep', 'noop', '--memory', '20000'], via: 'emu', code: 2, message: /outside Lambda's 128-10240 MB range/ },
  { args: ['sweep', 'noop', '--memory', 'lots'], via: 'emu', code: 2, message: /--memory/ },
  { args: ['sweep', 'noop', '--memory', '512..128'], via: 'emu', code: 2, message: /--memory|range/ },
  { args: ['sweep', 'arn:aws:lambda:us-east-1:12:function:noop'], via: 'emu', code: 2, message: /is not a function name, name:alias, name:version or Lambda function ARN/ },
  { args: ['sweep', 'no such function!'], via: 'emu', code: 2, message: /is not a function name/ },
  { args: ['sweep', 'noop', '--payload-file', MISSING], via: 'emu', code: 2, message: /--payload-file .*: no such file/ },
  { args: ['sweep', 'noop', '--payload-file', MALFORMED], via: 'emu', code: 2, message: /--payload-file is not valid JSON/ },
  { args: ['sweep', 'noop', '--payloads', MALFORMED], via: 'emu', code: 2, message: /--payloads/ },
  { args: ['sweep', 'noop', '--payloads', NOT_AN_ARRAY], via: 'emu', code: 2, message: /--payloads/ },
  { args: ['sweep', 'noop', '--invocations', '0'], via: 'emu', code: 2, message: /invocations/ },
  { args: ['sweep', 'noop', '--tolerance', '80'], via: 'emu', code: 2, message: /^Error: --tolerance must be a percentage from 0 to 50 \(e\.g\. 10 for 10%\), got '80'$/ },
  { args: ['sweep', 'noop', '--confidence', '100'], via: 'emu', code: 2, message: /^Error: --confidence must be a percentage above 50 and below 100 \(e\.g\. 95\), got '100'$/ },
  { args: ['sweep', 'noop', '--max-invocations', '2'], via: 'emu', code: 2, message: /^Error: --max-invocations must be a whole number of at least 4$/ },
  { args: ['sweep', 'noop', '-n', '5', '--max-invocations', '10'], via: 'emu', code: 2, message: /^Error: give one of --invocations \(a fixed count\) and --max-invocations/ },
  { args: ['sweep', 'noop', '--budget', 'lots'], via: 'emu', code: 2, message: /^Error: --budget: cannot read 'lots' as dollars or GB-seconds/ },
  // less than one invoke of each value can cost at the function's timeout: refused after reading it, before any change
  { args: ['sweep', 'noop', '--budget', '$0.000001'], via: 'emu', code: 2, message: /^Error: --budget \$0\.000001 is less than one round can cost \(one invoke of each of \d+ values at up to the \d+ s timeout: / },
  { args: ['sweep', 'noop', '--concurrency', 'many'], via: 'emu', code: 2, message: /concurrency/ },
  { args: ['sweep', 'noop', '--strategy', 'fastest'], via: 'emu', code: 2, message: /fastest/ },
  { args: ['sweep', 'noop', '--error-threshold', '2'], via: 'emu', code: 2, message: /--error-threshold must be a share between 0 and 1/ },
  { args: ['sweep', 'noop', '--no-such-flag'], via: 'emu', code: 2, message: /no-such-flag/ },
  { args: ['sweep', 'noop', '--region', 'mars-north-1'], via: 'emu', code: 2, message: /mars-north-1/ },
  { args: ['sweep', 'no-such-function'], via: 'emu', code: 3, message: /no-such-function/ },
  { args: ['sweep', 'noop:no-such-alias'], via: 'emu', code: 3, message: /no-such-alias/ },
  { args: ['sweep', 'noop', '--memory', '128'], via: 'unreachable', code: 3, message: /cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/ },
  { args: ['sweep', 'noop', '--memory', '128'], via: 'nocreds', code: 3, message: /no AWS credentials found/ },
  {
    args: ['sweep', 'noop', '--memory', '128'],
    via: 'emu',
    code: 2,
    message: /cannot write the run journal \(\w+\) in \/dev\/null\/state: set LAMBDA_TUNE_STATE_DIR to a folder you can write/,
    env: { LAMBDA_TUNE_STATE_DIR: '/dev/null/state' },
  },
  { args: ['sweep', 'noop', '--local', '--endpoint-url', UNREACHABLE], via: 'none', code: 2, message: /--local|--endpoint-url/ },
  { args: ['sweep', 'noop', '--memory', '128,,512'], via: 'emu', code: 2, message: /^Error: --memory "128,,512" has an empty value between commas/ },
  { args: ['sweep', 'noop', '--strategy', 'cost', '--p99', '100'], via: 'emu', code: 2, message: /--p99 is a latency limit, which only --strategy slo uses/ },
  { args: ['sweep', 'noop', '--keep', '--local'], via: 'none', code: 2, message: /--keep has nothing to keep with --local: .*lambda-tune emulator/ },
  // --out is checked before the run starts: nothing is swept (no "sweeping" line), nothing changed
  { args: ['sweep', 'noop', '--memory', '128', '--out', NO_FOLDER], via: 'emu', code: 2, message: /^Error: --out: cannot write .*out\.json: the folder .*no-such-folder does not exist$/ },
  { args: ['sweep', 'good', '--local', '--functions', join(dir, 'no-such-functions')], via: 'none', code: 2, message: /^Error: functions folder not found: .*no-such-functions$/ },
  { args: ['sweep', 'broken', '--local', '--functions', FUNCTIONS], via: 'none', code: 2, message: /^Error: .*broken\/function\.json: not valid JSON at line 1, column 54: expected double-quoted property name$/ },
  { args: ['sweep', 'old', '--local', '--functions', FUNCTIONS], via: 'none', code: 2, message: /^Error: .*old\/function\.json: runtime "nodejs8\.10" is not one the emulator runs/ },
  { args: ['report', 'broken', '--local', '--functions', FUNCTIONS], via: 'none', code: 2, message: /broken\/function\.json: not valid JSON/ },
  // cost
  { args: ['cost'], via: 'none', code: 2, message: /memory|duration|requests/ },
  { args: ['cost', '-m', '64', '-d', '100', '-r', '1M'], via: 'none', code: 2, message: /64/ },
  { args: ['cost', '-m', '512', '-d', 'soon', '-r', '1M'], via: 'none', code: 2, message: /soon|duration/ },
  { args: ['cost', '-m', '512', '-d', '100', '-r', '1M', '--region', 'xx-nowhere-1'], via: 'none', code: 2, message: /xx-nowhere-1/ },
  { args: ['cost', '-m', '512', '-d', '100', '-r', '1M', '--arch', 'sparc'], via: 'none', code: 2, message: /sparc|arch/ },
  { args: ['cost', '-m', '512', '-d', '100', '-r', '1M', '--out', NO_FOLDER], via: 'none', code: 2, message: /^Error: --out: cannot write .* does not exist$/ },
  { args: ['cost', '-m', '512', '-d', '100', '-r', '1M', '--fargate-vcpu', '1', '--fargate-memory', '1GB'], via: 'none', code: 2, message: /is not a Fargate task size: the smallest that fits is 1 vCPU, 2 GB/ },
  // report
  { args: ['report', 'no-such-function'], via: 'emu', code: 3, message: /no-such-function/ },
  { args: ['report', 'noop', '--since', '14x'], via: 'emu', code: 2, message: /14x|--since/ },
  { args: ['report', 'noop', '--period', '7s'], via: 'emu', code: 2, message: /--period 7s: .*a multiple of 60 s/ },
  { args: ['report', 'noop'], via: 'unreachable', code: 3, message: /cannot reach/ },
  { args: ['report', 'noop'], via: 'nocreds', code: 3, message: /no AWS credentials found/ },
  // recommend
  { args: ['recommend'], via: 'emu', code: 2, message: /function|FUNCTION|argument/ },
  { args: ['recommend', 'noop', '--sweep', MISSING], via: 'emu', code: 2, message: /missing\.json/ },
  { args: ['recommend', 'noop', '--sweep', MALFORMED], via: 'emu', code: 2, message: /malformed\.json|JSON/ },
  { args: ['recommend', 'no-such-function'], via: 'emu', code: 3, message: /no-such-function/ },
  // compare
  { args: ['compare', MISSING, MISSING], via: 'none', code: 2, message: /missing\.json/ },
  { args: ['compare', MALFORMED, MALFORMED], via: 'none', code: 2, message: /malformed\.json|JSON/ },
  { args: ['compare', WRONG_SCHEMA, WRONG_SCHEMA], via: 'none', code: 2, message: /wrong-schema\.json|sweep|report/ },
  { args: ['compare', WRONG_SCHEMA], via: 'none', code: 2, message: /CURRENT|argument|current/i },
  { args: ['compare', WRONG_SCHEMA, WRONG_SCHEMA, '--fail-on-regression', 'abc'], via: 'none', code: 2, message: /--fail-on-regression: cannot read 'abc' as a percent \(e\.g\. 10 or 10%\)/ },
  // restore
  { args: ['restore', '--local'], via: 'none', code: 2, message: /--local runs need no restore/ },
  { args: ['restore', 'noop:live'], via: 'emu', code: 2, message: /restore takes a function name or ARN without a qualifier/ },
  { args: ['restore', 'not a name!'], via: 'emu', code: 2, message: /is not a function name/ },
  // iam-policy
  { args: ['iam-policy', '--command', 'destroy'], via: 'none', code: 2, message: /destroy/ },
  { args: ['iam-policy', '--function', 'not-an-arn'], via: 'none', code: 2, message: /not-an-arn/ },
  { args: ['iam-policy', '--out', NO_FOLDER], via: 'none', code: 2, message: /--out: cannot write/ },
  { args: ['restore', '--out', NO_FOLDER], via: 'emu', code: 2, message: /--out: cannot write/ },
  // emulator
  { args: ['emulator', '--fault-throttle', '2'], via: 'none', code: 2, message: /--fault-throttle must be a share between 0 and 1/ },
  { args: ['emulator', '--port', '70000'], via: 'none', code: 2, message: /70000|port/ },
  { args: ['emulator', '--port', '0', '--functions', MISSING], via: 'none', code: 2, message: /missing\.json/ },
]

let emu: TestEmulator
let functionNames: string[]
beforeAll(async () => {
  emu = await startTestEmulator()
  functionNames = ((await emu.lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName ?? '').sort()
})
afterAll(async () => {
  await emu?.stop()
})

async function everyFunction(): Promise<Record<string, Snapshot>> {
  const out: Record<string, Snapshot> = {}
  for (const name of functionNames) out[name] = await snapshot(emu.lambda, emu.emulator, name)
  return out
}

function argsFor(row: Row): { args: string[]; env: Record<string, string> } {
  const creds = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey }
  const base = { LAMBDA_TUNE_STATE_DIR: STATE }
  const target = (endpoint: string) => [...row.args, '--endpoint-url', endpoint, ...(row.args.includes('--region') ? [] : ['--region', 'us-east-1'])]
  switch (row.via) {
    case 'emu':
      return { args: target(emu.endpoint), env: { ...base, ...creds } }
    case 'unreachable':
      return { args: target(UNREACHABLE), env: { ...base, ...creds } }
    case 'nocreds':
      return { args: target(emu.endpoint), env: { ...base, HOME: EMPTY_HOME, USERPROFILE: EMPTY_HOME } }
    case 'none':
      return { args: row.args, env: base }
  }
}

describe('bad input: one line on stderr, the documented exit code, no stack trace, nothing changed', () => {
  it('has at least 30 cases across every command', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30)
    const commands = new Set(rows.map((r) => r.args[0]))
    expect([...commands].sort()).toEqual(['compare', 'cost', 'emulator', 'iam-policy', 'recommend', 'report', 'restore', 'sweep'])
  })

  it.each(rows.map((r) => [r.args.join(' '), r.via, r] as const))('%s (%s)', async (_label, _via, row) => {
    const before = row.via === 'none' ? undefined : await everyFunction()
    const { args, env } = argsFor(row)
    const r = await runCli(args, { env: { ...env, ...row.env }, timeoutMs: 30_000 })
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: row.code })
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: /)
    expect(lines[0]).toMatch(row.message)
    expect(r.stderr + r.stdout).not.toMatch(/^\s{4}at /m)
    if (before) expect(await everyFunction()).toEqual(before)
  })
})
