import { createHmac } from 'node:crypto'
import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, testId } from './helpers.js'

t.test('arms: arm for a client through the console, see it, cancel it', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const armed = await c.post('/console/steering', '/console/steering/arm', { scenario: 'fail-ocr-blurry', client_id: 'qa', count: '2' })
  t.equal(armed.headers.location, '/console/steering?done=arm')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [{ scenario: 'fail-ocr-blurry', client_id: 'qa', remaining: 2 }])
  const page = await c.get('/console/steering?done=arm')
  t.equal(testId(page.body, 'notice'), 'Armed.')
  t.matchStrict(page.body, /data-testid="arm-row"><td>1<\/td><td><code>fail-ocr-blurry<\/code><\/td><td>qa<\/td><td>2<\/td>/)
  t.equal((await c.post('/console/steering', '/console/steering/cancel-arms', { client_id: 'other' })).statusCode, 303)
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1, 'another client\'s cancel leaves it')
  await c.post('/console/steering', '/console/steering/cancel-arms', { client_id: '' })
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'empty client_id cancels every arm')
})

t.test('a refused arm shows the API\'s message by its field and arms nothing', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const unknown = await c.post('/console/steering', '/console/steering/arm', { scenario: 'no-such', count: '1' })
  t.equal(unknown.statusCode, 422)
  t.equal(testId(unknown.body, 'error-scenario'), 'Unknown scenario "no-such".')
  const badCount = await c.post('/console/steering', '/console/steering/arm', { scenario: 'pass', count: 'two' })
  t.equal(badCount.statusCode, 422)
  t.equal(testId(badCount.body, 'error-count'), 'count must be integer')
  t.matchStrict(badCount.body, 'value="two"', 'what was typed stays')
  const tooMany = await c.post('/console/steering', '/console/steering/arm', { scenario: 'pass', count: '1001' })
  t.equal(testId(tooMany.body, 'error-count'), 'count must be <= 1000')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
})

t.test('faults: add one that the API then answers, see it, clear it', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const added = await c.post('/console/steering', '/console/steering/fault', { route: 'create', status: '503', latency_ms: '', count: '1', client_id: '' })
  t.equal(added.statusCode, 303)
  t.matchStrict((await c.get('/console/steering')).body, /data-testid="fault-row"><td>1<\/td><td>create<\/td><td>503<\/td>/)
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'a', client_secret: 'b' }, payload: {} })
  t.strictSame(res.json(), { status: 503, message: 'Service Unavailable.' })
  await c.post('/console/steering', '/console/steering/fault', { route: 'page', status: '', latency_ms: '', count: '1', client_id: 'qa' })
  const refused = await c.post('/console/steering', '/console/steering/fault', { route: 'page', status: '500', latency_ms: '', count: '1', client_id: 'qa' })
  t.equal(refused.statusCode, 422)
  t.equal(testId(refused.body, 'error-client_id'), 'client_id cannot scope a page fault: page calls carry no client.')
  await c.post('/console/steering', '/console/steering/fault', { route: 'get', status: '500', latency_ms: '', count: '3', client_id: '' })
  t.equal((await control(app, 'GET', '/faults')).json().result.length, 1)
  await c.post('/console/steering', '/console/steering/clear-faults', { client_id: '' })
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [])
})

t.test('the clock: advance, set, a bad date by its field, reset', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  await c.post('/console/steering', '/console/steering/clock-advance', { advance_seconds: '901' })
  t.equal((await control(app, 'GET', '/clock')).json().result.offset_ms, 901_000)
  await c.post('/console/steering', '/console/steering/clock-set', { set: '2030-01-01T00:00:00Z' })
  t.equal((await control(app, 'GET', '/clock')).json().result.now, '2030-01-01T00:00:00.000Z')
  const bad = await c.post('/console/steering', '/console/steering/clock-set', { set: 'tomorrow' })
  t.equal(bad.statusCode, 422)
  t.equal(testId(bad.body, 'error-set'), 'set must match format "date-time"')
  const nothing = await c.post('/console/steering', '/console/steering/clock-advance', { advance_seconds: '' })
  t.equal(nothing.statusCode, 422, 'an empty advance is refused by the API, not read as 0')
  await c.post('/console/steering', '/console/steering/clock-reset', {})
  t.equal((await control(app, 'GET', '/clock')).json().result.offset_ms, 0)
})

