import t from 'tap'
import { buildTestApp, CREDENTIALS, VALID_BODY } from '../helpers/app.js'

const post = (payload: unknown, headers: Record<string, string> = CREDENTIALS) =>
  ({ method: 'POST' as const, url: '/api/ekyc/verifications', headers, payload: payload as object })

t.test('create answers the real success envelope, in order, with a 30-character token', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject(post(VALID_BODY))
  t.equal(res.statusCode, 200)
  t.matchStrict(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  t.strictSame(Object.keys(body), ['status', 'result'])
  t.strictSame(Object.keys(body.result), ['url', 'token'])
  t.equal(body.status, 200)
  t.matchStrict(body.result.token, /^[0-9A-Z]{30}$/)
  t.equal(body.result.url, `http://localhost:3939/verifications?token=${body.result.token}`)
  t.equal(res.body, JSON.stringify(body), 'no whitespace or extra bytes')
})

t.test('the hosted URL is built from PUBLIC_URL', async t => {
  const { app } = await buildTestApp(t, { PUBLIC_URL: 'http://ekyc-sandbox:3939' })
  const body = (await app.inject(post(VALID_BODY))).json()
  t.equal(body.result.url, `http://ekyc-sandbox:3939/verifications?token=${body.result.token}`)
})

t.test('tokens differ per session and ids increase', async t => {
  const { app } = await buildTestApp(t)
  const tokens = new Set<string>()
  const ids: number[] = []
  for (let i = 0; i < 20; i++) {
    const token = (await app.inject(post(VALID_BODY))).json().result.token
    tokens.add(token)
    ids.push((await app.inject({ method: 'GET', url: `/api/ekyc/verifications/${token}`, headers: CREDENTIALS })).json().result.id)
  }
  t.equal(tokens.size, 20)
  t.strictSame(ids, [...ids].sort((a, b) => a - b))
  t.equal(new Set(ids).size, 20)
})

t.test('SANDBOX_SEED makes the tokens of a run repeatable', async t => {
  const run = async () => {
    const { app } = await buildTestApp(t, { SANDBOX_SEED: 'ci-42' })
    const out: string[] = []
    for (let i = 0; i < 3; i++) out.push((await app.inject(post(VALID_BODY))).json().result.token)
    return out
  }
  const a = await run()
  t.strictSame(await run(), a)
  const { app } = await buildTestApp(t, { SANDBOX_SEED: 'other' })
  t.not((await app.inject(post(VALID_BODY))).json().result.token, a[0])
})

t.test('422 names every bad field at once, in the envelope', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject(post({ type: '02', id_country: 'XYZ', redirect_url: 'not a url' }))
  t.equal(res.statusCode, 422)
  const body = res.json()
  t.strictSame(Object.keys(body), ['status', 'message', 'errors'])
  t.strictSame(body, {
    status: 422,
    message: 'The selected type is invalid. (and 3 more errors)',
    errors: {
      type: ['The selected type is invalid.'],
      id_country: ['The selected id country is invalid.'],
      id_type: ['The id type field is required.'],
      redirect_url: ['The redirect url field must be a valid URL.']
    }
  })
})

t.test('a single bad field says so without a count', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject(post({ ...VALID_BODY, id_country: 'SGP' }))
  t.strictSame(res.json(), {
    status: 422,
    message: 'The selected id country is not supported for id type ID_CARD.',
    errors: { id_country: ['The selected id country is not supported for id type ID_CARD.'] }
  })
})

t.test('a passport session for a listed country is created', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject(post({ ...VALID_BODY, id_type: 'PASSPORT', id_country: 'JPN', type: '01' }))
  t.equal(res.statusCode, 200)
})

t.test('malformed, empty, oversized and non-JSON bodies get the envelope', async t => {
  const { app } = await buildTestApp(t)
  const json = { ...CREDENTIALS, 'content-type': 'application/json' }
  const cases = [
    { payload: '{"type": "00",', headers: json, status: 400, message: 'The request body is not valid JSON.' },
    { payload: '', headers: json, status: 400, message: 'The request body is empty: send a JSON object.' },
    { payload: JSON.stringify({ ...VALID_BODY, pad: 'x'.repeat(1024 * 1024) }), headers: json, status: 413, message: 'The request body is too large (over 1 MiB).' },
    { payload: 'type=00&id_country=MYS', headers: { ...CREDENTIALS, 'content-type': 'application/x-www-form-urlencoded' }, status: 415, message: 'Unsupported Content-Type: send application/json.' },
    { payload: 'hello', headers: { ...CREDENTIALS, 'content-type': 'text/plain' }, status: 415, message: 'Unsupported Content-Type: send application/json.' }
  ]
  for (const c of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: c.headers, payload: c.payload })
    t.equal(res.statusCode, c.status, c.message)
    t.strictSame(res.json(), { status: c.status, message: c.message })
  }
  t.equal(await app.store.size(), 0, 'nothing was created')
})

t.test('a JSON body that is not an object is a 422 for every field', async t => {
  const { app } = await buildTestApp(t)
  for (const payload of ['[]', 'null', '"text"', '42']) {
    const res = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { ...CREDENTIALS, 'content-type': 'application/json' }, payload })
    t.equal(res.statusCode, 422, payload)
    t.strictSame(Object.keys(res.json().errors), ['type', 'id_country', 'id_type', 'redirect_url'])
  }
})

t.test('wallet_address gives a stable end_user_id; none gives null', async t => {
  const { app } = await buildTestApp(t)
  const read = async (body: object) => {
    const token = (await app.inject(post({ ...VALID_BODY, ...body }))).json().result.token
    return (await app.inject({ method: 'GET', url: `/api/ekyc/verifications/${token}`, headers: CREDENTIALS })).json().result.end_user_id
  }
  const a = await read({ wallet_address: '0x1111' })
  t.type(a, 'number')
  t.equal(await read({ wallet_address: '0x1111' }), a)
  t.not(await read({ wallet_address: '0x2222' }), a)
  t.equal(await read({}), null)
})
