import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { TAGS } from '../plugins/swagger.js'

export default async function healthRoutes (app: FastifyInstance) {
  app.get('/health', {
    schema: {
      tags: [TAGS.health],
      summary: 'Liveness: the process answers',
      response: { 200: Type.Object({ status: Type.Literal('ok'), sessions: Type.Integer() }) }
    }
  }, async () => ({ status: 'ok' as const, sessions: app.store.size }))
}
