import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/**
 * While the sandbox closes, every answer says `Connection: close`, so each keep-alive connection
 * ends with its last response and `close()` resolves as soon as the last request is answered.
 * Fastify itself closes the idle ones at once (forceCloseConnections: 'idle') and marks requests
 * arriving after the close began; this covers the ones already in flight (a latency fault).
 */
export default fp(function gracefulClosePlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  let closing = false
  app.addHook('preClose', (next) => { closing = true; next() })
  app.addHook('onSend', (_request, reply, payload, next) => {
    if (closing) reply.header('connection', 'close')
    next(null, payload)
  })
  done()
}, { name: 'graceful-close' })
