import t from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { consoleClient, testId } from './helpers.js'

t.test('the stand-in merchant finds only its own client\'s session by ref, and none without a client', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { redirect_url: 'https://shop.example/back?ref=r1' }, { client_id: 'shop', client_secret: 's' })
  const c = consoleClient(app)
  const own = await c.get('/console/merchant/return?client_id=shop&ref=r1&is_success=1')
  t.matchStrict(own.body, `href="/console/sessions/${token}" data-testid="console-session-link"`, 'its own client finds it')
  for (const query of ['client_id=qa&ref=r1&is_success=1', 'ref=r1&is_success=1', 'client_id=&ref=r1&is_success=1']) {
    const res = await c.get(`/console/merchant/return?${query}`)
    t.equal(res.statusCode, 200, query)
    t.equal(testId(res.body, 'return-is-success'), '1', query)
    t.matchStrict(res.body, 'data-testid="return-no-session"', query)
    t.notMatch(res.body, token, `${query}: nothing of another client's session`)
  }
})
