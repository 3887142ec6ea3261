// Two replicas on one Redis and one prefix are one sandbox: whatever is done through replica A is
// what the very next request to replica B sees, for every piece of state the sandbox keeps.
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { buildReplica, eventually, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { control, view } from '../sandbox/control.js'

interface Replicas { a: FastifyInstance, b: FastifyInstance, prefix: string }

/** A fresh Redis with two replicas A and B on the same prefix. */
async function replicas (t: Test, env: Record<string, string> = {}): Promise<Replicas> {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('replicas')
  const a = await buildReplica(t, redis.url, prefix, env)
  const b = await buildReplica(t, redis.url, prefix, env)
  return { a, b, prefix }
}

const NOT_FOUND = { status: 404, message: 'Verification not found.' }

async function page (app: FastifyInstance, token: string, scenario = 'pass') {
  return await app.inject({ method: 'GET', url: `/verifications?token=${token}&scenario=${scenario}` })
}

t.test('a session created on A reads on B as the same bytes; the page on B finishes it and A reads that', async t => {
  const { a, b } = await replicas(t)
  const token = await createSession(a)
  const onB = await getRecord(b, token)
  t.equal(onB.statusCode, 200, 'B finds the session A created, on the very next request')
  const onA = await getRecord(a, token)
  t.equal(onB.body, onA.body, 'B answers the record byte for byte as A does')
  t.equal(onB.json().result.is_success, 0, 'not finished yet')

  const opened = await page(b, token)
  t.equal(opened.statusCode, 303, 'the page on B applies ?scenario=pass')
  t.equal(opened.headers.location, 'https://merchant.example/ekyc/return?order=42&is_success=1#done', 'and sends the user back with is_success=1')

  const finishedOnA = await getRecord(a, token)
  t.equal(finishedOnA.json().result.is_success, 1, 'A reads the session B finished')
  t.equal(finishedOnA.json().result.ocr_success, 1, 'with the OCR step B recorded')
  t.equal(finishedOnA.body, (await getRecord(b, token)).body, 'both replicas answer the finished record byte for byte')
  t.equal((await page(a, token)).statusCode, 409, 'A knows it is finished: the page on A refuses to finish it again')
  t.strictSame((await getRecord(b, token, { client_id: 'merchant-b', client_secret: 'x' })).json(), NOT_FOUND, 'ownership holds on B too')
})

t.test('a session expired through A is expired on B', async t => {
  const { a, b } = await replicas(t)
  const token = await createSession(a)
  const before = (await getRecord(b, token)).json().result
  const expired = await control(a, 'POST', `/verifications/${token}/expire`)
  t.equal(expired.statusCode, 200, 'A expires it')
  t.equal((await view(b, token)).expired, true, 'the control plane on B shows it expired')
  const after = (await getRecord(b, token)).json().result
  t.equal(after.expire_at, expired.json().result.record.expire_at, 'the API on B answers the expire_at A wrote')
  t.ok(Date.parse(after.expire_at) < Date.parse(before.expire_at), 'expire_at moved to now')
  t.equal((await page(b, token)).statusCode, 409, 'the page on B refuses an expired link')
  t.equal((await control(b, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })).statusCode, 409, 'complete on B refuses it too')
})

t.test('an arm set on A is used by the next create on B, once', async t => {
  const { a, b } = await replicas(t)
  const armed = await control(a, 'POST', '/arm', { scenario: 'pass', client_id: 'merchant-a' })
  t.equal(armed.statusCode, 200, 'A arms')
  t.strictSame((await control(b, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: 'merchant-a', remaining: 1 }], 'B lists the arm A set')
  const token = await createSession(b)
  t.equal((await view(a, token)).armed_scenario, 'pass', 'the session B created carries A\'s arm')
  t.strictSame((await control(a, 'GET', '/arm')).json().result, [], 'A sees the arm used up')
  const next = await createSession(a)
  t.equal((await view(b, next)).armed_scenario, null, 'the next session is not armed: the arm served one session')
  const opened = await page(a, token, '')
  t.equal(opened.statusCode, 303, 'opening the armed session\'s page on A finishes it at once')
  t.equal((await getRecord(b, token)).json().result.is_success, 1, 'B reads it finished')
})

