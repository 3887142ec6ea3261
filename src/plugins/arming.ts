import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ID_TYPES } from '../domain/documents.js'
import { ApiError, validationError, type FieldErrors } from '../errors.js'
import { fitProblems, type SessionKind } from '../domain/scenario-rules.js'
import type { Scenario } from '../schemas/scenario.js'
import type { SandboxState, StoredArm } from '../state/state.js'
import type { Armed } from './store.js'

export type Arm = StoredArm

/** Arms waiting at once, per client_id; arms for any client have a cap of their own. */
export const MAX_ARMS = 1000

const KINDS: SessionKind[] = (['00', '01'] as const).flatMap(type => ID_TYPES.map(idType => ({ type, idType })))

/**
 * Scenarios waiting for the next sessions. Precedence on create: the X-Sandbox-Scenario header,
 * then the oldest matching arm (the client's own or one for anyone), then DEFAULT_SCENARIO.
 * A scenario is never bent to fit a session: a header naming one that does not fit the session
 * being created is a 422 and nothing is created; an arm waits for the next session it fits (other
 * sessions pass it by, unarmed); DEFAULT_SCENARIO arms only the sessions it fits. Which session
 * kinds an arm fits is decided when it is armed, so the state can match it in one atomic step.
 */
export class Arming {
  constructor (
    private readonly state: SandboxState,
    private readonly lookup: (name: string) => Scenario | undefined,
    private readonly defaultScenario: Scenario | null,
    private readonly threshold: number
  ) {}

  /** Every waiting arm, in the order they were armed. */
  async arms (): Promise<Arm[]> {
    return await this.state.arms()
  }

  async arm (scenario: Scenario, clientId: string | null, count: number): Promise<Arm> {
    const fits = KINDS.filter(kind => this.#fits(scenario, kind)).map(kind => `${kind.type}/${kind.idType}`)
    const arm = { scenario, clientId, remaining: count, fits }
    if (!await this.state.pushArm(arm, MAX_ARMS)) {
      const whose = clientId === null ? 'for any client' : `for client_id "${clientId}"`
      throw new ApiError('VALIDATION_FAILED', `At most ${MAX_ARMS} arms wait at once ${whose}; reset some first.`, { count: [`at most ${MAX_ARMS} arms ${whose}`] })
    }
    return arm
  }

  /** What a new session carries; `armsWaiting`: whether the call's first step saw arms it could take. */
  forNewSession (header: string | string[] | undefined, session: SessionKind, armsWaiting: boolean): Armed {
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
      return { takeArm: false, scenario }
    }
    const fallback = this.defaultScenario !== null && this.#fits(this.defaultScenario, session) ? this.defaultScenario : null
    return { takeArm: armsWaiting, scenario: fallback }
  }

  /** Forgets every arm, or those scoped to `clientId` (arms for anyone stay). */
  async clear (clientId?: string): Promise<number> {
    return await this.state.clearArms(clientId)
  }

  #fits (scenario: Scenario, session: SessionKind): boolean {
    return fitProblems(scenario, session, this.threshold).length === 0
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
  // Stryker disable ObjectLiteral,ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'arming', and its dependencies are only checked on a wrong registration order (app.ts registers in order)
  app.decorate('arming', new Arming(app.state, lookup, fallback, options.threshold))
}, { name: 'arming', dependencies: ['scenarios', 'state'] })
