import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ScopedQueues } from '../domain/scoped-queues.js'
import { ApiError } from '../errors.js'
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
 */
export class Arming {
  readonly #arms = new ScopedQueues<Arm>(MAX_ARMS)
  constructor (private readonly lookup: (name: string) => Scenario | undefined, private readonly defaultScenario: Scenario | null) {}

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

  forNewSession (clientId: string, header: string | string[] | undefined): Scenario | null {
    if (header !== undefined) {
      const name = Array.isArray(header) ? header[0] : header
      const scenario = this.lookup(name)
      if (scenario === undefined) {
        throw new ApiError('VALIDATION_FAILED', `Unknown scenario "${name}" in X-Sandbox-Scenario.`, { 'X-Sandbox-Scenario': [`Unknown scenario "${name}".`] })
      }
      return scenario
    }
    if (this.#arms.size === 0) return this.defaultScenario
    const arm = this.#arms.oldest([clientId, null])
    if (arm === undefined) return this.defaultScenario
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

export default fp(async function armingPlugin (app: FastifyInstance, options: { defaultScenario: string | null }) {
  const lookup = (name: string): Scenario | undefined => app.scenarios.get(name)
  const fallback = options.defaultScenario === null ? null : lookup(options.defaultScenario) ?? null
  app.decorate('arming', new Arming(lookup, fallback))
}, { name: 'arming', dependencies: ['scenarios'] })
