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
