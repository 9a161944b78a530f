import { describe, expect, test } from 'vitest'
import { Admission } from '../../../src/emulator/engine/admission.js'

/** an admission control on a clock the test moves, with the order in which reservations were granted */
function setup(capacity: number) {
  const clock = { now: 0 }
  const admission = new Admission(capacity, () => clock.now)
  const order: string[] = []
  const ask = (name: string, share: number, expectedMs: number) => {
    const ticket = admission.enqueue(share, expectedMs, name)
    return ticket.granted.then((r) => {
      order.push(name)
      return r
    })
  }
  return { clock, admission, order, ask }
}

describe('Admission', () => {
  test('grants at once what fits while nobody waits, and never more than the capacity', async () => {
    const { admission, ask } = setup(1.5)
    const a = await ask('1769', 1.0, 50)
    await ask('512', 0.29, 100)
    expect(admission.inUse).toBeCloseTo(1.29)
    const c = ask('1024', 0.58, 100) // 1.29 + 0.58 > 1.5: it waits
    expect(admission.waiting).toBe(1)
    admission.release(a)
    await c
    expect(admission.inUse).toBeCloseTo(0.29 + 0.58)
    expect(admission.peak).toBeCloseTo(1.29)
    expect(admission.waited).toBe(1)
  })

  test('a small reservation passes a large head when it is expected to end before the head can start (backfill)', async () => {
    const { admission, order, ask } = setup(1.5)
    const running = await ask('128', 0.07, 500) // the head can start in 500 ms at the earliest
    const large = ask('3008', 1.5, 50)
    const small = await ask('1769', 1.0, 50) // fits now and ends long before: it goes first
    expect(order).toEqual(['128', '1769'])
    admission.release(small)
    admission.release(running)
    await large
    expect(order).toEqual(['128', '1769', '3008'])
  })

  test('a reservation that would delay the head waits its turn, however small', async () => {
    const { admission, order, ask, clock } = setup(1.5)
    const a = await ask('1769', 1.0, 50)
    const large = ask('3008', 1.5, 50)
    const small = ask('128', 0.07, 500) // fits, but would hold the head back by 450 ms
    await Promise.resolve()
    expect(order).toEqual(['1769'])
    clock.now = 50
    admission.release(a)
    const l = await large
    expect(order).toEqual(['1769', '3008'])
    admission.release(l)
    await small
    expect(order).toEqual(['1769', '3008', '128'])
  })

  test('cores the head leaves over at its start can be backfilled for any length', async () => {
    const { admission, order, ask } = setup(1.5)
    const a = await ask('1769', 1.0, 100)
    const b = await ask('256', 0.15, 1000) // still running when the head starts: 1.5 - 1.0 - 0.15 = 0.35 spare
    const head = ask('1024', 1.0, 50)
    const c = await ask('512', 0.29, 5000) // fits in the spare 0.35 for as long as it likes
    const d = ask('128', 0.07, 5000) // the spare is taken: it waits
    await Promise.resolve()
    expect(order).toEqual(['1769', '256', '512'])
    admission.release(a)
    await head
    expect(order).toEqual(['1769', '256', '512', '1024'])
    admission.release(c)
    await d
    admission.release(b)
  })

  test('an overdue reservation counts as ending now: nothing long passes the head behind it', async () => {
    const { admission, order, ask, clock } = setup(1.0)
    const a = await ask('a', 1.0, 100)
    clock.now = 200 // a overruns its estimate
    const head = ask('head', 1.0, 10)
    const later = ask('later', 0.1, 10)
    await Promise.resolve()
    expect(order).toEqual(['a'])
    admission.release(a)
    const h = await head
    admission.release(h)
    await later
    expect(order).toEqual(['a', 'head', 'later'])
  })

  test('a cancelled place frees the queue; a warm holder can announce its next run', async () => {
    const { admission, order, ask, clock } = setup(1.0)
    const a = await ask('a', 1.0, 100)
    const ticket = admission.enqueue(1.0, 10, 'gone')
    const next = ask('next', 0.5, 10)
    expect(ticket.cancel()).toBe(true)
    expect(admission.waiting).toBe(1)
    admission.expect(a, 1000)
    clock.now = 500 // a is expected to run until 1,000: still no room
    admission.release(a)
    await next
    expect(order).toEqual(['a', 'next'])
  })
})

describe('Admission.mayGoOn', () => {
  test('a warm holder goes on without asking again only when that does not hold back the head', async () => {
    const { admission, ask } = setup(1.5)
    const small = await ask('128', 0.07, 500)
    expect(admission.mayGoOn(small, 500, '128')).toBe(true) // nobody waits
    void ask('3008', 1.5, 50)
    expect(admission.mayGoOn(small, 500, '128')).toBe(false) // the head needs every core: 128 gives its share back
    // while 128 runs (expected until 500 ms), a 10 ms invoke ends before the head could start: it passes
    await ask('1769', 1.0, 10)
    expect(admission.inUse).toBeCloseTo(1.07)
  })

  test('a holder whose cores alone keep the head waiting gives them back, however soon others end', async () => {
    const { admission, ask } = setup(1.5)
    await ask('256', 0.15, 1000)
    const holder = await ask('128', 0.07, 500)
    void ask('big', 1.3, 50) // 0.15 + 0.07 + 1.3 > 1.5, but 0.15 + 1.3 fits: the head could start as soon as 128 yields
    expect(admission.mayGoOn(holder, 500, '128')).toBe(false)
  })

  test('the head of the queue itself goes on', async () => {
    const { admission, ask } = setup(1.0)
    const a = await ask('a', 1.0, 100)
    void ask('a', 1.0, 100)
    expect(admission.mayGoOn(a, 100, 'a')).toBe(true)
  })
})
