import { createHmac } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ClientCredential } from '../config.js'
import { ApiError } from '../errors.js'
import type { Client } from './store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The client behind the `client_id`/`client_secret` headers, or a 401. */
    authenticate: (request: FastifyRequest) => Client
    credentials: Credentials
  }
}

export interface AuthOptions {
  /** Strict mode when set; open mode (any non-empty pair, the secret bound on first use) when null. */
  clients: ClientCredential[] | null
}

/** A header's single value; a repeated header is not a credential. */
function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

const ORGANISATION_KEY = 'maschain-ekyc-sandbox/organisation_id'

/**
 * Open mode's organisation_id for a client_id: a keyed hash cut to 31 bits (1..2^31-1), so the
 * same id gets the same number after a restart, on any machine, with no table to keep. Distinct
 * ids collide only by chance (about 1 in 500 for 3,000 ids; test/api/tenants.test.ts checks the
 * sequential and adversarial families CI uses), and a collision can leak nothing: ownership is
 * decided by the client_id itself, the number is only shown.
 */
export function organisationFor (clientId: string): number {
  const n = createHmac('sha256', ORGANISATION_KEY).update(clientId).digest().readUInt32BE(0) & 0x7fffffff
  return n === 0 ? 1 : n
}

/** Past this many bound client_ids the oldest binding is forgotten (its next secret binds again). */
export const MAX_BINDINGS = 100_000

export type Authentication = { client: Client } | { refused: string }

interface Binding {
  secret: string
  client: Client
}

/**
 * Who a call is. Strict mode: the EKYC_CLIENTS pairs. Open mode: any client_id, and the first
 * client_secret it uses is bound to it until its state is reset, so a CI job with a wrong secret
 * fails here as it would in production.
 */
export class Credentials {
  readonly #known: Map<string, ClientCredential> | null
  readonly #bound = new Map<string, Binding>()

  constructor (clients: ClientCredential[] | null) {
    this.#known = clients === null ? null : new Map(clients.map(c => [c.clientId, c]))
  }

  authenticate (clientId: string | undefined, clientSecret: string | undefined): Authentication {
    if (clientId === undefined || clientSecret === undefined) return { refused: 'client_id or client_secret header missing' }
    if (this.#known !== null) {
      const entry = this.#known.get(clientId)
      if (entry === undefined) return { refused: 'client_id not in EKYC_CLIENTS' }
      if (entry.clientSecret !== clientSecret) return { refused: 'wrong client_secret' }
      return { client: { clientId, organisationId: entry.organisationId ?? organisationFor(clientId) } }
    }
    const bound = this.#bound.get(clientId)
    if (bound !== undefined) {
      return bound.secret === clientSecret ? { client: bound.client } : { refused: 'secret differs from the one first used' }
    }
    const client = { clientId, organisationId: organisationFor(clientId) }
    this.#bound.set(clientId, { secret: clientSecret, client })
    if (this.#bound.size > MAX_BINDINGS) this.#bound.delete(this.#bound.keys().next().value as string)
    return { client }
  }

  /** Forgets the bound secrets (only `clientId`'s when given); returns how many. */
  forget (clientId?: string): number {
    if (clientId !== undefined) return this.#bound.delete(clientId) ? 1 : 0
    const n = this.#bound.size
    this.#bound.clear()
    return n
  }
}

export default fp(async function authPlugin (app: FastifyInstance, options: AuthOptions) {
  const credentials = new Credentials(options.clients)
  app.decorate('credentials', credentials)
  app.decorate('authenticate', (request: FastifyRequest): Client => {
    const result = credentials.authenticate(header(request, 'client_id'), header(request, 'client_secret'))
    if ('client' in result) return result.client
    // The journal says why; the caller gets only what production says.
    request.journalNote = result.refused
    throw new ApiError('UNAUTHENTICATED')
  })
}, { name: 'auth', dependencies: ['journal'] })
