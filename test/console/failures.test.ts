import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { consoleClient, testId } from './helpers.js'

t.test('a page the sandbox cannot serve (its store failing) is a 500 page, and the failure is logged; a 404 is not', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  // The test app logs nothing (LOG_LEVEL=silent): Fastify's null logger is app.log and every request's log.
  const logged = t.capture(app.log, 'error')
  const c = consoleClient(app)
  const missing = await c.get('/console/sessions/NOPE')
  t.equal(missing.statusCode, 404)
  t.strictSame(logged(), [], 'a session not found is the tester\'s business, not the operator\'s')

  const failure = new Error('store unreachable')
  t.capture(app.store, 'get', async () => { throw failure })
  const broken = await c.get(`/console/sessions/${token}`)
  t.equal(broken.statusCode, 500)
  t.equal(testId(broken.body, 'error-status'), '500')
  // The control plane logs its own 500 first; the console's line comes last.
  const consoleLine = logged().at(-1)
  if (consoleLine === undefined) return t.fail('nothing logged')
  t.equal(consoleLine.args[1], 'console failed')
  const { err } = consoleLine.args[0] as { err: { statusCode: number, stack: string } }
  t.equal(err.statusCode, 500, 'with the error that failed the page')
  t.equal(err.stack.split('\n')[0], `ConsoleError: ${testId(broken.body, 'error-message')}`, 'its stack opens with what the page said, as the console\'s error')
})
