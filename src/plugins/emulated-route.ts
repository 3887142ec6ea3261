import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { CallStart, RouteName } from '../state/state.js'

export type { RouteName }

declare module 'fastify' {
  interface FastifyRequest {
    /** Which emulated surface this call is (route config `emulated`), null for the rest. */
    emulated: RouteName | null
    /** The sandbox clock when an emulated call arrived (epoch ms). */
    arrivedAt: number
    /** The session a call created, when the route knows it (the journal names it). */
    sessionToken: string | null
    /** What an emulated call's first step read from the state (null for other calls). */
    callStart: CallStart | null
  }
}

/** A header's single value; a repeated or empty header is none. */
export function singleHeader (request: FastifyRequest, name: string): string | null {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : null
}

/** Paths that never touch the state: liveness and the API documentation. */
const STATELESS = /^\/(health|documentation)(?=[/?]|$)/

/**
 * Reads the route's `emulated` marker once per request and takes the call's first step: one read
 * of the state (one round trip with Redis) giving the shared clock, whether faults or arms wait,
 * the open-mode secret check and, for a GET, the session itself; then a fault for any caller, if
 * one waits. Every other call (control plane, console) takes the shared clock. Faults, the
 * journal, authentication and the rate limit all key on the marker.
 */
export default fp(function emulatedRoutePlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  // Stryker disable next-line StringLiteral: the onRequest hook sets request.emulated first on every request, before anything reads it; the decoration only declares it
  app.decorateRequest('emulated', null)
  // Stryker disable next-line StringLiteral: the first step sets arrivedAt before the journal reads it; only a failed first step (Redis away) leaves it unset, and its entry is lost to the same outage
  app.decorateRequest('arrivedAt', 0)
  // Stryker disable next-line StringLiteral: read only as `request.sessionToken ?? tokenOf(request)`: undefined and null alike
  app.decorateRequest('sessionToken', null)
  // Stryker disable next-line StringLiteral: read only on emulated routes, whose first step sets it before the route runs
  app.decorateRequest('callStart', null)
  const openMode = app.config.clients === null

  // The first step's answer taken in; then a fault for any caller, when one waits, acts before
  // authentication (an outage answers whoever calls).
  const started = (request: FastifyRequest, route: RouteName, start: CallStart, next: (err?: Error) => void): void => {
    request.callStart = start
    app.clock.adopt(start.clockOffsetMs)
    request.arrivedAt = app.clock.now()
    if (start.anyFaults) return app.faults.playNext(request, route, null, next)
    next()
  }

  // A callback hook: with the state in memory, an emulated call costs no promise here.
  app.addHook('onRequest', (request, _reply, next) => {
    const emulated = request.routeOptions.config.emulated ?? null
    request.emulated = emulated
    if (emulated === null) {
      if (STATELESS.test(request.url)) return next()
      app.state.clockOffset().then(offset => { app.clock.adopt(offset); next() }, next)
      return
    }
    const clientId = emulated === 'page' ? null : singleHeader(request, 'client_id')
    let start: CallStart | Promise<CallStart>
    try {
      // Stryker disable BlockStatement: the catch below emptied: no backend's begin() throws synchronously (memory's cannot, Redis's is async)
      start = app.state.begin({
        route: emulated,
        clientId,
        secret: openMode && clientId !== null ? singleHeader(request, 'client_secret') : null,
        token: emulated === 'get' ? (request.params as { token?: string }).token ?? null : null
      })
    } catch (err) {
      // Stryker restore BlockStatement
      return next(err as Error)
    }
    if (!(start instanceof Promise)) return started(request, emulated, start, next)
    start.then(answer => { started(request, emulated, answer, next) }, next)
  })
  // Stryker disable ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): the dependencies are only checked on a wrong registration order (app.ts registers in order)
  done()
}, { name: 'emulated-route', dependencies: ['clock', 'state', 'faults'] })
