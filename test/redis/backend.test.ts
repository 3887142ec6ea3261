// The Redis backend itself (src/state/redis.ts), in this process against a redis-server of the
// test's own: what the first step of a call (begin) tells the hooks, values under the prefix that
// are not the sandbox's session of that token, the arms' and faults' listing, and a reset that
// forgets bound secrets under any prefix. Start-up refused and Redis away: backend-outage.test.ts
// (it waits on timers: the mutation run's `redis` list puts this file first and that one last).
import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { Scenario } from '../../src/schemas/scenario.js'
import { MAX_JOURNAL, type CallQuestion, type CallStart, type JournalEntry } from '../../src/state/state.js'
import { createSession, getRecord } from '../helpers/app.js'
import { buildReplica, connectBackend, keysUnder, redisClient, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { control } from '../sandbox/control.js'

const NOT_FOUND = { status: 404, message: 'Verification not found.' }
const TOKEN = 'T'.repeat(30)

const ask = (q: Partial<CallQuestion> = {}): CallQuestion => ({ route: 'get', clientId: null, secret: null, token: null, ...q })
const NOTHING: CallStart = { clockOffsetMs: 0, anyFaults: false, clientFaults: false, arms: false, secret: null, session: undefined }

t.test('begin tells the hooks what waits, and binds a secret only for a client_id with a secret', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
  t.strictSame(await state.begin(ask()), NOTHING, 'nothing waits')
  t.strictSame(await state.begin(ask({ clientId: 'a' })), NOTHING, 'a client without a secret binds nothing')
  t.strictSame(await state.begin(ask({ secret: 'x' })), NOTHING, 'a secret without a client binds nothing')
  t.strictSame(await state.begin(ask({ token: TOKEN })), NOTHING, 'an unknown token reads no session')
  t.equal(await state.forgetSecrets(), 0, 'no secret was bound')

  await state.pushFault({ route: 'get', status: 500, latencyMs: null, clientId: 'a', remaining: 1 }, 100)
  t.strictSame(await state.begin(ask({ clientId: 'a' })), { ...NOTHING, clientFaults: true }, 'a fault of the client\'s own')
  t.strictSame(await state.begin(ask({ clientId: 'b' })), NOTHING, 'another client\'s fault is not this one\'s')
  await state.pushFault({ route: 'create', status: 503, latencyMs: null, clientId: null, remaining: 1 }, 100)
  t.strictSame(await state.begin(ask({ clientId: 'b' })), { ...NOTHING, anyFaults: true }, 'a fault for anyone')
  await state.clearFaults()
  await state.pushArm({ scenario: { name: 'pass' } as unknown as Scenario, clientId: 'c', remaining: 1, fits: ['00/ID_CARD'] }, 1000)
  t.strictSame(await state.begin(ask({ clientId: 'c' })), { ...NOTHING, arms: true }, 'an arm waits for the client')
  t.strictSame(await state.begin(ask({ clientId: 'b' })), NOTHING, 'not for another one')

  t.equal((await state.begin(ask({ clientId: 'a', secret: 's1' }))).secret, 'bound')
  t.equal((await state.begin(ask({ clientId: 'a', secret: 's1' }))).secret, 'same')
  t.equal((await state.begin(ask({ clientId: 'a', secret: 's2' }))).secret, 'differs')
  t.equal(await state.forgetSecrets(), 1, 'one secret was bound')
})

/** The cache slot the backend keeps a token's last parsed session in (redis.ts slotOf). */
function slotOf (token: string): number {
  let h = 0
  for (let i = 0; i < token.length; i++) h = (h * 31 + token.charCodeAt(i)) | 0
  return h & 1023
}

