// The Redis backend itself (src/state/redis.ts), in this process against a redis-server of the
// test's own: what start-up says when Redis refuses it, what the first step of a call (begin)
// tells the hooks, a 503 for every call while Redis is away (at once, and back without a
// restart), values under the prefix that are not the sandbox's session of that token, the arms'
// and faults' listing, and a reset that forgets bound secrets under any prefix.
import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { ApiError } from '../../src/errors.js'
import { startSandbox } from '../../src/index.js'
import type { Scenario } from '../../src/schemas/scenario.js'
import { RedisState } from '../../src/state/redis.js'
import type { CallQuestion, CallStart } from '../../src/state/state.js'
import { createSession, CREDENTIALS, getRecord } from '../helpers/app.js'
import { buildReplica, eventually, freeLoopbackPort, keysUnder, redisClient, startRedis, uniquePrefix } from '../helpers/redis-server.js'
import { control } from '../sandbox/control.js'

const NOT_FOUND = { status: 404, message: 'Verification not found.' }
const UNAVAILABLE = { status: 503, message: 'The sandbox\'s state store (Redis) is unavailable; try again shortly.' }
const TOKEN = 'T'.repeat(30)

const ask = (q: Partial<CallQuestion> = {}): CallQuestion => ({ route: 'get', clientId: null, secret: null, token: null, ...q })
const NOTHING: CallStart = { clockOffsetMs: 0, anyFaults: false, clientFaults: false, arms: false, secret: null, session: undefined }

async function connect (t: Test, url: string): Promise<RedisState> {
  const state = await RedisState.connect({ url, prefix: uniquePrefix('backend'), keepMs: 3_600_000 })
  t.teardown(async () => { await state.close(); state.client.disconnect() })
  return state
}

/** What startSandbox rejects with (a sandbox that started anyway is stopped at the end). */
async function startUpError (t: Test, redisUrl: string): Promise<Error | 'started'> {
  return await startSandbox({ redisUrl, redisPrefix: uniquePrefix('start') }).then(sandbox => {
    t.teardown(() => sandbox.stop())
    return 'started' as const
  }, (err: Error) => err)
}

t.test('start-up refused: a RedisStartError naming REDIS_URL, the URL masked and what Redis said', async t => {
  const port = await freeLoopbackPort()
  const refused = await startUpError(t, `redis://:hunter2@127.0.0.1:${port}/0`)
  t.equal((refused as Error).name, 'RedisStartError', 'startSandbox rejects with a RedisStartError')
  t.equal((refused as Error).message, `REDIS_URL: cannot use Redis at redis://:***@127.0.0.1:${port}/0: connect ECONNREFUSED 127.0.0.1:${port}`,
    'nothing listening: "cannot use", and the connection refused')

  const redis = await startRedis(t, { password: 'right-pw-42' })
  const wrong = await startUpError(t, `redis://:wrong-pw-17@127.0.0.1:${redis.port}/0`)
  t.equal((wrong as Error).name, 'RedisStartError')
  t.equal((wrong as Error).message, `REDIS_URL: Redis at redis://:***@127.0.0.1:${redis.port}/0 refused the credentials (wrong password or user): ` +
    'WRONGPASS invalid username-password pair or user is disabled.', 'a wrong password: the credentials, in Redis\'s own words, whole')
  const missing = await startUpError(t, `redis://127.0.0.1:${redis.port}/0`)
  t.equal((missing as Error).message, `REDIS_URL: Redis at redis://127.0.0.1:${redis.port}/0 refused the credentials (wrong password or user): ` +
    'NOAUTH Authentication required.', 'no password: the credentials too')
  const db = await startUpError(t, `redis://:right-pw-42@127.0.0.1:${redis.port}/99`)
  t.equal((db as Error).message, `REDIS_URL: cannot use Redis at redis://:***@127.0.0.1:${redis.port}/99: ERR DB index is out of range`,
    'a database Redis does not have: "cannot use", and Redis\'s reason')
})

t.test('begin tells the hooks what waits, and binds a secret only for a client_id with a secret', async t => {
  const redis = await startRedis(t)
  const state = await connect(t, redis.url)
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

t.test('Redis away: every call is a 503 at once, healthy() is false, and it is back without a restart', async t => {
  const redis = await startRedis(t)
  const state = await connect(t, redis.url)
  const retry = state.client.options.retryStrategy as (times: number) => number | null
  t.strictSame([1, 2, 5, 10, 11, 50].map(retry), [100, 200, 500, 1000, 1000, 1000],
    'once running, it reconnects for ever, every 100 ms more, at most a second apart')
  t.equal(await state.healthy(), true)
  await redis.stop()
  await eventually('the client sees Redis gone', async () => state.client.status === 'ready' ? undefined : true)
  t.equal(await state.healthy(), false, 'healthy() is false')

  const calls: Record<string, () => Promise<unknown>> = {
    begin: async () => await state.begin(ask({ token: TOKEN })),
    session: async () => await state.session(TOKEN),
    sessions: async () => await state.sessions(undefined, 10),
    clockOffset: async () => await state.clockOffset(),
    arms: async () => await state.arms(),
    forgetSecrets: async () => await state.forgetSecrets()
  }
  // A second into the outage the client waits about a second between reconnects: a call queued
  // behind them (an offline queue) would wait that long; each must fail at once.
  await new Promise(resolve => setTimeout(resolve, 1100))
  for (const [name, call] of Object.entries(calls)) {
    const started = Date.now()
    const err = await call().then(() => null, (e: unknown) => e)
    const ms = Date.now() - started
    t.ok(err instanceof ApiError, `${name}: an ApiError (got ${String(err)})`)
    t.strictSame((err as ApiError).toEnvelope?.(), UNAVAILABLE, `${name}: the 503 envelope`)
    t.ok(ms < 300, `${name}: at once (${ms} ms)`)
  }

  await redis.start()
  await eventually('healthy again', async () => await state.healthy() ? true : undefined, 10_000)
  t.equal(await state.session(TOKEN), undefined, 'and it reads again')
})

t.test('a frozen Redis: healthy() is false within the command timeout', async t => {
  const redis = await startRedis(t)
  const state = await connect(t, redis.url)
  redis.pause()
  const started = Date.now()
  const healthy = await state.healthy()
  redis.resume()
  t.equal(healthy, false, `false after ${Date.now() - started} ms`)
})

t.test('closed while Redis is away, it stops reconnecting: Redis back, it does not connect again', async t => {
  const redis = await startRedis(t)
  const state = await connect(t, redis.url)
  await redis.stop()
  await eventually('the client sees Redis gone', async () => state.client.status === 'ready' ? undefined : true)
  await state.close()
  await redis.start()
  // Reconnects came every 100 to 300 ms so far: a client still trying would be back by now.
  await new Promise(resolve => setTimeout(resolve, 1500))
  t.not(state.client.status, 'ready', 'the closed client did not connect again')
  const clients = (await redisClient(t, redis.url).info('clients')).match(/connected_clients:(\d+)/)?.[1]
  t.equal(clients, '1', 'Redis has one client: the test\'s own')
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
