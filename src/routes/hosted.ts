import formbody from '@fastify/formbody'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { errorPage } from '../html/error-page.js'
import { pageHeaders } from '../html/page-layout.js'
import { pageHref } from '../html/session-view.js'
import { closedPage, verificationPage } from '../html/verification-page.js'
import { toPageError } from '../plugins/error-handler.js'
import { TAGS } from '../plugins/swagger.js'
import { HostedActions } from './hosted/page-actions.js'
import { htmlResponses, PageForm, PageQuery, queryValue } from './hosted/page-form.js'

function sendHtml (reply: FastifyReply, status: number, page: string, redirectUrl?: string): FastifyReply {
  return reply.code(status).headers(pageHeaders(redirectUrl)).send(page)
}

/** The page's forms are a few fields: 16 KiB is plenty. */
const FORM_LIMIT = 16 * 1024

/**
 * The hosted verification page: server-rendered HTML, forms that work without JavaScript,
 * post-redirect-get. Encapsulated: form bodies and HTML errors stay on this page only.
 */
export default async function hostedRoutes (fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const actions = new HostedActions(fastify)
  await app.register(formbody, { bodyLimit: FORM_LIMIT })

  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const error = toPageError(err, request.headers['content-type'], FORM_LIMIT)
    if (error.statusCode >= 500) request.log.error({ err }, 'hosted page failed')
    const v = await actions.maybeSession(queryValue(request.query, 'token'))
    if (v !== undefined && (error.code === 'VERIFICATION_FINISHED' || error.code === 'VERIFICATION_EXPIRED') && actions.isClosed(v)) {
      return sendHtml(reply, error.statusCode, closedPage(actions.view(v), `${error.message} Nothing was applied.`), v.redirectUrl)
    }
    return sendHtml(reply, error.statusCode, errorPage({
      status: error.statusCode,
      message: error.message,
      knownScenarios: error.code === 'SCENARIO_NOT_FOUND' ? fastify.scenarios.names : undefined,
      pageUrl: v === undefined ? undefined : pageHref(v.token)
    }), v?.redirectUrl)
  })

  app.get('/verifications', {
    schema: {
      tags: [TAGS.hosted],
      summary: 'The hosted verification page',
      description: 'HTML. With `scenario=NAME` (sandbox only) the scenario is applied and the answer is a 303 to `redirect_url` with `is_success` added, so no browser is needed. An armed session is finished as soon as its page is opened.',
      querystring: PageQuery,
      response: htmlResponses([200, 303, 404, 409, 422])
    },
    config: { emulated: 'page' },
    // The handler reads the query itself: a malformed token is a 404 page, not a 400.
    // Stryker disable next-line ArrowFunction,ObjectLiteral: Fastify skips a missing validator and keeps the query when the result has no error
    validatorCompiler: () => (data) => ({ value: data })
  }, async (request, reply) => {
    const v = await actions.session(queryValue(request.query, 'token'))
    const target = await actions.open(v, queryValue(request.query, 'scenario'))
    if (target !== null) return reply.redirect(target, 303)
    const view = actions.view(v)
    return sendHtml(reply, 200, actions.isClosed(v) ? closedPage(view) : verificationPage(view, fastify.scenarios.all), v.redirectUrl)
  })

  app.post('/verifications', {
    schema: {
      tags: [TAGS.hosted],
      summary: 'A button of the hosted page (form post, ?token=... in the URL)',
      description: 'Answers 303: to the page again while attempts remain, else to `redirect_url` with `is_success` added.',
      consumes: ['application/x-www-form-urlencoded'],
      body: PageForm,
      response: htmlResponses([303, 404, 413, 422])
    },
    config: { emulated: 'page' }
  }, async (request, reply) => {
    const v = await actions.session(queryValue(request.query, 'token'))
    return reply.redirect(await actions.submit(v, request.body), 303)
  })
}
