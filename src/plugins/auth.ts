import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ClientCredential } from '../config.js'
import { stableId } from '../domain/random.js'
import { ApiError } from '../errors.js'
import type { Client } from './store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The client behind the `client_id`/`client_secret` headers, or a 401. */
    authenticate: (request: FastifyRequest) => Client
  }
}

export interface AuthOptions {
  /** Strict mode when set; open mode (any non-empty pair) when null. */
  clients: ClientCredential[] | null
}

/** A header's single value; a repeated header is not a credential. */
function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function organisationFor (clientId: string): number {
  return stableId('organisation', clientId)
}

export default fp(async function authPlugin (app: FastifyInstance, options: AuthOptions) {
  const known = options.clients === null ? null : new Map(options.clients.map(c => [c.clientId, c]))
  app.decorate('authenticate', (request: FastifyRequest): Client => {
    const clientId = header(request, 'client_id')
    const clientSecret = header(request, 'client_secret')
    if (clientId === undefined || clientSecret === undefined) throw new ApiError('UNAUTHENTICATED')
    if (known === null) return { clientId, organisationId: organisationFor(clientId) }
    const entry = known.get(clientId)
    if (entry === undefined || entry.clientSecret !== clientSecret) throw new ApiError('UNAUTHENTICATED')
    return { clientId, organisationId: entry.organisationId ?? organisationFor(clientId) }
  })
}, { name: 'auth' })
