import type { FastifyInstance } from 'fastify'
import { isExpired, type Verification } from '../../domain/verification.js'
import { ApiError } from '../../errors.js'
import { pageHref, stateStamp, toSessionView, type SessionView } from '../../html/session-view.js'
import type { Scenario } from '../../schemas/scenario.js'
import { documentChoice, faceAttempt, isToken, ocrAttempt, type PageFormBody } from './page-form.js'

/**
 * What the page's requests do to a session, through app.flow only. Each returns where to send
 * the user next: the session's own redirect_url (via app.flow.returnUrl) or the page itself.
 */
export class HostedActions {
  constructor (private readonly app: FastifyInstance) {}

  /** The session behind a token from the URL; a malformed or unknown token is a 404. */
  async session (token: string | undefined): Promise<Verification> {
    if (token === undefined || token === '') throw new ApiError('VERIFICATION_NOT_FOUND', 'The link has no token.')
    const v = isToken(token) ? await this.app.store.get(token) : undefined
    if (v === undefined) throw new ApiError('VERIFICATION_NOT_FOUND', `No verification has the token "${token.slice(0, 80)}".`)
    return v
  }

  /** The session when the token names one, for error pages; never throws. */
  async maybeSession (token: string | undefined): Promise<Verification | undefined> {
    try {
      // Stryker disable BlockStatement: the catch's block below: emptied, it returns undefined all the same
      return isToken(token) ? await this.app.store.get(token) : undefined
    } catch {
      // Stryker restore BlockStatement
      // The state is away: the error page goes without the session's links.
      return undefined
    }
  }

  scenario (name: string): Scenario {
    const scenario = this.app.scenarios.get(name)
    if (scenario === undefined) throw new ApiError('SCENARIO_NOT_FOUND', `Unknown scenario "${name.slice(0, 200)}".`)
    return scenario
  }

  isClosed (v: Verification): boolean {
    return v.finished || isExpired(v, this.app.clock.now())
  }

  /**
   * Opening the page: an armed session finishes at once, `?scenario=NAME` applies that one;
   * either way the answer is the way back. Null: render the page.
   */
  async open (v: Verification, scenarioName: string | undefined): Promise<string | null> {
    if (v.armed !== null && !this.isClosed(v)) return this.app.flow.returnUrl(await this.app.flow.apply(v, v.armed))
    if (scenarioName === undefined) return null
    return this.app.flow.returnUrl(await this.app.flow.apply(v, this.scenario(scenarioName)))
  }

  /**
   * A form post. A session that can no longer change sends the user back with what is recorded,
   * and a form rendered for an earlier state (a double submit) changes nothing.
   */
  async submit (v: Verification, form: PageFormBody): Promise<string> {
    const flow = this.app.flow
    if (this.isClosed(v)) return flow.returnUrl(v)
    if (form.at !== undefined && form.at !== stateStamp(v)) return pageHref(v.token)
    switch (form.action) {
      case 'scenario': return flow.returnUrl(await flow.apply(v, this.scenario(form.scenario ?? '')))
      case 'give-up': return flow.returnUrl(await flow.giveUp(v))
      case 'expire': return flow.returnUrl(await flow.expire(v))
      case 'ocr': return this.#next(await flow.playOcr(v, ocrAttempt(form), documentChoice(v, form)))
      case 'face': return this.#next(await flow.playFace(v, faceAttempt(form)))
    }
  }

  view (v: Verification): SessionView {
    return toSessionView(v, this.app.clock.now(), this.app.config.facePassThreshold, this.app.flow.returnUrl(v))
  }

  /** After an attempt: the merchant when it ended the flow, else the page for the next one. */
  #next (v: Verification): string {
    return v.finished ? this.app.flow.returnUrl(v) : pageHref(v.token)
  }
}
