import type { FastifyInstance } from 'fastify'
import { SIGN_IN_PATH, signInPage } from '../../html/console/sign-in.js'
import { COOKIE } from './guard.js'
import { formValues, HIDDEN, sendPage, type ConsoleKit } from './kit.js'

/** Where to go after signing in: a console path only, never another site. */
export function safeNext (next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])/.test(next) ? next : '/'
}

export default async function signInRoutes (app: FastifyInstance, { kit }: { kit: ConsoleKit }) {
  app.post(SIGN_IN_PATH, HIDDEN, async (request, reply) => {
    const values = formValues(request.body)
    const next = safeNext(values.next)
    if (!kit.guard.guarded) return reply.redirect(next, 303)
    // Stryker disable next-line StringLiteral: an absent token is refused whatever the default, unless it were the admin token itself
    if (!kit.guard.isAdminToken(values.token ?? '')) return sendPage(reply, 401, signInPage(kit.page(request), next, true))
    reply.setCookie(COOKIE, kit.guard.sessionValue, kit.guard.cookieOptions(request))
    return reply.redirect(next, 303)
  })

  app.post('/console/sign-out', HIDDEN, async (request, reply) => {
    reply.clearCookie(COOKIE, kit.guard.cookieOptions(request))
    return reply.redirect('/', 303)
  })
}
