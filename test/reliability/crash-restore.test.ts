import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RestoreResult } from '../../src/sweep/restore.js'
import type { RunJournal } from '../../src/state/journal.js'
import { REPO_ROOT, runCli } from '../helpers/cli.js'
import { emptyFunctionsDir, startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../helpers/emulator.js'
import { validateSchema, type Schema } from '../helpers/schema.js'
import { cli, createGuardedFunction, ENV_SECRET, expectAsFound, snapshot, tempStateDir, until, type Snapshot } from './helpers.js'

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/restore.json'), 'utf8')) as Schema

let emu: TestEmulator
let state: string
let before: Snapshot
beforeEach(async () => {
  emu = await startTestEmulator({ functionsDir: await emptyFunctionsDir() })
  await createGuardedFunction(emu.lambda)
  before = await snapshot(emu.lambda, emu.emulator, 'guarded')
  state = tempStateDir()
})
afterEach(async () => {
  await emu?.stop()
})

function journalFiles(): string[] {
  try {
    return readdirSync(join(state, 'runs')).filter((f) => f.endsWith('.json'))
  } catch {
    return []
  }
}

async function latest() {
  return emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'guarded' }))
}

/** Starts a sweep, waits for `moment`, then kills it with SIGKILL: no clean-up code of the sweep can run. */
async function killDuring(moment: () => Promise<boolean>, what: string, args: string[] = []): Promise<void> {
  let pid = 0
  const running = cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128,512,1024', '--invocations', '300', '--serial', ...args], {
    onSpawn: (p) => (pid = p),
  })
  await until(moment, what)
  process.kill(pid, 'SIGKILL')
  const r = await running
  expect(r.signal).toBe('SIGKILL')
}

