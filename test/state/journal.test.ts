import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isRunning, JournalStore, type RunJournal } from '../../src/state/journal.js'

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
