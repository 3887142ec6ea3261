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
