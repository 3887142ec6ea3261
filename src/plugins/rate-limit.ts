import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RedisState } from '../state/redis.js'
import { legacyRateLimitHeaders, RateLimitedError } from './rate-limit-answer.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts an authenticated API call against its client's limit (a 429 when over); null when RATE_LIMIT_PER_MINUTE is off. */
    countCall: ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | null
  }
}

export interface RateLimitOptions {
  /** RATE_LIMIT_PER_MINUTE; off when null. */
  perMinute: number | null
}

/** Production counts per API key: the client the call authenticated as. */
function keyOf (request: FastifyRequest): string {
  return `client:${(request.client as { clientId: string }).clientId}`
}

/**
 * Calls under the limit carry express-rate-limit's headers too. @fastify/rate-limit wrote the
 * count and the seconds left in the window (rounded up) on every call it let through (its
 * `addHeadersOnExceeding`, all on by default); express-rate-limit's reset is a Unix time.
 */
function asExpressHeaders (reply: FastifyReply): void {
  const limit = reply.getHeader('x-ratelimit-limit')
  const remaining = reply.getHeader('x-ratelimit-remaining')
  const reset = reply.getHeader('x-ratelimit-reset')
  reply.headers(legacyRateLimitHeaders({ limit: Number(limit), remaining: Number(remaining), resetInMs: Number(reset) * 1000 }, Date.now()))
}

/**
 * The production rate limit on the two API endpoints together, per client, in real one-minute
 * windows (the sandbox clock does not move them). It counts authenticated calls only: the API
 * routes call it after authentication, so a call with a wrong secret is a 401 that costs the real
 * client nothing.
 */
export default fp(async function rateLimitPlugin (app: FastifyInstance, options: RateLimitOptions) {
  app.decorate('countCall', null)
  if (options.perMinute === null) return
  // The 429 and its headers are express-rate-limit's (rate-limit-answer.ts), written by the error handler.
  // With Redis, one count per client across every replica (the plugin's own Redis store).
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral,ObjectLiteral: `true` is equivalent (memory mode passes an undefined client: the plugin's local store); the rest drop the Redis store or its namespace, killed by test/redis/replicas.test.ts (the Redis pass, outside the run)
  const redis = app.state.backend === 'redis' ? { redis: (app.state as RedisState).client, nameSpace: `${app.config.redisPrefix}rate-limit:` } : {}
  await app.register(rateLimit, {
    ...redis,
    global: false,
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the limiter's own 429 headers switched on: the 429 (rate-limit-answer.ts) writes all four itself
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': false }
  })
  const limit = app.rateLimit({
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) => new RateLimitedError({ limit: context.max, remaining: 0, resetInMs: context.ttl })
  })
  // The API routes call it after authentication (routes/api.ts), before a client's fault.
  // Stryker disable ObjectLiteral,ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'rate-limit', and its dependencies are only checked on a wrong registration order (app.ts registers in order)
  app.countCall = async (request, reply) => {
    await limit.call(app, request, reply)
    asExpressHeaders(reply)
  }
}, { name: 'rate-limit', dependencies: ['state'] })
