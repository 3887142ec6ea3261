import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'

export interface RateLimitOptions {
  /** RATE_LIMIT_PER_MINUTE; off when null. */
  perMinute: number | null
}

/** Production counts per API key: the client_id header, or the caller's address without one. */
function keyOf (request: FastifyRequest): string {
  const clientId = request.headers.client_id
  return typeof clientId === 'string' && clientId !== '' ? `client:${clientId}` : `ip:${request.ip}`
}

/**
 * The production rate limit on the two API endpoints together, per client, in real one-minute
 * windows (the sandbox clock does not move them). It runs first, before faults and authentication,
 * as a gateway in front of the service would.
 */
export default fp(async function rateLimitPlugin (app: FastifyInstance, options: RateLimitOptions) {
  if (options.perMinute === null) return
  await app.register(rateLimit, { global: false })
  const limit = app.rateLimit({
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    errorResponseBuilder: () => new ApiError('TOO_MANY_REQUESTS')
  })
  app.addHook('onRequest', async function (request, reply) {
    if (request.emulated === 'create' || request.emulated === 'get') await limit.call(this, request, reply)
  })
}, { name: 'rate-limit', dependencies: ['emulated-route'] })
