import { randomBytes } from 'node:crypto'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { consoleErrorPage } from '../html/console/error.js'
import type { PageContext } from '../html/console/layout.js'
import { SIGN_IN_PATH, signInPage } from '../html/console/sign-in.js'
import { toPageError } from '../plugins/error-handler.js'
import catalogueRoutes from './console/catalogue.js'
import { ControlPlane } from './console/control-plane.js'
import { ConsoleError, ConsoleGuard } from './console/guard.js'
import homeRoutes from './console/home.js'
import journalRoutes from './console/journal.js'
import { formValues, sendPage, type ConsoleKit } from './console/kit.js'
import merchantRoutes from './console/merchant.js'
import sessionRoutes from './console/sessions.js'
import signInRoutes, { safeNext } from './console/sign-in.js'
import steeringRoutes from './console/steering.js'

export interface ConsoleOptions {
  /** Keys the forms' tokens when no SANDBOX_ADMIN_TOKEN is set (tests pass a fixed one). */
  formKey?: Buffer
}

/** A console form (a scenario's JSON at most): 64 KiB. */
const FORM_LIMIT = 64 * 1024

/**
 * The QA console: `GET /` and `/console/*`, server-rendered like the hosted page. Every read and
 * every change goes through the control plane or the API (see ControlPlane). Encapsulated: form
 * bodies, cookies and HTML errors stay inside the console.
 */
export default async function consoleRoutes (app: FastifyInstance, options: ConsoleOptions) {
  await app.register(formbody, { bodyLimit: FORM_LIMIT })
  await app.register(cookie)
  const guard = new ConsoleGuard(app.config.adminToken, options.formKey ?? randomBytes(32), new URL(app.config.publicUrl).origin)
  const page = (request: FastifyRequest): PageContext => ({
    formToken: path => guard.formToken(path),
    canSignOut: guard.guarded && guard.isSignedIn(request)
  })
  const kit: ConsoleKit = { control: new ControlPlane(app), guard, page }

  // Posts first prove they come from a console form; then, when guarded, only a signed-in tester passes.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'POST') guard.checkPost(request, formValues(request.body).csrf)
    if (guard.isSignedIn(request) || request.url.split('?')[0] === SIGN_IN_PATH) return
    const next = safeNext(request.method === 'GET' ? request.url : '/')
    return sendPage(reply, 401, signInPage(page(request), next, false))
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const error = err instanceof ConsoleError ? err : toPageError(err, request.headers['content-type'], FORM_LIMIT)
    const status = error.statusCode
    const message = error.message
    if (status >= 500) request.log.error({ err }, 'console failed')
    return sendPage(reply, status, consoleErrorPage(guard.isSignedIn(request) ? page(request) : null, status, message))
  })

  for (const routes of [homeRoutes, sessionRoutes, merchantRoutes, steeringRoutes, journalRoutes, catalogueRoutes, signInRoutes]) {
    await app.register(routes, { kit })
  }
}
