import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { control } from '../sandbox/control.js'
import { formTokenIn, HOSTILE } from '../console/helpers.js'
import { assertFitsPhone, CHROMIUM, launch, listeningSandbox, newContext, newTab } from './console-helpers.js'

// The console guarded by SANDBOX_ADMIN_TOKEN, a post from another site, and hostile values, in
// Debian's Chromium: one browser, a context per sandbox.

const ADMIN = 'browser-admin-token'

if (!existsSync(CHROMIUM)) {
  t.fail(`Chromium is not installed at ${CHROMIUM}: run apt-get install -y --no-install-recommends chromium`)
} else {
  const browser = await launch(t)

  t.test('with SANDBOX_ADMIN_TOKEN: signed out nothing shows; signed in everything works', async t => {
    const { app, url: sandbox } = await listeningSandbox(t, { SANDBOX_ADMIN_TOKEN: ADMIN })
    await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers: { client_id: 'hidden-client', client_secret: 'x' }, payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://merchant.example/' } })
    const context = await newContext(browser, t)
    const { page, problems } = await newTab(context, [401])
    await page.goto(`${sandbox}/console/sessions`)
    await t.resolves(page.getByTestId('sign-in').waitFor())
    t.equal(await page.getByTestId('console-nav').count(), 0, 'no navigation')
    t.notMatch(await page.content(), 'hidden-client', 'nothing about sessions')
    await assertFitsPhone(t, page, 'sign-in')

    await page.getByLabel('Admin token').fill('wrong')
    await page.getByTestId('sign-in-submit').click()
    await t.resolves(page.getByTestId('sign-in-error').waitFor(), 'a wrong token is refused')
    await page.getByLabel('Admin token').fill(ADMIN)
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(u => u.pathname === '/console/sessions')
    t.equal(await page.getByTestId('session-row').count(), 1, 'signed in, back on the page asked for')
    const [cookie] = await context.cookies()
    t.matchStrict(cookie, { name: 'ekyc_console', httpOnly: true, sameSite: 'Strict' })

    await page.goto(`${sandbox}/`)
    await page.getByTestId('create-session').click()
    await page.getByTestId('session-link').click()
    await page.getByTestId('scenario-pass').click()
    await page.waitForURL(u => u.pathname === '/console/merchant/return')
    t.equal(await page.getByTestId('return-is-success').textContent(), '1')
    t.matchStrict(JSON.parse(await page.getByTestId('record-json').textContent() as string), { is_success: 1 })
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('clock-advance-submit').click()
    t.matchStrict(await page.getByTestId('clock-offset').textContent(), 'moved ahead', 'steering works signed in')
    // The context's request client sends the browser's cookies (a JSON tab would also fetch /favicon.ico).
    const api = await context.request.get(`${sandbox}/_sandbox/clock`)
    t.equal(api.status(), 401, 'the control-plane API still wants its header, cookie or not')

    await page.goto(`${sandbox}/`)
    await page.getByTestId('sign-out').click()
    await t.resolves(page.getByTestId('sign-in').waitFor(), 'signed out: the sign-in form again')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('a form posted from another origin is refused and changes nothing', async t => {
    const { app, url: sandbox } = await listeningSandbox(t)
    // Even with a form token copied from the console, the other origin gives itself away.
    const csrf = formTokenIn((await app.inject({ url: '/console/steering' })).body, '/console/steering/arm')
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Elsewhere</title></head><body>
<form method="post" action="${sandbox}/console/steering/arm"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="scenario" value="pass">
<button type="submit" id="go">Win a prize</button></form></body></html>`)
    })
    await new Promise<void>(resolve => evil.listen(0, '127.0.0.1', resolve))
    t.teardown(() => { evil.closeAllConnections(); evil.close() })
    const context = await newContext(browser, t)
    const { page, problems } = await newTab(context, [403])
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`)
    const [answer] = await Promise.all([page.waitForNavigation(), page.click('#go')])
    t.equal(answer?.status(), 403)
    t.matchStrict(await page.getByTestId('error-message').textContent(), /^Refused: /)
    t.strictSame((await control(app, 'GET', '/arm')).json().result, [], 'nothing was armed')
    t.strictSame(problems, [], 'no other console errors')
  })

  t.test('hostile values on every console page: shown as text, no script runs', async t => {
    const { app, url: sandbox } = await listeningSandbox(t)
    const marker = HOSTILE.replace('alert(1)', 'window.__xss=1').replace('alert(2)', 'window.__xss=2')
    const headers = { client_id: marker, client_secret: 'qa-console' }
    const created = await app.inject({ method: 'POST', url: '/api/ekyc/verifications', headers, payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: `https://merchant.example/?q=${encodeURIComponent(marker)}#${marker}` } })
    const token = created.json().result.token as string
    await app.inject({ url: `/api/ekyc/verifications/${encodeURIComponent(marker)}`, headers })
    await control(app, 'POST', '/arm', { scenario: 'pass', client_id: marker })
    await control(app, 'POST', '/faults', { route: 'get', status: 500, client_id: marker })
    const q = encodeURIComponent(marker)
    const context = await newContext(browser, t)
    const { page, problems } = await newTab(context, [404, 422])
    const paths = ['/', '/console/sessions', `/console/sessions?client_id=${q}`, `/console/sessions/${token}`, `/console/sessions/${q}`,
      '/console/steering', '/console/journal', `/console/journal?client_id=${q}&status=${q}`, `/console/merchant/return?client_id=${q}&ref=${q}&is_success=${q}`]
    for (const path of paths) {
      await page.goto(`${sandbox}${path}`)
      t.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, `${path}: no script ran`)
      await assertFitsPhone(t, page, path)
    }
    await page.goto(`${sandbox}/console/sessions`)
    t.equal(await page.getByTestId('session-client').textContent(), marker, 'the value is shown as text')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })
}
