import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { control } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }

t.test('RATE_LIMIT_PER_MINUTE counts both API endpoints together, per client_id, and answers 429 with the documented text', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '3' })
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).statusCode, 200)
  const third = await getRecord(app, token)
  t.equal(third.statusCode, 200)
  t.equal(third.headers['x-ratelimit-remaining'], '0')

  const over = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })
  t.equal(over.statusCode, 429)
  t.equal(over.body, 'Too many requests, please try again later.', 'the text alone, as express-rate-limit answers')
  t.equal(over.headers['content-type'], 'text/html; charset=utf-8')
  const retryAfter = Number(over.headers['retry-after'])
  t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After within the minute (${retryAfter})`)

  t.equal((await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: OTHER, payload: VALID_BODY })).statusCode, 200, 'another client has its own count')
  t.equal((await control(app, 'GET', '/verifications')).statusCode, 200, 'the control plane is not limited')
  t.equal((await app.inject({ method: 'GET', url: `/verifications?token=${token}` })).statusCode, 200, 'the page is not limited')
})

t.test('the limit keeps real time: moving the sandbox clock does not open a new window', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '1' })
  await createSession(app)
  await control(app, 'POST', '/clock', { advance_seconds: 3600 })
  t.equal((await getRecord(app, 'ANY')).statusCode, 429)
})

t.test('without RATE_LIMIT_PER_MINUTE there is no limit and no rate-limit header', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  for (let i = 0; i < 60; i++) {
    const res = await getRecord(app, token)
    if (res.statusCode !== 200) t.fail(`call ${i} answered ${res.statusCode}`)
  }
  const res = await getRecord(app, token)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['x-ratelimit-limit'], undefined)
})

t.test('the limit counts authenticated calls only: a wrong secret is a 401 that costs the real client nothing', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '2' })
  const token = await createSession(app)
  for (let i = 0; i < 10; i++) {
    const res = await getRecord(app, token, { client_id: CREDENTIALS.client_id, client_secret: 'stolen-guess' })
    if (res.statusCode !== 401) t.fail(`wrong secret ${i}: ${res.statusCode}`)
    const none = await app.inject({ method: 'GET', url: `/api/ekyc/verifications/${token}`, headers: { client_id: CREDENTIALS.client_id } })
    if (none.statusCode !== 401) t.fail(`no secret ${i}: ${none.statusCode}`)
  }
  const second = await getRecord(app, token)
  t.equal(second.statusCode, 200, 'the real client still has its second call')
  t.equal(second.headers['x-ratelimit-remaining'], '0')
  t.equal((await getRecord(app, token)).statusCode, 429, 'and its third is over the limit')
  t.equal((await getRecord(app, token, { client_id: CREDENTIALS.client_id, client_secret: 'x' })).statusCode, 401, 'a wrong secret is still a 401, not a 429')
})

t.test('production\'s order: the limit counts a call before a fault for its client acts, and a 429 leaves the fault waiting', async t => {
  const { app } = await buildTestApp(t, { RATE_LIMIT_PER_MINUTE: '2' })
  const token = await createSession(app)
  t.equal((await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: CREDENTIALS.client_id, count: 2 })).statusCode, 200)
  const faulted = await getRecord(app, token)
  t.equal(faulted.statusCode, 500, 'the fault answers the call under the limit')
  t.equal(faulted.headers['x-ratelimit-remaining'], '0', 'and the call was counted: the create and this one')
  t.equal((await getRecord(app, token)).statusCode, 429, 'over the limit the 429 comes first')
  const left = await control(app, 'GET', '/faults')
  t.strictSame(left.json().result.map((f: { remaining: number }) => f.remaining), [1], 'the 429 took no use of the fault')
})
