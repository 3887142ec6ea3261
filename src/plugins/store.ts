import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CreateRequest } from '../domain/create-request.js'
import { FairEviction } from '../domain/fair-eviction.js'
import { stableId } from '../domain/random.js'
import { EMPTY_OUTCOME, type Verification } from '../domain/verification.js'
import type { Scenario } from '../schemas/scenario.js'

export interface Client {
  clientId: string
  organisationId: number
}

export interface StoreOptions {
  publicUrl: string
  tokenTtlSeconds: number
  retentionSeconds: number
  maxVerifications: number
  newToken: () => string
}

/**
 * Sessions in memory, bounded by MAX_VERIFICATIONS: past the bound the oldest session of the client
 * holding the most is evicted (FairEviction), so one tenant's load never evicts another's session.
 * Personal data is pruned lazily: a record past RETENTION_SECONDS is pruned when it is next read,
 * with `pruned_at` set to the moment it became due, as a periodic job would have done.
 */
export class VerificationStore {
  readonly #sessions = new Map<string, Verification>()
  /** The held sessions' tokens per client, in creation order: exactly the Map's keys. */
  readonly #eviction = new FairEviction()
  #lastId = 0

  constructor (private readonly options: StoreOptions, private readonly now: () => number) {}

  get size (): number {
    return this.#sessions.size
  }

  create (request: CreateRequest, client: Client, armed: Scenario | null): Verification {
    const now = this.now()
    let token = this.options.newToken()
    while (this.#sessions.has(token)) token = this.options.newToken()
    const v: Verification = {
      id: ++this.#lastId,
      organisationId: client.organisationId,
      clientId: client.clientId,
      endUserId: request.walletAddress === null ? null : stableId('wallet', request.walletAddress),
      type: request.type,
      token,
      url: `${this.options.publicUrl}/verifications?token=${token}`,
      redirectUrl: request.redirectUrl,
      idCountry: request.idCountry,
      idType: request.idType,
      walletAddress: request.walletAddress,
      ocrAttempts: [],
      faceAttempts: [],
      document: null,
      outcome: EMPTY_OUTCOME,
      finished: false,
      armed,
      expireAt: now + this.options.tokenTtlSeconds * 1000,
      createdAt: now,
      updatedAt: now,
      prunedAt: null
    }
    this.#sessions.set(token, v)
    this.#eviction.add(client.clientId, token)
    if (this.#sessions.size > this.options.maxVerifications) this.#sessions.delete(this.#eviction.takeVictim() as string)
    return v
  }

  get (token: string): Verification | undefined {
    const v = this.#sessions.get(token)
    return v === undefined ? undefined : this.#pruned(v)
  }

  /**
   * A session as its owner sees it: another client's token is as good as unknown. Decided by the
   * client_id, never by organisation_id, which two clients can share (EKYC_CLIENTS) or collide on.
   */
  getOwned (token: string, clientId: string): Verification | undefined {
    const v = this.get(token)
    return v !== undefined && v.clientId === clientId ? v : undefined
  }

  /** Replaces a session by a new version of itself (domain functions return new objects). */
  save (v: Verification): Verification {
    if (this.#sessions.has(v.token)) this.#sessions.set(v.token, v)
    return v
  }

  /** Newest first, at most `limit`. */
  list (clientId?: string, limit = Infinity): Verification[] {
    const found: Verification[] = []
    const all = [...this.#sessions.values()]
    for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
      if (clientId === undefined || all[i].clientId === clientId) found.push(this.#pruned(all[i]))
    }
    return found
  }

  clear (clientId?: string): number {
    if (clientId === undefined) {
      const n = this.#sessions.size
      this.#sessions.clear()
      this.#eviction.clear()
      return n
    }
    let n = 0
    for (const [token, v] of this.#sessions) {
      if (v.clientId === clientId) { this.#sessions.delete(token); n++ }
    }
    this.#eviction.removeClient(clientId)
    return n
  }

  #pruned (v: Verification): Verification {
    const now = this.now()
    // The clock moved back past the pruning: the data stays gone, but pruned_at is not in the future.
    if (v.prunedAt !== null) return v.prunedAt <= now ? v : { ...v, prunedAt: now }
    const due = v.createdAt + this.options.retentionSeconds * 1000
    if (now < due) return v
    const pruned: Verification = {
      ...v,
      outcome: { ...v.outcome, ocrResult: null, faceIdResult: null },
      prunedAt: due,
      updatedAt: Math.max(v.updatedAt, due)
    }
    this.#sessions.set(v.token, pruned)
    return pruned
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    store: VerificationStore
  }
}

export default fp(async function storePlugin (app: FastifyInstance, options: StoreOptions) {
  app.decorate('store', new VerificationStore(options, () => app.clock.now()))
}, { name: 'store', dependencies: ['clock'] })