t.test('faults set on A fire on B, as many times as asked, then stop', async t => {
  const { a, b } = await replicas(t)
  const token = await createSession(a)
  t.equal((await control(a, 'POST', '/faults', { route: 'get', status: 503, count: 2 })).statusCode, 200, 'A sets a fault for any caller')
  t.equal((await control(a, 'POST', '/faults', { route: 'create', status: 422, client_id: 'merchant-a' })).statusCode, 200, 'and one for merchant-a')
  t.strictSame((await control(b, 'GET', '/faults')).json().result.map((f: { route: string }) => f.route), ['get', 'create'], 'B lists both')

  const first = await getRecord(b, token)
  t.equal(first.statusCode, 503, 'the first GET on B gets the fault')
  t.strictSame(Object.keys(first.json()), ['status', 'message'], 'in the envelope')
  t.equal(first.json().status, 503)
  t.equal((await getRecord(a, token)).statusCode, 503, 'the second GET, on A, gets its second use')
  t.equal((await getRecord(b, token)).statusCode, 200, 'the third GET, on B, is answered: the fault is used up')

  const stranger = await b.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'merchant-b', client_secret: 'x' }, payload: VALID_BODY })
  t.equal(stranger.statusCode, 200, 'merchant-b\'s create on B is not affected by merchant-a\'s fault')
  const own = await b.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })
  t.equal(own.statusCode, 422, 'merchant-a\'s create on B gets its fault')
  t.strictSame((await control(a, 'GET', '/faults')).json().result, [], 'A sees no fault left')
})

t.test('the clock moved on A is the clock of B: GET /_sandbox/clock and new records', async t => {
  const { a, b } = await replicas(t)
  const moved = await control(a, 'POST', '/clock', { advance_seconds: 30 * 86_400 })
  t.equal(moved.statusCode, 200, 'A moves the clock 30 days on')
  const clockB = (await control(b, 'GET', '/clock')).json().result
  t.equal(clockB.offset_ms, 30 * 86_400_000, 'B reports the offset A set')
  const expected = Date.now() + 30 * 86_400_000
  t.ok(Math.abs(Date.parse(clockB.now) - expected) < 5000, `B's now is 30 days ahead (${clockB.now})`)

  const token = await createSession(b)
  const created = Date.parse((await getRecord(a, token)).json().result.created_at)
  t.ok(Math.abs(created - expected) < 5000, 'a session created on B carries the moved clock in created_at')

  const set = await control(b, 'POST', '/clock', { set: '2031-05-06T07:08:09Z' })
  t.equal(set.statusCode, 200, 'B sets the clock')
  const clockA = (await control(a, 'GET', '/clock')).json().result
  t.ok(Math.abs(Date.parse(clockA.now) - Date.parse('2031-05-06T07:08:09Z')) < 5000, `A shows the instant B set (${clockA.now})`)
  const later = await createSession(a)
  t.ok(Math.abs(Date.parse((await getRecord(b, later)).json().result.created_at) - Date.parse('2031-05-06T07:08:09Z')) < 5000,
    'a session created on A after B set the clock carries that time')

  t.equal((await control(a, 'POST', '/clock', { reset: true })).statusCode, 200, 'A resets the clock')
  t.equal((await control(b, 'GET', '/clock')).json().result.offset_ms, 0, 'B is back on real time')
})

t.test('a reset on A empties B: sessions, arms, faults, journal and bound secrets', async t => {
  const { a, b } = await replicas(t)
  const fromA = await createSession(a)
  const fromB = await createSession(b, {}, { client_id: 'merchant-b', client_secret: 'first' })
  await control(b, 'POST', '/arm', { scenario: 'pass', count: 3 })
  await control(b, 'POST', '/faults', { route: 'page', status: 500 })
  await eventually('both creates in the journal', async () =>
    (await control(b, 'GET', '/requests')).json().result.length >= 2 ? true : undefined)

  const reset = await control(a, 'DELETE', '/state')
  t.equal(reset.statusCode, 200, 'A resets')
  t.strictSame(reset.json().result, { verifications: 2, arms: 1, faults: 1, requests: 2, secrets: 2 }, 'A forgot what both replicas had')
  t.strictSame((await control(b, 'GET', '/verifications')).json().result, [], 'B lists no session')
  t.strictSame((await control(b, 'GET', '/arm')).json().result, [], 'B has no arm')
  t.strictSame((await control(b, 'GET', '/faults')).json().result, [], 'B has no fault')
  t.strictSame((await control(b, 'GET', '/requests')).json().result, [], 'B\'s journal is empty')
  t.equal((await b.inject({ method: 'GET', url: '/health' })).json().sessions, 0, 'B\'s /health counts 0 sessions')
  t.strictSame((await getRecord(b, fromA)).json(), NOT_FOUND, 'A\'s session is gone on B')
  // merchant-b bound "first" through B before the reset: a new secret binds now (and this first call binds it).
  const rebound = await getRecord(b, fromB, { client_id: 'merchant-b', client_secret: 'second' })
  t.strictSame(rebound.json(), NOT_FOUND, 'the secret bound before the reset is forgotten (a 404, not a 401), and B\'s own session is gone')
})

