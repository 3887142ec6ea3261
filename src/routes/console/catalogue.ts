import type { FastifyInstance } from 'fastify'
import { cataloguePage } from '../../html/console/catalogue.js'
import type { ScenarioEntry } from './control-plane.js'
import { HIDDEN, must, sendPage, type ConsoleKit } from './kit.js'

export default async function catalogueRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  app.get('/console/scenarios', HIDDEN, async (request, reply) => {
    const entries = must(await kit.control.sandbox<ScenarioEntry[]>('GET', '/scenarios'))
    return sendPage(reply, 200, cataloguePage(kit.page(request), entries, app.scenarios.all, app.config.facePassThreshold))
  })
}
