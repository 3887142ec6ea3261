import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { control } from '../sandbox/control.js'

const WRONG = { client_id: CREDENTIALS.client_id, client_secret: 'sk_other' }
const create = (app: FastifyInstance, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers, payload: VALID_BODY })

t.test('open mode binds the first client_secret: another secret is the 401 of strict mode on both endpoints', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const created = await create(app, WRONG)
  t.equal(created.statusCode, 401)
  t.strictSame(created.json(), { status: 401, message: 'Unauthenticated.' })
  const read = await getRecord(app, token, WRONG)
  t.equal(read.statusCode, 401)
  t.strictSame(read.json(), { status: 401, message: 'Unauthenticated.' })
  t.equal((await control(app, 'GET', '/verifications')).json().result.length, 1, 'the refused create made nothing')
  t.equal((await getRecord(app, token)).statusCode, 200, 'the first secret still works')

  const journal = (await control(app, 'GET', '/requests?limit=3')).json().result
  t.strictSame(journal.map((e: { status: number, note: string | null }) => [e.status, e.note]), [
    [200, null],
    [401, 'secret differs from the one first used'],
    [401, 'secret differs from the one first used']
  ])
})

t.test('each client_id binds its own secret', async t => {
  const { app } = await buildTestApp(t)
  await createSession(app)
  t.equal((await create(app, { client_id: 'merchant-b', client_secret: 'sk_other' })).statusCode, 200)
})

t.test('a client\'s state reset forgets its binding only; a whole reset forgets every binding', async t => {
  const { app } = await buildTestApp(t)
  await createSession(app)
  await createSession(app, {}, { client_id: 'merchant-b', client_secret: 'sk_b' })
  const reset = await control(app, 'DELETE', '/state?client_id=merchant-a')
  t.equal(reset.json().result.secrets, 1)
  t.equal((await create(app, WRONG)).statusCode, 200, 'the new secret binds')
  t.equal((await create(app, CREDENTIALS)).statusCode, 401, 'and the old one is now the wrong one')
  t.equal((await create(app, { client_id: 'merchant-b', client_secret: 'sk_x' })).statusCode, 401, 'merchant-b keeps its binding')

  t.equal((await control(app, 'DELETE', '/state')).json().result.secrets, 2)
  t.equal((await create(app, { client_id: 'merchant-b', client_secret: 'sk_x' })).statusCode, 200)
})

t.test('a refused secret binds nothing, and a missing secret is not a secret', async t => {
  const { app } = await buildTestApp(t)
  t.equal((await create(app, { client_id: 'merchant-a' })).statusCode, 401)
  t.equal((await control(app, 'GET', '/requests?limit=1')).json().result[0].note, 'client_id or client_secret header missing')
  t.equal((await create(app, CREDENTIALS)).statusCode, 200, 'the first real secret binds')
})

t.test('strict mode is unchanged: the listed secret only, with the reason in the journal', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'ci-a:sk_a' })
  t.equal((await create(app, { client_id: 'ci-a', client_secret: 'sk_b' })).statusCode, 401)
  t.equal((await create(app, { client_id: 'ci-z', client_secret: 'sk_a' })).statusCode, 401)
  t.strictSame((await control(app, 'GET', '/requests')).json().result.map((e: { note: string }) => e.note), ['client_id not in EKYC_CLIENTS', 'wrong client_secret'])
  t.equal((await create(app, { client_id: 'ci-a', client_secret: 'sk_a' })).statusCode, 200)
})
