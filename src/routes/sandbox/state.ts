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
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(Cleared, [422])
    }
  }, async (request) => {
    const clientId = request.query.client_id
    return {
      status: 200 as const,
      result: {
        verifications: await app.store.clear(clientId),
        arms: await app.arming.clear(clientId),
        faults: await app.faults.clear(clientId),
        requests: await app.state.clearJournal(clientId),
        secrets: await app.credentials.forget(clientId)
      }
    }
  })
}
