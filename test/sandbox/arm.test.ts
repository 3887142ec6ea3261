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

t.test('DEFAULT_SCENARIO arms every session that nothing else armed and that it fits', async t => {
  const { app } = await buildTestApp(t, { DEFAULT_SCENARIO: 'pass-ocr-only' })
  await control(app, 'POST', '/arm', { scenario: 'expired' })
  const armed = await createSession(app, { type: '01' })
  const a = await createSession(app, { type: '01' })
  const b = await createSession(app, { type: '01' }, OTHER)
  const other = await createSession(app, { type: '00' })
  t.strictSame([(await view(app, armed)).armed_scenario, (await view(app, a)).armed_scenario, (await view(app, b)).armed_scenario, (await view(app, other)).armed_scenario],
    ['expired', 'pass-ocr-only', 'pass-ocr-only', null], 'a type 00 session is left unarmed by a type 01 default')
})

t.test('an arm waits for the next session it fits; sessions it does not fit pass it by, unarmed', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/arm', { scenario: 'fail-face-spoofed' })
  const ocrOnly = await createSession(app, { type: '01' })
  const passport = await createSession(app, { type: '00', id_type: 'PASSPORT', id_country: 'JPN' })
  t.equal((await view(app, ocrOnly)).armed_scenario, null, 'a type 01 session has no face step: not armed')
  t.equal((await view(app, passport)).armed_scenario, 'fail-face-spoofed', 'the next fitting session takes the arm')
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'the arm is used up')

  await control(app, 'POST', '/arm', { scenario: 'fail-ocr-no-mykad' })
  const skipped = await createSession(app, { id_type: 'PASSPORT', id_country: 'JPN' })
  t.equal((await view(app, skipped)).armed_scenario, null, 'an ID_CARD scenario does not arm a passport session')
  t.equal((await control(app, 'GET', '/arm')).json().result.length, 1, 'the arm still waits')
})

t.test('X-Sandbox-Scenario naming a scenario that does not fit the session is a 422 and creates nothing', async t => {
  const { app } = await buildTestApp(t)
  const create = (scenario: string, body: Record<string, string>) => app.inject({
    method: 'POST', url: '/api/ekyc/verifications', headers: { ...CREDENTIALS, 'x-sandbox-scenario': scenario },
    payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://merchant.example/r', ...body }
  })
  const face = await create('fail-face-spoofed', { type: '01' })
  t.equal(face.statusCode, 422)
  t.matchStrict(face.json().message, /fail-face-spoofed: The scenario needs the face step \(face attempt 1 fails with FailedOperation\.LivessDetectFake\), which a type 01 \(OCR-only\) session does not have\./)
  const kind = await create('fail-ocr-no-passport', {})
  t.equal(kind.statusCode, 422)
  t.strictSame(kind.json().errors, { 'X-Sandbox-Scenario': ['fail-ocr-no-passport: The scenario is for PASSPORT sessions; this session is ID_CARD.'] })
  t.strictSame((await control(app, 'GET', '/verifications')).json().result, [], 'no session was created')
  t.equal((await create('fail-face-spoofed', { type: '00' })).statusCode, 200, 'the same header on a fitting session arms it')
})

t.test('arm rejects bad input with a 422 naming the problem and arms nothing', async t => {
  const { app } = await buildTestApp(t)
  const cases: Array<[unknown, string, Record<string, string[]>]> = [
    [{ scenario: 'no-such-scenario' }, 'Unknown scenario "no-such-scenario": GET /_sandbox/scenarios lists the catalogue.', { scenario: ['Unknown scenario "no-such-scenario".'] }],
    [{ scenario: 'pass', count: -1 }, 'Invalid body: count must be >= 1.', { count: ['count must be >= 1'] }],
    [{ scenario: 'pass', count: 0 }, 'Invalid body: count must be >= 1.', { count: ['count must be >= 1'] }],
    [{ scenario: 'pass', count: 1.5 }, 'Invalid body: count must be integer.', { count: ['count must be integer'] }],
    [{ count: 2 }, 'Invalid body: scenario is required.', { scenario: ['scenario is required'] }],
    [{ scenario: ['pass', 'pass'] }, 'Invalid body: scenario must be string.', { scenario: ['scenario must be string'] }],
    [{ scenario: 'pass', client: 'merchant-a' }, 'Invalid body: client is not a known field.', { client: ['client is not a known field'] }]
  ]
  for (const [payload, message, errors] of cases) {
    const res = await control(app, 'POST', '/arm', payload)
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.strictSame(res.json(), { status: 422, message, errors }, JSON.stringify(payload))
  }
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
})

t.test('DELETE /_sandbox/arm cancels waiting arms: all, or only one client\'s; the next session is not armed', async t => {
  const { app } = await buildTestApp(t)
  await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a', count: 3 })
  await control(app, 'POST', '/arm', { scenario: 'expired', client_id: 'merchant-b' })
  await control(app, 'POST', '/arm', { scenario: 'fail-ocr-blurry' })
  const one = await control(app, 'DELETE', '/arm?client_id=merchant-a')
  t.strictSame(one.json(), { status: 200, result: { arms: 1 } })
  t.strictSame((await control(app, 'GET', '/arm')).json().result.map((a: { scenario: string }) => a.scenario), ['expired', 'fail-ocr-blurry'], 'arms for others and for any client stay')
  const all = await control(app, 'DELETE', '/arm')
  t.strictSame(all.json(), { status: 200, result: { arms: 2 } })
  t.strictSame((await control(app, 'GET', '/arm')).json().result, [])
  t.equal((await view(app, await createSession(app))).armed_scenario, null, 'a cancelled arm arms nothing')
  const bad = await control(app, 'DELETE', '/arm?client_id=')
  t.equal(bad.statusCode, 422, 'an empty client_id is refused, not read as "all"')
})

t.test('at most 1000 arms wait at once per client_id, and 1000 for any client: the next is a 422 that arms nothing', async t => {
  const { app } = await buildTestApp(t)
  for (let i = 0; i < 1000; i++) await control(app, 'POST', '/arm', { scenario: 'pass' })
  for (let i = 0; i < 1000; i++) await control(app, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a' })
  const anyClient = await control(app, 'POST', '/arm', { scenario: 'expired' })
  t.equal(anyClient.statusCode, 422)
  t.strictSame(anyClient.json(), {
    status: 422,
    message: 'At most 1000 arms wait at once for any client; reset some first.',
    errors: { count: ['at most 1000 arms for any client'] }
  })
  const one = await control(app, 'POST', '/arm', { scenario: 'expired', client_id: 'merchant-a' })
  t.strictSame([one.statusCode, one.json()], [422, {
    status: 422,
    message: 'At most 1000 arms wait at once for client_id "merchant-a"; reset some first.',
    errors: { count: ['at most 1000 arms for client_id "merchant-a"'] }
  }])
  const arms = (await control(app, 'GET', '/arm')).json().result as Array<{ scenario: string }>
  t.equal(arms.length, 2000)
  t.notOk(arms.some(a => a.scenario === 'expired'), 'the refused arms are not waiting')
  t.equal((await control(app, 'POST', '/arm', { scenario: 'expired', client_id: 'merchant-b' })).statusCode, 200, 'another client has room')
})
