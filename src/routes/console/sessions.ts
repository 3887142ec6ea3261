import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FormState } from '../../html/console/fields.js'
import { OUTCOMES, outcomeOf } from '../../html/console/outcome.js'
import { sessionDetailPage, type SessionDetailState } from '../../html/console/session-detail.js'
import { sessionListPage } from '../../html/console/sessions.js'
import type { ClockState, JournalRow, SessionView } from './control-plane.js'
import { formValues, HIDDEN, must, numberField, optional, sendPage, type ConsoleKit } from './kit.js'

const LIST_LIMIT = 500

type TokenRequest = FastifyRequest<{ Params: { token: string } }>

export default async function sessionRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  const path = (token: string): string => `/verifications/${encodeURIComponent(token)}`

  app.get('/console/sessions', HIDDEN, async (request, reply) => {
    const values = formValues(request.query)
    const outcome = optional(values.outcome)
    const filters: FormState = { values }
    if (outcome !== undefined && !(OUTCOMES as readonly string[]).includes(outcome)) {
      const text = `Unknown outcome "${outcome.slice(0, 80)}": choose one of ${OUTCOMES.join(', ')}.`
      filters.error = { status: 422, message: text, errors: { outcome: [text] } }
    }
    const [listed, clock] = await Promise.all([
      kit.control.sandbox<SessionView[]>('GET', '/verifications', undefined, { client_id: optional(values.client_id), limit: String(LIST_LIMIT) }),
      kit.control.sandbox<ClockState>('GET', '/clock')
    ])
    if (!listed.ok) filters.error = listed.error
    const sessions = listed.ok && filters.error === undefined ? listed.result.filter(v => outcome === undefined || outcomeOf(v) === outcome) : []
    return sendPage(reply, filters.error === undefined ? 200 : 422, sessionListPage(kit.page(request), {
      sessions, now: Date.parse(must(clock).now), filters, limit: LIST_LIMIT
    }))
  })

  async function detail (request: TokenRequest, reply: FastifyReply, status: number, extra: Partial<SessionDetailState> = {}) {
    const token = request.params.token
    const [view, journal] = await Promise.all([
      kit.control.sandbox<SessionView>('GET', path(token)),
      kit.control.sandbox<JournalRow[]>('GET', '/requests')
    ])
    const v = must(view)
    return sendPage(reply, status, sessionDetailPage(kit.page(request), {
      view: v,
      journal: must(journal).filter(e => e.token === v.token),
      scenarios: app.scenarios.all,
      threshold: app.config.facePassThreshold,
      ...extra
    }))
  }

  app.get('/console/sessions/:token', HIDDEN, async (request: TokenRequest, reply) => {
    return detail(request, reply, 200, { created: formValues(request.query).created === '1' })
  })

  app.post('/console/sessions/:token/complete', HIDDEN, async (request: TokenRequest, reply) => {
    const values = formValues(request.body)
    const inline = values.mode === 'inline'
    const body: Record<string, unknown> = inline ? {} : { scenario: values.scenario ?? '' }
    if (inline) {
      if (optional(values.ocr_code) !== undefined) body.ocr = { attempts: [{ code: values.ocr_code }] }
      if (optional(values.face_code) !== undefined) {
        const sim = numberField(values.sim)
        body.face = { attempts: [sim === undefined ? { code: values.face_code } : { code: values.face_code, sim }] }
      }
    }
    const done = await kit.control.sandbox('POST', `${path(request.params.token)}/complete`, body)
    if (done.ok) return reply.redirect(`/console/sessions/${encodeURIComponent(request.params.token)}`, 303)
    return detail(request, reply, done.status, { failed: { form: inline ? 'complete-inline' : 'complete-scenario', state: { values, error: done.error } } })
  })

  app.post('/console/sessions/:token/expire', HIDDEN, async (request: TokenRequest, reply) => {
    const done = await kit.control.sandbox('POST', `${path(request.params.token)}/expire`)
    if (done.ok) return reply.redirect(`/console/sessions/${encodeURIComponent(request.params.token)}`, 303)
    // Stryker disable next-line ObjectLiteral,StringLiteral: expire fails only as the page's own read of the session does (404), which answers first
    return detail(request, reply, done.status, { failed: { form: 'expire', state: { values: {}, error: done.error } } })
  })
}
