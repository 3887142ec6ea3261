import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, testId } from './helpers.js'

t.test('GET / is the console: what it is, where things are, the state at a glance, a session form', async t => {
  const { app } = await buildTestApp(t)
  await createSession(app)
  await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'qa' })
  await control(app, 'POST', '/clock', { advance_seconds: 120 })
  const res = await app.inject({ url: '/' })
  t.equal(res.statusCode, 200)
  t.matchStrict(res.headers['content-type'], /^text\/html/)
  t.matchStrict(res.headers['content-security-policy'], /default-src 'none'; style-src 'sha256-[^']+'; img-src data:; form-action 'self'/)
  t.notMatch(res.body, /<script/, 'no script at all')
  for (const link of ['/documentation', '/documentation/json', '/console/scenarios', '/console/steering', '/console/sessions', '/console/journal']) {
    t.matchStrict(res.body, `href="${link}"`, link)
  }
  t.matchStrict(res.body, 'data-testid="new-session"')
  t.equal(testId(res.body, 'session-count'), '1')
  const counts = /data-testid="outcome-counts">([\s\S]*?)<\/dd>/.exec(res.body)?.[1].replace(/<[^>]+>/g, '')
  t.equal(counts, '1 open, 0 passed, 0 failed, 0 expired')
  t.equal(testId(res.body, 'arm-count'), '1 arm')
  t.equal(testId(res.body, 'fault-count'), 'none')
  t.equal(testId(res.body, 'clock-offset'), '(moved ahead by 2 min 0 s)')
  t.equal((await app.inject({ url: '/console' })).headers.location, '/')
})

t.test('console routes stay out of the OpenAPI document', async t => {
  const { app } = await buildTestApp(t)
  const paths = Object.keys((await app.inject({ url: '/documentation/json' })).json().paths)
  t.strictSame(paths.filter(p => p === '/' || p.startsWith('/console')), [])
})

t.test('the session form creates a session through the API and shows its link', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const res = await c.post('/', '/console/sessions', { client_id: 'qa', type: '01', id_type: 'PASSPORT', id_country: 'JPN', redirect_url: '', wallet_address: '0xabc' })
  t.equal(res.statusCode, 303)
  const token = /^\/console\/sessions\/([0-9A-Z]{30})\?created=1$/.exec(res.headers.location as string)?.[1] as string
  t.ok(token, String(res.headers.location))
  const detail = await c.get(res.headers.location as string)
  t.equal(detail.statusCode, 200)
  t.equal(testId(detail.body, 'session-link'), `http://localhost:3939/verifications?token=${token}`)
  const [session] = (await control(app, 'GET', '/verifications')).json().result
  t.matchStrict(session, { client_id: 'qa', record: { type: '01', ocr_type: 'PASSPORT', ocr_country: 'JPN' } })
  t.notSame(session.record.end_user_id, null, 'the wallet address was sent')
  t.matchStrict(session.record.redirect_url, /^http:\/\/localhost:3939\/console\/merchant\/return\?client_id=qa&ref=[\w-]{12}$/, 'empty redirect_url: the stand-in merchant')
  const [call] = (await control(app, 'GET', '/requests')).json().result
  t.matchStrict(call, { method: 'POST', path: '/api/ekyc/verifications', client_id: 'qa', status: 200, token }, 'the journal shows the create the console sent')
})

t.test('a refused create shows the API\'s messages next to the fields and creates nothing', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const res = await c.post('/', '/console/sessions', { client_id: 'qa', type: '00', id_type: 'ID_CARD', id_country: 'JPN', redirect_url: 'ftp://x' })
  t.equal(res.statusCode, 422)
  t.equal(testId(res.body, 'error-id_country'), 'The selected id country is not supported for id type ID_CARD.')
  t.equal(testId(res.body, 'error-redirect_url'), 'The redirect url field must be a valid URL.')
  t.matchStrict(res.body, 'value="ftp://x"', 'what was typed stays in the form')
  t.equal((await app.inject({ url: '/health' })).json().sessions, 0)
})

t.test('a client_id bound to the real secret in strict mode works; an unknown one shows the 401 by the field', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'shop:sk_shop' })
  const c = consoleClient(app)
  const fields = { type: '00', id_type: 'ID_CARD', id_country: 'MYS', redirect_url: 'https://shop.example/back' }
  t.equal((await c.post('/', '/console/sessions', { ...fields, client_id: 'shop' })).statusCode, 303)
  const refused = await c.post('/', '/console/sessions', { ...fields, client_id: 'qa' })
  t.equal(refused.statusCode, 401)
  t.matchStrict(testId(refused.body, 'error-client_id'), /^Unauthenticated\. EKYC_CLIENTS does not list this client_id/)
})
