import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

export type RouteName = 'create' | 'get' | 'page'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which emulated surface this call is (route config `emulated`), null for the rest. */
    emulated: RouteName | null
  }
}

/**
 * Reads the route's `emulated` marker once per request. The journal, the rate limit and faults all
 * key on it, and Fastify builds a new `routeOptions` object on every read.
 */
export default fp(function emulatedRoutePlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  app.decorateRequest('emulated', null)
  app.addHook('onRequest', (request, _reply, next) => {
    request.emulated = request.routeOptions.config.emulated ?? null
    next()
  })
  done()
}, { name: 'emulated-route' })
