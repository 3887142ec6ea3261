import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { FaceAttempt, OcrAttempt } from '../domain/attempts.js'
import * as flow from '../domain/flow.js'
import type { Verification } from '../domain/verification.js'
import type { ScenarioBody } from '../schemas/scenario.js'

/**
 * The hosted flow over stored sessions: each call reads the session, lets the domain decide and
 * saves the new version whole, so a failed step changes nothing.
 */
export class Flow {
  constructor (private readonly app: FastifyInstance, private readonly options: { threshold: number, seed: string | null }) {}

  context (): flow.FlowContext {
    return { now: this.app.clock.now(), threshold: this.options.threshold, seed: this.options.seed }
  }

  apply (v: Verification, scenario: ScenarioBody): Verification {
    return this.app.store.save(flow.applyScenario(v, scenario, this.context()))
  }

  playOcr (v: Verification, attempt: OcrAttempt, document: ScenarioBody['document'] | null = null): Verification {
    return this.app.store.save(flow.playOcrAttempt(v, attempt, document, this.context()))
  }

  playFace (v: Verification, attempt: FaceAttempt): Verification {
    return this.app.store.save(flow.playFaceAttempt(v, attempt, this.context()))
  }

  giveUp (v: Verification): Verification {
    return this.app.store.save(flow.giveUp(v, this.context()))
  }

  expire (v: Verification): Verification {
    return this.app.store.save(flow.expireNow(v, this.app.clock.now()))
  }

  /** The way back to the merchant for this session as it stands now. */
  returnUrl (v: Verification): string {
    return flow.redirectTarget(v, flow.returnIsSuccess(v, this.app.clock.now()))
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    flow: Flow
  }
}

export default fp(async function flowPlugin (app: FastifyInstance, options: { threshold: number, seed: string | null }) {
  app.decorate('flow', new Flow(app, options))
}, { name: 'flow', dependencies: ['store', 'clock'] })
