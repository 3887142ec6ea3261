import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'

/**
 * Fastify's own JSON parser (secure-json-parse: `__proto__` and `constructor.prototype` keys are
 * refused), with the refusal said as it is: Fastify reports it as "not valid JSON", which sends
 * a developer looking for a syntax error that is not there.
 */
export function forbiddenKeyError (body: string): ApiError | undefined {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    return undefined
  }
  // Valid JSON that the secure parser refused: it holds one of the two keys it forbids.
  return hasProtoKey(value)
    ? new ApiError('FORBIDDEN_JSON_KEY', 'The key __proto__ is not allowed in a JSON body.')
    : new ApiError('FORBIDDEN_JSON_KEY', 'The key constructor holding a prototype key is not allowed in a JSON body.')
}

/** JSON.parse makes `__proto__` an own key (however it was escaped); look for one at any depth. */
function hasProtoKey (value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Object.hasOwn(value, '__proto__')) return true
  return Object.values(value).some(hasProtoKey)
}

export default fp(function jsonBodyPlugin (app: FastifyInstance, _options: object, done: (err?: Error) => void) {
  // The callback form (the default parser is one): typed as such.
  const parse = app.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => void
  // Stryker disable next-line StringLiteral: Fastify lets a parser for application/json replace its default one anyway, and removing '' removes nothing
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, next) => {
    parse(request, body as string, (err, value) => {
      if (err !== null && err !== undefined) return next(forbiddenKeyError(body as string) ?? err, undefined)
      next(null, value)
    })
  })
  // Stryker disable ObjectLiteral,StringLiteral: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'json-body'
  done()
}, { name: 'json-body' })
