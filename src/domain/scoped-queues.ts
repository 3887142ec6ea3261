/** The scope of an arm or a fault: one client's calls, or anyone's (null). */
export type Scope = string | null

interface Entry<T> {
  seq: number
  item: T
}

/**
 * Items waiting in one queue per client plus one for anyone, each with a cap of its own, so one
 * client filling its queue never stops another. A sequence number keeps the order across queues:
 * the oldest waiting item of several scopes is the one with the lowest number.
 */
export class ScopedQueues<T> {
  readonly #queues = new Map<Scope, Array<Entry<T>>>()
  #seq = 0
  #size = 0

  constructor (readonly cap: number) {}

  /** Items waiting in every scope. */
  get size (): number {
    return this.#size
  }

  count (scope: Scope): number {
    return this.#queues.get(scope)?.length ?? 0
  }

  isFull (scope: Scope): boolean {
    return this.count(scope) >= this.cap
  }

  push (scope: Scope, item: T): void {
    let queue = this.#queues.get(scope)
    if (queue === undefined) this.#queues.set(scope, queue = [])
    queue.push({ seq: ++this.#seq, item })
    this.#size++
  }

  /** Every item, oldest first, whatever its scope. */
  all (): T[] {
    return [...this.#queues.values()].flat().sort((a, b) => a.seq - b.seq).map(e => e.item)
  }

  /** The oldest item of these scopes that matches, or undefined. */
  oldest (scopes: readonly Scope[], matches: (item: T) => boolean = () => true): T | undefined {
    let found: Entry<T> | undefined
    for (const scope of scopes) {
      const entry = this.#queues.get(scope)?.find(e => matches(e.item))
      if (entry !== undefined && (found === undefined || entry.seq < found.seq)) found = entry
    }
    return found?.item
  }

  remove (scope: Scope, item: T): void {
    const queue = this.#queues.get(scope)
    // Stryker disable next-line UnaryOperator: the index is read only when the queue exists; without one the next line returns anyway
    const index = queue?.findIndex(e => e.item === item) ?? -1
    if (queue === undefined || index === -1) return
    queue.splice(index, 1)
    this.#size--
    if (queue.length === 0) this.#queues.delete(scope)
  }

  /** Forgets one scope's items (undefined: every scope's); returns how many. */
  clear (scope?: Scope): number {
    if (scope === undefined) {
      const n = this.#size
      this.#queues.clear()
      this.#size = 0
      return n
    }
    const n = this.count(scope)
    this.#queues.delete(scope)
    this.#size -= n
    return n
  }
}
