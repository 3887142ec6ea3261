import { createHmac } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ClientCredential } from '../config.js'
import { ApiError } from '../errors.js'
import type { CallStart, SandboxState } from '../state/state.js'
import { singleHeader } from './emulated-route.js'
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
const header = (request: FastifyRequest, name: string): string | undefined => singleHeader(request, name) ?? undefined

const ORGANISATION_KEY = 'maschain-ekyc-sandbox/organisation_id'

/**
 * Open mode's organisation_id for a client_id: a keyed hash cut to 31 bits (1..2^31-1), so the
 * same id gets the same number after a restart, on any machine, with no table to keep. Distinct
 * ids collide only by chance (about 1 in 500 for 3,000 ids; test/api/tenants.test.ts checks the
 * sequential and adversarial families CI uses), and a collision can leak nothing: ownership is
 * decided by the client_id itself, the number is only shown.
 */
export function organisationFor (clientId: string): number {
  const known = organisations.get(clientId)
  if (known !== undefined) return known
  const n = createHmac('sha256', ORGANISATION_KEY).update(clientId).digest().readUInt32BE(0) & 0x7fffffff
  // An HMAC per call was a tenth of a GET's CPU: the numbers of recent client_ids are kept.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: when the cache of organisation numbers is cleared only changes memory use: a miss recomputes the same number
  if (organisations.size >= MAX_REMEMBERED) organisations.clear()
  organisations.set(clientId, n === 0 ? 1 : n)
  return n === 0 ? 1 : n
}

const MAX_REMEMBERED = 10_000
const organisations = new Map<string, number>()

export type Authentication = { client: Client } | { refused: string }

/**
 * Who a call is. Strict mode: the EKYC_CLIENTS pairs. Open mode: any client_id, and the first
 * client_secret it uses is bound to it until its state is reset, so a CI job with a wrong secret
 * fails here as it would in production. The binding lives in the shared state: the call's first
 * step compared the secret (or bound it) and passes the answer in.
 */
export class Credentials {
  readonly #known: Map<string, ClientCredential> | null

  constructor (clients: ClientCredential[] | null, private readonly state: SandboxState) {
    this.#known = clients === null ? null : new Map(clients.map(c => [c.clientId, c]))
  }

  authenticate (clientId: string | undefined, clientSecret: string | undefined, secretCheck: CallStart['secret']): Authentication {
    if (clientId === undefined || clientSecret === undefined) return { refused: 'client_id or client_secret header missing' }
    if (this.#known !== null) {
      const entry = this.#known.get(clientId)
      if (entry === undefined) return { refused: 'client_id not in EKYC_CLIENTS' }
      if (entry.clientSecret !== clientSecret) return { refused: 'wrong client_secret' }
      return { client: { clientId, organisationId: entry.organisationId ?? organisationFor(clientId) } }
    }
    if (secretCheck === 'differs') return { refused: 'secret differs from the one first used' }
    return { client: { clientId, organisationId: organisationFor(clientId) } }
  }

  /** Forgets the bound secrets (only `clientId`'s when given); returns how many. */
  async forget (clientId?: string): Promise<number> {
    return await this.state.forgetSecrets(clientId)
  }
}

export default fp(async function authPlugin (app: FastifyInstance, options: AuthOptions) {
  const credentials = new Credentials(options.clients, app.state)
  app.decorate('credentials', credentials)
  // Stryker disable ObjectLiteral,ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'auth', and its dependencies are only checked on a wrong registration order (app.ts registers in order)
  app.decorate('authenticate', (request: FastifyRequest): Client => {
    // Stryker disable next-line OptionalChaining: only emulated API routes call authenticate, after their first step set callStart
    const result = credentials.authenticate(header(request, 'client_id'), header(request, 'client_secret'), request.callStart?.secret ?? null)
    if ('client' in result) return result.client
    // The journal says why; the caller gets only what production says.
    request.journalNote = result.refused
    throw new ApiError('UNAUTHENTICATED')
  })
}, { name: 'auth', dependencies: ['journal', 'state', 'emulated-route'] })
