import t from 'tap'
import { buildTestApp, createSession, getRecord, START } from '../helpers/app.js'
import { formStamp, merchantReturn, openPage, pageHref, submit } from './page-helpers.js'

const iso = (ms: number): string => new Date(ms).toISOString()

t.test('one second before expire_at the page is open; at expire_at it says the link expired and offers is_success=0', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  tick(899)
  const open = await openPage(app, token)
  t.matchStrict(open.body, 'data-testid="time-left">0:01<')
  t.matchStrict(open.body, 'data-testid="presets"')
  tick(1)
  const before = (await getRecord(app, token)).json().result
  const expired = await openPage(app, token)
  t.equal(expired.statusCode, 200)
  t.matchStrict(expired.body, 'data-testid="closed-title">This link has expired<')
  t.matchStrict(expired.body, `href="${merchantReturn(0).replace(/&/g, '&amp;')}" data-testid="return-link"`)
  t.notMatch(expired.body, 'data-testid="presets"')
  t.notMatch(expired.body, 'data-testid="step-by-step"')
  t.strictSame((await getRecord(app, token)).json().result, before, 'opening an expired page changes nothing')
})

t.test('on an expired link every button goes back with is_success=0 and applies nothing; ?scenario is a 409 page', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  const stamp = formStamp((await openPage(app, token)).body)
  tick(900)
  const before = (await getRecord(app, token)).json().result
  const posts: Array<Record<string, string>> = [{ action: 'scenario', scenario: 'pass' }, { action: 'ocr', code: 'Success' }, { action: 'give-up' }, { action: 'expire' }]
  for (const fields of posts) {
    const res = await submit(app, token, { ...fields, at: stamp })
    t.equal(res.statusCode, 303, fields.action)
    t.equal(res.headers.location, merchantReturn(0), fields.action)
  }
  const viaQuery = await openPage(app, token, '&scenario=pass')
  t.equal(viaQuery.statusCode, 409)
  t.matchStrict(viaQuery.body, 'Verification expired. Nothing was applied.')
  t.matchStrict(viaQuery.body, 'data-testid="return-link"')
  t.strictSame((await getRecord(app, token)).json().result, before, 'record untouched')
})

t.test('"let the link expire" moves expire_at to the clock\'s now, changes nothing else, and goes back with is_success=0', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  tick(120)
  const before = (await getRecord(app, token)).json().result
  const res = await submit(app, token, { action: 'expire', at: formStamp((await openPage(app, token)).body) })
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, merchantReturn(0))
  const after = (await getRecord(app, token)).json().result
  t.strictSame(after, { ...before, expire_at: iso(START + 120_000), updated_at: iso(START + 120_000) })
  t.matchStrict((await openPage(app, token)).body, 'This link has expired')
})

t.test('the expired scenario by URL does the same, with no browser', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  tick(30)
  const res = await openPage(app, token, '&scenario=expired')
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, merchantReturn(0))
  t.matchStrict((await getRecord(app, token)).json().result, { expire_at: iso(START + 30_000), ocr_charged: 0, is_success: 0 })
})

t.test('a double submit of a preset is harmless: the second lands on the merchant with the recorded outcome', async t => {
  const { app, tick } = await buildTestApp(t)
  const token = await createSession(app)
  const stamp = formStamp((await openPage(app, token)).body)
  const first = await submit(app, token, { action: 'scenario', scenario: 'pass', at: stamp })
  const record = (await getRecord(app, token)).json().result
  tick(5)
  const second = await submit(app, token, { action: 'scenario', scenario: 'fail-ocr-blurry', at: stamp })
  t.equal(first.headers.location, merchantReturn(1))
  t.equal(second.headers.location, merchantReturn(1), 'the recorded is_success, not the second scenario\'s')
  t.strictSame((await getRecord(app, token)).json().result, record, 'nothing applied twice, updated_at unchanged')
})

t.test('a double submit of a step plays it once: the stale form comes back to the page', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const stamp = formStamp((await openPage(app, token)).body)
  const first = await submit(app, token, { action: 'ocr', code: '9108', at: stamp })
  const second = await submit(app, token, { action: 'ocr', code: '9108', at: stamp })
  t.equal(first.headers.location, pageHref(token))
  t.equal(second.headers.location, pageHref(token))
  const record = (await getRecord(app, token)).json().result
  t.equal(record.retries, 0, 'one attempt played, not two')
  t.matchStrict((await openPage(app, token)).body, 'Document (OCR): attempt 2 of 3')
})

t.test('a finished session shows its outcome and the way back with the recorded is_success', async t => {
  const { app } = await buildTestApp(t)
  for (const [scenario, isSuccess, outcome] of [['pass', 1, 'Verification passed.'], ['fail-ocr-blurry', 0, 'Verification did not pass.'], ['abandon-without-attempt', 0, 'The user left without an attempt.']] as const) {
    const token = await createSession(app)
    await openPage(app, token, `&scenario=${scenario}`)
    const page = await openPage(app, token)
    t.equal(page.statusCode, 200)
    t.matchStrict(page.body, 'data-testid="closed-title">Verification finished<')
    t.matchStrict(page.body, `data-testid="outcome">${outcome}<`)
    t.matchStrict(page.body, `href="${merchantReturn(isSuccess).replace(/&/g, '&amp;')}" data-testid="return-link">Back to the merchant (is_success=${isSuccess})<`)
    const again = await openPage(app, token, '&scenario=pass')
    t.equal(again.statusCode, 409, `${scenario}: ?scenario on a finished session`)
    t.matchStrict(again.body, 'Nothing was applied.')
  }
})

t.test('an unknown, malformed or missing token is a 404 HTML page', async t => {
  const { app } = await buildTestApp(t)
  for (const url of ['/verifications?token=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123', '/verifications?token=abc', '/verifications', '/verifications?token=']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 404, url)
    t.matchStrict(res.headers['content-type'], /^text\/html/, url)
    t.matchStrict(res.headers['content-security-policy'], /default-src 'none'/, url)
    t.matchStrict(res.body, 'data-testid="error-title">Not found<', url)
    t.notMatch(res.body, 'data-testid="known-scenarios"', `${url}: no scenario list when the token is the problem`)
  }
  for (const url of ['/verifications', '/verifications?token=']) {
    t.matchStrict((await app.inject({ url })).body, 'data-testid="error-message">The link has no token.<', url)
  }
  const post = await submit(app, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123', { action: 'give-up' })
  t.equal(post.statusCode, 404)
})

t.test('a very long unknown token is quoted only by its start', async t => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ url: `/verifications?token=${'A'.repeat(2000)}TAIL` })
  t.equal(res.statusCode, 404)
  t.matchStrict(res.body, `data-testid="error-message">No verification has the token &quot;${'A'.repeat(40)}`)
  t.notMatch(res.body, 'TAIL')
})
