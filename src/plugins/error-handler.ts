import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { ApiError, ERRORS, type ErrorEnvelope, type FieldErrors } from '../errors.js'
import { injectedLimitState, RateLimitedError, sendTooManyRequests } from './rate-limit-answer.js'

/** Turns any error into the real envelope. Framework errors get the sandbox's words for them. */
const REDIS_AWAY = /Stream isn't writeable|Connection is closed|ECONNREFUSED|ECONNRESET/

export function toApiError (err: FastifyError): ApiError {
  if (err instanceof ApiError) return err
  if (err.validation !== undefined) return schemaValidationError(err)
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new ApiError('UNSUPPORTED_MEDIA_TYPE')
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new ApiError('BODY_TOO_LARGE')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return new ApiError('MALFORMED_JSON', 'The request body is empty: send a JSON object.')
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return new ApiError('MALFORMED_JSON')
  }
  if (err instanceof SyntaxError) return new ApiError('MALFORMED_JSON')
  // Redis gone under the rate limiter's own store (the state's calls say so themselves).
  if (REDIS_AWAY.test(err.message ?? '') || err.name === 'MaxRetriesPerRequestError') return new ApiError('SERVICE_UNAVAILABLE')
  const status = err.statusCode ?? 500
  if (status === 429) return new ApiError('TOO_MANY_REQUESTS')
  if (status === 404) return new ApiError('ROUTE_NOT_FOUND')
  if (status >= 400 && status < 500) return new ApiError('BAD_REQUEST', badRequestMessage(err.message))
  return new ApiError('SERVER_ERROR')
}

/**
 * toApiError for the HTML surfaces, whose forms have a smaller limit of their own (`formLimit`
 * bytes) than the API's 1 MiB: a form over it is told its own limit.
 */
export function toPageError (err: FastifyError, contentType: string | undefined, formLimit: number): ApiError {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') === true) {
    return new ApiError('BODY_TOO_LARGE', `The form is too large (over ${formLimit / 1024} KiB).`)
  }
  return toApiError(err)
}

/** Framework texts can quote the whole URL: keep them short. */
function badRequestMessage (text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text
  return short.endsWith('.') ? short : `${short}.`
}

/** Schema errors of the control plane's bodies and queries, named by field, as a 422. */
function schemaValidationError (err: FastifyError): ApiError {
  // No prototype: a field named `constructor` or `toString` must not find Object's members.
  const errors: FieldErrors = Object.create(null)
  // Stryker disable next-line ArrayDeclaration: the only caller comes here when err.validation is defined, so `?? []` never applies
  for (const issue of err.validation ?? []) {
    const missing = (issue.params as { missingProperty?: string }).missingProperty
    // Stryker disable next-line Regex: an instancePath is empty or starts with its one leading slash, so /^\// and /\// remove the same slash
    const field = missing ?? (issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body')
    const text = missing !== undefined ? 'is required' : issue.message ?? 'is invalid'
    const list = (errors[field] ??= [])
    if (!list.includes(`${field} ${text}`)) list.push(`${field} ${text}`)
  }
  const first = Object.values(errors)[0]?.[0] ?? ERRORS.VALIDATION_FAILED.message
  return new ApiError('VALIDATION_FAILED', `Invalid ${err.validationContext ?? 'request'}: ${first}.`, errors)
}

export function sendError (reply: FastifyReply, err: FastifyError): FastifyReply {
  const apiError = toApiError(err)
  if (apiError.code === 'TOO_MANY_REQUESTS') {
    // Production's limiter answers in its own format, not the envelope; the limiter counts in real time.
    const state = apiError instanceof RateLimitedError ? apiError.state : injectedLimitState(reply.server.config?.rateLimitPerMinute ?? null)
    return sendTooManyRequests(reply, state, Date.now())
  }
  if (apiError.statusCode >= 500) reply.log.error({ err }, 'request failed')
  const envelope: ErrorEnvelope = apiError.toEnvelope()
  // Stryker disable next-line StringLiteral: an empty type is no type: Fastify serialises the envelope as application/json; charset=utf-8 all the same
  return reply.code(apiError.statusCode).type('application/json; charset=utf-8').send(envelope)
}

export default fp(async function errorHandlerPlugin (app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => sendError(reply, err))
  // Stryker disable ObjectLiteral,StringLiteral: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'error-handler' (the not-found text is restored just below)
  app.setNotFoundHandler((request, reply) => {
    // Stryker restore next-line StringLiteral
    return reply.code(404).send(new ApiError('ROUTE_NOT_FOUND').toEnvelope())
  })
}, { name: 'error-handler' })