t.test('a value under a session key that is not that token\'s session is unknown: 404, never a 500, never listed', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('not-a-session')
  const a = await buildReplica(t, redis.url, prefix)
  const real = await createSession(a)
  const cli = redisClient(t, redis.url)
  const raw = await cli.get(`${prefix}session:${real}`) as string
  const session = JSON.parse(raw)
  const token = (name: string) => name.padEnd(30, '0')
  // Each a whole session of its own token with one thing wrong, so only that check can refuse it.
  const values: Record<string, string> = {
    [token('NULL')]: 'null',
    [token('NUMBER')]: '7',
    [token('IDTEXT')]: JSON.stringify({ ...session, token: token('IDTEXT'), id: String(session.id) }),
    [token('TOKENNUMBER')]: JSON.stringify({ ...session, token: 12345 }),
    [token('NOCLIENT')]: JSON.stringify({ ...session, token: token('NOCLIENT'), clientId: undefined }),
    [token('OUTCOMETEXT')]: JSON.stringify({ ...session, token: token('OUTCOMETEXT'), outcome: 'none' }),
    [token('COPY')]: raw
  }
  // And a copy under a token whose cache slot is the real session's (it was cached when created).
  let n = 0
  while (slotOf(token(`SLOT${n}`)) !== slotOf(real)) n++
  values[token(`SLOT${n}`)] = raw
  for (const [key, value] of Object.entries(values)) {
    await cli.set(`${prefix}session:${key}`, value)
    // In the sandbox's index too, as if it had stored them (not the copies: they would list as the real one).
    if (value !== raw) await cli.zadd(`${prefix}sessions`, 1000, key)
  }
  await cli.hset(`${prefix}session:${token('HASH')}`, 'a', 'b')
  await cli.zadd(`${prefix}sessions`, 1001, token('HASH'))

  for (const key of [...Object.keys(values), token('HASH')]) {
    const api = await getRecord(a, key)
    t.strictSame({ status: api.statusCode, body: api.json() }, { status: 404, body: NOT_FOUND }, `GET ${key}: the 404 envelope`)
    const view = await control(a, 'GET', `/verifications/${key}`)
    t.strictSame({ status: view.statusCode, body: view.json() }, { status: 404, body: { status: 404, message: `Verification "${key}" not found.` } },
      `the control plane's view of ${key}: 404`)
  }
  const listed = await control(a, 'GET', '/verifications?limit=100')
  t.equal(listed.statusCode, 200, 'the list answers')
  t.strictSame(listed.json().result.map((v: { token: string }) => v.token), [real], 'with only the sandbox\'s own session')
  t.equal((await getRecord(a, real)).statusCode, 200, 'which still reads')
})

t.test('the control plane lists arms and faults as set: counts past 9, whose they are; an entry not of the sandbox is skipped', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('queues')
  const a = await buildReplica(t, redis.url, prefix)
  const cli = redisClient(t, redis.url)
  await cli.rpush(`${prefix}arms:any`, 'not an entry of the sandbox')
  await cli.sadd(`${prefix}arms:queues`, `${prefix}arms:any`)
  t.equal((await control(a, 'POST', '/arm', { scenario: 'pass', count: 12 })).statusCode, 200)
  t.equal((await control(a, 'POST', '/faults', { route: 'get', status: 500, client_id: 'merchant-a', count: 11 })).statusCode, 200)
  t.strictSame((await control(a, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: null, remaining: 12 }], 'the arm, 12 uses')
  t.strictSame((await control(a, 'GET', '/faults')).json().result, [{ route: 'get', status: 500, latency_ms: null, client_id: 'merchant-a', remaining: 11 }],
    'the fault, merchant-a\'s, 11 uses')
  const token = await createSession(a)
  t.equal((await control(a, 'GET', `/verifications/${token}`)).json().result.armed_scenario, 'pass', 'the arm serves a create')
  t.strictSame((await control(a, 'GET', '/arm')).json().result, [{ scenario: 'pass', client_id: null, remaining: 11 }], 'one use less')
})

t.test('a reset forgets the secrets bound under its own prefix, glob characters and all, however many keys Redis holds', async t => {
  const redis = await startRedis(t)
  const id = randomUUID()
  const one = await buildReplica(t, redis.url, `g${id}*?[x]\\:`)
  // Unescaped, the first prefix's pattern would match this one's keys too.
  const two = await buildReplica(t, redis.url, `g${id}-other?x\\:`)
  const cli = redisClient(t, redis.url)
  // Thousands of other keys: SCAN takes several rounds to see them all.
  const batch = cli.pipeline()
  for (let i = 0; i < 5000; i++) batch.set(`filler:${id}:${i}`, '1')
  await batch.exec()
  for (let i = 0; i < 20; i++) await getRecord(one, TOKEN, { client_id: `client-${i}`, client_secret: 'first' })
  await getRecord(two, TOKEN, { client_id: 'client-0', client_secret: 'first' })
  t.equal((await getRecord(one, TOKEN, { client_id: 'client-0', client_secret: 'other' })).statusCode, 401, 'bound: another secret is refused')

  const reset = await control(one, 'DELETE', '/state')
  t.equal(reset.statusCode, 200)
  t.equal(reset.json().result.secrets, 20, 'the 20 bindings of the first prefix are forgotten')
  t.strictSame((await keysUnder(cli, `g${id}*?[x]\\:secret:`)), [], 'none is left')
  t.equal((await getRecord(two, TOKEN, { client_id: 'client-0', client_secret: 'other' })).statusCode, 401, 'the other prefix keeps its own')
  t.equal((await getRecord(one, TOKEN, { client_id: 'client-0', client_secret: 'other' })).statusCode, 404, 'the first binds anew (a 404, not a 401)')
  const again = await control(one, 'DELETE', '/state?client_id=nobody')
  t.strictSame({ status: again.statusCode, secrets: again.json().result.secrets }, { status: 200, secrets: 0 }, 'one client with nothing bound: 0')
  const none = await control(two, 'DELETE', '/state')
  t.equal(none.json().result.secrets, 1)
  const empty = await control(two, 'DELETE', '/state')
  t.strictSame({ status: empty.statusCode, secrets: empty.json().result.secrets }, { status: 200, secrets: 0 }, 'nothing bound any more: 0, not an error')
})

