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
}

export const MAX_JOURNAL = 200

/** The recent emulated calls (API and page), newest first, at most MAX_JOURNAL of them. */
export class Journal {
  #entries: JournalEntry[] = []

  add (entry: JournalEntry): void {
    this.#entries.unshift(entry)
    if (this.#entries.length > MAX_JOURNAL) this.#entries.length = MAX_JOURNAL
  }

  list (clientId?: string, limit = MAX_JOURNAL): JournalEntry[] {
    const entries = clientId === undefined ? this.#entries : this.#entries.filter(e => e.clientId === clientId)
    return entries.slice(0, limit)
  }

  clear (clientId?: string): number {
    const before = this.#entries.length
    this.#entries = clientId === undefined ? [] : this.#entries.filter(e => e.clientId !== clientId)
    return before - this.#entries.length
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    journal: Journal
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
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    })
    done()
  })
}, { name: 'journal', dependencies: ['clock', 'emulated-route'] })
