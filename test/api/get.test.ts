import t from 'tap'
import { buildTestApp, createSession, CREDENTIALS, getRecord, START } from '../helpers/app.js'

const RECORD_KEYS = [
  'id', 'organisation_id', 'end_user_id', 'type', 'token', 'url', 'redirect_url', 'medias', 'ocr_country', 'ocr_type',
  'ocr_success', 'ocr_result', 'ocr_charged', 'face_id_success', 'face_id_result', 'face_id_charged', 'is_success',
  'latest_error', 'retries', 'face_retries', 'expire_at', 'created_at', 'updated_at', 'pruned_at'
]

t.test('a new session reads back as the real record: 24 fields, in order, 0/1 flags, .000Z times', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const res = await getRecord(app, token)
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.strictSame(Object.keys(body), ['status', 'result'])
  t.strictSame(Object.keys(body.result), RECORD_KEYS)
  t.strictSame(body.result, {
    id: 1,
    organisation_id: body.result.organisation_id,
    end_user_id: null,
    type: '00',
    token,
    url: `http://localhost:3939/verifications?token=${token}`,
    redirect_url: 'https://merchant.example/ekyc/return?order=42#done',
    medias: null,
    ocr_country: 'MYS',
    ocr_type: 'ID_CARD',
    ocr_success: 0,
    ocr_result: null,
    ocr_charged: 0,
    face_id_success: 0,
    face_id_result: null,
    face_id_charged: 0,
    is_success: 0,
    latest_error: null,
    retries: 0,
    face_retries: 0,
    expire_at: '2025-02-01T14:11:47.000Z',
    created_at: '2025-02-01T13:56:47.000Z',
    updated_at: '2025-02-01T13:56:47.000Z',
    pruned_at: null
  })
  t.type(body.result.organisation_id, 'number')
  t.matchStrict(res.body, /"ocr_success":0,/, 'integers on the wire, not booleans')
})

t.test('timestamps keep whole seconds even when the clock has milliseconds', async t => {
  const { app, tick } = await buildTestApp(t)
  tick(0.789)
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.created_at, '2025-02-01T13:56:47.000Z')
})

t.test('expire_at follows TOKEN_TTL_SECONDS', async t => {
  const { app } = await buildTestApp(t, { TOKEN_TTL_SECONDS: '60' })
  const token = await createSession(app)
  t.equal((await getRecord(app, token)).json().result.expire_at, new Date(START + 60_000).toISOString())
})

t.test('unknown and malformed tokens are 404 in the envelope', async t => {
  const { app } = await buildTestApp(t)
  for (const token of ['4KK6FYHVZVN1OD9ZZK219XM0W57UD6', 'nope', '%3Cscript%3E', 'A'.repeat(500)]) {
    const res = await getRecord(app, token)
    t.equal(res.statusCode, 404, token.slice(0, 20))
    t.strictSame(res.json(), { status: 404, message: 'Verification not found.' })
  }
})

t.test('one organisation per client_id: another client sees 404, the same id sees it', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const other = await getRecord(app, token, { client_id: 'merchant-b', client_secret: 'x' })
  t.strictSame(other.json(), { status: 404, message: 'Verification not found.' })
  const again = await getRecord(app, token, CREDENTIALS)
  t.equal(again.statusCode, 200)
  const orgA = again.json().result.organisation_id
  const tokenB = await createSession(app, {}, { client_id: 'merchant-b', client_secret: 'x' })
  const orgB = (await getRecord(app, tokenB, { client_id: 'merchant-b', client_secret: 'x' })).json().result.organisation_id
  t.not(orgA, orgB)
})

t.test('organisation ids are stable across restarts', async t => {
  const org = async () => {
    const { app } = await buildTestApp(t)
    return (await getRecord(app, await createSession(app))).json().result.organisation_id
  }
  t.equal(await org(), await org())
})

t.test('missing or empty credentials are 401 Unauthenticated. on both endpoints', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const variants: Array<Record<string, string>> = [{}, { client_id: 'a' }, { client_secret: 'b' }, { client_id: '', client_secret: 'b' }]
  for (const headers of variants) {
    for (const req of [
      { method: 'GET' as const, url: `/api/ekyc/verifications/${token}`, headers },
      { method: 'POST' as const, url: '/api/ekyc/verifications', headers, payload: { type: '00' } }
    ]) {
      const res = await app.inject(req)
      t.equal(res.statusCode, 401)
      t.strictSame(res.json(), { status: 401, message: 'Unauthenticated.' })
    }
  }
})

t.test('authentication comes before the body is read', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { 'content-type': 'application/json' }, payload: '{bad' })
  t.equal(res.statusCode, 401)
})

t.test('strict mode accepts only the listed pairs and uses their organisation ids', async t => {
  const { app } = await buildTestApp(t, { EKYC_CLIENTS: 'ci-a:sk_a:1001,ci-b:sk_b' })
  const token = await createSession(app, {}, { client_id: 'ci-a', client_secret: 'sk_a' })
  t.equal((await getRecord(app, token, { client_id: 'ci-a', client_secret: 'sk_a' })).json().result.organisation_id, 1001)
  t.equal((await getRecord(app, token, { client_id: 'ci-a', client_secret: 'wrong' })).statusCode, 401)
  t.equal((await getRecord(app, token, { client_id: 'stranger', client_secret: 'sk_a' })).statusCode, 401)
  t.equal((await getRecord(app, token, { client_id: 'ci-b', client_secret: 'sk_b' })).statusCode, 404)
  const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'merchant-a', client_secret: 'sk_test_a' }, payload: {} })
  t.strictSame(res.json(), { status: 401, message: 'Unauthenticated.' })
})

t.test('an unknown route answers the envelope', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/api/ekyc/nothing' })
  t.strictSame(res.json(), { status: 404, message: 'Not found.' })
})
