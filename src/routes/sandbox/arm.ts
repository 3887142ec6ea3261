import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import type { Arm } from '../../plugins/arming.js'
import { ArmBody, ArmView, ClientQuery, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'
import { knownScenario } from './scenarios.js'

function armView (arm: Arm): Static<typeof ArmView> {
  return { scenario: arm.scenario.name, client_id: arm.clientId, remaining: arm.remaining }
}

export default async function armRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.post('/arm', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Arm the next sessions (optionally one client\'s) with a scenario',
      description: 'The next `count` sessions created (by `client_id`, or by anyone) carry the scenario and finish as soon as their page is opened (303 at once). ' +
        'An X-Sandbox-Scenario header on the create request wins over an arm; an arm wins over DEFAULT_SCENARIO. Arms are used oldest first, ' +
        'each by the next session it fits (document kind, type, a face step when its face attempts fail): other sessions pass it by, unarmed.',
      body: ArmBody,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(ArmView, [422])
    }
  }, async (request) => {
    const { scenario, client_id: clientId, count } = request.body
    const arm = await app.arming.arm(knownScenario(app, scenario), clientId ?? null, count ?? 1)
    return { status: 200 as const, result: armView(arm) }
  })

  app.get('/arm', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'The arms still waiting, in the order they will be used',
      response: sandboxResponses(Type.Array(ArmView))
    }
  }, async () => ({ status: 200 as const, result: (await app.arming.arms()).map(armView) }))

  app.delete('/arm', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'Cancel waiting arms (optionally only those scoped to one client)',
      description: 'With client_id: only the arms for that client; arms for any client stay. Sessions already armed keep their scenario.',
      querystring: ClientQuery,
      // Stryker disable next-line ArrayDeclaration: sandboxResponses adds 422 to every control-plane route anyway
      response: sandboxResponses(Type.Object({ arms: Type.Integer({ description: 'How many were cancelled' }) }), [422])
    }
  }, async (request) => ({ status: 200 as const, result: { arms: await app.arming.clear(request.query.client_id) } }))
}
