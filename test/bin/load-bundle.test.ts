import { readdirSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
// @ts-expect-error plain JavaScript outside the TypeScript project: bin/ runs before anything is compiled
import { loadBundle } from '../../bin/load-bundle.js'

describe('the CLI bundle', () => {
  test('loads with the code cache the build wrote for this Node, and holds every command of src/commands', () => {
    const { exports: cli, script } = loadBundle() as { exports: { COMMANDS: Record<string, unknown>; execute: unknown }; script: { cachedDataRejected?: boolean } }
    // false only when V8 took the cache; true (rejected) or undefined (no cache) means start-up compiles it all
    expect(script.cachedDataRejected).toBe(false)
    // src/cli.ts lists the commands by hand (oclif's explicit discovery): a new file in src/commands must be in it
    const files = readdirSync(new URL('../../src/commands', import.meta.url)).map((f) => f.replace(/\.ts$/, ''))
    expect(Object.keys(cli.COMMANDS).sort()).toEqual(files.sort())
    expect(typeof cli.execute).toBe('function')
  })
})
