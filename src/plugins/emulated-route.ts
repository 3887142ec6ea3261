import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

export type RouteName = 'create' | 'get' | 'page'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which emulated surface this call is (route config `emulated`), null for the rest. */
    emulated: RouteName | null
    /** The sandbox clock when an emulated call arrived (epoch ms). */
    arrivedAt: number
    /** The session a call created, when the route knows it (the journal names it). */
    sessionToken: string | null
  }
}

/**
 * Reads the route's `emulated` marker once per request, and notes when the call arrived. The
 * journal, the rate limit and faults all key on it; Fastify builds a new `routeOptions` object on
 * every read, and each hook is a cost on every call.
 */
export default fp(function emulatedRoutePlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  app.decorateRequest('emulated', null)
  app.decorateRequest('arrivedAt', 0)
  app.decorateRequest('sessionToken', null)
  app.addHook('onRequest', (request, _reply, next) => {
    const emulated = request.routeOptions.config.emulated ?? null
    request.emulated = emulated
    if (emulated !== null) request.arrivedAt = app.clock.now()
    next()
  })
  done()
}, { name: 'emulated-route', dependencies: ['clock'] })
