import type { FastifyInstance } from 'fastify'
import { merchantPage, type MerchantState } from '../../html/console/merchant.js'
import type { SessionView } from './control-plane.js'
import { formValues, HIDDEN, optional, sendPage, type ConsoleKit } from './kit.js'

export const STAND_IN_PATH = '/console/merchant/return'
/** How far back the return page looks for the session: a tester's sessions are among the newest. */
const LOOKUP_LIMIT = '1000'

function refOf (url: string): string | null {
  return URL.canParse(url) ? new URL(url).searchParams.get('ref') : null
}

/**
 * The stand-in merchant: the default redirect_url of console sessions. Like a real merchant it
 * knows its own reference (`ref`), finds its session by it, and reads the record with a GET.
 */
export default async function merchantRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  app.get(STAND_IN_PATH, HIDDEN, async (request, reply) => {
    const q = formValues(request.query)
    const clientId = optional(q.client_id)
    const ref = optional(q.ref)
    const state: MerchantState = { isSuccess: q.is_success, clientId, token: null, read: null }
    if (clientId !== undefined && ref !== undefined) {
      const listed = await kit.control.sandbox<SessionView[]>('GET', '/verifications', undefined, { client_id: clientId, limit: LOOKUP_LIMIT })
      const found = listed.ok ? listed.result.find(v => refOf(v.record.redirect_url) === ref) : undefined
      if (found !== undefined) {
        state.token = found.token
        const read = await kit.control.record(clientId, found.token)
        state.read = read.ok ? { ok: true, body: { result: read.result } } : { ok: false, error: read.error }
      }
    }
    return sendPage(reply, 200, merchantPage(kit.page(request), state))
  })
}
