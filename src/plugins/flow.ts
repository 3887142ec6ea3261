import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { FaceAttempt, OcrAttempt } from '../domain/attempts.js'
import * as flow from '../domain/flow.js'
import type { Verification } from '../domain/verification.js'
import { ApiError } from '../errors.js'
import type { ScenarioBody } from '../schemas/scenario.js'

/** Attempts to save a step against concurrent changes before giving up with a 503. */
const MAX_TRIES = 20

/**
 * The hosted flow over stored sessions: each call lets the domain decide on the session as read
 * and saves the new version whole, only if no other call (on any replica) changed it meanwhile.
 * If one did, the step is decided again on the session as it is now: a session finished by the
 * other call is then a 409 here, so a session is finished once, and a failed step changes nothing.
 */
export class Flow {
  constructor (private readonly app: FastifyInstance, private readonly options: { threshold: number, seed: string | null }) {}

  context (): flow.FlowContext {
    return { now: this.app.clock.now(), threshold: this.options.threshold, seed: this.options.seed }
  }

  async apply (v: Verification, scenario: ScenarioBody): Promise<Verification> {
    return await this.#change(v, cur => flow.applyScenario(cur, scenario, this.context()))
  }

  async playOcr (v: Verification, attempt: OcrAttempt, document: ScenarioBody['document'] | null = null): Promise<Verification> {
    return await this.#change(v, cur => flow.playOcrAttempt(cur, attempt, document, this.context()))
  }

  async playFace (v: Verification, attempt: FaceAttempt): Promise<Verification> {
    return await this.#change(v, cur => flow.playFaceAttempt(cur, attempt, this.context()))
  }

  async giveUp (v: Verification): Promise<Verification> {
    return await this.#change(v, cur => flow.giveUp(cur, this.context()))
  }

  async expire (v: Verification): Promise<Verification> {
    return await this.#change(v, cur => flow.expireNow(cur, this.app.clock.now()))
  }

  /** The way back to the merchant for this session as it stands now. */
  returnUrl (v: Verification): string {
    return flow.redirectTarget(v, flow.returnIsSuccess(v, this.app.clock.now()))
  }

  async #change (v: Verification, step: (current: Verification) => Verification): Promise<Verification> {
    let current = v
    for (let tries = 1; ; tries++) {
      const next = step(current)
      if (await this.app.store.replace(current, next)) return next
      const fresh = await this.app.store.get(v.token)
      if (fresh === undefined) throw new ApiError('VERIFICATION_NOT_FOUND')
      if (tries >= MAX_TRIES) throw new ApiError('SERVICE_UNAVAILABLE', 'The session kept changing under this call; try again.')
      current = fresh
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    flow: Flow
  }
}

export default fp(async function flowPlugin (app: FastifyInstance, options: { threshold: number, seed: string | null }) {
  // Stryker disable ObjectLiteral,ArrayDeclaration: for the `}, {…})` line below (a next-line directive cannot reach it): no plugin depends on 'flow', and its dependencies are only checked on a wrong registration order (app.ts registers in order)
  app.decorate('flow', new Flow(app, options))
}, { name: 'flow', dependencies: ['store', 'clock'] })
