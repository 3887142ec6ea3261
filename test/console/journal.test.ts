import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, createSession } from '../helpers/app.js'
import { consoleClient, testId } from './helpers.js'

/** Three calls: a create answered 200, a create answered 422, a page answered 404. */
async function threeCalls (app: FastifyInstance): Promise<void> {
  await createSession(app, {}, { client_id: 'qa', client_secret: 'x' })
  await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'shop', client_secret: 'y' }, payload: {} })
  await app.inject({ url: '/verifications?token=NOPE' })
}

/** The statuses of the calls the journal page lists, newest first. */
const statuses = (page: string): string[] => [...page.matchAll(/data-testid="journal-status"[^>]*>(\d+)</g)].map(m => m[1])

t.test('the journal opens with every call, a 200 page; empty filters are no filters', async t => {
  const { app } = await buildTestApp(t)
  await threeCalls(app)
  const c = consoleClient(app)
  const all = await c.get('/console/journal')
  t.equal(all.statusCode, 200)
  t.strictSame(statuses(all.body), ['404', '422', '200'])
  const blank = await c.get('/console/journal?client_id=&route=&status=')
  t.equal(blank.statusCode, 200, 'the filter form submitted as it first shows')
  t.strictSame(statuses(blank.body), ['404', '422', '200'])
})

t.test('a status filter shows the calls answered with that status, or that class, only', async t => {
  const { app } = await buildTestApp(t)
  await threeCalls(app)
  const c = consoleClient(app)
  t.strictSame(statuses((await c.get('/console/journal?status=422')).body), ['422'])
  t.strictSame(statuses((await c.get('/console/journal?status=200')).body), ['200'])
  t.strictSame(statuses((await c.get('/console/journal?status=2XX')).body), ['200'])
})

t.test('a status filter with anything around the status or the class is refused by its field, and lists nothing', async t => {
  const { app } = await buildTestApp(t)
  await threeCalls(app)
  const c = consoleClient(app)
  for (const status of ['x422', '4221', 'a4xx', '4xxx', 'teapot']) {
    const res = await c.get(`/console/journal?status=${status}`)
    t.equal(res.statusCode, 422, status)
    t.equal(testId(res.body, 'error-status'), `The status filter must be a status such as 422 or a class such as 4xx, got "${status}".`, status)
    t.strictSame(statuses(res.body), [], `${status}: no call listed`)
    t.matchStrict(res.body, 'data-testid="no-journal"', status)
  }
  const long = await c.get(`/console/journal?status=${'9'.repeat(100)}`)
  t.equal(testId(long.body, 'error-status'), `The status filter must be a status such as 422 or a class such as 4xx, got "${'9'.repeat(40)}".`, 'what was typed, cut to 40 characters')
})

t.test('an unknown route filter names the routes there are, and a long one is cut', async t => {
  const { app } = await buildTestApp(t)
  await threeCalls(app)
  const res = await consoleClient(app).get(`/console/journal?route=${'r'.repeat(100)}`)
  t.equal(res.statusCode, 422)
  t.equal(testId(res.body, 'error-route'), `Unknown route "${'r'.repeat(40)}": choose one of create, get, page.`)
  t.strictSame(statuses(res.body), [])
})

t.test('a client filter the control plane refuses is shown by its field', async t => {
  const { app } = await buildTestApp(t)
  await threeCalls(app)
  const res = await consoleClient(app).get(`/console/journal?client_id=${'x'.repeat(300)}`)
  t.equal(res.statusCode, 422)
  t.equal(testId(res.body, 'error-client_id'), 'client_id must not have more than 255 characters')
  t.strictSame(statuses(res.body), [])
})
