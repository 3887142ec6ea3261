import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, getRecord, START } from '../helpers/app.js'
import { control } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }

t.test('GET /_sandbox/requests lists API and page calls, newest first, with method, path, client, status, time and token', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  tick(5)
  await getRecord(app, token)
  await getRecord(app, 'UNKNOWN', OTHER)
  await app.inject({ method: 'GET', url: '/api/ekyc/verifications/ANY' })
  tick(5)
  await app.inject({ method: 'GET', url: `/verifications?token=${token}&scenario=pass` })
  await control(app, 'GET', '/verifications')

  const res = await control(app, 'GET', '/requests')
  t.equal(res.statusCode, 200)
  const entries = res.json().result
  for (const e of entries) t.type(e.duration_ms, 'number')
  t.strictSame(entries.map(({ duration_ms: _, ...e }: Record<string, unknown>) => e), [
    { time: new Date(START + 10_000).toISOString(), method: 'GET', path: '/verifications', route: 'page', client_id: null, status: 303, token, note: null },
    { time: new Date(START + 5_000).toISOString(), method: 'GET', path: '/api/ekyc/verifications/ANY', route: 'get', client_id: null, status: 401, token: 'ANY', note: 'client_id or client_secret header missing' },
    { time: new Date(START + 5_000).toISOString(), method: 'GET', path: '/api/ekyc/verifications/UNKNOWN', route: 'get', client_id: 'merchant-b', status: 404, token: 'UNKNOWN', note: null },
    { time: new Date(START + 5_000).toISOString(), method: 'GET', path: `/api/ekyc/verifications/${token}`, route: 'get', client_id: 'merchant-a', status: 200, token, note: null },
    { time: new Date(START).toISOString(), method: 'POST', path: '/api/ekyc/verifications', route: 'create', client_id: 'merchant-a', status: 200, token, note: null }
  ], 'the control plane call is not journaled')
})

t.test('the journal filters by client_id and limit', async t => {
  const { app } = await buildTestApp(t)
  const a = await createSession(app)
  await createSession(app, {}, OTHER)
  await getRecord(app, a)
  const mine = (await control(app, 'GET', '/requests?client_id=merchant-a')).json().result
  t.strictSame(mine.map((e: { route: string }) => e.route), ['get', 'create'])
  const one = (await control(app, 'GET', '/requests?limit=1')).json().result
  t.strictSame(one.map((e: { route: string, client_id: string }) => [e.route, e.client_id]), [['get', 'merchant-a']])
  const bad = await control(app, 'GET', '/requests?limit=0')
  t.equal(bad.statusCode, 422)
  t.strictSame(bad.json().errors, { limit: ['limit must match pattern "^[1-9][0-9]{0,2}$"'] })
})

t.test('the journal keeps the newest 200 calls', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 205; i++) await getRecord(app, `T${i}`, CREDENTIALS)
  const entries = (await control(app, 'GET', '/requests')).json().result
  t.equal(entries.length, 200)
  t.equal(entries[0].token, 'T204')
  t.equal(entries[199].token, 'T5')
})

t.test('a page call is nobody\'s: client headers on it are neither journaled nor bound, and an empty ?token= is no token', async t => {
  const { app } = await buildTestApp(t)
  const page = await app.inject({ method: 'GET', url: '/verifications?token=', headers: { client_id: CREDENTIALS.client_id, client_secret: 'not-the-real-secret' } })
  t.not(page.statusCode, 200)
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).statusCode, 200, 'the real secret still works: the page call bound nothing')
  const entries = (await control(app, 'GET', '/requests')).json().result
  const pageEntry = entries.find((e: { route: string }) => e.route === 'page')
  t.equal(pageEntry.client_id, null, 'no client on the page call\'s entry')
  t.equal(pageEntry.token, null, 'an empty token is none')
})

t.test('duration_ms is the call\'s time in milliseconds, to a hundredth', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await control(app, 'POST', '/faults', { route: 'get', latency_ms: 40 })
  t.equal((await getRecord(app, token)).statusCode, 200)
  const [slow] = (await control(app, 'GET', '/requests?limit=1')).json().result
  t.ok(slow.duration_ms >= 40 && slow.duration_ms < 10_000, `a 40 ms latency shows (${slow.duration_ms})`)
  t.equal(Math.round(slow.duration_ms * 100) / 100, slow.duration_ms, 'at most two decimals')
})
