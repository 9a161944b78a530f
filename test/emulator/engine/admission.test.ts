import { describe, expect, test } from 'vitest'
import { Admission, BACKFILL_MS } from '../../../src/emulator/engine/admission.js'

describe('Admission', () => {
  test('a small share that fits starts before a large one at the head while the head is young (backfill)', async () => {
    let now = 0
    const admission = new Admission(1.5, () => now)
    expect(admission.tryAcquire(1.0)).toBe(true) // 1,769 MB running
    const order: string[] = []
    const large = admission.enqueue(1.5, 'large').granted.then(() => order.push('large'))
    const small = admission.enqueue(0.07, 'small').granted.then(() => order.push('small'))
    await small
    expect(order).toEqual(['small'])
    admission.release(0.07)
    admission.release(1.0)
    await large
    expect(order).toEqual(['small', 'large'])
  })

  test('once the head has waited BACKFILL_MS, the queue is first come, first served', async () => {
    let now = 0
    const admission = new Admission(1.5, () => now)
    expect(admission.tryAcquire(1.0)).toBe(true)
    const order: string[] = []
    const large = admission.enqueue(1.5).granted.then(() => order.push('large'))
    now = BACKFILL_MS
    const small = admission.enqueue(0.07).granted.then(() => order.push('small'))
    expect(admission.tryAcquire(0.07)).toBe(false)
    admission.release(1.0)
    await large
    expect(order).toEqual(['large'])
    admission.release(1.5)
    await small
    expect(order).toEqual(['large', 'small'])
  })
})
