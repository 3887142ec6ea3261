import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { ApiError } from '../../errors.js'
import type { Scenario } from '../../schemas/scenario.js'
import { CatalogueEntry, ScenarioNameParams, sandboxResponses } from '../../schemas/sandbox.js'
import { SANDBOX_DOCS } from './docs.js'

export function catalogueEntry (s: Scenario): Static<typeof CatalogueEntry> {
  return {
    name: s.name,
    title: s.title,
    group: s.group,
    description: s.description ?? null,
    document: s.document ?? null,
    expire: s.expire === true,
    attempts: { ocr: s.ocr?.attempts ?? [], face: s.face?.attempts ?? [] }
  }
}

/** A catalogue scenario named in a request body; an unknown name is a 422 on that field. */
export function knownScenario (app: FastifyInstance, name: string): Scenario {
  const scenario = app.scenarios.get(name)
  if (scenario === undefined) {
    throw new ApiError('VALIDATION_FAILED', `Unknown scenario "${name}": GET /_sandbox/scenarios lists the catalogue.`, { scenario: [`Unknown scenario "${name}".`] })
  }
  return scenario
}

export default async function scenarioRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.get('/scenarios', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'The scenario catalogue, grouped as the page shows it',
      response: sandboxResponses(Type.Array(CatalogueEntry))
    }
  }, async () => ({ status: 200 as const, result: app.scenarios.all.map(catalogueEntry) }))

  app.get('/scenarios/:name', {
    schema: {
      ...SANDBOX_DOCS,
      summary: 'One scenario of the catalogue',
      params: ScenarioNameParams,
      response: sandboxResponses(CatalogueEntry, [404])
    }
  }, async (request) => {
    const scenario = app.scenarios.get(request.params.name)
    if (scenario === undefined) throw new ApiError('SCENARIO_NOT_FOUND', `Scenario "${request.params.name}" not found.`)
    return { status: 200 as const, result: catalogueEntry(scenario) }
  })
}
