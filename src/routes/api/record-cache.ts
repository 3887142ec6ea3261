import { toRecord, type Verification } from '../../domain/verification.js'

/** Slots in the cache: a power of two, so a session's slot is its id's low bits. */
export const RECORD_CACHE_SLOTS = 1024

/**
 * The GET answer's JSON, serialised once per session version however often a merchant polls it.
 * Sessions are immutable values (every change saves a new object), so a slot holding this very
 * object holds its current JSON. The cache is direct-mapped by session id: bounded to
 * RECORD_CACHE_SLOTS strings whatever the store holds (a cache per session cost ~1 KB for each of
 * the 10,000 kept by default). A session polled again finds its JSON unless another session whose
 * id shares its slot (the same id modulo RECORD_CACHE_SLOTS) was read in between. A slot may keep
 * an old version alive until it is reused; it is never served, as every read goes through the store.
 */
export class RecordJsonCache {
  // Stryker disable next-line ArrayDeclaration: the size only preallocates; `new Array()` grows on write
  readonly #sessions: Array<Verification | undefined> = new Array(RECORD_CACHE_SLOTS)
  // Stryker disable next-line ArrayDeclaration: the size only preallocates; `new Array()` grows on write
  readonly #bodies: string[] = new Array(RECORD_CACHE_SLOTS)

  body (v: Verification): string {
    const slot = v.id & (RECORD_CACHE_SLOTS - 1)
    if (this.#sessions[slot] === v) return this.#bodies[slot]
    const body = JSON.stringify({ status: 200, result: toRecord(v) })
    this.#sessions[slot] = v
    this.#bodies[slot] = body
    return body
  }
}
