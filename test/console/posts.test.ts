import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, formTokenIn, testId } from './helpers.js'

const ADMIN = 's3cret-admin'

t.test('a post the browser marks same-site (a sibling subdomain) is refused like a cross-site one', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const csrf = formTokenIn((await c.get('/console/steering')).body, '/console/steering/arm')
  const res = await app.inject({
    method: 'POST',
    url: '/console/steering/arm',
    headers: { host: 'localhost:3939', 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf, scenario: 'pass' }).toString()
  })
  t.equal(res.statusCode, 403)
  t.equal(testId(res.body, 'error-message'), 'Refused: this form was posted from another site.')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'nothing was armed')
})

t.test('the console reached at another address than PUBLIC_URL (a LAN IP) accepts its own posts', async t => {
  const { app } = await buildTestApp(t, { PUBLIC_URL: 'https://ekyc.example' })
  const base = { host: '192.168.1.20:3939' }
  const page = await app.inject({ url: '/console/steering', headers: base })
  const res = await app.inject({
    method: 'POST',
    url: '/console/steering/arm',
    headers: { ...base, origin: 'http://192.168.1.20:3939', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf: formTokenIn(page.body, '/console/steering/arm'), scenario: 'pass' }).toString()
  })
  t.equal(res.statusCode, 303)
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1)
})

t.test('a refused origin is named on the error page, cut to its first 200 characters', async t => {
  const { app } = await buildTestApp(t)
  const origin = `https://${'a'.repeat(300)}.example`
  const res = await consoleClient(app).post('/console/steering', '/console/steering/arm', { scenario: 'pass' }, { origin })
  t.equal(res.statusCode, 403)
  t.equal(testId(res.body, 'error-message'), `Refused: this form was posted from https://${'a'.repeat(192)}, not from the console.`)
})

t.test('a post with no form body, a JSON null or a JSON token that is not text is refused as a post without its token', async t => {
  const { app } = await buildTestApp(t)
  const headers = { host: 'localhost:3939', origin: 'http://localhost:3939' }
  const posts = [
    ['no body', {}, undefined],
    ['JSON null', { 'content-type': 'application/json' }, 'null'],
    ['a number as token', { 'content-type': 'application/json' }, '{"csrf":5,"scenario":"pass"}']
  ] as const
  for (const [label, extra, payload] of posts) {
    const res = await app.inject({ method: 'POST', url: '/console/steering/arm', headers: { ...headers, ...extra }, ...(payload === undefined ? {} : { payload }) })
    t.equal(res.statusCode, 403, label)
    t.equal(testId(res.body, 'error-message'), 'Refused: the form\'s token is missing or wrong. Reload the page and try again.', label)
  }
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
})

t.test('a console form body over 64 KiB is a 413 and changes nothing', async t => {
  const { app } = await buildTestApp(t)
  const res = await consoleClient(app).post('/console/steering', '/console/steering/arm', { scenario: 'pass', note: 'x'.repeat(65 * 1024) })
  t.equal(res.statusCode, 413)
  t.matchStrict(res.headers['content-type'], /^text\/html/)
  t.equal(testId(res.body, 'error-message'), 'The form is too large (over 64 KiB).', 'the console\'s own limit, not the API\'s 1 MiB')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'nothing was armed')
})

t.test('the fields of a form are read trimmed, as a tester means them', async t => {
  const { app } = await buildTestApp(t)
  const res = await consoleClient(app).post('/console/steering', '/console/steering/arm', { scenario: ' pass ', client_id: ' qa ', count: ' 2 ' })
  t.equal(res.statusCode, 303)
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: 'qa', remaining: 2 }])
})

t.test('with SANDBOX_ADMIN_TOKEN a form read from one replica posts to another (same cookie, same form tokens)', async t => {
  const { app: one } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const { app: two } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const signIn = await consoleClient(one).post('/', '/console/sign-in', { token: ADMIN, next: '/' })
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]
  const csrf = formTokenIn((await consoleClient(one, cookie).get('/console/steering')).body, '/console/steering/clock-advance')
  const res = await consoleClient(two, cookie).postWith(csrf, '/console/steering/clock-advance', { advance_seconds: '60' })
  t.equal(res.statusCode, 303)
  t.equal((await control(two, 'GET', '/clock', undefined, { 'x-sandbox-admin-token': ADMIN })).json().result.offset_ms, 60_000)
})
