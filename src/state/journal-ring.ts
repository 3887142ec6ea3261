import { MAX_JOURNAL, type JournalEntry } from './state.js'

/**
 * The recent emulated calls (API and page), newest first, at most MAX_JOURNAL of them: a ring, so
 * recording a call moves nothing (an `unshift` shifted all 200 entries on every call).
 */
export class JournalRing {
  // Stryker disable next-line ArrayDeclaration: the size only preallocates; an unwritten slot reads undefined either way
  #ring: Array<JournalEntry | undefined> = new Array(MAX_JOURNAL)
  /** Where the next entry goes; the newest is just before it. */
  #next = 0
  #count = 0

  add (entry: JournalEntry): void {
    this.#ring[this.#next] = entry
    this.#next = (this.#next + 1) % MAX_JOURNAL
    if (this.#count < MAX_JOURNAL) this.#count++
  }

  list (clientId?: string, limit = MAX_JOURNAL): JournalEntry[] {
    const found: JournalEntry[] = []
    for (let i = 1; i <= this.#count && found.length < limit; i++) {
      const entry = this.#ring[(this.#next - i + MAX_JOURNAL) % MAX_JOURNAL] as JournalEntry
      if (clientId === undefined || entry.clientId === clientId) found.push(entry)
    }
    return found
  }

  clear (clientId?: string): number {
    const kept = clientId === undefined ? [] : this.list().filter(e => e.clientId !== clientId)
    const removed = this.#count - kept.length
    // Stryker disable next-line ArrayDeclaration: the size only preallocates; an unwritten slot reads undefined either way
    this.#ring = new Array(MAX_JOURNAL)
    this.#next = 0
    this.#count = 0
    for (let i = kept.length - 1; i >= 0; i--) this.add(kept[i])
    return removed
  }
}
