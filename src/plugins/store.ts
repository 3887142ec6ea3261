import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { CreateRequest } from '../domain/create-request.js'
import { stableId } from '../domain/random.js'
import { EMPTY_OUTCOME, type Verification } from '../domain/verification.js'
import type { Scenario } from '../schemas/scenario.js'
import type { SandboxState } from '../state/state.js'

export interface Client {
  clientId: string
  organisationId: number
}

export interface StoreOptions {
  publicUrl: string
  tokenTtlSeconds: number
  retentionSeconds: number
  maxVerifications: number
  /** How long the state may keep a session (Redis key TTL). */
  keepSeconds: number
  newToken: () => string
}

/** Which scenario a new session carries: the header's or DEFAULT_SCENARIO's, unless an arm it fits is taken. */
export interface Armed {
  takeArm: boolean
  scenario: Scenario | null
}

/**
 * Sessions over the state (memory or Redis), bounded by MAX_VERIFICATIONS: past the bound the
 * oldest session of the client holding the most is evicted, so one tenant's load never evicts
 * another's session. Personal data is pruned lazily: a record past RETENTION_SECONDS is pruned
 * when it is next read, with `pruned_at` set to the moment it became due, as a periodic job would.
 */
export class VerificationStore {
  /** A view made for a clock moved back (pruned_at shown as now) -> the stored version it shows. */
  readonly #stored = new WeakMap<Verification, Verification>()

  constructor (
    private readonly state: SandboxState,
    private readonly options: StoreOptions,
    private readonly now: () => number
  ) {}

  async size (): Promise<number> {
    return await this.state.sessionCount()
  }

  /** A new session; without a promise when the state answers at once (memory). */
  create (request: CreateRequest, client: Client, armed: Armed): Verification | Promise<Verification> {
    return this.#create(request, client, armed, this.now())
  }

  #create (request: CreateRequest, client: Client, armed: Armed, now: number): Verification | Promise<Verification> {
    const token = this.options.newToken()
    const created = this.state.createSession({
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
      expireAt: now + this.options.tokenTtlSeconds * 1000,
      createdAt: now,
      updatedAt: now,
      prunedAt: null
    }, {
      takeArm: armed.takeArm,
      armed: armed.scenario,
      kind: `${request.type}/${request.idType}`,
      maxVerifications: this.options.maxVerifications,
      // Stryker disable next-line ArithmeticOperator: killed by test/redis/durability.test.ts (the Redis key TTL; the Redis pass, outside the run)
      keepMs: this.options.keepSeconds * 1000
    })
    // 'taken': the token is in use (a seeded generator replayed): draw another.
    const settle = (c: Verification | 'taken'): Verification | Promise<Verification> => c === 'taken' ? this.#create(request, client, armed, now) : c
    return created instanceof Promise ? created.then(settle) : settle(created)
  }

  async get (token: string): Promise<Verification | undefined> {
    return await this.pruned(await this.state.session(token))
  }

  /**
   * A session as its owner sees it: another client's token is as good as unknown. Decided by the
   * client_id, never by organisation_id, which two clients can share (EKYC_CLIENTS) or collide on.
   * `read`: what the call's first step already read under this token (one round trip for a GET).
   */
  getOwned (token: string, clientId: string, read?: { session: Verification | undefined }): Promise<Verification | undefined> | Verification | undefined {
    if (read === undefined) return this.state.session(token).then(v => this.getOwned(token, clientId, { session: v }))
    const v = read.session
    if (v === undefined || v.clientId !== clientId) return undefined
    // Not due for pruning (nearly every read): the session as it is, without a promise.
    return this.#pruneDue(v) ? this.pruned(v) : v
  }

  /** Replaces `prev` by `next` only if no one changed it meanwhile (on any replica). */
  async replace (prev: Verification, next: Verification): Promise<boolean> {
    return await this.state.replaceSession(this.#stored.get(prev) ?? prev, next)
  }

  /** Newest first, at most `limit`. */
  async list (clientId?: string, limit = Infinity): Promise<Verification[]> {
    const found = await this.state.sessions(clientId, limit)
    return await Promise.all(found.map(async v => await this.pruned(v) as Verification))
  }

  async clear (clientId?: string): Promise<number> {
    return await this.state.clearSessions(clientId)
  }

  /** The session with its personal data pruned once due; the pruning is saved, so it stays gone. */
  #pruneDue (v: Verification): boolean {
    // Stryker disable next-line ArithmeticOperator: #pruneDue only spares a promise: pruned() decides again with the real due time
    return v.prunedAt !== null || this.now() >= v.createdAt + this.options.retentionSeconds * 1000
  }

  async pruned (v: Verification | undefined): Promise<Verification | undefined> {
    if (v === undefined) return undefined
    const now = this.now()
    // The clock moved back past the pruning: the data stays gone, but pruned_at is not in the future.
    if (v.prunedAt !== null) {
      if (v.prunedAt <= now) return v
      const view = { ...v, prunedAt: now }
      this.#stored.set(view, v)
      return view
    }
    const due = v.createdAt + this.options.retentionSeconds * 1000
    if (now < due) return v
    const pruned: Verification = {
      ...v,
      outcome: { ...v.outcome, ocrResult: null, faceIdResult: null },
      prunedAt: due,
      updatedAt: Math.max(v.updatedAt, due)
    }
    // Another call may have pruned or changed it first: read what is stored now.
    if (await this.state.replaceSession(v, pruned)) return pruned
    return await this.get(v.token)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    store: VerificationStore
  }
}

export default fp(async function storePlugin (app: FastifyInstance, options: StoreOptions) {
  // Stryker disable ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): the dependencies are only checked on a wrong registration order (app.ts registers in order)
  app.decorate('store', new VerificationStore(app.state, options, () => app.clock.now()))
}, { name: 'store', dependencies: ['clock', 'state'] })
