import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { TEST_REDIS_URL } from '../helpers/backend.js'

// /health is what a load balancer or Kubernetes probes (README, "Scaling out"): its exact answer.
// Its 503 while Redis is away is tested in test/redis/failure.test.ts.
t.test('GET /health answers ok with the backend and the sessions it holds, without credentials', async t => {
  const { app } = await buildTestApp(t, { SANDBOX_ADMIN_TOKEN: 'admin-secret' })
  const health = async () => {
    const res = await app.inject({ method: 'GET', url: '/health' })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/json/)
    return res.json()
  }
  const state = TEST_REDIS_URL === null ? 'memory' : 'redis'
  t.strictSame(await health(), { status: 'ok', sessions: 0, state })
  await createSession(app)
  await createSession(app)
  t.strictSame(await health(), { status: 'ok', sessions: 2, state })
})

// The state's own health check stands in for a Redis outage here: the real one (redis-server
// stopped under load) is test/redis/failure.test.ts, which this fast file does not replace.
t.test('GET /health answers 503 naming Redis while the state cannot be read, and 200 again once it can', async t => {
  const { app } = await buildTestApp(t)
  const unavailable = { status: 'unavailable', state: 'redis', message: 'Redis cannot be reached; the sandbox answers 503 until it is back.' }
  const health = async () => {
    const res = await app.inject({ method: 'GET', url: '/health' })
    t.match(res.headers['content-type'], /^application\/json/)
    return { code: res.statusCode, body: res.json() }
  }
  const { healthy, sessionCount } = app.state
  app.state.healthy = async () => false
  t.strictSame(await health(), { code: 503, body: unavailable }, 'the state says it cannot be reached')
  app.state.healthy = healthy
  app.state.sessionCount = async () => { throw new Error('connection lost') }
  t.strictSame(await health(), { code: 503, body: unavailable }, 'the state fails while counting sessions')
  app.state.sessionCount = sessionCount
  t.strictSame(await health(), { code: 200, body: { status: 'ok', sessions: 0, state: TEST_REDIS_URL === null ? 'memory' : 'redis' } }, 'back without a restart')
})
