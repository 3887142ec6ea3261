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
  t.strictSame(over.json(), { status: 429, message: 'Too many requests, please try again later.' })
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
