import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { TAGS } from '../plugins/swagger.js'

export default async function healthRoutes (app: FastifyInstance) {
  app.get('/health', {
    schema: {
      tags: [TAGS.health],
      summary: 'Readiness: the process answers and its state (memory, or Redis) can be read and written',
      description: 'With REDIS_URL, 503 while Redis cannot be reached; it answers 200 again once Redis is back, without a restart.',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), sessions: Type.Integer(), state: Type.Union([Type.Literal('memory'), Type.Literal('redis')]) }),
        503: Type.Object({ status: Type.Literal('unavailable'), state: Type.Literal('redis'), message: Type.String() })
      }
    }
  }, async (_request, reply) => {
    const state = app.state
    if (await state.healthy()) {
      try {
        return { status: 'ok' as const, sessions: await state.sessionCount(), state: state.backend }
      } catch {}
    }
    return reply.code(503).send({ status: 'unavailable' as const, state: 'redis' as const, message: 'Redis cannot be reached; the sandbox answers 503 until it is back.' })
  })
}
