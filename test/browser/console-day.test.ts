import { existsSync } from 'node:fs'
import t from 'tap'
import type { Page } from 'playwright-core'
import { control } from '../sandbox/control.js'
import { assertFitsPhone, CHROMIUM, launch, listeningSandbox, newContext, newTab } from './console-helpers.js'

// A QA tester's day in the console, in Debian's Chromium on a 390-pixel phone screen: no merchant
// app and no curl, only clicks.

if (!existsSync(CHROMIUM)) {
  t.fail(`Chromium is not installed at ${CHROMIUM}: run apt-get install -y --no-install-recommends chromium`)
} else {
  const { app, url: sandbox } = await listeningSandbox(t)
  const browser = await launch(t)
  const context = await newContext(browser, t)

  /** Starts a session from the console's home page; answers on its detail page. */
  async function startSession (page: Page, fields: Record<string, string> = {}): Promise<void> {
    await page.goto(`${sandbox}/`)
    for (const [name, value] of Object.entries(fields)) await page.getByTestId(`new-session-${name}`).fill(value)
    await page.getByTestId('create-session').click()
  }

  t.test('start a session, play it on the hosted page, land on the stand-in merchant, find it in the list', async t => {
    const { page, problems } = await newTab(context)
    await page.goto(`${sandbox}/`)
    await assertFitsPhone(t, page, 'home')
    await startSession(page)
    await t.resolves(page.getByTestId('notice').waitFor(), 'the session was created')
    const link = await page.getByTestId('session-link').textContent() as string
    const token = new URL(link).searchParams.get('token') as string
    t.matchStrict(token, /^[0-9A-Z]{30}$/)
    await assertFitsPhone(t, page, 'session detail')

    await page.getByTestId('session-link').click()
    // On a phone the page folds every group but "Passes": a tester opens "Document problems" first.
    await page.getByTestId('group-document-toggle').click()
    await page.getByTestId('scenario-pass-after-ocr-glare').click()
    await page.waitForURL(u => u.pathname === '/console/merchant/return')
    t.equal(await page.getByTestId('return-is-success').textContent(), '1')
    t.matchStrict(JSON.parse(await page.getByTestId('record-json').textContent() as string), { token, is_success: 1, retries: 1, latest_error: '9107' })
    await assertFitsPhone(t, page, 'stand-in merchant')

    await page.getByTestId('console-session-link').click()
    t.equal(await page.getByTestId('detail-outcome').textContent(), 'passed')
    await page.getByRole('link', { name: 'Sessions' }).click()
    await page.getByTestId('filter-client_id').fill('qa')
    await page.getByTestId('filter-outcome').selectOption('passed')
    await page.getByTestId('filter-submit').click()
    const row = page.getByTestId('session-row').filter({ hasText: token })
    t.equal(await row.count(), 1, 'found in the list, filtered by client and outcome')
    t.equal(await row.getByTestId('session-latest-error').textContent(), '9107')
    await assertFitsPhone(t, page, 'sessions list')
    await row.getByTestId('session-token').click()
    t.equal(await page.getByTestId('detail-token').textContent(), token, 'its detail opens')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('arm the next session of a client and see the session that client creates finish with it', async t => {
    const { page, problems } = await newTab(context)
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('arm-scenario').selectOption('fail-ocr-blurry')
    await page.getByTestId('arm-client_id').fill('qa-armed')
    await page.getByTestId('arm-count').fill('1')
    await page.getByTestId('arm-submit').click()
    t.equal(await page.getByTestId('notice').textContent(), 'Armed.')
    t.equal(await page.getByTestId('arm-row').count(), 1)
    await assertFitsPhone(t, page, 'steering')

    await startSession(page, { client_id: 'qa-armed' })
    t.matchStrict(await page.getByTestId('detail-outcome').textContent(), 'armed: fail-ocr-blurry')
    await page.getByTestId('session-link').click()
    await page.waitForURL(u => u.pathname === '/console/merchant/return')
    t.equal(await page.getByTestId('return-is-success').textContent(), '0', 'the page finished it at once')
    t.matchStrict(JSON.parse(await page.getByTestId('record-json').textContent() as string), { is_success: 0, latest_error: '9108', retries: 2 })
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('inject a fault and see the API answer it', async t => {
    const { page, problems } = await newTab(context, [503])
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('fault-route').selectOption('create')
    await page.getByTestId('fault-status').selectOption('503')
    await page.getByTestId('fault-submit').click()
    t.equal(await page.getByTestId('fault-row').count(), 1)
    await startSession(page)
    t.matchStrict(await page.getByTestId('new-session-error').textContent(), 'Service Unavailable. (HTTP 503; nothing was applied)')
    await page.goto(`${sandbox}/console/journal`)
    await page.getByTestId('journal-filters').getByLabel('Status').fill('503')
    await page.getByTestId('journal-filter-submit').click()
    t.equal(await page.getByTestId('journal-row').count(), 1)
    t.equal(await page.getByTestId('journal-call').textContent(), 'POST /api/ekyc/verifications')
    await assertFitsPhone(t, page, 'journal')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('move the clock and see a link expire', async t => {
    const { page, problems } = await newTab(context)
    await startSession(page, { client_id: 'qa-late' })
    const link = await page.getByTestId('session-link').getAttribute('href') as string
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('clock-advance-advance_seconds').fill('901')
    await page.getByTestId('clock-advance-submit').click()
    t.matchStrict(await page.getByTestId('clock-offset').textContent(), 'moved ahead by 15 min 1 s')
    await page.goto(link)
    t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'This link has expired')
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('clock-reset-submit').click()
    t.equal(await page.getByTestId('clock-offset').textContent(), '(real time)')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('the catalogue, and reset with a confirmation step', async t => {
    const { page, problems } = await newTab(context)
    await page.goto(`${sandbox}/console/scenarios`)
    t.equal(await page.getByTestId('scenario-row').count(), app.scenarios.all.length)
    await assertFitsPhone(t, page, 'catalogue')
    await page.goto(`${sandbox}/console/steering`)
    await page.getByTestId('reset-submit').click()
    t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Confirm reset')
    t.ok((await control(app, 'GET', '/verifications')).json().result.length > 0, 'nothing is forgotten before the confirmation')
    await assertFitsPhone(t, page, 'reset confirmation')
    await page.getByTestId('reset-confirm-submit').click()
    t.equal(await page.getByTestId('notice').textContent(), 'Reset done.')
    await page.goto(`${sandbox}/console/sessions`)
    await t.resolves(page.getByTestId('no-sessions').waitFor(), 'no session is left')
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })
}
