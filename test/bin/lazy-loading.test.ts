import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runCli } from '../helpers/cli.js'

// Preloaded into the CLI: at exit, prints which of the AWS SDK and the emulator were loaded. The bundle loads both
// with require (bin/load-bundle.js), so they show in require.cache.
const probe = join(mkdtempSync(join(tmpdir(), 'lambda-tune-lazy-')), 'probe.cjs')
writeFileSync(
  probe,
  `process.on('exit', () => {
    const loaded = Object.keys(require.cache)
    process.stderr.write('LOADED ' + JSON.stringify({ sdk: loaded.some((p) => p.includes('@aws-sdk')), emulator: loaded.some((p) => p.includes('/dist/emulator/')) }) + '\\n')
  })\n`,
)

async function loaded(args: string[]): Promise<{ sdk: boolean; emulator: boolean }> {
  const r = await runCli(args, { env: { NODE_OPTIONS: `--require ${probe}` } })
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '))
  expect(line, r.stderr).toBeDefined()
  return JSON.parse(line!.slice('LOADED '.length))
}

describe('start-up loads only what the command needs', () => {
  test('--help and cost load neither the AWS SDK nor the emulator', async () => {
    expect(await loaded(['--help'])).toEqual({ sdk: false, emulator: false })
    expect(await loaded(['cost', '--memory', '512', '--duration', '100', '--requests', '1M'])).toEqual({ sdk: false, emulator: false })
  })

  test('a command that calls AWS loads both with --local (the probe sees them when they are there)', async () => {
    expect(await loaded(['report', 'no-such-function', '--local'])).toEqual({ sdk: true, emulator: true })
  })
})
