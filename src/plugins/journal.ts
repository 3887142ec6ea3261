import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RouteName } from './emulated-route.js'

export interface JournalEntry {
  time: number
  method: string
  path: string
  route: RouteName
  clientId: string | null
  status: number
  token: string | null
  durationMs: number
  /** Why the sandbox answered as it did, when the answer does not say (a 401's reason). */
  note: string | null
}

export const MAX_JOURNAL = 200

/**
 * The recent emulated calls (API and page), newest first, at most MAX_JOURNAL of them: a ring, so
 * recording a call moves nothing (an `unshift` shifted all 200 entries on every call).
 */
export class Journal {
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
    this.#ring = new Array(MAX_JOURNAL)
    this.#next = 0
    this.#count = 0
    for (let i = kept.length - 1; i >= 0; i--) this.add(kept[i])
    return removed
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    journal: Journal
  }
  interface FastifyRequest {
    /** What the journal entry of this call should add (set by authentication on a 401). */
    journalNote: string | null
  }
}

function header (request: FastifyRequest, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : null
}

/** The session a call is about: the path's token, the page's ?token= (or form field), or the one a create returned. */
function tokenOf (request: FastifyRequest): string | null {
  for (const source of [request.params, request.query, request.body]) {
    const token = (source as { token?: unknown } | null | undefined)?.token
    if (typeof token === 'string' && token !== '') return token
  }
  return null
}

export default fp(async function journalPlugin (app: FastifyInstance) {
  const journal = new Journal()
  app.decorate('journal', journal)
  app.decorateRequest('journalNote', null)

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.emulated
    if (route === null) return done()
    journal.add({
      time: request.arrivedAt,
      method: request.method,
      path: request.url.split('?')[0],
      route,
      clientId: route === 'page' ? null : header(request, 'client_id'),
      status: reply.statusCode,
      token: request.sessionToken ?? tokenOf(request),
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      note: request.journalNote
    })
    done()
  })
}, { name: 'journal', dependencies: ['clock', 'emulated-route'] })
