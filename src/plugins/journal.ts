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
  // Per-request notes, kept off the request object and gone with it.
  const started = new WeakMap<FastifyRequest, number>()
  const created = new WeakMap<FastifyRequest, string>()
  app.decorate('journal', journal)

  // Registered before faults and the rate limit, so `time` is when the call arrived.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.emulated !== null) started.set(request, app.clock.now())
    done()
  })

  // The create's answer, before it is serialised: the token the journal names.
  app.addHook('preSerialization', (request, reply, payload: unknown, done) => {
    if (request.emulated === 'create' && reply.statusCode === 200) {
      const token = (payload as { result?: { token?: unknown } } | null)?.result?.token
      if (typeof token === 'string') created.set(request, token)
    }
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.emulated
    if (route === null) return done()
    journal.add({
      time: started.get(request) ?? app.clock.now(),
      method: request.method,
      path: request.url.split('?')[0],
      route,
      clientId: route === 'page' ? null : header(request, 'client_id'),
      status: reply.statusCode,
      token: created.get(request) ?? tokenOf(request),
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    })
    done()
  })
}, { name: 'journal', dependencies: ['clock', 'emulated-route'] })
