import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, getRecord } from '../helpers/app.js'
import { control, view } from './control.js'

const OTHER = { client_id: 'merchant-b', client_secret: 'sk_test_b' }

t.test('GET /_sandbox/verifications lists sessions newest first, optionally one client\'s', async t => {
  const { app } = await buildTestApp(t)
  const first = await createSession(app)
  const second = await createSession(app, {}, OTHER)
  const third = await createSession(app)

  const all = await control(app, 'GET', '/verifications')
  t.equal(all.statusCode, 200)
  t.strictSame(all.json().result.map((v: { token: string }) => v.token), [third, second, first])

  const mine = await control(app, 'GET', '/verifications?client_id=merchant-a')
  t.strictSame(mine.json().result.map((v: { token: string, client_id: string }) => [v.token, v.client_id]), [[third, 'merchant-a'], [first, 'merchant-a']])

  const nobody = await control(app, 'GET', '/verifications?client_id=merchant-z')
  t.strictSame(nobody.json(), { status: 200, result: [] })
})

t.test('GET /_sandbox/verifications/:token shows the sandbox state around the real record', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const res = await control(app, 'GET', `/verifications/${token}`)
  t.equal(res.statusCode, 200)
  const { result } = res.json()
  t.strictSame(result, {
    token,
    client_id: 'merchant-a',
    page_url: `http://localhost:3939/verifications?token=${token}`,
    return_url: 'https://merchant.example/ekyc/return?order=42&is_success=0#done',
    finished: false,
    expired: false,
    armed_scenario: null,
    next_step: 'ocr',
    attempts: { ocr: [], face: [] },
    record: (await getRecord(app, token)).json().result
  })
})

t.test('an unknown token is a 404 naming it, on every /_sandbox/verifications/:token route', async t => {
  const { app } = await buildTestApp(t)
  for (const [method, path, payload] of [['GET', '/verifications/NOPE', undefined], ['POST', '/verifications/NOPE/complete', { scenario: 'pass' }], ['POST', '/verifications/NOPE/expire', undefined]] as const) {
    const res = await control(app, method, path, payload)
    t.equal(res.statusCode, 404, `${method} ${path}`)
    t.strictSame(res.json(), { status: 404, message: 'Verification "NOPE" not found.' })
  }
})

t.test('complete with a catalogue name finishes the session; the API returns the same record', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const res = await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(res.statusCode, 200)
  const { result } = res.json()
  t.equal(result.finished, true)
  t.equal(result.next_step, null)
  t.equal(result.return_url, 'https://merchant.example/ekyc/return?order=42&is_success=1#done')
  t.strictSame(result.attempts, { ocr: [{ code: 'Success' }], face: [{ code: 'Success', sim: 96.4 }] })
  t.matchStrict(result.record, { ocr_success: 1, face_id_success: 1, is_success: 1, latest_error: null, face_id_result: { Sim: 96.4, Result: 'Success' } })
  t.strictSame((await getRecord(app, token)).json().result, result.record)
})

t.test('complete with an inline scenario reproduces any code and similarity without a file', async t => {
  const { app } = await buildTestApp(t)
  const lowSim = await createSession(app)
  const res = await control(app, 'POST', `/verifications/${lowSim}/complete`, {
    ocr: { attempts: [{ code: '9103' }, { code: 'Success' }] },
    face: { attempts: [{ code: 'Success', sim: 69.99 }, { code: 'FailedOperation.LivessDetectFake' }] }
  })
  t.equal(res.statusCode, 200)
  t.matchStrict(res.json().result.record, {
    ocr_success: 1, retries: 1, face_id_success: 0, face_retries: 1, is_success: 0,
    latest_error: 'FailedOperation.LivessDetectFake',
    face_id_result: { Result: 'FailedOperation.LivessDetectFake', Description: 'Suspected spoofed recording.' }
  })

  const expiring = await createSession(app)
  const expired = await control(app, 'POST', `/verifications/${expiring}/complete`, { expire: true })
  t.matchStrict(expired.json().result, { expired: true, finished: false, record: { expire_at: '2025-02-01T13:56:47.000Z', is_success: 0 } })
})

