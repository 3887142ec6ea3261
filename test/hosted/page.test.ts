import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ApiError } from '../../src/errors.js'
import { buildTestApp, createSession } from '../helpers/app.js'
import { openPage, submit } from './page-helpers.js'

t.test('the page shows the session, a SANDBOX banner, and a CSP that allows only its own style and script', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app, { id_type: 'PASSPORT', id_country: 'SGP' })
  tick(61)
  const res = await openPage(app, token)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(res.headers['cache-control'], 'no-store')
  t.equal(res.headers['referrer-policy'], 'no-referrer', 'the token never leaks in a Referer')
  const csp = res.headers['content-security-policy'] as string
  t.matchStrict(csp, /^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src data:; form-action 'self' https:\/\/merchant\.example; base-uri 'none'; frame-ancestors 'none'$/)
  t.matchStrict(res.body, /<header class="banner" data-testid="sandbox-banner">\s*<p><strong>SANDBOX<\/strong>/)
  t.matchStrict(res.body, 'data-testid="session-type"><code>00</code>')
  t.matchStrict(res.body, 'data-testid="session-document"><code>PASSPORT</code>')
  t.matchStrict(res.body, 'data-testid="session-country"><code>SGP</code>')
  t.matchStrict(res.body, 'data-seconds-left="839" data-testid="time-left">13:59<')
  t.matchStrict(res.body, 'data-testid="ocr-retries-left">2 of 2<')
  t.matchStrict(res.body, 'data-testid="face-retries-left">1 of 1<')
  t.matchStrict(res.body, '<html lang="en">')
  t.matchStrict(res.body, '<meta name="viewport" content="width=device-width, initial-scale=1">')
})

t.test('presets come grouped as passes, document problems, face problems, other; each names its scenario', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const body = (await openPage(app, token)).body
  const groups = [...body.matchAll(/<h3 id="group-(\w+)">([^<]+)<\/h3>/g)].map(m => [m[1], m[2]])
  t.strictSame(groups, [['passes', 'Passes'], ['document', 'Document problems'], ['face', 'Face problems'], ['other', 'Other']])
  t.matchStrict(body, '<button type="submit" name="scenario" value="pass" class="to-pass" data-testid="scenario-pass" data-outcome="pass"')
  t.ok(body.indexOf('data-testid="scenario-pass"') < body.indexOf('data-testid="scenario-pass-mykad"'), 'plain pass first')
  t.notMatch(body, 'data-testid="scenario-pass-passport"', 'passport scenarios hidden on an ID_CARD session')
  t.notMatch(body, 'data-testid="scenario-pass-ocr-only"', 'type 01 scenarios hidden on a type 00 session')
})

t.test('one app offers each session kind its own presets, whichever kind opened a page first', async t => {
  const { app } = await buildTestApp(t)
  const kinds = [
    { body: { type: '01' }, has: 'scenario-pass-ocr-only', hasNot: ['scenario-pass-passport', 'group-face'] },
    { body: {}, has: 'scenario-pass-mykad', hasNot: ['scenario-pass-ocr-only', 'scenario-pass-passport'] },
    { body: { id_type: 'PASSPORT', id_country: 'SGP' }, has: 'scenario-pass-passport', hasNot: ['scenario-pass-mykad', 'scenario-pass-ocr-only'] },
    { body: { type: '01' }, has: 'scenario-pass-ocr-only', hasNot: ['scenario-pass-passport', 'group-face'] }
  ]
  for (const kind of kinds) {
    const token = await createSession(app, kind.body)
    const body = (await openPage(app, token)).body
    t.matchStrict(body, `data-testid="${kind.has}"`, `${JSON.stringify(kind.body)} offers ${kind.has}`)
    for (const absent of kind.hasNot) t.notMatch(body, `data-testid="${absent}"`, `${JSON.stringify(kind.body)} hides ${absent}`)
    t.matchStrict(body, new RegExp(`data-testid="presets">[^]*?<form method="post" action="\\?token=${token}">`), 'the preset form posts to this session')
  }
})

