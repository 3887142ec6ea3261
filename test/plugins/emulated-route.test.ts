// The call's first step (src/plugins/emulated-route.ts): what every call reads from the shared
// state before its route runs, which paths need no state at all, and what strict mode binds.
import t from 'tap'
import { ApiError } from '../../src/errors.js'
import type { CallQuestion, CallStart } from '../../src/state/state.js'
import { buildTestApp, createSession, CREDENTIALS, getRecord } from '../helpers/app.js'
import { control } from '../sandbox/control.js'

const HOUR_MS = 3_600_000

t.test('a control-plane call reads the shared clock: a move made through another replica is seen at once', async t => {
  const { app } = await buildTestApp(t)
  // What another replica's POST /_sandbox/clock leaves in the shared state (this one never adopted it).
  await app.state.setClockOffset(HOUR_MS)
  t.equal(app.clock.offsetMs, 0, 'this replica has not seen the move yet')
  t.equal((await control(app, 'GET', '/clock')).json().result.offset_ms, HOUR_MS, 'GET /_sandbox/clock reads the shared offset')
})

t.test('with the state away, /health and the API documentation still answer; every other call is a 503', async t => {
  const { app } = await buildTestApp(t)
  const away = (): Promise<never> => Promise.reject(new ApiError('SERVICE_UNAVAILABLE'))
  app.state.healthy = async () => false
  app.state.clockOffset = away
  app.state.begin = away
  const get = async (url: string, headers: Record<string, string> = {}) => await app.inject({ method: 'GET', url, headers })

  const health = await get('/health')
  t.strictSame({ code: health.statusCode, body: health.json() }, {
    code: 503,
    body: { status: 'unavailable', state: 'redis', message: 'Redis cannot be reached; the sandbox answers 503 until it is back.' }
  }, '/health answers in its own words, without reading the state first')
  t.equal((await get('/health?probe=1')).json().status, 'unavailable', 'with a query too')
  t.equal((await get('/documentation/json')).statusCode, 200, 'the OpenAPI document needs no state')

  const unavailable = { status: 503, message: 'Service Unavailable.' }
  for (const url of ['/_sandbox/clock', '/_sandbox/verifications/health', '/_sandbox/verifications/documentation', '/healthz']) {
    const res = await get(url)
    t.strictSame({ code: res.statusCode, body: res.json() }, { code: 503, body: unavailable }, `${url}: only a path that starts with /health or /documentation is exempt`)
  }
  const api = await get('/api/ekyc/verifications/abc', CREDENTIALS)
  t.strictSame({ code: api.statusCode, body: api.json() }, { code: 503, body: unavailable }, 'an API call')
})

t.test('a first step that answers later, as Redis\'s does, is awaited before the route runs', async t => {
  const { app, tick } = await buildTestApp(t)
  const begin = app.state.begin.bind(app.state)
  let asked = 0
  app.state.begin = async (call: CallQuestion): Promise<CallStart> => {
    asked++
    return await begin(call)
  }
  await app.state.setClockOffset(HOUR_MS)
  tick(1)
  const answered = async <T>(what: string, call: Promise<T>): Promise<T> => await Promise.race([
    call,
    new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`${what}: no answer within 2 s`)), 2000))
  ])
  const token = await answered('the create', createSession(app))
  const record = await answered('the GET', getRecord(app, token))
  t.equal(record.statusCode, 200)
  t.equal(record.json().result.created_at, '2025-02-01T14:56:48.000Z', 'created on the shared clock the first step read (START + 1 h + 1 s)')
  t.equal(asked, 2, 'one first step per call')
})

t.test('strict mode (EKYC_CLIENTS) binds no secret: there is none to forget', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: `${CREDENTIALS.client_id}:${CREDENTIALS.client_secret}` })
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).statusCode, 200)
  const cleared = await control(app, 'DELETE', '/state')
  t.equal(cleared.statusCode, 200)
  t.equal(cleared.json().result.secrets, 0, 'no secret was bound by the calls')
})