t.test('the journal lists the calls made to both replicas, newest first', async t => {
  const { a, b } = await replicas(t)
  const calls: Array<{ on: string, route: string, method: string, status: number }> = []
  const journal = async () => (await control(a, 'GET', '/requests')).json().result as Array<Record<string, unknown>>
  // Each entry is written as its answer leaves: wait for it before the next call, so the order is the calls' order.
  const settle = async () => await eventually(`journal entry ${calls.length}`, async () => (await journal()).length >= calls.length ? true : undefined)

  const token = await createSession(a)
  calls.push({ on: 'A', route: 'create', method: 'POST', status: 200 })
  await settle()
  await getRecord(b, token)
  calls.push({ on: 'B', route: 'get', method: 'GET', status: 200 })
  await settle()
  await getRecord(b, token, { client_id: 'merchant-a', client_secret: 'wrong' })
  calls.push({ on: 'B', route: 'get', method: 'GET', status: 401 })
  await settle()
  await page(a, token)
  calls.push({ on: 'A', route: 'page', method: 'GET', status: 303 })
  await settle()
  await getRecord(b, token)
  calls.push({ on: 'B', route: 'get', method: 'GET', status: 200 })
  await settle()

  for (const [name, app] of [['A', a], ['B', b]] as const) {
    const entries = (await control(app, 'GET', '/requests')).json().result as Array<Record<string, unknown>>
    t.strictSame(entries.map(e => ({ route: e.route, method: e.method, status: e.status, token: e.token })),
      calls.map(c => ({ route: c.route, method: c.method, status: c.status, token })).reverse(),
      `the journal read on ${name} holds the calls to A and to B, newest first`)
    t.equal(entries[2].note, 'secret differs from the one first used', `the 401 on B says why (read on ${name})`)
  }
  const onlyA = (await control(b, 'GET', '/requests?client_id=merchant-a')).json().result
  t.equal(onlyA.length, 4, 'filtering by client_id works across replicas (the page call carries no client)')
})

t.test('the rate limit is one limit across the replicas', async t => {
  const { a, b } = await replicas(t, { RATE_LIMIT_PER_MINUTE: '3' })
  const token = await createSession(a)
  t.equal((await getRecord(b, token)).statusCode, 200, 'call 2 of 3, on B')
  t.equal((await getRecord(a, token)).statusCode, 200, 'call 3 of 3, on A')
  const fourth = await getRecord(b, token)
  t.equal(fourth.statusCode, 429, 'the 4th call, on B, is over the limit A and B counted together')
  t.equal((await getRecord(a, token)).statusCode, 429, 'and so is a 5th on A')
  const create = await b.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })
  t.equal(create.statusCode, 429, 'creates count in the same limit')
  // merchant-b, the other way round: its 4th call lands on A.
  const other = { client_id: 'merchant-b', client_secret: 'x' }
  const theirs = await createSession(b, {}, other)
  t.equal((await getRecord(a, theirs, other)).statusCode, 200, 'merchant-b has a limit of its own: call 2 of 3, on A')
  t.equal((await getRecord(b, theirs, other)).statusCode, 200, 'call 3 of 3, on B')
  t.equal((await getRecord(a, theirs, other)).statusCode, 429, 'its 4th call, on A, is over the limit')
})

