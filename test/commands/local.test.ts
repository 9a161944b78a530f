import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'lambda-tune-local-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  return path
}
file('functions/good/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler"}')
file('functions/good/index.js', 'exports.handler = async () => 1')
file('functions/broken/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler",}')
file('functions/old/function.json', '{"runtime": "nodejs8.10", "handler": "index.handler"}')
file('functions/arm/function.json', '{"runtime": "nodejs20.x", "handler": "index.handler", "architectures": ["arm64"]}')
file('functions/arm/index.js', 'exports.handler = async () => 1')
const FUNCTIONS = join(dir, 'functions')
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Warning: '))
const hostNode = process.versions.node.split('.')[0]
const hostArch = process.arch === 'x64' ? 'x86_64' : process.arch

describe('sweep --local', () => {
  it('--memory all --json: no MaxListenersExceededWarning (one abort listener per invoke in flight is expected)', async () => {
    const r = await runCli(['sweep', 'noop', '--local', '--memory', 'all', '--invocations', '1', '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { results: unknown[] }).results).toHaveLength(15)
  })

  it('one broken function folder does not block the others: a warning each, and the sweep runs', async () => {
    const r = await runCli(['sweep', 'good', '--local', '--functions', FUNCTIONS, '--memory', '128', '--invocations', '1', '--json'])
    expect(r.code).toBe(0)
    expect(warnings(r.stderr)).toEqual([
      expect.stringMatching(/^Warning: skipped function broken: .*broken\/function\.json: not valid JSON at line 1, column 54/),
      expect.stringMatching(/^Warning: skipped function old: .*old\/function\.json: runtime "nodejs8\.10" is not one the emulator runs/),
    ])
    expect(JSON.parse(r.stdout)).toMatchObject({ function: 'good', recommendation: { memory: 128 } })
  })

  it('warns once when a function asks for a runtime version the host cannot give (io-wait: nodejs22.x)', async () => {
    const r = await runCli(['sweep', 'io-wait', '--local', '--memory', '128,256', '--invocations', '3', '--payload', '{"waitMs":1}', '--json'])
    expect(r.code).toBe(0)
    const expected = hostNode === '22' ? [] : [`Warning: io-wait: nodejs22.x runs on the host's Node.js ${process.versions.node}; its measurements may differ from Lambda's`]
    expect(warnings(r.stderr)).toEqual(expected)
  })

  it('warns once when a function asks for an architecture the host cannot give (arm64)', async () => {
    const r = await runCli(['sweep', 'arm', '--local', '--functions', FUNCTIONS, '--memory', '128', '--invocations', '3', '--json'])
    expect(r.code).toBe(0)
    const arm = warnings(r.stderr).filter((w) => w.startsWith('Warning: arm: '))
    expect(arm).toEqual(
      hostArch === 'arm64' ? [] : [`Warning: arm: arm64 code runs on this ${hostArch} host (native modules built for arm64 will not load); its measurements may differ from Lambda's`],
    )
  })
})

describe('sweep tables', () => {
  it("fit 120 columns: a failed value's reason goes under the table as a numbered note", async () => {
    const r = await runCli(['sweep', 'flaky', '--local', '--memory', '128', '--invocations', '4'])
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    const table = lines.slice(lines.findIndex((l) => l.startsWith('Memory ')), lines.findIndex((l) => l.startsWith('[1] ')))
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(120)
    expect(r.stdout).toMatch(/^128 MB .* failed \[1\]$/m)
    expect(r.stdout).toMatch(/^256 MB .* current +failed \[2\]$/m)
    expect(r.stdout).toMatch(/^\[1\] 128 MB: \d+% of invokes failed \(mostly Error\), above the 5% threshold$/m)
    expect(r.stderr).toMatch(/^Error: flaky: no memory value can be recommended: every value failed \(128 MB, 256 MB\)$/m)
  })
})

describe('report --local and recommend --local', () => {
  const hint = 'Warning: --local starts a fresh emulator, which has no history to read: run `lambda-tune emulator` in another terminal, invoke your functions against it, then pass --endpoint-url http://127.0.0.1:3001 instead of --local'

  it.each([
    [['report', 'noop', '--local', '--since', '1h']],
    [['recommend', 'noop', '--local', '--since', '1h']],
    [['report', 'noop', '--local', '--since', '1h', '--json']],
  ])('%j says in one line that there is no history, and where to get some', async (args) => {
    const r = await runCli(args)
    expect(r.code).toBe(0)
    expect(r.stderr.split('\n').filter((l) => l.includes('--local'))).toEqual([hint])
  })
})
