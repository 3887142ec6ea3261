// The Redis backend (src/state/redis.ts) when Redis is not there, in this process against a
// redis-server of the test's own: what start-up says when Redis refuses it, a 503 for every call
// while Redis is away (at once, and back without a restart), a frozen Redis, and a client closed
// during an outage. These wait on reconnects and timers; the rest of the backend is backend.test.ts.
import t, { type Test } from 'tap'
import { ApiError } from '../../src/errors.js'
import { startSandbox } from '../../src/index.js'
import type { CallQuestion } from '../../src/state/state.js'
import { connectBackend, eventually, freeLoopbackPort, redisClient, startRedis, uniquePrefix } from '../helpers/redis-server.js'

const UNAVAILABLE = { status: 503, message: 'The sandbox\'s state store (Redis) is unavailable; try again shortly.' }
const TOKEN = 'T'.repeat(30)

const ask = (q: Partial<CallQuestion> = {}): CallQuestion => ({ route: 'get', clientId: null, secret: null, token: null, ...q })

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

t.test('Redis away: every call is a 503 at once, healthy() is false, and it is back without a restart', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
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
  const state = await connectBackend(t, redis.url)
  redis.pause()
  const started = Date.now()
  const healthy = await state.healthy()
  redis.resume()
  t.equal(healthy, false, `false after ${Date.now() - started} ms`)
})

t.test('a frozen Redis: reads one after another each fail on their own timeout, none waits behind another', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
  redis.pause()
  t.teardown(() => redis.resume())
  // Six reads 0.1 s apart: each is a 503 the command timeout (2 s) after it was asked. With ioredis's
  // auto-pipelining, which runs one batch at a time, the five after the first waited for its
  // timeout before their own: 3.5 to 3.9 s.
  const waited = await Promise.all([0, 1, 2, 3, 4, 5].map(async i => {
    await new Promise(resolve => setTimeout(resolve, i * 100))
    const asked = Date.now()
    const err = await state.session(TOKEN).then(() => null, (e: unknown) => e)
    return { unavailable: err instanceof ApiError && err.statusCode === 503, ms: Date.now() - asked }
  }))
  redis.resume()
  t.strictSame(waited.map(w => w.unavailable), [true, true, true, true, true, true], 'every read is a 503')
  t.ok(waited.every(w => w.ms < 3000), `each within 3 s of being asked (${waited.map(w => w.ms).join(', ')} ms)`)
})

t.test('closed while Redis is away, it stops reconnecting: Redis back, it does not connect again', async t => {
  const redis = await startRedis(t)
  const state = await connectBackend(t, redis.url)
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