t.test('every form control has a label, every form posts back to the page itself', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const pages = [(await openPage(app, token)).body]
  await submit(app, token, { action: 'ocr', code: 'Success', at: '0-0' })
  pages.push((await openPage(app, token)).body)
  for (const body of pages) {
    for (const [, id] of body.matchAll(/<(?:select|input type="number")[^>]*\sid="([^"]+)"/g)) t.matchStrict(body, `<label for="${id}">`, id)
    for (const [, action] of body.matchAll(/<form [^>]*action="([^"]*)"/g)) t.equal(action, `?token=${token}`)
    t.notMatch(body, /<form(?![^>]*method="post")/, 'every form is a POST')
  }
  t.matchStrict(pages[1], '<select id="face-code" name="code" data-testid="face-code">')
  t.equal((pages[1].match(/<option value=/g) ?? []).length, 55, 'Success, the 48 face codes MasChain lists and the 6 more the engine documents')
  t.matchStrict(pages[0], '<optgroup label="Card warnings')
})

t.test('the page\'s form bodies stay on the page: the API still answers 415 to a form post', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/api/ekyc/verifications',
    headers: { client_id: 'a', client_secret: 'b', 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'type=00'
  })
  t.equal(res.statusCode, 415)
  t.strictSame(res.json(), { status: 415, message: 'Unsupported Content-Type: send application/json.' })
})

t.test('errors on the page are HTML pages with their status, never JSON', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const big = await submit(app, token, { action: 'give-up', padding: 'x'.repeat(20_000) })
  t.equal(big.statusCode, 413)
  t.matchStrict(big.headers['content-type'], /^text\/html/)
  t.matchStrict(big.body, 'data-testid="error-status">413<')
  t.matchStrict(big.body, 'The form is too large (over 16 KiB).', 'the page\'s own limit, not the API\'s 1 MiB')
  const bigJson = await app.inject({ method: 'POST', url: `/verifications?token=${token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ action: 'give-up', padding: 'x'.repeat(1024 * 1024) }) })
  t.equal(bigJson.statusCode, 413)
  t.matchStrict(bigJson.body, 'The request body is too large (over 1 MiB).', 'a body that is no form has the API\'s limit')
  const unknownField = await submit(app, token, { action: 'ocr', code: 'Success', card_type: 'MyPassport' })
  t.equal(unknownField.statusCode, 422)
  t.matchStrict(unknownField.body, 'data-testid="back-to-page"')
})

t.test('an ApiError thrown before the handler (a fault on the page) is an HTML page with its status', async t => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.emulated === 'page' && request.headers['x-test-fault'] !== undefined) throw new ApiError('SERVICE_UNAVAILABLE')
  })
  await app.ready()
  const token = await createSession(app)
  const res = await app.inject({ url: `/verifications?token=${token}`, headers: { 'x-test-fault': '1' } })
  t.equal(res.statusCode, 503)
  t.matchStrict(res.headers['content-type'], /^text\/html/)
  t.matchStrict(res.body, 'data-testid="error-message">Service Unavailable.<')
  t.matchStrict(res.body, 'data-testid="back-to-page"')
  const post = await app.inject({ method: 'POST', url: `/verifications?token=${token}`, headers: { 'x-test-fault': '1', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'action=give-up' })
  t.equal(post.statusCode, 503, 'the POST route carries config.emulated = page too')
  t.matchStrict(post.headers['content-type'], /^text\/html/)
  t.equal((await app.inject({ url: `/verifications?token=${token}` })).statusCode, 200, 'nothing was applied')
})

t.test('a server error on the page is logged with its cause; a link that is merely wrong is not', async t => {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  t.teardown(() => app.close())
  const logged: unknown[][] = []
  const boom = new Error('boom')
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.emulated !== 'page') return
    request.log = Object.assign(Object.create(request.log), { error: (...args: unknown[]) => { logged.push(args) } })
    if (request.headers['x-test-crash'] !== undefined) throw boom
  })
  await app.ready()
  const token = await createSession(app)
  t.equal((await app.inject({ url: '/verifications?token=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123' })).statusCode, 404)
  t.equal((await submit(app, token, { action: 'ocr', code: 'Nope' })).statusCode, 422)
  t.strictSame(logged, [], 'a 404 or a 422 page is no server error')
  const res = await app.inject({ url: `/verifications?token=${token}`, headers: { 'x-test-crash': '1' } })
  t.equal(res.statusCode, 500)
  t.matchStrict(res.body, 'data-testid="error-status">500<')
  t.equal(logged.length, 1, 'logged once')
  const [fields, message] = logged[0] ?? []
  t.equal((fields as { err?: unknown } | undefined)?.err, boom, 'with the error itself, for its stack')
  t.matchStrict(message, /\S/, 'and words saying where')
})
