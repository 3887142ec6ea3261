import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from './control.js'

const OTHER = { client_id: 'tenant-b', client_secret: 'sk_b' }

/** Everything a control-plane call could change, as one snapshot. */
async function snapshot (app: FastifyInstance) {
  const get = async (path: string) => (await control(app, 'GET', path)).json().result
  return { sessions: await get('/verifications'), arms: await get('/arm'), faults: await get('/faults'), clock: await get('/clock') }
}

async function populate (app: FastifyInstance): Promise<string> {
  const token = await createSession(app)
  await createSession(app, {}, OTHER)
  await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a' })
  await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: 'tenant-b' })
  return token
}

const ROUTES: Array<[method: 'GET' | 'POST' | 'DELETE', path: (token: string) => string, payload?: object]> = [
  ['GET', () => '/scenarios'],
  ['GET', () => '/scenarios/pass'],
  ['GET', () => '/verifications'],
  ['GET', token => `/verifications/${token}`],
  ['POST', token => `/verifications/${token}/complete`, { scenario: 'pass' }],
  ['POST', token => `/verifications/${token}/expire`],
  ['GET', () => '/arm'],
  ['POST', () => '/arm', { scenario: 'pass' }],
  ['GET', () => '/clock'],
  ['POST', () => '/clock', { advance_seconds: 60 }],
  ['GET', () => '/faults'],
  ['POST', () => '/faults', { route: 'create', status: 503 }],
  ['DELETE', () => '/faults'],
  ['GET', () => '/requests'],
  ['DELETE', () => '/state']
]

t.test('every control-plane route answers an unknown query parameter with a 422 naming it, and does nothing', async t => {
  const { app } = await buildTestApp(t)
  const token = await populate(app)
  const before = await snapshot(app)
  for (const [method, path, payload] of ROUTES) {
    const res = await control(app, method, `${path(token)}?clientId=merchant-a`, payload)
    t.equal(res.statusCode, 422, `${method} ${path('T')}`)
    t.strictSame(res.json(), {
      status: 422,
      message: 'Invalid querystring: clientId is not a known field.',
      errors: { clientId: ['clientId is not a known field'] }
    }, `${method} ${path('T')} names clientId`)
  }
  t.strictSame(await snapshot(app), before, 'no session, arm, fault or the clock changed')
})

t.test('the misspelt filters of the review are refused instead of acting on every tenant', async t => {
  const { app } = await buildTestApp(t)
  await populate(app)
  const before = await snapshot(app)
  const wipe = await control(app, 'DELETE', '/state?clientId=tenant-a')
  t.equal(wipe.statusCode, 422)
  t.equal(wipe.json().message, 'Invalid querystring: clientId is not a known field.')
  const faults = await control(app, 'DELETE', '/faults?client=tenant-b')
  t.strictSame(faults.json(), { status: 422, message: 'Invalid querystring: client is not a known field.', errors: { client: ['client is not a known field'] } })
  const list = await control(app, 'GET', '/verifications?clientId=tenant-b')
  t.equal(list.statusCode, 422)
  t.strictSame(await snapshot(app), before, 'nothing was wiped')
})

t.test('a parameter given twice is a 422 saying so, and nothing is done', async t => {
  const { app } = await buildTestApp(t)
  await populate(app)
  const before = await snapshot(app)
  const res = await control(app, 'DELETE', '/state?client_id=merchant-a&client_id=tenant-b')
  t.equal(res.statusCode, 422)
  t.strictSame(res.json(), {
    status: 422,
    message: 'Invalid querystring: client_id is given more than once: give it once.',
    errors: { client_id: ['client_id is given more than once: give it once'] }
  })
  const limit = await control(app, 'GET', '/requests?limit=1&limit=2')
  t.strictSame(limit.json().errors, { limit: ['limit is given more than once: give it once'] })
  const unknown = await control(app, 'DELETE', '/state?clientId=merchant-a&clientId=tenant-b')
  t.strictSame(unknown.json().errors, { clientId: ['clientId is not a known field'] }, 'an unknown parameter given twice is still unknown')
  t.strictSame(await snapshot(app), before)
})

t.test('bracket forms and prototype names are unknown parameters too', async t => {
  const { app } = await buildTestApp(t)
  await populate(app)
  const before = await snapshot(app)
  for (const name of ['client_id[]', '__proto__', 'constructor', 'client_id.x']) {
    const res = await control(app, 'DELETE', `/state?${name}=merchant-a`)
    t.equal(res.statusCode, 422, name)
    // Compared as JSON text: strictSame reads an own `constructor` key as the object's constructor.
    t.equal(JSON.stringify(res.json().errors), JSON.stringify({ [name]: [`${name} is not a known field`] }), name)
  }
  t.strictSame(await snapshot(app), before)
})

t.test('the known parameters still work', async t => {
  const { app } = await buildTestApp(t)
  await populate(app)
  t.equal((await control(app, 'GET', '/verifications?client_id=tenant-b&limit=5')).json().result.length, 1)
  t.equal((await control(app, 'GET', '/requests?client_id=tenant-b&limit=5')).json().result.length, 1)
  t.strictSame((await control(app, 'DELETE', '/faults?client_id=tenant-b')).json().result, { faults: 1 })
  t.strictSame((await control(app, 'DELETE', '/state?client_id=merchant-a')).json().result, { verifications: 1, arms: 1, faults: 0, requests: 1, secrets: 1 })
})
