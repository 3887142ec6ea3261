// Concurrency across two replicas on one Redis: what must happen once happens once, whichever
// replica the concurrent calls land on. Every batch is fired at once (Promise.all over two apps,
// each with its own Redis connection), so the calls really interleave in Redis.
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { createSession, CREDENTIALS, getRecord, VALID_BODY } from '../helpers/app.js'
import { buildReplica, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { control, view } from '../sandbox/control.js'

async function replicas (t: Test): Promise<[FastifyInstance, FastifyInstance]> {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('exactly-once')
  return [await buildReplica(t, redis.url, prefix), await buildReplica(t, redis.url, prefix)]
}

/** Counts of each value, for a readable diff: { '200': 1, '409': 39 }. */
function tally (values: Array<string | number>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

t.test('40 concurrent attempts to finish one session on two replicas: exactly one succeeds', async t => {
  const replicasAB = await replicas(t)
  const [a, b] = replicasAB
  const token = await createSession(a)
  const returnUrl = 'https://merchant.example/ekyc/return?order=42&is_success=1#done'

  const attempts = Array.from({ length: 40 }, (_, i) => {
    const app = replicasAB[i % 2]
    const viaPage = Math.floor(i / 2) % 2 === 0
    const run = viaPage
      ? app.inject({ method: 'GET', url: `/verifications?token=${token}&scenario=pass` })
      : app.inject({ method: 'POST', url: `/_sandbox/verifications/${token}/complete`, payload: { scenario: 'pass' } })
    return run.then(res => ({ viaPage, res }))
  })
  const answers = await Promise.all(attempts)

  const won = answers.filter(({ viaPage, res }) => viaPage ? res.statusCode === 303 : res.statusCode === 200)
  t.equal(won.length, 1, `exactly one attempt finished the session (answers: ${JSON.stringify(tally(answers.map(x => `${x.viaPage ? 'page' : 'complete'} ${x.res.statusCode}`)))})`)
  if (won[0]?.viaPage === true) t.equal(won[0].res.headers.location, returnUrl, 'the winning page call sends the user back with is_success=1')
  const lost = answers.filter(x => !won.includes(x))
  t.strictSame(tally(lost.map(x => x.res.statusCode)), { 409: 39 }, 'every other attempt is a 409')
  for (const { viaPage, res } of lost) {
    if (viaPage) {
      t.match(res.headers['content-type'], /^text\/html/, 'a losing page call renders the closed page')
    } else {
      t.strictSame(res.json(), { status: 409, message: 'Verification already finished.' }, 'a losing complete is the 409 envelope')
    }
  }

  const finished = await view(b, token)
  t.equal(finished.finished, true, 'the session is finished')
  t.equal(finished.record.is_success, 1, 'as a pass')
  t.strictSame({ ocr: finished.attempts.ocr.length, face: finished.attempts.face.length }, { ocr: 1, face: 1 },
    'the scenario was applied once: one OCR attempt and one face attempt, not one per winner')
  t.equal((await getRecord(a, token)).body, (await getRecord(b, token)).body, 'both replicas read the one finished record')
})

t.test('an arm of count 5 and 20 concurrent creates on two replicas: exactly 5 sessions armed', async t => {
  const [a, b] = await replicas(t)
  t.equal((await control(a, 'POST', '/arm', { scenario: 'pass', count: 5 })).statusCode, 200, 'armed 5 on A')
  const creates = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    (i % 2 === 0 ? a : b).inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })))
  t.strictSame(tally(creates.map(res => res.statusCode)), { 200: 20 }, 'every create succeeded')
  const tokens = creates.map(res => res.json().result.token as string)

  const listed = (await control(b, 'GET', '/verifications?limit=100')).json().result as Array<{ token: string, armed_scenario: string | null }>
  t.strictSame(listed.map(v => v.token).sort(), [...tokens].sort(), 'the control plane lists the 20 sessions')
  t.strictSame(tally(listed.map(v => String(v.armed_scenario))), { pass: 5, null: 15 }, 'exactly 5 sessions carry the arm')
  t.strictSame((await control(a, 'GET', '/arm')).json().result, [], 'the arm is used up')
})

t.test('a fault of count 3 and 20 concurrent GETs on two replicas: exactly 3 answered with it', async t => {
  const [a, b] = await replicas(t)
  const token = await createSession(a)
  t.equal((await control(b, 'POST', '/faults', { route: 'get', status: 500, count: 3 })).statusCode, 200, 'a fault of count 3 on B')
  const reads = await Promise.all(Array.from({ length: 20 }, (_, i) => getRecord(i % 2 === 0 ? a : b, token)))
  t.strictSame(tally(reads.map(res => res.statusCode)), { 200: 17, 500: 3 }, '3 reads got the fault, 17 the record')
  for (const res of reads.filter(r => r.statusCode === 500)) {
    t.strictSame(Object.keys(res.json()), ['status', 'message'], 'each faulted read is the envelope')
  }
  t.strictSame((await control(a, 'GET', '/faults')).json().result, [], 'the fault is used up')

  t.equal((await control(a, 'POST', '/faults', { route: 'create', status: 503, client_id: 'merchant-a', count: 4 })).statusCode, 200,
    'a client\'s fault of count 4 on A')
  const creates = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    (i % 2 === 0 ? b : a).inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })))
  t.strictSame(tally(creates.map(res => res.statusCode)), { 200: 16, 503: 4 }, '4 of merchant-a\'s concurrent creates got it')
})

t.test('200 concurrent creates across two replicas: 200 distinct ids, 1 to 200', async t => {
  const [a, b] = await replicas(t)
  const creates = await Promise.all(Array.from({ length: 200 }, (_, i) =>
    (i % 2 === 0 ? a : b).inject({ method: 'POST', url: '/api/ekyc/verifications', headers: CREDENTIALS, payload: VALID_BODY })))
  t.strictSame(tally(creates.map(res => res.statusCode)), { 200: 200 }, 'every create succeeded')
  const tokens = new Set(creates.map(res => res.json().result.token as string))
  t.equal(tokens.size, 200, '200 distinct tokens')
  const listed = (await control(a, 'GET', '/verifications?limit=500')).json().result as Array<{ token: string, record: { id: number } }>
  t.equal(listed.length, 200, 'the control plane lists 200 sessions')
  t.ok(listed.every(v => tokens.has(v.token)), 'each listed session is one the creates returned')
  const ids = listed.map(v => v.record.id)
  t.strictSame([...ids].sort((x, y) => x - y), Array.from({ length: 200 }, (_, i) => i + 1), 'ids are 1..200, none taken twice')
  t.strictSame(ids, [...ids].sort((x, y) => y - x), 'listed newest first by id')
  t.equal((await b.inject({ method: 'GET', url: '/health' })).json().sessions, 200, '/health counts 200 sessions')
})

// advance_seconds is one INCRBY in Redis: a read-modify-write through the replicas would lose
// advances made at once (10 x 60 s gave 300 s before).
t.test('concurrent clock advances on two replicas add up', async t => {
  const [a, b] = await replicas(t)
  const advances = await Promise.all(Array.from({ length: 10 }, (_, i) => control(i % 2 === 0 ? a : b, 'POST', '/clock', { advance_seconds: 60 })))
  t.strictSame(tally(advances.map(res => res.statusCode)), { 200: 10 }, 'every advance answered 200')
  t.equal((await control(a, 'GET', '/clock')).json().result.offset_ms, 600_000, '10 concurrent advances of 60 s move the clock 600 s')
})
