import { createHash } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { ApiError, ERRORS } from '../errors.js'

// Production's 429 is, most likely, express-rate-limit's default answer (README "Fidelity notes"):
// its default message as the whole body, sent by Express's `res.send`, with the library's default
// (legacy) headers. This module writes that answer byte for byte; test/sandbox/rate-limit-express
// compares it with the real library on a real Express server.

/** express-rate-limit's default `message`, which is MasChain's documented 429 text. */
export const TOO_MANY_REQUESTS_TEXT: string = ERRORS.TOO_MANY_REQUESTS.message

/** Production's documented limit: what an injected 429 reports when RATE_LIMIT_PER_MINUTE is off. */
export const PRODUCTION_LIMIT_PER_MINUTE = 400
export const WINDOW_MS = 60_000

/** Express's default weak ETag for a string body (the `etag` package: length in hex, SHA-1 base64). */
function weakEtag (body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27)
  return `W/"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash}"`
}
const ETAG = weakEtag(TOO_MANY_REQUESTS_TEXT)

/** Where a client stands in its window: what express-rate-limit's headers tell. */
export interface LimitState {
  limit: number
  remaining: number
  /** Milliseconds until the window resets. */
  resetInMs: number
}

/**
 * express-rate-limit's default headers (`legacyHeaders: true`; the IETF `RateLimit-*` ones are off
 * by default since its version 7): the reset is a Unix time in seconds, rounded up.
 */
export function legacyRateLimitHeaders (state: LimitState, now: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(Math.ceil((now + state.resetInMs) / 1000))
  }
}

/** A 429 from the limiter, carrying where the client stands, for the headers. */
export class RateLimitedError extends ApiError {
  constructor (readonly state: LimitState) {
    super('TOO_MANY_REQUESTS')
  }
}

/**
 * The 429 as express-rate-limit's default handler sends it: the rate-limit headers, Retry-After in
 * whole seconds, and the message alone as `text/html; charset=utf-8` with Express's ETag. Not the
 * JSON envelope: merchant code calling `res.json()` on a 429 fails here as it would in production.
 */
export function sendTooManyRequests (reply: FastifyReply, state: LimitState, now: number): FastifyReply {
  return reply.code(429)
    .headers(legacyRateLimitHeaders(state, now))
    .header('retry-after', String(Math.max(0, Math.ceil(state.resetInMs / 1000))))
    .header('content-type', 'text/html; charset=utf-8')
    .header('etag', ETAG)
    .send(TOO_MANY_REQUESTS_TEXT)
}

/** An injected 429 (a fault): a fresh window of the configured limit, or production's. */
export function injectedLimitState (perMinute: number | null): LimitState {
  return { limit: perMinute ?? PRODUCTION_LIMIT_PER_MINUTE, remaining: 0, resetInMs: WINDOW_MS }
}
