/** One client's tokens, oldest first, from `head` on (a queue without shifting the array). */
interface Queue {
  tokens: string[]
  head: number
}

const size = (q: Queue): number => q.tokens.length - q.head

/**
 * Which session goes when the store is full: the oldest one of the client holding the most, so a
 * load test by one team evicts its own sessions and never the one a tester of another team is
 * looking at. Among clients holding equally many, the one that reached that count first.
 * Every operation is O(1) (clients are kept in buckets by how many sessions they hold), except
 * forgetting a client, which may walk down the empty buckets.
 */
export class FairEviction {
  readonly #queues = new Map<string, Queue>()
  /** count -> the clients holding exactly that many sessions, in the order they got there. */
  readonly #buckets = new Map<number, Set<string>>()
  #most = 0

  /** How many sessions the client holds. */
  count (clientId: string): number {
    const q = this.#queues.get(clientId)
    return q === undefined ? 0 : size(q)
  }

  add (clientId: string, token: string): void {
    let q = this.#queues.get(clientId)
    if (q === undefined) this.#queues.set(clientId, q = { tokens: [], head: 0 })
    q.tokens.push(token)
    const n = size(q)
    this.#move(clientId, n - 1, n)
    if (n > this.#most) this.#most = n
  }

  /** Removes and returns the token to evict; undefined when nothing is held. */
  takeVictim (): string | undefined {
    const clientId = this.#buckets.get(this.#most)?.values().next().value
    if (clientId === undefined) return undefined
    const q = this.#queues.get(clientId) as Queue
    const token = q.tokens[q.head++]
    const n = size(q)
    if (n === 0) {
      this.#queues.delete(clientId)
    } else if (q.head > 1024 && q.head * 2 > q.tokens.length) {
      q.tokens = q.tokens.slice(q.head)
      q.head = 0
    }
    this.#move(clientId, n + 1, n)
    // The client moved one bucket down, so that bucket is not empty unless it is bucket 0.
    if (!this.#buckets.has(this.#most)) this.#most--
    return token
  }

  /** Forgets a client's sessions (its state was reset). */
  removeClient (clientId: string): void {
    const n = this.count(clientId)
    if (n === 0) return
    this.#queues.delete(clientId)
    this.#move(clientId, n, 0)
    while (this.#most > 0 && !this.#buckets.has(this.#most)) this.#most--
  }

  clear (): void {
    this.#queues.clear()
    this.#buckets.clear()
    this.#most = 0
  }

  #move (clientId: string, from: number, to: number): void {
    if (from > 0) {
      const bucket = this.#buckets.get(from) as Set<string>
      bucket.delete(clientId)
      if (bucket.size === 0) this.#buckets.delete(from)
    }
    if (to > 0) {
      let bucket = this.#buckets.get(to)
      if (bucket === undefined) this.#buckets.set(to, bucket = new Set())
      bucket.add(clientId)
    }
  }
}
