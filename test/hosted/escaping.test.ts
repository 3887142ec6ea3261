import t, { type Test } from 'tap'
import { buildTestApp, createSession } from '../helpers/app.js'
import { escapeHtml } from '../../src/html/escape.js'
import { openPage, submit } from './page-helpers.js'
import type { LightMyRequestResponse } from 'fastify'

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`

/** No markup from outside the codebase: only the page's own script tag, no event-handler attribute. */
function assertInert (t: Test, res: LightMyRequestResponse, label: string): void {
  t.matchStrict(res.headers['content-type'], /^text\/html/, label)
  t.equal(res.body.split('<script').length - 1, 1, `${label}: only the page's own script`)
  t.notMatch(res.body, /<img/i, label)
  t.notMatch(res.body, /<[^>]*\son\w+\s*=/i, `${label}: no event-handler attribute`)
  t.notMatch(res.body, 'alert(1)</script>', label)
}

t.test('a hostile redirect_url is shown escaped, and the way back stays a plain link', async t => {
  const { app, tick } = await buildTestApp(t)
  const url = `https://merchant.example/cb?q=${HOSTILE}#${HOSTILE}`
  const token = await createSession(app, { redirect_url: url })
  const page = await openPage(app, token)
  t.equal(page.statusCode, 200)
  assertInert(t, page, 'open page')
  t.matchStrict(page.body, `data-testid="redirect-url">${escapeHtml(new URL(url).href)}</dd>`, 'shown as the browser will follow it, escaped')
  t.matchStrict(page.headers['content-security-policy'], /form-action 'self' https:\/\/merchant\.example;/)
  tick(900)
  const expired = await openPage(app, token)
  assertInert(t, expired, 'expired page')
  const back = /href="([^"]*)" data-testid="return-link"/.exec(expired.body)?.[1] ?? ''
  t.ok(back.startsWith('https://merchant.example/cb?q='), back)
  t.notMatch(back, /[<>"]/)
})

t.test('"Returns to" shows the URL the browser will follow, not the raw string', async t => {
  const { app } = await buildTestApp(t)
  const cases: Array<[string, string]> = [
    ['http://evil.example\\@shop.example/', 'http://evil.example/@shop.example/'],
    ['HTTPS://Shop.Example:443/a/../b?x=1 2', 'https://shop.example/b?x=1%202'],
    ['https://shop.example\\return', 'https://shop.example/return']
  ]
  for (const [given, followed] of cases) {
    const token = await createSession(app, { redirect_url: given })
    const page = await openPage(app, token)
    t.matchStrict(page.body, `data-testid="redirect-url">${escapeHtml(followed)}</dd>`, given)
  }
})

t.test('a redirect_url host that could bend the CSP falls back to its scheme', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { redirect_url: 'https://a;script-src,b.example/x' })
  const page = await openPage(app, token)
  t.matchStrict(page.headers['content-security-policy'], /form-action 'self' https:;/)
  t.equal((page.headers['content-security-policy'] as string).match(/script-src/g)?.length, 1)
})

t.test('a hostile token, scenario name or form field never comes back unescaped', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const q = encodeURIComponent(HOSTILE)
  const cases: Array<[string, Promise<LightMyRequestResponse>]> = [
    ['token', app.inject({ url: `/verifications?token=${q}` })],
    ['token and scenario', app.inject({ url: `/verifications?token=${q}&scenario=${q}` })],
    ['scenario', openPage(app, token, `&scenario=${q}`)],
    ['extra parameters', openPage(app, token, `&${q}=${q}&mode=${q}`)],
    ['posted scenario', submit(app, token, { action: 'scenario', scenario: HOSTILE })],
    ['posted OCR code', submit(app, token, { action: 'ocr', code: HOSTILE })],
    ['posted action', submit(app, token, { action: HOSTILE })],
    ['posted token', submit(app, HOSTILE, { action: 'give-up' })]
  ]
  for (const [label, pending] of cases) {
    const res = await pending
    t.ok(res.statusCode === 200 || (res.statusCode >= 400 && res.statusCode < 500), `${label}: ${res.statusCode}`)
    assertInert(t, res, label)
  }
  t.matchStrict((await app.inject({ url: `/verifications?token=${q}` })).body, 'No verification has the token &quot;&quot;&gt;&lt;script&gt;')
})