t.test('two sandboxes sharing one Redis under different REDIS_PREFIX keep separate rate limits', async t => {
  const redis = await startRedis(t)
  const one = await buildReplica(t, redis.url, uniquePrefix('limit-one'), { RATE_LIMIT_PER_MINUTE: '1' })
  const two = await buildReplica(t, redis.url, uniquePrefix('limit-two'), { RATE_LIMIT_PER_MINUTE: '1' })
  await createSession(one)
  t.equal((await getRecord(one, 'ANY')).statusCode, 429, 'the first sandbox\'s client is over its limit')
  await createSession(two)
  t.equal((await getRecord(two, 'ANY')).statusCode, 429, 'the second counted only its own create')
})

t.test('ids are unique and increasing across replicas', async t => {
  const { a, b } = await replicas(t)
  const ids: number[] = []
  for (let i = 0; i < 12; i++) {
    const app = i % 3 === 0 ? a : b
    const token = await createSession(app)
    ids.push((await getRecord(i % 2 === 0 ? a : b, token)).json().result.id)
  }
  t.strictSame(ids, Array.from({ length: 12 }, (_, i) => i + 1), 'one id sequence 1..12 whichever replica created the session')
})

t.test('open mode: a secret bound through A refuses a different one on B', async t => {
  const { a, b } = await replicas(t)
  const token = await createSession(a, {}, { client_id: 'merchant-c', client_secret: 'bound-on-a' })
  const refused = await getRecord(b, token, { client_id: 'merchant-c', client_secret: 'other' })
  t.equal(refused.statusCode, 401, 'B refuses another secret for merchant-c')
  t.strictSame(refused.json(), { status: 401, message: 'Unauthenticated.' }, 'with production\'s words')
  const create = await b.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'merchant-c', client_secret: 'other' }, payload: VALID_BODY })
  t.equal(create.statusCode, 401, 'a create on B with the other secret is refused too')
  t.equal((await getRecord(b, token, { client_id: 'merchant-c', client_secret: 'bound-on-a' })).statusCode, 200, 'the bound secret works on B')
  t.equal((await control(b, 'DELETE', '/state?client_id=merchant-c')).json().result.secrets, 1, 'B forgets the binding A made')
  t.equal((await getRecord(a, token, { client_id: 'merchant-c', client_secret: 'other' })).statusCode, 404, 'after which A binds the new secret (the session is gone: 404, not 401)')
})

t.test('another prefix on the same Redis is another sandbox: it sees nothing, and its reset touches nothing', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('replicas')
  const a = await buildReplica(t, redis.url, prefix)
  const other = await buildReplica(t, redis.url, uniquePrefix('replicas-other'))
  const token = await createSession(a)
  await control(a, 'POST', '/arm', { scenario: 'pass' })
  // merchant-a's secret is bound per prefix: another one binds on the other prefix.
  t.strictSame((await getRecord(other, token, { client_id: 'merchant-a', client_secret: 'another' })).json(), NOT_FOUND,
    'the other prefix does not know the session (a 404: merchant-a\'s secret bound on the first prefix does not apply)')
  t.strictSame((await control(other, 'GET', '/verifications')).json().result, [], 'nor lists it')
  t.strictSame((await control(other, 'GET', '/arm')).json().result, [], 'nor the arm')
  t.equal((await control(other, 'DELETE', '/state')).statusCode, 200, 'the other prefix resets')
  t.equal((await getRecord(a, token)).statusCode, 200, 'the first prefix still has its session')
  t.equal((await control(a, 'GET', '/arm')).json().result.length, 1, 'and its arm')
})

// Once a session was pruned, moving the clock back shows pruned_at as now: a view of the stored
// version, which a change must still be able to replace (it was a 503 after 20 tries before).
t.test('a session pruned on A, after B moves the clock back before the pruning, can still be finished', async t => {
  const { a, b } = await replicas(t, { TOKEN_TTL_SECONDS: '7200', RETENTION_SECONDS: '3600' })
  const token = await createSession(a)
  await control(a, 'POST', '/clock', { advance_seconds: 4000 })
  t.not((await getRecord(b, token)).json().result.pruned_at, null, 'B reads it past the retention: pruned')
  await control(b, 'POST', '/clock', { advance_seconds: -3900 })
  t.equal((await view(a, token)).expired, false, 'with the clock back, the link is open again')
  const done = await control(a, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(done.statusCode, 200, `complete on A succeeds (answered ${done.statusCode} ${done.body.slice(0, 100)})`)
})
