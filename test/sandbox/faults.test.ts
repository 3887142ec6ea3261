import t from 'tap'
import { ERRORS } from '../../src/errors.js'
import { buildTestApp, createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { control } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }
const create = (app: Parameters<typeof createSession>[0], headers: Record<string, string> = CREDENTIALS) =>
  app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers, payload: VALID_BODY })

t.test('each fault status answers the next call with the documented text, once: in the envelope, a 429 as production\'s limiter', async t => {
  const { app } = await buildTestApp(t)
  const expected: Record<number, string> = {
    401: ERRORS.UNAUTHENTICATED.message,
    404: ERRORS.VERIFICATION_NOT_FOUND.message,
    422: ERRORS.VALIDATION_FAILED.message,
    429: 'Too many requests, please try again later.',
    500: ERRORS.SERVER_ERROR.message,
    503: ERRORS.SERVICE_UNAVAILABLE.message
  }
  for (const [status, message] of Object.entries(expected)) {
    const armed = await control(app, 'POST', '/faults', { route: 'create', status: Number(status) })
    t.strictSame(armed.json(), { status: 200, result: { route: 'create', status: Number(status), latency_ms: null, client_id: null, remaining: 1 } })
    const res = await create(app)
    t.equal(res.statusCode, Number(status))
    if (status === '429') {
      t.equal(res.body, message, 'the 429 is the text alone (test/sandbox/rate-limit-express.test.ts compares it with express-rate-limit)')
      t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
    } else t.strictSame(res.json(), { status: Number(status), message })
    t.equal((await create(app)).statusCode, 200, `the ${status} fault is used up`)
  }
})

t.test('a get fault with count fails that many reads, then reads work again', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await control(app, 'POST', '/faults', { route: 'get', status: 500, count: 2 })
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [{ route: 'get', status: 500, latency_ms: null, client_id: null, remaining: 2 }])
  t.equal((await getRecord(app, token)).statusCode, 500)
  t.equal((await getRecord(app, token)).statusCode, 500)
  t.equal((await getRecord(app, token)).statusCode, 200)
  t.equal((await create(app)).statusCode, 200, 'create was never affected')
})

t.test('a fault for any caller acts before authentication', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/faults', { route: 'create', status: 503 })
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', payload: VALID_BODY })
  t.strictSame(res.json(), { status: 503, message: 'Service Unavailable.' })
})

t.test('a client\'s fault acts only on calls authenticated as that client', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'merchant-a:sk_test_a,merchant-b:sk_test_b' })
  await control(app, 'POST', '/faults', { route: 'create', status: 503, client_id: 'merchant-a' })
  t.equal((await create(app, OTHER)).statusCode, 200, 'another client is not affected')
  const wrongSecret = await create(app, { client_id: 'merchant-a', client_secret: 'wrong' })
  t.strictSame(wrongSecret.json(), { status: 401, message: 'Unauthenticated.' }, 'a wrong secret still gets its 401')
  t.strictSame((await create(app)).json(), { status: 503, message: 'Service Unavailable.' })
  t.equal((await create(app)).statusCode, 200)
})

t.test('latency_ms alone delays the call, which then succeeds', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/faults', { route: 'create', latency_ms: 300 })
  const started = performance.now()
  const res = await create(app)
  t.equal(res.statusCode, 200)
  t.ok(performance.now() - started >= 290, 'delayed by about 300 ms')
  const quick = performance.now()
  await create(app)
  t.ok(performance.now() - quick < 250, 'only once')
})

t.test('a GET delayed by a latency fault answers the session as it is when the delay ends', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await control(app, 'POST', '/faults', { route: 'get', latency_ms: 400 })
  const delayed = getRecord(app, token)
  // The call has taken its first step (and read the open session) before this completes it.
  await new Promise(resolve => setTimeout(resolve, 150))
  t.equal((await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })).statusCode, 200)
  const res = await delayed
  t.equal(res.statusCode, 200)
  t.strictSame([res.json().result.ocr_success, res.json().result.face_id_success, res.json().result.is_success], [1, 1, 1], 'not the open session read before the delay')
})

