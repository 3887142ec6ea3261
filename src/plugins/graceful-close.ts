import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * While the sandbox closes, every answer says `Connection: close`, so each keep-alive connection
 * ends with its last response and `close()` resolves as soon as the last request is answered.
 * Fastify itself closes the idle ones at once (forceCloseConnections: 'idle') and marks requests
 * arriving after the close began; this covers the ones already in flight (a latency fault).
 */
export default fp(function gracefulClosePlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  // Stryker disable next-line BooleanLiteral: killed by test/ship/shutdown.test.ts (runs the built CLI, outside the run)
  let closing = false
  // Stryker disable next-line BooleanLiteral: killed by test/ship/shutdown.test.ts (runs the built CLI, outside the run)
  app.addHook('preClose', (next) => { closing = true; next() })
  app.addHook('onSend', (_request, reply, payload, next) => {
    // Stryker disable next-line ConditionalExpression,StringLiteral: killed by test/ship/shutdown.test.ts (runs the built CLI, outside the run)
    if (closing) reply.header('connection', 'close')
    next(null, payload)
  })
  // Stryker disable ObjectLiteral,StringLiteral: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'graceful-close'
  done()
}, { name: 'graceful-close' })