describe('kill -9 in the middle of a sweep, then `lambda-tune restore`', () => {
  it('while publishing: the sweep refuses to start again, restore puts $LATEST back and deletes the run’s versions', async () => {
    emu.emulator.faults.updateDelayMs = 300
    await killDuring(async () => {
      const c = await latest()
      const published = (await snapshot(emu.lambda, emu.emulator, 'guarded')).versions.length > before.versions.length
      return published && (c.Description ?? '').startsWith('lambda-tune run ')
    }, '$LATEST carrying the run’s change after a first version')
    emu.emulator.faults.updateDelayMs = 100

    // The journal survived, readable by its owner only; it holds the original configuration, environment included.
    const files = journalFiles()
    expect(files).toHaveLength(1)
    const path = join(state, 'runs', files[0]!)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(join(state, 'runs')).mode & 0o777).toBe(0o700)
    const journal = JSON.parse(readFileSync(path, 'utf8')) as RunJournal
    expect(journal.functionName).toBe('guarded')
    expect((journal.original as { Environment?: { Variables?: Record<string, string> } }).Environment?.Variables?.API_TOKEN).toBe(ENV_SECRET)
    expect(journal.target.endpoint).toBe(emu.endpoint)

    const refused = await cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128'])
    expect(refused.code).toBe(4)
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    // the hint names the target the journal needs, so that it can be pasted as it is
    const hint = /^Error: guarded has an unfinished lambda-tune run \([0-9a-f]+, started .*\): run `(lambda-tune restore [^`]+)` first\n$/.exec(refused.stderr)?.[1]
    expect(hint).toBe(`lambda-tune restore guarded --region us-east-1 --endpoint-url ${emu.endpoint}`)
    // the same endpoint spelled another way is the same target: its run blocks there too
    const respelled = await cli(`${emu.endpoint.replace('127.0.0.1', 'localhost')}/`, state, ['sweep', 'guarded', '--memory', '128', '--dry-run'])
    expect(respelled.code).toBe(4)
    expect(respelled.stderr).toMatch(/^Error: guarded has an unfinished lambda-tune run/)

    const creds = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey }
    const r = await runCli([...hint!.split(' ').slice(1), '--json'], { env: { ...creds, LAMBDA_TUNE_STATE_DIR: state } })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as RestoreResult
    expect(validateSchema(out, schema)).toEqual([])
    expect(out.runs).toHaveLength(1)
    expect(out.runs[0]).toMatchObject({ runId: journal.runId, function: 'guarded', configuration: 'restored', problems: [], finished: true })
    expect(out.runs[0]!.deletedVersions.length).toBeGreaterThan(0)
    expect(r.stdout).not.toContain(ENV_SECRET)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(journalFiles()).toEqual([])

    const again = await cli(emu.endpoint, state, ['restore', 'guarded'])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^No unfinished lambda-tune run of guarded on http:\/\/127\.0\.0\.1:\d+ \(us-east-1\)\.$/m)
    const sweepAgain = await cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128', '--invocations', '1', '--json'])
    expect(sweepAgain.code).toBe(0)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
  })

  it('while invoking: restore finds $LATEST already restored and deletes the aliases and versions', async () => {
    await killDuring(async () => emu.emulator.inFlight('guarded') > 0, 'the first invoke', ['--payload', '{"sleepMs":20}'])
    const left = await snapshot(emu.lambda, emu.emulator, 'guarded')
    // 128, 512, 1024 and the current 256 MB
    expect(left.aliases.filter((a) => a.startsWith('lambda-tune-'))).toHaveLength(4)
    const r = await cli(emu.endpoint, state, ['restore'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^guarded: run [0-9a-f]+ \(started .*\): \$LATEST already has its original MemorySize \(256\) and Description; deleted 4 aliases \(.*\); deleted 4 versions \(.*\); finished$/m)
    expectAsFound(before, await snapshot(emu.lambda, emu.emulator, 'guarded'))
    expect(journalFiles()).toEqual([])
  })

  it('when someone else changed $LATEST after the crash: restore leaves their change, says so, and still cleans up', async () => {
    emu.emulator.faults.updateDelayMs = 300
    await killDuring(async () => (((await latest()).Description ?? '').startsWith('lambda-tune run ')), '$LATEST carrying the run’s change')
    emu.emulator.faults.updateDelayMs = 100
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'guarded' })
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'guarded', MemorySize: 2048, Description: 'hotfix' }))
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'guarded' })
    const r = await cli(emu.endpoint, state, ['restore', 'guarded', '--json'])
    expect(r.code).toBe(0)
    const left = JSON.parse(r.stdout) as RestoreResult
    expect(validateSchema(left, schema)).toEqual([])
    const run = left.runs[0]!
    expect(run.configuration).toBe('left')
    expect(run.detail).toMatch(/someone else changed it since, so it was left as it is/)
    const after = await snapshot(emu.lambda, emu.emulator, 'guarded')
    expect(after.user).toMatchObject({ MemorySize: 2048, Description: 'hotfix', Environment: before.user.Environment, Timeout: before.user.Timeout })
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
    expect(journalFiles()).toEqual([])
  })
})

describe('a change by someone else during the run (RevisionId)', () => {
  it('stops the run without overwriting it: exit 4, their Timeout stays, the run’s aliases and versions are gone, no journal', async () => {
    emu.emulator.faults.updateDelayMs = 300
    let pid = 0
    const running = cli(emu.endpoint, state, ['sweep', 'guarded', '--memory', '128,512,1024', '--invocations', '2'], { onSpawn: (p) => (pid = p) })
    await until(async () => (((await latest()).Description ?? '').startsWith('lambda-tune run ')), '$LATEST carrying the run’s change')
    expect(pid).toBeGreaterThan(0)
    // someone else changes the timeout as soon as Lambda lets them (not while an update is in progress)
    await until(async () => {
      try {
        await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'guarded', Timeout: 9 }))
        return true
      } catch (err) {
        if ((err as Error).name !== 'ResourceConflictException') throw err
        return false
      }
    }, 'the other change to go through')
    const r = await running
    emu.emulator.faults.updateDelayMs = 100
    expect(r.code).toBe(4)
    expect(r.stderr.trim().split('\n')).toHaveLength(2) // the "sweeping guarded: run …" line, then the error
    expect(r.stderr).toMatch(/^Error: .*(changed by someone else|differs from before the run in Timeout)/m)
    await waitUntilFunctionUpdatedV2({ client: emu.lambda, minDelay: 0.1, maxWaitTime: 30 }, { FunctionName: 'guarded' })
    const after = await snapshot(emu.lambda, emu.emulator, 'guarded')
    expect(after.user).toEqual({ ...before.user, Timeout: 9 })
    expect(after.aliases).toEqual(before.aliases)
    expect(after.versions).toEqual(before.versions)
    expect(journalFiles()).toEqual([])
  })
})
