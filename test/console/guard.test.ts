import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, formTokenIn } from './helpers.js'

const ADMIN = 's3cret-admin'

t.test('with SANDBOX_ADMIN_TOKEN every console page shows only the sign-in form, and nothing about sessions', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const token = await createSession(app, { redirect_url: 'https://merchant.example/back' }, { client_id: 'secret-client', client_secret: 'x' })
  const pages = ['/', '/console/sessions', `/console/sessions/${token}`, '/console/steering', '/console/journal', '/console/scenarios',
    `/console/merchant/return?client_id=secret-client&ref=x&is_success=1`]
  for (const path of pages) {
    const res = await app.inject({ url: path })
    t.equal(res.statusCode, 401, path)
    t.matchStrict(res.body, 'data-testid="sign-in"', path)
    t.matchStrict(res.body, 'type="password" id="sign-in-token" name="token"', path)
    // The form keeps the address asked for (to go back there after signing in), and shows nothing else.
    const shown = res.body.replace(/<input type="hidden" name="next" value="[^"]*">/, '')
    t.notMatch(shown, token, `${path}: no token`)
    t.notMatch(shown, 'secret-client', `${path}: no client`)
    t.notMatch(shown, 'merchant.example', `${path}: no session data`)
    t.notMatch(shown, 'console-nav', `${path}: no navigation`)
  }
  // A post with the right origin and a form token read while signed in, but without the cookie, is refused too.
  const signIn = await consoleClient(app).post('/', '/console/sign-in', { token: ADMIN, next: '/' })
  const steering = await consoleClient(app, String(signIn.headers['set-cookie']).split(';')[0]).get('/console/steering')
  const csrf = formTokenIn(steering.body, '/console/steering/clock-advance')
  const post = await consoleClient(app).postWith(csrf, '/console/steering/clock-advance', { advance_seconds: '60' })
  t.equal(post.statusCode, 401)
  t.matchStrict(post.body, 'data-testid="sign-in"')
  t.equal((await control(app, 'GET', '/clock', undefined, { 'x-sandbox-admin-token': ADMIN })).json().result.offset_ms, 0, 'the clock did not move')
})

t.test('signing in sets an HttpOnly SameSite=Strict cookie that opens the console; the control plane still wants its header', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  const anonymous = consoleClient(app)
  const wrong = await anonymous.post('/', '/console/sign-in', { token: 'nope', next: '/console/steering' })
  t.equal(wrong.statusCode, 401)
  t.matchStrict(wrong.body, 'data-testid="sign-in-error"')
  t.equal(wrong.headers['set-cookie'], undefined)

  const right = await anonymous.post('/console/steering', '/console/sign-in', { token: ADMIN, next: '/console/steering' })
  t.equal(right.statusCode, 303)
  t.equal(right.headers.location, '/console/steering', 'back to the page asked for')
  const setCookie = String(right.headers['set-cookie'])
  t.matchStrict(setCookie, /^ekyc_console=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/)
  t.notMatch(setCookie, ADMIN, 'the cookie is not the admin token')
  const cookie = setCookie.split(';')[0]

  const signedIn = consoleClient(app, cookie)
  const home = await signedIn.get('/')
  t.equal(home.statusCode, 200)
  t.matchStrict(home.body, 'data-testid="sign-out"')
  const armed = await signedIn.post('/console/steering', '/console/steering/arm', { scenario: 'pass', client_id: 'qa', count: '1' })
  t.equal(armed.statusCode, 303, 'a signed-in tester steers through the console')
  t.equal((await control(app, 'GET', '/arm', undefined, { 'x-sandbox-admin-token': ADMIN })).json().result.length, 1)
  t.equal((await app.inject({ url: '/_sandbox/arm', headers: { cookie } })).statusCode, 401, 'the cookie does not open the control-plane API')

  const out = await signedIn.post('/', '/console/sign-out', {})
  t.equal(out.statusCode, 303)
  t.matchStrict(String(out.headers['set-cookie']), /^ekyc_console=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/)
})

t.test('a next address outside the console is never followed', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
  for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
    const res = await consoleClient(app).post('/', '/console/sign-in', { token: ADMIN, next })
    t.equal(res.headers.location, '/', next)
  }
})

t.test('a post from another origin, another site or without its form token is a 403 and changes nothing', async t => {
  const { app } = await buildTestApp(t)
  const home = (await app.inject({ url: '/', headers: { host: 'localhost:3939' } })).body
  const csrf = formTokenIn((await app.inject({ url: '/console/steering' })).body, '/console/steering/arm')
  const attempt = (headers: Record<string, string>, fields: Record<string, string>) => app.inject({
    method: 'POST',
    url: '/console/steering/arm',
    headers: { host: 'localhost:3939', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ scenario: 'pass', ...fields }).toString()
  })
  const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['another origin, with a valid token', { origin: 'https://evil.example' }, { csrf }],
    ['Origin null', { origin: 'null' }, { csrf }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, { csrf }],
    ['no token', { origin: 'http://localhost:3939' }, {}],
    ['another form\'s token', { origin: 'http://localhost:3939' }, { csrf: formTokenIn(home, '/console/sessions') }],
    ['a made-up token', {}, { csrf: 'AAAA' }]
  ]
  for (const [label, headers, fields] of cases) {
    const res = await attempt(headers, fields)
    t.equal(res.statusCode, 403, label)
    t.matchStrict(res.headers['content-type'], /^text\/html/, label)
    t.matchStrict(res.body, /Refused: /, label)
  }
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'nothing was armed')
  const ok = await attempt({ origin: 'http://localhost:3939', 'sec-fetch-site': 'same-origin' }, { csrf })
  t.equal(ok.statusCode, 303, 'the same post from the console itself is applied')
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1)
})

t.test('behind an HTTPS proxy (PUBLIC_URL https) the console cookie is Secure, set and cleared alike', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: ADMIN, PUBLIC_URL: 'https://sandbox.example' })
  // The proxy forwards plain HTTP; the browser's origin is the public one.
  const headers = { origin: 'https://sandbox.example' }
  const right = await consoleClient(app).post('/', '/console/sign-in', { token: ADMIN, next: '/' }, headers)
  t.equal(right.statusCode, 303)
  t.matchStrict(String(right.headers['set-cookie']), /^ekyc_console=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/)
  const out = await consoleClient(app, String(right.headers['set-cookie']).split(';')[0]).post('/', '/console/sign-out', {}, headers)
  t.matchStrict(String(out.headers['set-cookie']), /^ekyc_console=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict$/)
})
