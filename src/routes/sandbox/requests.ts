import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { toTimestamp } from '../../domain/clock.js'
import { MAX_JOURNAL } from '../../plugins/journal.js'
import { JournalEntry, JournalQuery, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'

export default async function requestRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/requests', {
    schema: {
      ...SANDBOX_DOCS,
      summary: `The journal: recent API and page calls, newest first (the last ${MAX_JOURNAL})`,
      description: '`time` is the sandbox clock when the call arrived; `client_id` is the header as sent; `token` is the session the call was about (for a create, the one it returned).',
      querystring: JournalQuery,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(Type.Array(JournalEntry), [422])
    }
  }, async (request) => {
    const limit = request.query.limit === undefined ? undefined : Number(request.query.limit)
    const entries = await app.state.journal(request.query.client_id, limit ?? MAX_JOURNAL)
    return {
      status: 200 as const,
      result: entries.map(e => ({
        time: toTimestamp(e.time),
        method: e.method,
        path: e.path,
        route: e.route,
        client_id: e.clientId,
        status: e.status,
        token: e.token,
        duration_ms: e.durationMs,
        note: e.note
      }))
    }
  })
}
