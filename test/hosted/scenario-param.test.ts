import t from 'tap'
import { buildTestApp, CREDENTIALS, createSession, getRecord } from '../helpers/app.js'
import { merchantReturn, openPage, submit } from './page-helpers.js'

t.test('?scenario=NAME applies it and answers 303 to the merchant at once', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const res = await openPage(app, token, '&scenario=pass-after-ocr-blurry')
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, merchantReturn(1))
  t.matchStrict((await getRecord(app, token)).json().result, { is_success: 1, retries: 1, latest_error: '9108' })
})

t.test('an unknown name is a 404 page naming every known scenario, and nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const before = (await getRecord(app, token)).json().result
  const res = await openPage(app, token, '&scenario=pass-with-flying-colours')
  t.equal(res.statusCode, 404)
  t.matchStrict(res.headers['content-type'], /^text\/html/)
  t.matchStrict(res.body, 'Unknown scenario &quot;pass-with-flying-colours&quot;.')
  for (const name of app.scenarios.names) t.matchStrict(res.body, `<li><code>${name}</code></li>`, name)
  t.strictSame((await getRecord(app, token)).json().result, before)
  t.matchStrict((await openPage(app, token)).body, 'data-testid="presets"', 'the page still offers everything')
  const long = await openPage(app, token, `&scenario=${'x'.repeat(2000)}TAIL`)
  t.equal(long.statusCode, 404)
  t.matchStrict(long.body, `Unknown scenario &quot;${'x'.repeat(100)}`)
  t.notMatch(long.body, 'TAIL', 'a very long name is quoted only by its start')
})

t.test('a preset button posted without a name is the same 404 page as an empty name, and nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const before = (await getRecord(app, token)).json().result
  const missing = await submit(app, token, { action: 'scenario' })
  t.equal(missing.statusCode, 404)
  t.matchStrict(missing.body, 'data-testid="known-scenarios"')
  t.equal(missing.body, (await submit(app, token, { action: 'scenario', scenario: '' })).body)
  t.strictSame((await getRecord(app, token)).json().result, before)
})

t.test('on a finished session an unknown name is still the 404 page naming the known scenarios', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await openPage(app, token, '&scenario=pass')
  const res = await openPage(app, token, '&scenario=pass-with-flying-colours')
  t.equal(res.statusCode, 404)
  t.matchStrict(res.body, 'data-testid="error-title">Not found<')
  t.matchStrict(res.body, 'data-testid="known-scenarios"')
  t.matchStrict(res.body, 'data-testid="back-to-page"')
})

t.test('a scenario for the other document kind or type is a 422 by URL too', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  for (const name of ['fail-ocr-no-passport', 'pass-passport', 'pass-ocr-only']) {
    const res = await openPage(app, token, `&scenario=${name}`)
    t.equal(res.statusCode, 422, name)
  }
  t.equal((await getRecord(app, token)).json().result.ocr_charged, 0)
})

t.test('an armed session finishes as soon as its page is opened', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, {}, { ...CREDENTIALS, 'x-sandbox-scenario': 'fail-face-mask' })
  const res = await openPage(app, token)
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, merchantReturn(0))
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_success: 1, face_retries: 1, latest_error: 'FailedOperation.SilentFaceWithMaskFail' })
  const again = await openPage(app, token)
  t.equal(again.statusCode, 200, 'armed once: the second visit shows the finished page')
  t.matchStrict(again.body, 'Verification finished')
})

t.test('an armed expiring scenario expires the link and goes back with is_success=0', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, {}, { ...CREDENTIALS, 'x-sandbox-scenario': 'expired' })
  const res = await openPage(app, token)
  t.equal(res.headers.location, merchantReturn(0))
  t.matchStrict((await openPage(app, token)).body, 'This link has expired')
})