t.test('a session another program rewrote in other JSON formatting is still replaced: the swap compares the bytes read', async t => {
  const redis = await startRedis(t)
  const prefix = uniquePrefix('reformatted')
  const a = await buildReplica(t, redis.url, prefix)
  const token = await createSession(a)
  const cli = redisClient(t, redis.url)
  const key = `${prefix}session:${token}`
  await cli.set(key, JSON.stringify(JSON.parse(await cli.get(key) as string), null, 2))
  const done = await control(a, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(done.statusCode, 200, 'completed (not a 503 after every try lost the swap)')
  t.equal((await getRecord(a, token)).json().result.is_success, 1, 'and the record says so')
})

t.test('journal entries recorded in one turn are one script call: newest first, trimmed to the bound, and written by close()', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
  const scripts: string[] = []
  const client = state.client as unknown as { sendCommand: (command: { name: string }) => unknown }
  const send = client.sendCommand.bind(client)
  client.sendCommand = command => {
    if (command.name === 'evalsha' || command.name === 'eval') scripts.push(command.name)
    return send(command)
  }
  const entry = (n: number): JournalEntry => ({ time: n, method: 'GET', path: `/p/${n}`, route: 'get', clientId: 'a', status: 200, token: null, durationMs: 1, note: null })
  const paths = async (limit = MAX_JOURNAL): Promise<string[]> => (await state.journal(undefined, limit)).map(e => e.path)

  await Promise.all([1, 2, 3].map(async n => { await state.record(entry(n)) }))
  t.equal(scripts.filter(name => name === 'evalsha').length, 1, 'one script call for the three (an EVAL only if Redis had not the script)')
  t.strictSame(await paths(), ['/p/3', '/p/2', '/p/1'], 'newest first')

  scripts.length = 0
  await Promise.all(Array.from({ length: MAX_JOURNAL + 5 }, async (_, i) => { await state.record(entry(100 + i)) }))
  t.equal(scripts.length, 2, `${MAX_JOURNAL + 5} entries in one turn: a full batch of ${MAX_JOURNAL}, then the 5 left`)
  const kept = await paths()
  t.equal(kept.length, MAX_JOURNAL, 'trimmed to the bound')
  t.strictSame([kept[0], kept[MAX_JOURNAL - 1]], [`/p/${100 + MAX_JOURNAL + 4}`, '/p/105'], 'the newest kept, the oldest dropped')

  const last = [state.record(entry(900)), state.record(entry(901))]
  await state.close()
  await Promise.all(last)
  const cli = redisClient(t, redis.url)
  const [key] = await cli.keys('*journal')
  t.strictSame((await cli.lrange(key, 0, 1)).map(raw => JSON.parse(raw).path), ['/p/901', '/p/900'], 'close() wrote the entries still waiting before it quit')
})

t.test('arms and faults are listed in the order they were pushed, whichever queue holds them', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
  // Interleaved over three queues: Redis lists its set of queues in any order, so only the
  // sequence numbers put the listing back in order.
  const order: Array<[string | null, number]> = [['a', 500], [null, 501], ['a', 502], ['b', 503], [null, 504], ['b', 505]]
  for (const [clientId, status] of order) {
    await state.pushArm({ scenario: { name: `s${status}` } as unknown as Scenario, clientId, remaining: 1, fits: ['00/ID_CARD'] }, 100)
    await state.pushFault({ route: 'get', status, latencyMs: null, clientId, remaining: 1 }, 100)
  }
  t.strictSame((await state.arms()).map(a => [a.clientId, a.scenario.name]), order.map(([c, s]) => [c, `s${s}`]), 'arms')
  t.strictSame((await state.faults()).map(f => [f.clientId, f.status]), order, 'faults')
})