t.test('reset asks first: the first post changes nothing, the confirmation forgets one client or all', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  await createSession(app, {}, { client_id: 'qa', client_secret: 'x' })
  await createSession(app, {}, { client_id: 'other', client_secret: 'y' })
  const ask = await c.post('/console/steering', '/console/steering/reset', { client_id: 'qa' })
  t.equal(ask.statusCode, 200)
  t.matchStrict(ask.body, 'data-testid="reset-confirm"')
  t.matchStrict(ask.body, 'Reset client <code>qa</code>?')
  t.equal((await app.inject({ url: '/health' })).json().sessions, 2, 'nothing forgotten before the confirmation')
  const done = await c.post('/console/steering', '/console/steering/reset', { client_id: 'qa', confirm: 'yes' })
  t.equal(done.headers.location, '/console/steering?done=reset')
  t.strictSame((await control(app, 'GET', '/verifications')).json().result.map((v: { client_id: string }) => v.client_id), ['other'])
  await c.post('/console/steering', '/console/steering/reset', { client_id: '', confirm: 'yes' })
  t.equal((await app.inject({ url: '/health' })).json().sessions, 0)
})

t.test('the journal filters by client, route and status; a filter it cannot read is said so by its field', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  await createSession(app, {}, { client_id: 'qa', client_secret: 'x' })
  await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'shop', client_secret: 'y' }, payload: {} })
  await app.inject({ url: '/verifications?token=NOPE' })
  const calls = async (query: string) => [...(await c.get(`/console/journal?${query}`)).body.matchAll(/data-testid="journal-call">([^<]+)</g)].map(m => m[1])
  t.strictSame(await calls(''), ['GET /verifications', 'POST /api/ekyc/verifications', 'POST /api/ekyc/verifications'], 'newest first')
  t.strictSame(await calls('client_id=shop'), ['POST /api/ekyc/verifications'])
  t.strictSame(await calls('route=page'), ['GET /verifications'])
  t.strictSame(await calls('status=4xx'), ['GET /verifications', 'POST /api/ekyc/verifications'])
  t.strictSame(await calls('status=422&route=create'), ['POST /api/ekyc/verifications'])
  const bad = await c.get('/console/journal?status=teapot&route=x')
  t.equal(bad.statusCode, 422)
  t.matchStrict(testId(bad.body, 'error-route'), /^Unknown route "x"/)
  const badStatus = await c.get('/console/journal?status=teapot')
  t.matchStrict(testId(badStatus.body, 'error-status'), /^The status filter must be a status such as 422/)
})


t.test('a post to a steering form that does not exist, with a valid token for its path, is a 404 naming it, cut to 80 characters', async t => {
  // Only the admin token's holder can make such a token: the console derives its form key from it.
  const admin = 's3cret-admin'
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: admin })
  const signIn = await consoleClient(app).post('/', '/console/sign-in', { token: admin, next: '/' })
  const c = consoleClient(app, String(signIn.headers['set-cookie']).split(';')[0])
  const formKey = createHmac('sha256', admin).update('console forms').digest()
  for (const [name, shown] of [['nope', 'nope'], ['x'.repeat(100), 'x'.repeat(80)]]) {
    const path = `/console/steering/${name}`
    const res = await c.postWith(createHmac('sha256', formKey).update(path).digest('base64url'), path, {})
    t.equal(res.statusCode, 404, name.slice(0, 10))
    t.equal(testId(res.body, 'error-message'), `No steering form "${shown}".`)
  }
})
