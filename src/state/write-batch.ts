/**
 * Writes that go to Redis together: every item added in one turn of the event loop is written by
 * one call at the turn's end (setImmediate), or at once when `maxItems` wait. Each add's promise
 * settles with that call. The journal's entries use it: one script per answer was a fifth of a
 * GET's CPU in Redis mode (perf, 2026-12-06), and under load several answers leave in one turn.
 * The order is kept: items are written in the order they were added, before any call made in a
 * later turn (a reader's request arrives in a later turn than the answer it follows).
 */
export class WriteBatch<T> {
  #open: { items: T[], resolve: () => void, reject: (err: unknown) => void, written: Promise<void> } | null = null

  constructor (
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly maxItems: number
  ) {}

  add (item: T): Promise<void> {
    let batch = this.#open
    if (batch === null) {
      let resolve!: () => void
      let reject!: (err: unknown) => void
      const written = new Promise<void>((resolve_, reject_) => { resolve = resolve_; reject = reject_ })
      batch = this.#open = { items: [], resolve, reject, written }
      setImmediate(() => { this.flush() })
    }
    batch.items.push(item)
    if (batch.items.length >= this.maxItems) this.flush()
    return batch.written
  }

  /** Writes what waits now: the call is made before this returns (before a connection is closed). */
  flush (): void {
    const batch = this.#open
    if (batch === null) return
    this.#open = null
    this.write(batch.items).then(() => { batch.resolve() }, batch.reject)
  }
}
