import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'

export interface RateLimitOptions {
  /** RATE_LIMIT_PER_MINUTE; off when null. */
  perMinute: number | null
}

/** Production counts per API key: the client the call authenticated as. */
function keyOf (request: FastifyRequest): string {
  return `client:${(request.client as { clientId: string }).clientId}`
}

/**
 * The production rate limit on the two API endpoints together, per client, in real one-minute
 * windows (the sandbox clock does not move them). It counts authenticated calls only: it runs
 * after authentication (the API routes' onRequest hook), so a call with a wrong secret is a 401
 * that costs the real client nothing.
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
  // preParsing: the first hook after every onRequest hook, the routes' authentication included.
  app.addHook('preParsing', async function (request, reply) {
    if (request.emulated === 'create' || request.emulated === 'get') await limit.call(this, request, reply)
  })
}, { name: 'rate-limit', dependencies: ['emulated-route'] })
