import t from 'tap'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { control } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }

async function populate (app: Parameters<typeof createSession>[0]) {
  const a = await createSession(app)
  const b = await createSession(app, {}, OTHER)
  await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a' })
  await control(app, 'POST', '/arm', { scenario: 'pass' })
  await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: 'merchant-a' })
  await control(app, 'POST', '/faults', { route: 'page', status: 503 })
  await control(app, 'POST', '/clock', { advance_seconds: 30 })
  return { a, b }
}

t.test('DELETE /_sandbox/state forgets sessions, arms, faults and the journal, and leaves the clock', async t => {
  const { app } = await buildTestApp(t)
  const { a } = await populate(app)
  const res = await control(app, 'DELETE', '/state')
  t.equal(res.statusCode, 200)
  t.strictSame(res.json(), { status: 200, result: { verifications: 2, arms: 2, faults: 2, requests: 2, secrets: 2 } })
  t.strictSame((await control(app, 'GET', '/verifications')).json().result, [])
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
  t.strictSame((await control(app, 'GET', '/faults')).json().result, [])
  t.strictSame((await getRecord(app, a)).json(), { status: 404, message: 'Verification not found.' })
  t.strictSame((await control(app, 'GET', '/requests')).json().result.map((e: { status: number }) => e.status), [404], 'only the call just made')
  t.equal((await control(app, 'GET', '/clock')).json().result.offset_ms, 30_000)
})

t.test('DELETE /_sandbox/state?client_id= forgets only what belongs to that client', async t => {
  const { app } = await buildTestApp(t)
  const { b } = await populate(app)
  const res = await control(app, 'DELETE', '/state?client_id=merchant-a')
  t.strictSame(res.json().result, { verifications: 1, arms: 1, faults: 1, requests: 1, secrets: 1 })
  t.strictSame((await control(app, 'GET', '/verifications')).json().result.map((v: { token: string }) => v.token), [b])
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: null, remaining: 1 }])
  t.strictSame((await control(app, 'GET', '/faults')).json().result.map((f: { route: string }) => f.route), ['page'])
  t.strictSame((await control(app, 'GET', '/requests')).json().result.map((e: { client_id: string }) => e.client_id), ['merchant-b'])
})
