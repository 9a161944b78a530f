/**
 * Admission control: the CPU shares of the environments that are running never add up to more than the host's
 * cores, so each one gets its full share (as on Lambda, where neighbours never slow a function down). An invoke whose
 * share does not fit waits, first come first served, before it starts; that wait is not part of its Duration.
 */
const EPSILON = 1e-9

interface Waiter {
  share: number
  resolve: () => void
  tag?: string
  since: number
}

/**
 * For this long a large reservation at the head of the queue lets smaller ones that fit start before it (backfill):
 * a 128 MB invoke needs 0.07 of a core and should not idle behind a 3,008 MB one that waits for a whole core and a
 * half. After it the queue is strictly first come, first served, so the large one waits at most this long plus the
 * rest of what is running.
 */
export const BACKFILL_MS = 500

export class Admission {
  private used = 0
  private readonly queue: Waiter[] = []
  /** the most cores ever reserved at once */
  peak = 0
  /** how many reservations had to wait */
  waited = 0

  constructor(
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** cores in use by running environments */
  get inUse(): number {
    return this.used
  }

  get waiting(): number {
    return this.queue.length
  }

  /** resolves when `share` cores are reserved; synchronous (returns true) when they are free right away */
  tryAcquire(share: number): boolean {
    const s = Math.min(share, this.capacity)
    if ((this.queue.length === 0 || this.backfilling()) && this.used + s <= this.capacity + EPSILON) {
      this.used += s
      this.peak = Math.max(this.peak, this.used)
      return true
    }
    return false
  }

  acquire(share: number): Promise<void> {
    return this.enqueue(share).granted
  }

  /** a place in the queue that can be given up; cancel() is false when the share was granted already */
  enqueue(share: number, tag?: string): { granted: Promise<void>; cancel: () => boolean } {
    if (this.tryAcquire(share)) return { granted: Promise.resolve(), cancel: () => false }
    this.waited++
    let waiter: Waiter | undefined
    const granted = new Promise<void>((resolve) => {
      waiter = { share: Math.min(share, this.capacity), resolve, since: this.now(), ...(tag === undefined ? {} : { tag }) }
      this.queue.push(waiter)
    })
    const cancel = (): boolean => {
      const i = this.queue.indexOf(waiter!)
      if (i < 0) return false
      this.queue.splice(i, 1)
      this.drain()
      return true
    }
    return { granted, cancel }
  }

  /** lets every waiter go (the engine is stopping: they find it stopped and give up) */
  clear(): void {
    const waiters = this.queue.splice(0)
    for (const w of waiters) w.resolve()
    this.used = 0
  }

  /** the tag of the longest-waiting reservation */
  headTag(): string | undefined {
    return this.queue[0]?.tag
  }

  release(share: number): void {
    this.used = Math.max(0, this.used - Math.min(share, this.capacity))
    if (this.used < EPSILON) this.used = 0
    this.drain()
  }

  private backfilling(): boolean {
    const head = this.queue[0]
    return head !== undefined && this.now() - head.since < BACKFILL_MS
  }

  private drain(): void {
    const backfill = this.backfilling()
    for (let i = 0; i < this.queue.length; ) {
      const waiter = this.queue[i]!
      if (this.used + waiter.share > this.capacity + EPSILON) {
        if (!backfill) return
        i++
        continue
      }
      this.queue.splice(i, 1)
      this.used += waiter.share
      this.peak = Math.max(this.peak, this.used)
      waiter.resolve()
    }
  }
}
