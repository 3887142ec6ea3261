/**
 * One client's tokens, oldest first, from `head` on (a queue without shifting the array), and its
 * neighbours among the clients holding as many sessions (a list in the order they got there).
 */
interface Holder {
  clientId: string
  tokens: string[]
  head: number
  prev: Holder | undefined
  next: Holder | undefined
}

const size = (h: Holder): number => h.tokens.length - h.head

/**
 * Which session goes when the store is full: the oldest one of the client holding the most, so a
 * load test by one team evicts its own sessions and never the one a tester of another team is
 * looking at. Among clients holding equally many, the one that reached that count first.
 * Every operation is O(1) (clients are kept in lists by how many sessions they hold), except
 * forgetting a client, which may walk down the empty counts. Moving a client between lists
 * allocates nothing: past the bound every create moves one client up and one down.
 */
export class FairEviction {
  readonly #holders = new Map<string, Holder>()
  /** Index n: the first and the last client holding exactly n sessions (undefined when none). */
  // Stryker disable next-line ArrayDeclaration: index 0 of an empty list reads undefined as `[undefined]` does
  #firsts: Array<Holder | undefined> = [undefined]
  // Stryker disable next-line ArrayDeclaration: index 0 of an empty list reads undefined as `[undefined]` does
  #lasts: Array<Holder | undefined> = [undefined]
  #most = 0

  /** How many sessions the client holds. */
  count (clientId: string): number {
    const h = this.#holders.get(clientId)
    return h === undefined ? 0 : size(h)
  }

  add (clientId: string, token: string): void {
    let h = this.#holders.get(clientId)
    if (h === undefined) this.#holders.set(clientId, h = { clientId, tokens: [], head: 0, prev: undefined, next: undefined })
    else this.#unlink(h, size(h))
    h.tokens.push(token)
    const n = size(h)
    this.#append(h, n)
    if (n > this.#most) this.#most = n
  }

  /** Removes and returns the token to evict; undefined when nothing is held. */
  takeVictim (): string | undefined {
    const h = this.#firsts[this.#most]
    if (h === undefined) return undefined
    this.#unlink(h, this.#most)
    const token = h.tokens[h.head++]
    const n = size(h)
    // Stryker disable next-line BlockStatement: an emptied holder kept: count() is 0 either way, and its next add() unlinks it from no list; memory only
    if (n === 0) {
      this.#holders.delete(h.clientId)
    } else {
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: when the array compacts: the tokens come out in the same order either way; memory only
      if (h.head > 1024 && h.head * 2 > h.tokens.length) {
        h.tokens = h.tokens.slice(h.head)
        h.head = 0
      }
      this.#append(h, n)
    }
    // The client moved one count down, so that count is held unless it is 0.
    if (this.#firsts[this.#most] === undefined) this.#most--
    return token
  }

  /** Forgets a client's sessions (its state was reset). */
  removeClient (clientId: string): void {
    const h = this.#holders.get(clientId)
    if (h === undefined) return
    this.#unlink(h, size(h))
    this.#holders.delete(clientId)
    while (this.#most > 0 && this.#firsts[this.#most] === undefined) this.#most--
  }

  clear (): void {
    this.#holders.clear()
    // Stryker disable next-line ArrayDeclaration: index 0 of an empty list reads undefined as `[undefined]` does
    this.#firsts = [undefined]
    // Stryker disable next-line ArrayDeclaration: index 0 of an empty list reads undefined as `[undefined]` does
    this.#lasts = [undefined]
    this.#most = 0
  }

  #unlink (h: Holder, n: number): void {
    if (h.prev === undefined) this.#firsts[n] = h.next
    else h.prev.next = h.next
    if (h.next === undefined) this.#lasts[n] = h.prev
    else h.next.prev = h.prev
    h.prev = undefined
    h.next = undefined
  }

  #append (h: Holder, n: number): void {
    const last = this.#lasts[n]
    h.prev = last
    if (last === undefined) this.#firsts[n] = h
    else last.next = h
    this.#lasts[n] = h
  }
}
