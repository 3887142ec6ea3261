import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from './control.js'

const ADMIN = { 'x-sandbox-admin-token': 's3cret' }
const ROUTES: Array<['GET' | 'POST' | 'DELETE', string, unknown?]> = [
  ['GET', '/scenarios'], ['GET', '/scenarios/pass'], ['GET', '/verifications'], ['GET', '/verifications/ANY'],
  ['POST', '/verifications/ANY/complete', { scenario: 'pass' }], ['POST', '/verifications/ANY/expire'],
  ['POST', '/arm', { scenario: 'pass' }], ['GET', '/arm'], ['DELETE', '/arm'], ['GET', '/clock'], ['POST', '/clock', { advance_seconds: 60 }],
  ['POST', '/faults', { route: 'get', status: 500 }], ['GET', '/faults'], ['DELETE', '/faults'],
  ['GET', '/requests'], ['DELETE', '/state']
]

t.test('with SANDBOX_ADMIN_TOKEN every control-plane route answers 401 without the right X-Sandbox-Admin-Token, and applies nothing', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: 's3cret' })
  for (const [method, path, payload] of ROUTES) {
    for (const headers of [{}, { 'x-sandbox-admin-token': 'wrong' }] as Array<Record<string, string>>) {
      const res = await control(app, method, path, payload, headers)
      t.equal(res.statusCode, 401, `${method} ${path}`)
      t.strictSame(res.json(), { status: 401, message: 'Missing or wrong X-Sandbox-Admin-Token.' })
    }
  }
  t.strictSame((await control(app, 'GET', '/clock', undefined, ADMIN)).json().result.offset_ms, 0, 'the clock did not move')
  t.strictSame((await control(app, 'GET', '/faults', undefined, ADMIN)).json().result, [], 'no fault was added')
  t.strictSame((await control(app, 'POST', '/arm', { scenario: 'pass' }, ADMIN)).statusCode, 200, 'the right token passes')
})

t.test('the guard never covers /health, the emulated API or the hosted page', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: 's3cret' })
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200)
  const token = await createSession(app)
  t.equal((await app.inject({ method: 'GET', url: `/verifications?token=${token}` })).statusCode, 200)
})

t.test('without SANDBOX_ADMIN_TOKEN the control plane is open', async t => {
  const { app } = await buildTestApp(t)
  t.equal((await control(app, 'GET', '/clock')).statusCode, 200)
})
