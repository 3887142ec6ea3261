import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { control } from '../sandbox/control.js'
import { consoleClient, testId } from './helpers.js'

const FIELDS = { type: '00', id_type: 'ID_CARD', id_country: 'MYS', redirect_url: 'https://shop.example/back' }
const sessionCount = async (app: Parameters<typeof control>[0]): Promise<number> => (await app.inject({ url: '/health' })).json().sessions

t.test('in open mode a client_id bound to another secret is refused by its field, with why', async t => {
  const { app } = await buildTestApp(t)
  await createSession(app, {}, { client_id: 'qa', client_secret: 'the-shop-secret' })
  const res = await consoleClient(app).post('/', '/console/sessions', { ...FIELDS, client_id: 'qa' })
  t.equal(res.statusCode, 401)
  t.equal(testId(res.body, 'error-client_id'),
    'Unauthenticated. This client_id was first used with another secret, which it is now bound to; the console sends "qa-console".')
  t.equal(await sessionCount(app), 1, 'nothing created')
})

t.test('a create posted without a field is refused as if it were empty', async t => {
  const { app } = await buildTestApp(t)
  const c = consoleClient(app)
  const noClient = await c.post('/', '/console/sessions', FIELDS)
  t.equal(noClient.statusCode, 401)
  t.matchStrict(testId(noClient.body, 'error-client_id'), /^Unauthenticated\. /)
  const noChoices = await c.post('/', '/console/sessions', { client_id: 'qa', redirect_url: 'https://shop.example/back' })
  t.equal(noChoices.statusCode, 422)
  t.equal(testId(noChoices.body, 'error-type'), 'The type field is required.')
  t.equal(testId(noChoices.body, 'error-id_type'), 'The id type field is required.')
  t.equal(testId(noChoices.body, 'error-id_country'), 'The id country field is required.')
  t.equal(await sessionCount(app), 0, 'nothing created')
})

t.test('in strict mode each listed client creates with its own secret', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'shop:sk_shop,other:sk_other' })
  const c = consoleClient(app)
  for (const clientId of ['shop', 'other']) {
    const res = await c.post('/', '/console/sessions', { ...FIELDS, client_id: clientId })
    t.equal(res.statusCode, 303, clientId)
  }
  t.strictSame((await control(app, 'GET', '/verifications')).json().result.map((v: { client_id: string }) => v.client_id), ['other', 'shop'])
})

t.test('a create over the rate limit shows the limit\'s own words', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '1' })
  const c = consoleClient(app)
  t.equal((await c.post('/', '/console/sessions', { ...FIELDS, client_id: 'qa' })).statusCode, 303)
  const limited = await c.post('/', '/console/sessions', { ...FIELDS, client_id: 'qa' })
  t.equal(limited.statusCode, 429)
  t.equal(testId(limited.body, 'new-session-error'), 'Too many requests, please try again later. (HTTP 429; nothing was applied)')
})

t.test('the home page counts the outcomes of up to 500 sessions, not only the first page of them', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 101; i++) await createSession(app)
  const home = await consoleClient(app).get('/')
  t.equal(testId(home.body, 'session-count'), '101')
  const counts = /data-testid="outcome-counts">([\s\S]*?)<\/dd>/.exec(home.body)?.[1].replace(/<[^>]+>/g, '')
  t.equal(counts, '101 open, 0 passed, 0 failed, 0 expired')
  t.matchStrict(home.body, '<dt>Of them</dt>')
})

t.test('a create posted without a redirect_url field goes to the stand-in merchant, as an empty one does', async t => {
  const { app } = await buildTestApp(t)
  const res = await consoleClient(app).post('/', '/console/sessions', { client_id: 'qa', type: '00', id_type: 'ID_CARD', id_country: 'MYS' })
  t.equal(res.statusCode, 303)
  const [session] = (await control(app, 'GET', '/verifications')).json().result
  t.matchStrict(session.record.redirect_url, /^http:\/\/localhost:3939\/console\/merchant\/return\?client_id=qa&ref=[\w-]{12}$/)
})