t.test('latency_ms with status delays, then fails', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/faults', { route: 'create', latency_ms: 200, status: 429 })
  const started = performance.now()
  const res = await create(app)
  t.ok(performance.now() - started >= 190)
  t.equal(res.statusCode, 429)
  t.equal(res.body, 'Too many requests, please try again later.')
})

t.test('a page fault answers the page with that status, rendered by the page', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await control(app, 'POST', '/faults', { route: 'page', status: 503 })
  const res = await app.inject({ method: 'GET', url: `/verifications?token=${token}` })
  t.equal(res.statusCode, 503)
  t.matchStrict(res.headers['content-type'], /text\/html/)
  t.matchStrict(res.body, /Service Unavailable/)
  t.equal((await app.inject({ method: 'GET', url: `/verifications?token=${token}` })).statusCode, 200)
})

t.test('DELETE /_sandbox/faults forgets waiting faults, optionally one client\'s', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/faults', { route: 'create', status: 503 })
  await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: 'merchant-a' })
  t.strictSame((await control(app, 'DELETE', '/faults?client_id=merchant-a')).json(), { status: 200, result: { faults: 1 } })
  t.strictSame((await control(app, 'GET', '/faults')).json().result.map((f: { route: string }) => f.route), ['create'])
  t.strictSame((await control(app, 'DELETE', '/faults')).json(), { status: 200, result: { faults: 1 } })
  t.equal((await create(app)).statusCode, 200)
})

t.test('faults reject bad input with a 422 naming the problem and add nothing', async t => {
  const { app } = await buildTestApp(t)
  const cases: Array<[unknown, string, Record<string, string[]>]> = [
    [{ route: 'create', status: 418 }, 'status 418 is not supported: use one of 401, 404, 422, 429, 500, 503.', { status: ['status 418 is not supported: use one of 401, 404, 422, 429, 500, 503.'] }],
    [{ route: 'create', latency_ms: -5 }, 'Invalid body: latency_ms must be >= 0.', { latency_ms: ['latency_ms must be >= 0'] }],
    [{ route: 'create', status: 503, count: -1 }, 'Invalid body: count must be >= 1.', { count: ['count must be >= 1'] }],
    [{ route: 'create' }, 'Give status, latency_ms or both.', { status: ['Give status, latency_ms or both.'] }],
    [{ route: 'page', status: 503, client_id: 'merchant-a' }, 'client_id cannot scope a page fault: page calls carry no client.', { client_id: ['client_id cannot scope a page fault: page calls carry no client.'] }],
    [{ route: 'delete', status: 503 }, 'Invalid body: route must be one of the allowed values (got "delete").', { route: ['route must be one of the allowed values (got "delete")'] }],
    [{ status: 503 }, 'Invalid body: route is required.', { route: ['route is required'] }],
    // A pasted value is quoted by its first 100 characters (of its JSON), not in full.
    [{ route: 'p'.repeat(98), status: 503 }, `Invalid body: route must be one of the allowed values (got "${'p'.repeat(98)}").`, { route: [`route must be one of the allowed values (got "${'p'.repeat(98)}")`] }],
    [{ route: 'p'.repeat(120), status: 503 }, `Invalid body: route must be one of the allowed values (got "${'p'.repeat(98)}…").`, { route: [`route must be one of the allowed values (got "${'p'.repeat(98)}…")`] }],
    // A value that is not a string is cut with no closing quote.
    [{ route: ['p'.repeat(120)], status: 503 }, `Invalid body: route must be one of the allowed values (got ["${'p'.repeat(97)}…).`, { route: [`route must be one of the allowed values (got ["${'p'.repeat(97)}…)`] }]
  ]
  for (const [payload, message, errors] of cases) {
    const res = await control(app, 'POST', '/faults', payload)
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.strictSame(res.json(), { status: 422, message, errors }, JSON.stringify(payload))
  }
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [])
})

t.test('at most 100 faults wait at once', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 100; i++) await control(app, 'POST', '/faults', { route: 'get', latency_ms: 0 })
  const res = await control(app, 'POST', '/faults', { route: 'get', status: 500 })
  t.equal(res.statusCode, 422)
  t.equal(res.json().message, 'At most 100 faults wait at once for any caller; DELETE /_sandbox/faults first.')
})
