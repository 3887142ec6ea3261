import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { Fault } from '../../plugins/faults.js'
import { ClientQuery, FAULT_STATUSES, FaultBody, FaultView, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'

function faultView (f: Fault): Static<typeof FaultView> {
  return { route: f.route, status: f.status, latency_ms: f.latencyMs, client_id: f.clientId, remaining: f.remaining }
}

export default async function faultRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.post('/faults', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Make the next matching emulated calls fail or wait',
      description: `The next \`count\` calls to the route answer \`status\` (${FAULT_STATUSES.join(', ')}) in the real envelope, after \`latency_ms\` if given; ` +
        'with latency_ms alone they are only delayed. A fault for any caller acts before authentication; one with client_id acts only on calls authenticated as that client. ' +
        'On the page the error is rendered as the page renders errors. Faults are used oldest first.',
      body: FaultBody,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(FaultView, [422])
    }
  }, async (request) => ({ status: 200 as const, result: faultView(await app.faults.add(request.body)) }))

  app.get('/faults', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'The faults still waiting, oldest first',
      response: sandboxResponses(Type.Array(FaultView))
    }
  }, async () => ({ status: 200 as const, result: (await app.faults.list()).map(faultView) }))

  app.delete('/faults', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Forget waiting faults (optionally only one client\'s)',
      querystring: ClientQuery,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(Type.Object({ faults: Type.Integer({ description: 'How many were forgotten' }) }), [422])
    }
  }, async (request) => ({ status: 200 as const, result: { faults: await app.faults.clear(request.query.client_id) } }))
}
