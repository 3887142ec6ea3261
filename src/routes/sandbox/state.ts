import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Cleared, ClientQuery, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'

export default async function stateRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.delete('/state', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Forget sessions, arms, faults, the journal and bound secrets (optionally only one client\'s)',
      description: 'With client_id: that client\'s sessions, the arms and faults scoped to it, its journal entries and (open mode) the secret bound to it; ' +
        'arms and faults for any client stay. The clock is not touched (POST /_sandbox/clock {"reset": true}).',
      querystring: ClientQuery,
      response: sandboxResponses(Cleared, [422])
    }
  }, async (request) => {
    const clientId = request.query.client_id
    return {
      status: 200 as const,
      result: {
        verifications: app.store.clear(clientId),
        arms: app.arming.clear(clientId),
        faults: app.faults.clear(clientId),
        requests: app.journal.clear(clientId),
        secrets: app.credentials.forget(clientId)
      }
    }
  })
}
