/**
 * Admission control: the CPU shares of the environments that are running never add up to more than the host's
 * cores, so each one gets its full share (as on Lambda, where neighbours never slow a function down). An invoke whose
 * share does not fit waits before it starts; that wait is not part of its Duration.
 *
 * The queue is served first come, first served, with EASY backfilling (as batch schedulers do): the longest-waiting
 * reservation (the head) is due to start when enough of the running ones have ended, going by how long each is
 * expected to run; a later one that fits now may start first if it is expected to end by then, or if it fits in the
 * cores the head will leave over. So a 128 MB invoke (0.07 of a core) does not idle behind a 3,008 MB one that waits
 * for a core and a half, and the 3,008 MB one is not held back by the small ones that pass it.
 */
const EPSILON = 1e-9

/** cores held by an environment, and when it is expected to give them back */
export interface Reservation {
  readonly share: number
  /** expected end of what it runs now (ms on the admission's clock); past when it overruns or is between invokes */
  until: number
}

/** when the head of the queue is due to start, and the cores left over beside it then */
interface Shadow {
  start: number
  spare: number
}

interface Waiter {
  share: number
  expectedMs: number
  tag?: string
  grant: (r: Reservation) => void
}

export interface Ticket {
  granted: Promise<Reservation>
  /** gives up the place in the queue; false when the reservation was granted already (then release it) */
  cancel: () => boolean
}

export class Admission {
  private used = 0
  private readonly running = new Set<Reservation>()
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

  /**
   * A reservation of `share` cores (at most the capacity) for something expected to run `expectedMs`: granted at
   * once when it fits and nobody waits, else when the queue order and backfilling let it.
   */
  enqueue(share: number, expectedMs: number, tag?: string): Ticket {
    const s = Math.min(share, this.capacity)
    if (this.queue.length === 0 && this.fits(s)) {
      const r = this.grant(s, expectedMs)
      return { granted: Promise.resolve(r), cancel: () => false }
    }
    let waiter: Waiter | undefined
    const granted = new Promise<Reservation>((resolve) => {
      waiter = { share: s, expectedMs, grant: resolve, ...(tag === undefined ? {} : { tag }) }
      this.queue.push(waiter)
    })
    this.drain()
    if (this.queue.includes(waiter!)) this.waited++
    const cancel = (): boolean => {
      const i = this.queue.indexOf(waiter!)
      if (i < 0) return false
      this.queue.splice(i, 1)
      this.drain()
      return true
    }
    return { granted, cancel }
  }

  /** the holder starts something else expected to run `expectedMs` (a warm environment's next invoke) */
  expect(r: Reservation, expectedMs: number): void {
    r.until = this.now() + expectedMs
  }

  /**
   * Whether the holder of `r` may go on to run something else for `expectedMs` without giving its cores back first:
   * as if it released them and asked again. Without this, a sequential caller that comes back before its
   * environment is frozen would keep its cores for good and starve the head of the queue.
   */
  mayGoOn(r: Reservation, expectedMs: number, tag?: string): boolean {
    const head = this.queue[0]
    if (!head || (tag !== undefined && head.tag === tag)) return true
    const now = this.now()
    // its own cores are in use already, so it fits: only the head's start and spare cores decide
    const shadow = this.shadow(head.share, now, r)
    return this.endsInTime(expectedMs, now, shadow) || r.share <= shadow.spare + EPSILON
  }

  /** gives the cores back; a reservation released already (or let go by clear) is ignored */
  release(r: Reservation): void {
    if (!this.running.delete(r)) return
    this.used = Math.max(0, this.used - r.share)
    if (this.used < EPSILON) this.used = 0
    this.drain()
  }

  /** lets every waiter go (the engine is stopping: they find it stopped and give up) */
  clear(): void {
    for (const w of this.queue.splice(0)) w.grant({ share: 0, until: 0 })
    this.running.clear()
    this.used = 0
  }

  /** the tag of the longest-waiting reservation */
  headTag(): string | undefined {
    return this.queue[0]?.tag
  }

  private endsInTime(expectedMs: number, now: number, shadow: Shadow): boolean {
    return now + expectedMs <= shadow.start
  }

  private fits(share: number): boolean {
    return this.used + share <= this.capacity + EPSILON
  }

  private grant(share: number, expectedMs: number): Reservation {
    const r: Reservation = { share, until: this.now() + expectedMs }
    this.running.add(r)
    this.used += share
    this.peak = Math.max(this.peak, this.used)
    return r
  }

  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.share)) {
      const head = this.queue.shift()!
      head.grant(this.grant(head.share, head.expectedMs))
    }
    const head = this.queue[0]
    if (!head) return
    const now = this.now()
    const shadow = this.shadow(head.share, now)
    for (let i = 1; i < this.queue.length; ) {
      const w = this.queue[i]!
      const inTime = this.endsInTime(w.expectedMs, now, shadow)
      if (this.fits(w.share) && (inTime || w.share <= shadow.spare + EPSILON)) {
        // what still runs when the head starts takes from the cores left over beside it
        if (!inTime) shadow.spare -= w.share
        this.queue.splice(i, 1)
        w.grant(this.grant(w.share, w.expectedMs))
      } else {
        i++
      }
    }
  }

  /**
   * When the head can start, going by the running reservations' expected ends (an overdue one counts as ending
   * now), and the cores left over beside it then.
   */
  private shadow(share: number, now: number, without?: Reservation): Shadow {
    const ends = [...this.running].filter((r) => r !== without).sort((a, b) => a.until - b.until)
    let used = this.used - (without?.share ?? 0)
    // without the holder of `without`, the head may fit at once
    if (used + share <= this.capacity + EPSILON) return { start: now, spare: this.capacity - share - used }
    for (const r of ends) {
      used -= r.share
      if (used + share <= this.capacity + EPSILON) return { start: Math.max(now, r.until), spare: this.capacity - share - used }
    }
    return { start: now, spare: 0 }
  }
}
