import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, getRecord } from '../helpers/app.js'
import { control, view } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }

t.test('POST /_sandbox/arm arms the next session of any client; its page finishes it at once (303)', async t => {
  const { app } = await buildTestApp(t)
  const res = await control(app, 'POST', '/arm', { scenario: 'fail-face-spoofed' })
  t.equal(res.statusCode, 200)
  t.strictSame(res.json(), { status: 200, result: { scenario: 'fail-face-spoofed', client_id: null, remaining: 1 } })

  const armed = await createSession(app, {}, OTHER)
  t.equal((await view(app, armed)).armed_scenario, 'fail-face-spoofed')
  const next = await createSession(app, {}, OTHER)
  t.equal((await view(app, next)).armed_scenario, null, 'count 1: only the next session')
  t.strictSame((await control(app, 'GET', '/arm')).json(), { status: 200, result: [] })

  const page = await app.inject({ method: 'GET', url: `/verifications?token=${armed}` })
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, 'https://merchant.example/ekyc/return?order=42&is_success=0#done')
  const record = (await getRecord(app, armed, OTHER)).json().result
  t.matchStrict(record, { ocr_success: 1, face_id_success: 0, is_success: 0, face_retries: 1, latest_error: 'FailedOperation.LivessDetectFake' })
  t.equal((await view(app, armed)).armed_scenario, null, 'the arm is used up once applied')
})

t.test('an arm with client_id and count arms only that client\'s next sessions', async t => {
  const { app } = await buildTestApp(t)
  const res = await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a', count: 2 })
  t.strictSame(res.json().result, { scenario: 'pass', client_id: 'merchant-a', remaining: 2 })

  const other = await createSession(app, {}, OTHER)
  const first = await createSession(app)
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: 'merchant-a', remaining: 1 }])
  const second = await createSession(app)
  const third = await createSession(app)
  t.strictSame([await view(app, other), await view(app, first), await view(app, second), await view(app, third)].map(v => v.armed_scenario),
    [null, 'pass', 'pass', null])
})

t.test('arms are used oldest first', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/arm', { scenario: 'pass' })
  await control(app, 'POST', '/arm', { scenario: 'expired' })
  const a = await createSession(app)
  const b = await createSession(app)
  t.strictSame([(await view(app, a)).armed_scenario, (await view(app, b)).armed_scenario], ['pass', 'expired'])
})

t.test('X-Sandbox-Scenario on the create request arms that session and wins over an arm', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/arm', { scenario: 'pass' })
  const token = await createSession(app, {}, { ...CREDENTIALS, 'x-sandbox-scenario': 'fail-ocr-blurry' })
  t.equal((await view(app, token)).armed_scenario, 'fail-ocr-blurry')
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1, 'the arm still waits')

  const unknown = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { ...CREDENTIALS, 'x-sandbox-scenario': 'nope' }, payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://merchant.example/r' } })
  t.equal(unknown.statusCode, 422)
  t.strictSame(unknown.json(), { status: 422, message: 'Unknown scenario "nope" in X-Sandbox-Scenario.', errors: { 'X-Sandbox-Scenario': ['Unknown scenario "nope".'] } })
  t.equal((await control(app, 'GET', '/verifications')).json().result.length, 1, 'no session was created')
})

t.test('DEFAULT_SCENARIO arms every session that nothing else armed', async t => {
  const { app } = await buildTestApp(t, { DEFAULT_SCENARIO: 'pass-ocr-only' })
  await control(app, 'POST', '/arm', { scenario: 'expired' })
  const armed = await createSession(app)
  const a = await createSession(app)
  const b = await createSession(app, {}, OTHER)
  t.strictSame([(await view(app, armed)).armed_scenario, (await view(app, a)).armed_scenario, (await view(app, b)).armed_scenario],
    ['expired', 'pass-ocr-only', 'pass-ocr-only'])
})

t.test('arm rejects bad input with a 422 naming the problem and arms nothing', async t => {
  const { app } = await buildTestApp(t)
  const cases: Array<[unknown, string, Record<string, string[]>]> = [
    [{ scenario: 'no-such-scenario' }, 'Unknown scenario "no-such-scenario": GET /_sandbox/scenarios lists the catalogue.', { scenario: ['Unknown scenario "no-such-scenario".'] }],
    [{ scenario: 'pass', count: -1 }, 'Invalid body: count must be >= 1.', { count: ['count must be >= 1'] }],
    [{ scenario: 'pass', count: 0 }, 'Invalid body: count must be >= 1.', { count: ['count must be >= 1'] }],
    [{ scenario: 'pass', count: 1.5 }, 'Invalid body: count must be integer.', { count: ['count must be integer'] }],
    [{ count: 2 }, 'Invalid body: scenario is required.', { scenario: ['scenario is required'] }],
    [{ scenario: 'pass', client: 'merchant-a' }, 'Invalid body: client is not a known field.', { client: ['client is not a known field'] }]
  ]
  for (const [payload, message, errors] of cases) {
    const res = await control(app, 'POST', '/arm', payload)
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.strictSame(res.json(), { status: 422, message, errors }, JSON.stringify(payload))
  }
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
})
