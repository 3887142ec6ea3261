import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { MAX_JOURNAL, type JournalEntry } from '../state/state.js'
import { singleHeader } from './emulated-route.js'

export { MAX_JOURNAL, type JournalEntry }

declare module 'fastify' {
  interface FastifyRequest {
    /** What the journal entry of this call should add (set by authentication on a 401). */
    journalNote: string | null
  }
}

/** The session a call is about: the path's token, the page's ?token= (or form field), or the one a create returned. */
function tokenOf (request: FastifyRequest): string | null {
  for (const source of [request.params, request.query, request.body]) {
    const token = (source as { token?: unknown } | null | undefined)?.token
    if (typeof token === 'string' && token !== '') return token
  }
  return null
}

/** The URL without its query (not split('?'), which cost about 0.7 % of the create → page → GET flow's CPU). */
function pathOf (url: string): string {
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

export default fp(async function journalPlugin (app: FastifyInstance) {
  app.decorateRequest('journalNote', null)

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.emulated
    if (route === null) return done()
    // Written as the answer leaves (every replica into one list, newest first); a state that is
    // away loses the entry, never the answer.
    const recorded = app.state.record({
      time: request.arrivedAt,
      method: request.method,
      path: pathOf(request.url),
      route,
      clientId: route === 'page' ? null : singleHeader(request, 'client_id'),
      status: reply.statusCode,
      token: request.sessionToken ?? tokenOf(request),
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      note: request.journalNote
    })
    // Stryker disable next-line ConditionalExpression,ArrowFunction,ObjectLiteral,StringLiteral: killed by test/ship/journal-log.test.ts (runs the built CLI, outside the run: no TypeError in memory mode, the warning and no unhandled rejection when Redis refuses an entry)
    if (recorded instanceof Promise) recorded.catch(err => request.log.warn({ err }, 'journal entry not recorded'))
    done()
  })
}, { name: 'journal', dependencies: ['clock', 'emulated-route', 'state'] })
