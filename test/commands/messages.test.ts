import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-messages-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The one line a user error prints, after checking that it is the only one and that the exit code is 2. */
async function usageLine(args: string[], env: Record<string, string> = {}): Promise<string> {
  const r = await runCli(args, { env, timeoutMs: 30_000 })
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 })
  const lines = r.stderr.split('\n').filter(Boolean)
  expect(lines).toHaveLength(1)
  return lines[0]!
}

describe('help', () => {
  it('`help <command>`, `-h` and `--help` print the same help, exit 0', async () => {
    const help = await runCli(['help', 'sweep'])
    const h = await runCli(['sweep', '-h'])
    const long = await runCli(['sweep', '--help'])
    for (const r of [help, h, long]) {
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
    }
    expect(help.stdout).toMatch(/^USAGE\n {2}\$ lambda-tune sweep/m)
    expect(h.stdout).toBe(long.stdout)
    expect(help.stdout).toBe(long.stdout)
    const root = await runCli(['help'])
    expect(root.code).toBe(0)
    expect(root.stdout).toMatch(/^ {2}sweep +Measure a function/m)
  })

  it('`help` of a command that does not exist names the commands', async () => {
    expect(await usageLine(['help', 'swep'])).toBe(
      'Error: no command "swep": the commands are canary, compare, cost, emulator, iam-policy, recommend, report, restore, sweep',
    )
  })
})

describe("oclif's parse errors become one clean line each", () => {
  it.each([
    [['sweep', 'noop', '--invocations', 'x'], 'Error: --invocations: expected an integer, got "x" (see lambda-tune sweep --help)'],
    [['sweep', 'noop', '--invocations', '0'], 'Error: --invocations: expected an integer greater than or equal to 1, got "0" (see lambda-tune sweep --help)'],
    [['cost'], 'Error: missing required flags --duration, --memory, --requests (see lambda-tune cost --help)'],
    [['cost', '-m', '512', '-d', '10', '-r', '1', '--nope'], 'Error: unknown flag --nope (see lambda-tune cost --help)'],
    [['cost', '-m', '512', '-d', '10', '-r', '1', '--format', 'xml'], 'Error: --format: "xml" is not one of table, md, json (see lambda-tune cost --help)'],
    [['compare', 'a.json'], 'Error: missing required argument <current>: current sweep or report result (JSON) (see lambda-tune compare --help)'],
    [['report', 'noop', '--functions', 'x'], 'Error: all of the following must be provided when using --functions: --local (see lambda-tune report --help)'],
  ])('%j', async (args, line) => {
    expect(await usageLine(args)).toBe(line)
  })
})

describe('unexpected failures', () => {
  // A failure lambda-tune has no message for: writing the output file fails inside Node itself.
  const fire = file('fire.cjs', "require('node:fs').promises.writeFile = async () => { throw new Error('disk on fire') }\n")
  const args = ['cost', '-m', '512', '-d', '10', '-r', '1', '--out', join(dir, 'cost.txt')]

  it('say how to get details when DEBUG is not set', async () => {
    const r = await runCli(args, { env: { NODE_OPTIONS: `--require ${fire}` } })
    expect(r.code).toBe(4)
    expect(r.stderr).toBe('Error: unexpected failure: disk on fire (set DEBUG=1 for details)\n')
  })

  it('give the stack, and no such hint, when DEBUG is set', async () => {
    const r = await runCli(args, { env: { NODE_OPTIONS: `--require ${fire}`, DEBUG: '1' } })
    expect(r.code).toBe(4)
    expect(r.stderr).toMatch(/^Error: unexpected failure: disk on fire\n/)
    expect(r.stderr).not.toContain('set DEBUG=1')
    expect(r.stderr).toMatch(/^\s+at /m)
  })
})

describe('messages that say what to do', () => {
  it('a malformed result file: the line, the column and the text around the mistake', async () => {
    const bad = file('bad.json', '{\n  "schemaVersion": 1,\n  "results": [\n    {"memory": 128,}\n  ]\n}\n')
    expect(await usageLine(['compare', bad, bad])).toBe(
      `Error: ${bad}: not valid JSON at line 4, column 20: expected double-quoted property name (near '{"memory": 128,}')`,
    )
    const unexpected = file('token.json', '{"schemaVersion": 1, "results": tru}')
    expect(await usageLine(['compare', unexpected, unexpected])).toBe(
      `Error: ${unexpected}: not valid JSON at line 1, column 36: unexpected token '}' (near '{"schemaVersion": 1, "results": tru}')`,
    )
  })

  it('--fail-on-regression asks for a percent', async () => {
    const any = file('any.json', '{}')
    expect(await usageLine(['compare', any, any, '--fail-on-regression', 'abc'])).toBe(
      "Error: --fail-on-regression: cannot read 'abc' as a percent (e.g. 10 or 10%)",
    )
  })

  it('--period says why it must be a multiple of 60 s', async () => {
    for (const period of ['7s', '90']) {
      expect(await usageLine(['report', 'noop', '--period', period, '--local'])).toBe(
        `Error: --period ${period}: CloudWatch keeps Lambda's metrics per minute, so a period must be a whole number of minutes, a multiple of 60 s (60, 300, 5m, 1h)`,
      )
    }
  })
})