t.test('complete rejects bad input with a 422 naming the problem and leaves the session untouched', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const before = await view(app, token)
  const cases: Array<[unknown, string, Record<string, string[]>]> = [
    [{ scenario: 'no-such-scenario' }, 'Unknown scenario "no-such-scenario": GET /_sandbox/scenarios lists the catalogue.', { scenario: ['Unknown scenario "no-such-scenario".'] }],
    [{ ocr: { attempts: [{ code: '9999' }] } }, 'Invalid body: ocr.attempts.0.code must be one of the allowed values (got "9999").', { 'ocr.attempts.0.code': ['ocr.attempts.0.code must be one of the allowed values (got "9999")'] }],
    [{ face: { attempts: [{ code: 'Success', sim: 101 }] } }, 'Invalid body: face.attempts.0.sim must be <= 100.', { 'face.attempts.0.sim': ['face.attempts.0.sim must be <= 100'] }],
    [{ ocr: { attempts: [{ code: 'Success' }, { code: '9108' }] } }, 'ocr.attempts: no attempt may follow a Success', { 'ocr.attempts': ['ocr.attempts: no attempt may follow a Success'] }],
    [{ face: { attempts: [{ code: 'Success' }] } }, 'face.attempts: the face step needs an OCR attempt with code Success', { 'face.attempts': ['face.attempts: the face step needs an OCR attempt with code Success'] }],
    [{ scenario: 'pass-passport' }, 'The scenario is for PASSPORT sessions; this session is ID_CARD.', { scenario: ['The scenario is for PASSPORT sessions; this session is ID_CARD.'] }],
    [{ scenario: 'pass', expire: true }, 'Give either "scenario" (a name) or an inline scenario, not both (also got expire).', { scenario: ['Give either "scenario" (a name) or an inline scenario, not both (also got expire).'] }],
    [{ secnario: 'pass' }, 'Invalid body: secnario is not a known field.', { secnario: ['secnario is not a known field'] }],
    [{ ocr: {} }, 'Invalid body: ocr.attempts is required.', { 'ocr.attempts': ['ocr.attempts is required'] }],
    [{ face: { attempts: [{ sim: 80 }] } }, 'Invalid body: face.attempts.0.code is required.', { 'face.attempts.0.code': ['face.attempts.0.code is required'] }],
    [{ scenario: 'pass', type: '00', expire: true }, 'Give either "scenario" (a name) or an inline scenario, not both (also got type, expire).', { scenario: ['Give either "scenario" (a name) or an inline scenario, not both (also got type, expire).'] }]
  ]
  for (const [payload, message, errors] of cases) {
    const res = await control(app, 'POST', `/verifications/${token}/complete`, payload)
    t.equal(res.statusCode, 422, JSON.stringify(payload))
    t.strictSame(res.json(), { status: 422, message, errors }, JSON.stringify(payload))
  }
  t.strictSame(await view(app, token), before, 'nothing applied')
})

t.test('complete answers 409 on a finished or an expired session, changing nothing', async t => {
  const { app, tick } = await buildTestApp(t)
  const finished = await createSession(app)
  await control(app, 'POST', `/verifications/${finished}/complete`, { scenario: 'fail-ocr-blurry' })
  const record = (await view(app, finished)).record
  const again = await control(app, 'POST', `/verifications/${finished}/complete`, { scenario: 'pass' })
  t.equal(again.statusCode, 409)
  t.strictSame(again.json(), { status: 409, message: 'Verification already finished.' })
  t.strictSame((await view(app, finished)).record, record)

  const late = await createSession(app)
  tick(900)
  const res = await control(app, 'POST', `/verifications/${late}/complete`, { scenario: 'pass' })
  t.equal(res.statusCode, 409)
  t.strictSame(res.json(), { status: 409, message: 'Verification expired.' })
})

t.test('expire sets expire_at and updated_at to the clock\'s now and nothing else; a second call changes nothing', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  const before = (await getRecord(app, token)).json().result
  tick(125)
  const res = await control(app, 'POST', `/verifications/${token}/expire`)
  t.equal(res.statusCode, 200)
  const { result } = res.json()
  t.equal(result.expired, true)
  t.equal(result.next_step, null)
  t.strictSame(result.record, { ...before, expire_at: '2025-02-01T13:58:52.000Z', updated_at: '2025-02-01T13:58:52.000Z' })
  t.strictSame((await getRecord(app, token)).json().result, result.record, 'the API still returns it')

  tick(60)
  const again = await control(app, 'POST', `/verifications/${token}/expire`)
  t.strictSame(again.json().result.record, result.record)
})

t.test('the list is bounded: 100 newest by default, `limit` to choose', async t => {
  const { app } = await buildTestApp(t)
  const tokens: string[] = []
  for (let i = 0; i < 105; i++) tokens.push(await createSession(app))
  const all = (await app.inject({ method: 'GET', url: '/_sandbox/verifications' })).json()
  t.equal(all.result.length, 100)
  t.equal(all.result[0].token, tokens[104], 'newest first')
  const three = (await app.inject({ method: 'GET', url: '/_sandbox/verifications?limit=3' })).json()
  t.strictSame(three.result.map((v: { token: string }) => v.token), [tokens[104], tokens[103], tokens[102]])
  const bad = await app.inject({ method: 'GET', url: '/_sandbox/verifications?limit=0' })
  t.equal(bad.statusCode, 422)
  t.strictSame(Object.keys(bad.json()), ['status', 'message', 'errors'])
})

// Another call (on any replica) saving the session between this call's read and its save.
t.test('a step whose save loses to another call is decided again on the session as it is now', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const replace = app.store.replace.bind(app.store)
  let saves = 0
  app.store.replace = async (prev, next) => {
    if (++saves === 1) await replace(prev, { ...prev, endUserId: 42 }) // the other call wins
    return await replace(prev, next)
  }
  const res = await control(app, 'POST', `/verifications/${token}/expire`)
  t.equal(res.statusCode, 200)
  t.equal(saves, 2, 'saved on the second try')
  t.matchStrict((await view(app, token)).record, { end_user_id: 42 }, 'the other call\'s change is kept')
  t.equal((await view(app, token)).expired, true, 'and this call\'s step applied over it')
})

t.test('a session that keeps changing under a step is a 503 after 20 tries; one deleted meanwhile is a 404', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const replace = app.store.replace
  let saves = 0
  app.store.replace = async () => {
    if (++saves > 25) throw new Error('still trying')
    return false
  }
  const busy = await control(app, 'POST', `/verifications/${token}/expire`)
  t.strictSame([busy.statusCode, busy.json()], [503, { status: 503, message: 'The session kept changing under this call; try again.' }])
  t.equal(saves, 20)
  app.store.replace = async () => { await app.store.clear(); return false }
  const gone = await control(app, 'POST', `/verifications/${token}/expire`)
  t.strictSame([gone.statusCode, gone.json()], [404, { status: 404, message: 'Verification not found.' }])
  app.store.replace = replace
})
