import { describe, expect, it } from 'vitest'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetFunctionConfigurationCommand, InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda'
import { startEmulator } from '../../../src/emulator/index.js'
import { startTestEmulator } from '../../helpers/emulator.js'

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lambda-tune-fixtures-'))
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), text)
  }
  return dir
}

describe('loading function folders', () => {
  it('loads camelCase and CreateFunction-style function.json, with the code beside it or in code/', async () => {
    const dir = await folder({
      'plain/function.json': JSON.stringify({ runtime: 'nodejs20.x', handler: 'app.main', memorySize: 1769, timeout: 5, environment: { MODE: 'x1' } }),
      'plain/app.js': 'exports.main = async () => process.env.MODE',
      'plain/package.json': '{"type":"commonjs"}',
      'aws-style/function.json': JSON.stringify({
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        MemorySize: 256,
        Description: 'loaded',
        LoggingConfig: { LogFormat: 'JSON' },
        EphemeralStorage: { Size: 2048 },
      }),
      'aws-style/code/index.mjs': 'export const handler = async () => "esm"',
      'not-a-function/readme.txt': 'no function.json here',
    })
    const t = await startTestEmulator({ functionsDir: dir, engineOptions: { cpuLimit: 'none', memoryLimit: 'none' } })
    try {
      const names = (await t.lambda.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName)
      expect(names).toEqual(['aws-style', 'plain'])
      const plain = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'plain' }))
      expect(plain).toMatchObject({
        Runtime: 'nodejs20.x',
        Handler: 'app.main',
        MemorySize: 1769,
        Timeout: 5,
        Environment: { Variables: { MODE: 'x1' } },
        State: 'Active',
        LastUpdateStatus: 'Successful',
      })
      const aws = await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'aws-style' }))
      expect(aws).toMatchObject({ Runtime: 'nodejs22.x', MemorySize: 256, Description: 'loaded', EphemeralStorage: { Size: 2048 } })
      expect(aws.LoggingConfig?.LogFormat).toBe('JSON')
      const out = await t.lambda.send(new InvokeCommand({ FunctionName: 'plain' }))
      expect(Buffer.from(out.Payload!).toString()).toBe('"x1"')
    } finally {
      await t.stop()
    }
  })

  it('keeps CodeSha256 stable across restarts for the same code', async () => {
    const dir = await folder({ 'f/function.json': '{"runtime":"nodejs20.x","handler":"index.handler"}', 'f/index.js': 'exports.handler = async () => 1' })
    const shas: string[] = []
    for (let i = 0; i < 2; i++) {
      const t = await startTestEmulator({ functionsDir: dir })
      shas.push((await t.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'f' }))).CodeSha256!)
      await t.stop()
    }
    expect(shas[0]).toBe(shas[1])
  })

  it('loads the bundled fixtures by default', async () => {
    const t = await startTestEmulator()
    try {
      const names = (await t.lambda.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName)
      expect(names).toContain('noop')
    } finally {
      await t.stop()
    }
  })

  it('skips a bad function.json with a warning naming the file, and loads the other folders', async () => {
    const dir = await folder({
      'broken/function.json': '{"runtime":"nodejs20.x","memorySize":50}',
      'nj/function.json': '{oops',
      'java/function.json': '{"runtime":"java21","handler":"x"}',
      'ok/function.json': '{"runtime":"nodejs20.x","handler":"index.handler"}',
      'ok/index.js': 'exports.handler = async () => 1',
    })
    const warnings: string[] = []
    const t = await startTestEmulator({ functionsDir: dir, onWarning: (w) => warnings.push(w) })
    try {
      const names = (await t.lambda.send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName)
      expect(names).toEqual(['ok'])
      expect(t.emulator.loadProblems.map((p) => p.name)).toEqual(['broken', 'java', 'nj'])
      expect(warnings).toEqual([
        expect.stringMatching(/^skipped function broken: .*broken\/function\.json: .*MemorySize/),
        expect.stringMatching(/^skipped function java: .*java\/function\.json: runtime "java21" is not one the emulator runs/),
        expect.stringMatching(/^skipped function nj: .*nj\/function\.json: not valid JSON at line 1, column 2/),
      ])
    } finally {
      await t.stop()
    }
  })

  it('refuses to start when a function the caller needs does not load, naming the file', async () => {
    const dir = await folder({ 'broken/function.json': '{"runtime":"nodejs20.x","memorySize":50}' })
    await expect(startEmulator({ functionsDir: dir, mustLoad: ['broken:live'], onWarning: () => {} })).rejects.toThrow(/broken\/function\.json: .*MemorySize/)
    await expect(startEmulator({ functionsDir: join(dir, 'missing') })).rejects.toThrow(/functions folder not found/)
  })
})
