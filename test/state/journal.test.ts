import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isRunning, JournalStore, normalizeEndpoint, type RunJournal } from '../../src/state/journal.js'

function journal(over: Partial<RunJournal> = {}): RunJournal {
  return {
    journalVersion: 1,
    runId: 'r1',
    startedAt: '2026-11-26T10:00:00.000Z',
    pid: 1,
    target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' },
    functionName: 'f',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    original: { MemorySize: 128 },
    versions: [],
    aliases: [],
    phase: 'running',
    ...over,
  }
}

describe('JournalStore', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'lt-journal-'))

  it('keeps journals readable by the owner only', () => {
    const d = dir()
    new JournalStore(d).save(journal())
    expect(statSync(join(d, 'runs')).mode & 0o777).toBe(0o700)
    expect(statSync(join(d, 'runs', 'r1.json')).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(d, 'runs'))).toEqual(['r1.json'])
  })

  it('lists unfinished runs of one function on one target, oldest first', () => {
    const store = new JournalStore(dir())
    store.save(journal({ runId: 'b', startedAt: '2026-11-26T11:00:00.000Z' }))
    store.save(journal({ runId: 'a' }))
    store.save(journal({ runId: 'other-fn', functionName: 'g' }))
    store.save(journal({ runId: 'other-endpoint', target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:2' } }))
    store.save(journal({ runId: 'finished', phase: 'done' }))
    const found = store.unfinished({ functionName: 'f', endpoint: 'http://127.0.0.1:1' }).map((j) => j.runId)
    expect(found).toEqual(['a', 'b'])
  })

  it('forgets a run once removed, and an empty state folder has no runs', () => {
    const store = new JournalStore(dir())
    expect(store.unfinished()).toEqual([])
    store.save(journal())
    store.remove('r1')
    expect(store.unfinished()).toEqual([])
  })

  it('matches a run\'s endpoint however it is spelled: loopback names, trailing slash, default port', () => {
    const store = new JournalStore(dir())
    store.save(journal({ runId: 'a', target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:5055' } }))
    store.save(journal({ runId: 'aws', target: { region: 'us-east-1' } }))
    for (const spelling of ['http://localhost:5055', 'http://localhost:5055/', 'http://[::1]:5055', 'HTTP://LOCALHOST:5055//']) {
      expect(store.unfinished({ endpoint: spelling }).map((j) => j.runId), spelling).toEqual(['a'])
    }
    expect(store.unfinished({ endpoint: 'http://localhost:5056' })).toEqual([])
    expect(store.unfinished({ endpoint: undefined }).map((j) => j.runId)).toEqual(['aws'])
    expect(normalizeEndpoint('https://lambda.eu-west-1.amazonaws.com:443/')).toBe('https://lambda.eu-west-1.amazonaws.com')
    expect(normalizeEndpoint('http://example.com:80/x/')).toBe('http://example.com/x')
    expect(normalizeEndpoint('not a url/')).toBe('not a url')
    expect(normalizeEndpoint('')).toBeUndefined()
  })

  it('keeps what a finished run created in the history (no configuration), for reports to leave its traffic out', () => {
    const d = dir()
    const store = new JournalStore(d)
    store.save(journal({ runId: 'done', versions: ['3', '4'], aliases: ['lambda-tune-done-128'], original: { Environment: { Variables: { SECRET: 'x' } } } }))
    store.remove('done', new Date('2026-11-26T11:00:00.000Z'))
    expect(store.unfinished()).toEqual([])
    const [run] = store.history({ endpoint: 'http://localhost:1/' })
    expect(run).toEqual({
      runId: 'done', functionName: 'f', target: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' }, startedAt: '2026-11-26T10:00:00.000Z',
      finishedAt: '2026-11-26T11:00:00.000Z', versions: ['3', '4'], aliases: ['lambda-tune-done-128'],
    })
    expect(statSync(join(d, 'history', 'done.json')).mode & 0o777).toBe(0o600)
    expect(store.history({ endpoint: 'http://127.0.0.1:2' })).toEqual([])
    // CloudWatch keeps 455 days: older history is dropped when the next run finishes
    store.save(journal({ runId: 'later' }))
    store.remove('later', new Date('2028-03-01T00:00:00.000Z'))
    expect(store.history().map((r) => r.runId)).toEqual(['later'])
  })

  it('keeps no history of a canary: its versions served the alias\'s real traffic, which is production', () => {
    const store = new JournalStore(dir())
    const alias = { name: 'live', original: { functionVersion: '1', description: '', weights: {} } }
    store.save(journal({ runId: 'canary', versions: ['5'], alias }))
    store.remove('canary')
    expect(store.unfinished()).toEqual([])
    expect(store.history()).toEqual([])
  })
})

describe('isRunning', () => {
  it('is true for a live process on this machine, false for this process, a dead pid or another host', async () => {
    const { spawn } = await import('node:child_process')
    const { hostname } = await import('node:os')
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      expect(isRunning(journal({ pid: child.pid!, host: hostname() }))).toBe(true)
      expect(isRunning(journal({ pid: child.pid!, host: 'some-other-machine' }))).toBe(false)
      expect(isRunning(journal({ pid: process.pid }))).toBe(false)
    } finally {
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
    }
    expect(isRunning(journal({ pid: child.pid! }))).toBe(false)
  })
})
