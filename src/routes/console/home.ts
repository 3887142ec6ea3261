import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { nanoid } from 'nanoid'
import type { ErrorEnvelope } from '../../errors.js'
import type { FormState } from '../../html/console/fields.js'
import { homePage } from '../../html/console/home.js'
import { NEW_SESSION_PATH } from '../../html/console/new-session.js'
import { sessionHref } from '../../html/console/sessions.js'
import { OUTCOMES, outcomeOf, type Outcome } from '../../html/console/outcome.js'
import type { ArmEntry, ClockState, FaultEntry, SessionView } from './control-plane.js'
import { STAND_IN_PATH } from './merchant.js'
import { formValues, HIDDEN, must, sendPage, type ConsoleKit } from './kit.js'

/** The stand-in merchant's address for a new session: the client and a fresh reference, so its return page finds the session. */
export function standInUrl (publicUrl: string, clientId: string, ref: string): string {
  return `${publicUrl}${STAND_IN_PATH}?${new URLSearchParams({ client_id: clientId, ref }).toString()}`
}

/** A 401 on create is about the credentials: the console says which, next to client_id. */
function explain (error: ErrorEnvelope, strictMode: boolean): ErrorEnvelope {
  if (error.status !== 401) return error
  const why = strictMode
    ? 'EKYC_CLIENTS does not list this client_id, so the console has no secret for it.'
    : 'This client_id was first used with another secret, which it is now bound to; the console sends "qa-console".'
  return { ...error, errors: { client_id: [`${error.message} ${why}`] } }
}

/** The home page counts outcomes over this many of the newest sessions. */
const COUNTED = 500

export default async function homeRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  const strictMode = app.config.clients !== null

  async function render (request: FastifyRequest, reply: FastifyReply, status: number, form: FormState) {
    const [clock, arms, faults, sessions, newest] = await Promise.all([
      kit.control.sandbox<ClockState>('GET', '/clock'),
      kit.control.sandbox<ArmEntry[]>('GET', '/arm'),
      kit.control.sandbox<FaultEntry[]>('GET', '/faults'),
      kit.control.sessionCount(),
      kit.control.sandbox<SessionView[]>('GET', '/verifications', undefined, { limit: String(COUNTED) })
    ])
    const outcomes = Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<Outcome, number>
    for (const v of must(newest)) outcomes[outcomeOf(v)]++
    return sendPage(reply, status, homePage(kit.page(request), {
      clock: must(clock), arms: must(arms), faults: must(faults), sessions, outcomes, counted: must(newest).length, strictMode
    }, form))
  }

  app.get('/', HIDDEN, async (request, reply) => render(request, reply, 200, { values: {} }))
  app.get('/console', HIDDEN, async (_request, reply) => reply.redirect('/', 303))

  app.post(NEW_SESSION_PATH, HIDDEN, async (request, reply) => {
    const values = formValues(request.body)
    const clientId = values.client_id ?? ''
    const redirectUrl = values.redirect_url === undefined || values.redirect_url === ''
      ? standInUrl(app.config.publicUrl, clientId, nanoid(12))
      : values.redirect_url
    const body: Record<string, string> = {
      type: values.type ?? '',
      id_type: values.id_type ?? '',
      id_country: values.id_country ?? '',
      redirect_url: redirectUrl
    }
    // Stryker disable next-line LogicalOperator,StringLiteral: an empty wallet_address sent or left out: the API reads both as none
    if (values.wallet_address !== undefined && values.wallet_address !== '') body.wallet_address = values.wallet_address
    const created = await kit.control.create(clientId, body)
    if (!created.ok) return render(request, reply, created.status, { values, error: explain(created.error, strictMode) })
    return reply.redirect(`${sessionHref(created.result.token)}?created=1`, 303)
  })
}
