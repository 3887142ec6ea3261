import type { FastifyInstance } from 'fastify'
import { ROUTE_NAMES } from '../../schemas/sandbox.js'
import { journalPage } from '../../html/console/journal.js'
import type { FormState } from '../../html/console/fields.js'
import type { JournalRow } from './control-plane.js'
import { formValues, HIDDEN, optional, sendPage, type ConsoleKit } from './kit.js'

/** `422` matches that status, `4xx` the class; anything else is a form error. */
function statusFilter (text: string | undefined): ((status: number) => boolean) | null | undefined {
  if (text === undefined) return undefined
  if (/^[1-5]\d\d$/.test(text)) return status => status === Number(text)
  if (/^[1-5]xx$/i.test(text)) return status => Math.floor(status / 100) === Number(text[0])
  return null
}

export default async function journalRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  app.get('/console/journal', HIDDEN, async (request, reply) => {
    const values = formValues(request.query)
    const filters: FormState = { values }
    const route = optional(values.route)
    const status = statusFilter(optional(values.status))
    const listed = await kit.control.sandbox<JournalRow[]>('GET', '/requests', undefined, { client_id: optional(values.client_id) })
    if (!listed.ok) filters.error = listed.error
    else if (route !== undefined && !(ROUTE_NAMES as readonly string[]).includes(route)) {
      const text = `Unknown route "${route.slice(0, 40)}": choose one of ${ROUTE_NAMES.join(', ')}.`
      filters.error = { status: 422, message: text, errors: { route: [text] } }
    } else if (status === null) {
      const text = `The status filter must be a status such as 422 or a class such as 4xx, got "${(values.status ?? '').slice(0, 40)}".`
      filters.error = { status: 422, message: text, errors: { status: [text] } }
    }
    const rows = listed.ok && filters.error === undefined
      ? listed.result.filter(e => (route === undefined || e.route === route) && (status === undefined || status === null || status(e.status)))
      : []
    return sendPage(reply, filters.error === undefined ? 200 : 422, journalPage(kit.page(request), { rows, filters }))
  })
}
