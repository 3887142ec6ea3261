import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { resetConfirmPage, STEERING_FORMS, steeringPage, type SteeringForm, type SteeringState } from '../../html/console/steering.js'
import type { Answer, ArmEntry, ClockState, FaultEntry } from './control-plane.js'
import { ConsoleError } from './guard.js'
import { formValues, HIDDEN, must, numberField, optional, sendPage, type ConsoleKit } from './kit.js'

/** What the page says after each action (the ?done= of its redirect). */
const NOTICES: Record<SteeringForm, string> = {
  arm: 'Armed.',
  'cancel-arms': 'Arms cancelled.',
  fault: 'Fault added.',
  'clear-faults': 'Faults cleared.',
  'clock-advance': 'Clock moved.',
  'clock-set': 'Clock set.',
  'clock-reset': 'Clock back to real time.',
  reset: 'Reset done.'
}

export default async function steeringRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  async function render (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<SteeringState>) {
    const [arms, faults, clock] = await Promise.all([
      kit.control.sandbox<ArmEntry[]>('GET', '/arm'),
      kit.control.sandbox<FaultEntry[]>('GET', '/faults'),
      kit.control.sandbox<ClockState>('GET', '/clock')
    ])
    return sendPage(reply, status, steeringPage(kit.page(request), {
      arms: must(arms), faults: must(faults), clock: must(clock), scenarios: app.scenarios.names, ...extra
    }))
  }

  app.get('/console/steering', HIDDEN, async (request, reply) => {
    const done = formValues(request.query).done
    const notice = done !== undefined && (STEERING_FORMS as readonly string[]).includes(done) ? NOTICES[done as SteeringForm] : undefined
    return render(request, reply, 200, { notice })
  })

  /** One control-plane call per form, with only the fields that call defines. */
  function call (form: SteeringForm, v: Record<string, string>): Promise<Answer<unknown>> {
    const clientId = optional(v.client_id)
    switch (form) {
      case 'arm': return kit.control.sandbox('POST', '/arm', { scenario: v.scenario ?? '', client_id: clientId, count: numberField(v.count) })
      case 'cancel-arms': return kit.control.sandbox('DELETE', '/arm', undefined, { client_id: clientId })
      case 'fault': return kit.control.sandbox('POST', '/faults', {
        route: v.route ?? '', status: numberField(v.status), latency_ms: numberField(v.latency_ms), count: numberField(v.count), client_id: clientId
      })
      case 'clear-faults': return kit.control.sandbox('DELETE', '/faults', undefined, { client_id: clientId })
      case 'clock-advance': return kit.control.sandbox('POST', '/clock', { advance_seconds: numberField(v.advance_seconds) ?? '' })
      case 'clock-set': return kit.control.sandbox('POST', '/clock', { set: v.set ?? '' })
      case 'clock-reset': return kit.control.sandbox('POST', '/clock', { reset: true })
      case 'reset': return kit.control.sandbox('DELETE', '/state', undefined, { client_id: clientId })
    }
  }

  app.post('/console/steering/:form', HIDDEN, async (request: FastifyRequest<{ Params: { form: string } }>, reply) => {
    const form = request.params.form as SteeringForm
    if (!(STEERING_FORMS as readonly string[]).includes(form)) throw new ConsoleError(404, `No steering form "${form.slice(0, 80)}".`)
    const values = formValues(request.body)
    if (form === 'reset' && values.confirm !== 'yes') return sendPage(reply, 200, resetConfirmPage(kit.page(request), optional(values.client_id)))
    const answer = await call(form, values)
    if (answer.ok) return reply.redirect(`/console/steering?done=${form}`, 303)
    return render(request, reply, answer.status, { failed: { form, state: { values, error: answer.error } } })
  })
}
