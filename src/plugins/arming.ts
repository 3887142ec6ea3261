import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ScopedQueues } from '../domain/scoped-queues.js'
import { ApiError, validationError, type FieldErrors } from '../errors.js'
import { fitProblems, type SessionKind } from '../domain/scenario-rules.js'
import type { Scenario } from '../schemas/scenario.js'

export interface Arm {
  scenario: Scenario
  /** Only sessions of this client; any client when null. */
  clientId: string | null
  remaining: number
}

/** Arms waiting at once, per client_id; arms for any client have a cap of their own. */
export const MAX_ARMS = 1000

/**
 * Scenarios waiting for the next sessions. Precedence on create: the X-Sandbox-Scenario header,
 * then the oldest matching arm (the client's own or one for anyone), then DEFAULT_SCENARIO.
 * A scenario is never bent to fit a session: a header naming one that does not fit the session
 * being created is a 422 and nothing is created; an arm waits for the next session it fits (other
 * sessions pass it by, unarmed); DEFAULT_SCENARIO arms only the sessions it fits.
 */
export class Arming {
  readonly #arms = new ScopedQueues<Arm>(MAX_ARMS)
  constructor (
    private readonly lookup: (name: string) => Scenario | undefined,
    private readonly defaultScenario: Scenario | null,
    private readonly threshold: number
  ) {}

  /** Every waiting arm, in the order they were armed. */
  get arms (): readonly Arm[] {
    return this.#arms.all()
  }

  arm (scenario: Scenario, clientId: string | null, count: number): Arm {
    if (this.#arms.isFull(clientId)) {
      const whose = clientId === null ? 'for any client' : `for client_id "${clientId}"`
      throw new ApiError('VALIDATION_FAILED', `At most ${MAX_ARMS} arms wait at once ${whose}; reset some first.`, { count: [`at most ${MAX_ARMS} arms ${whose}`] })
    }
    const arm = { scenario, clientId, remaining: count }
    this.#arms.push(clientId, arm)
    return arm
  }

  forNewSession (clientId: string, header: string | string[] | undefined, session: SessionKind): Scenario | null {
    if (header !== undefined) {
      const name = Array.isArray(header) ? header[0] : header
      const scenario = this.lookup(name)
      if (scenario === undefined) {
        throw new ApiError('VALIDATION_FAILED', `Unknown scenario "${name}" in X-Sandbox-Scenario.`, { 'X-Sandbox-Scenario': [`Unknown scenario "${name}".`] })
      }
      const problems = fitProblems(scenario, session, this.threshold)
      if (problems.length > 0) {
        const errors: FieldErrors = { 'X-Sandbox-Scenario': problems.map(p => `${name}: ${p.message}`) }
        throw validationError(errors)
      }
      return scenario
    }
    const fitsSession = (s: Scenario): boolean => fitProblems(s, session, this.threshold).length === 0
    const fallback = this.defaultScenario !== null && fitsSession(this.defaultScenario) ? this.defaultScenario : null
    if (this.#arms.size === 0) return fallback
    const arm = this.#arms.oldest([clientId, null], a => fitsSession(a.scenario))
    if (arm === undefined) return fallback
    if (--arm.remaining === 0) this.#arms.remove(arm.clientId, arm)
    return arm.scenario
  }

  /** Forgets every arm, or those scoped to `clientId` (arms for anyone stay). */
  clear (clientId?: string): number {
    return this.#arms.clear(clientId)
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    arming: Arming
  }
}

export default fp(async function armingPlugin (app: FastifyInstance, options: { defaultScenario: string | null, threshold: number }) {
  const lookup = (name: string): Scenario | undefined => app.scenarios.get(name)
  const fallback = options.defaultScenario === null ? null : lookup(options.defaultScenario) ?? null
  app.decorate('arming', new Arming(lookup, fallback, options.threshold))
}, { name: 'arming', dependencies: ['scenarios'] })
