import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { chromium, type Page } from 'playwright-core'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'

// The hosted page in Debian's Chromium, on a 390-pixel-wide phone screen: a preset, a
// step-by-step flow with retries, an expired link. The "merchant" is a tiny server on 127.0.0.1.

const CHROMIUM = '/usr/bin/chromium'
const PHONE = { width: 390, height: 844 }

if (!existsSync(CHROMIUM)) {
  t.fail(`Chromium is not installed at ${CHROMIUM}: run apt-get install -y --no-install-recommends chromium`)
} else {
  const { app, tick } = await buildTestApp(t) // its close is a teardown registered before the launch
  await app.listen({ port: 0, host: '127.0.0.1' })
  const sandbox = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  const merchantHits: string[] = []
  const merchantServer = createServer((req, res) => {
    merchantHits.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Merchant</title></head><body><h1>Back at the merchant</h1></body></html>')
  })
  await new Promise<void>(resolve => merchantServer.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { merchantServer.closeAllConnections(); merchantServer.close() })
  const merchant = `http://127.0.0.1:${(merchantServer.address() as AddressInfo).port}`

  const profile = mkdtempSync(join(tmpdir(), 'ekyc-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: PHONE,
    // A reader far from UTC: the page's times must come out in their zone.
    timezoneId: 'Asia/Kuala_Lumpur',
    locale: 'en-GB',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  t.teardown(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
  context.setDefaultTimeout(10_000)
  // CSP violations are reported as console errors below, whatever Chromium prints for them.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
  })

  /** A fresh tab whose console errors, page errors and failed requests are collected. */
  async function newTab (): Promise<{ page: Page, problems: string[] }> {
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    page.on('pageerror', e => problems.push(`page error: ${e.message}`))
    page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
    t.teardown(() => page.close())
    return { page, problems }
  }

  async function assertFitsPhone (t: Test, page: Page, label: string): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= PHONE.width, `${label}: ${width}px wide fits ${PHONE.width}px`)
  }

  const session = (body: Record<string, string> = {}): Promise<string> =>
    createSession(app, { redirect_url: `${merchant}/return?order=42#done`, ...body })

  t.test('clicking a preset lands on the merchant with is_success=1', async t => {
    const { page, problems } = await newTab()
    const token = await session()
    await page.goto(`${sandbox}/verifications?token=${token}`)
    await t.resolves(page.getByTestId('sandbox-banner').getByText('SANDBOX').waitFor())
    await assertFitsPhone(t, page, 'open page with every preset')
    const shown = await page.getByTestId('time-left').textContent()
    await page.waitForFunction(before => document.querySelector('[data-testid="time-left"]')?.textContent !== before, shown, { timeout: 10_000 })
    t.pass('the countdown script runs under the CSP')

    const expireAt = page.getByTestId('expire-at')
    t.equal(await expireAt.getAttribute('title'), '2025-02-01T14:11:47.000Z', 'the exact value is the tooltip')
    t.matchStrict(await expireAt.textContent(), /^1 Feb 2025, 22:11:47 (GMT\+8|MYT)$/, 'shown in the reader\'s zone')

    // On a phone only the first group starts open; the others fold into their summaries.
    const open = async (group: string) => page.getByTestId(`group-${group}-details`).evaluate(el => (el as HTMLDetailsElement).open)
    t.strictSame(await Promise.all(['passes', 'document', 'face', 'other'].map(open)), [true, false, false, false])
    const [folded, unfolded] = await page.evaluate(() => {
      const groups = [...document.querySelectorAll('details')]
      const before = document.documentElement.scrollHeight
      const wasOpen = groups.map(g => g.open)
      groups.forEach(g => { g.open = true })
      const all = document.documentElement.scrollHeight
      groups.forEach((g, i) => { g.open = wasOpen[i] })
      return [before, all]
    })
    t.ok(folded < unfolded / 2, `the folded page is ${folded}px tall, ${unfolded}px unfolded`)
    t.notOk(await page.getByTestId('scenario-pass-after-ocr-glare').isVisible(), 'a folded group hides its buttons')

    // Pass and fail buttons differ in words and in border style, not only in colour.
    const look = (name: string) => page.getByTestId(`scenario-${name}`).evaluate(el => ({ verdict: el.querySelector('.verdict')?.textContent, border: getComputedStyle(el).borderTopStyle }))
    t.strictSame(await look('pass'), { verdict: '✓ passes', border: 'solid' })
    await page.getByTestId('group-document-toggle').click()
    t.ok(await open('document'), 'tapping the summary unfolds the group')
    t.strictSame(await look('fail-ocr-blurry'), { verdict: '✗ fails', border: 'dashed' })
    t.strictSame(await look('pass-after-ocr-glare'), { verdict: '✓ passes', border: 'solid' })
    await page.getByTestId('scenario-pass-after-ocr-glare').click()
    await page.waitForURL(url => url.origin === merchant)
    t.equal(page.url(), `${merchant}/return?order=42&is_success=1#done`)
    t.ok(merchantHits.includes('/return?order=42&is_success=1'))
    t.matchStrict((await getRecord(app, token)).json().result, { is_success: 1, retries: 1, latest_error: '9107' })
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('playing step by step uses a retry on each step, then passes', async t => {
    const { page, problems } = await newTab()
    const token = await session()
    await page.goto(`${sandbox}/verifications?token=${token}`)
    await page.getByLabel('Card the user shows').selectOption('MyKAS')
    await page.getByLabel('OCR outcome').selectOption('9108')
    await page.getByTestId('play-ocr').click()
    await t.resolves(page.getByTestId('attempt-ocr-1').waitFor(), 'the failed attempt is listed')
    t.matchStrict(await page.getByTestId('step-title').textContent(), 'attempt 2 of 3')
    t.equal(await page.getByTestId('ocr-retries-left').textContent(), '2 of 2')
    t.matchStrict(await page.getByTestId('retry-hint').textContent(), 'The first attempt of a step is not a retry', 'the hint agrees with the counter')
    await page.getByLabel('OCR outcome').selectOption('Success')
    await page.getByTestId('play-ocr').click()
    t.equal((await page.getByTestId('attempt-ocr-2').innerText()).replace(/\s+/g, ' '), 'Passed: document attempt 2, Success')
    await page.getByLabel('Face outcome').selectOption('FailedOperation.LivessDetectFake')
    await page.getByTestId('play-face').click()
    await t.resolves(page.getByTestId('attempt-face-1').waitFor())
    await assertFitsPhone(t, page, 'face step with the 48 codes')
    await page.getByLabel('Face outcome').selectOption('Success')
    await page.getByLabel('Similarity (0 to 100)').fill('91.5')
    await page.getByTestId('play-face').click()
    await page.waitForURL(url => url.origin === merchant)
    t.equal(page.url(), `${merchant}/return?order=42&is_success=1#done`)
    t.matchStrict((await getRecord(app, token)).json().result, {
      is_success: 1, retries: 1, face_retries: 1, latest_error: 'FailedOperation.LivessDetectFake',
      ocr_result: { Type: 'MyKAS' }, face_id_result: { Sim: 91.5 }
    })
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('step by step, one passport photo with two card warnings ticked, then the passport engine\'s own failures only', async t => {
    const { page, problems } = await newTab()
    const token = await session({ type: '01', id_type: 'PASSPORT', id_country: 'CHN' })
    await page.goto(`${sandbox}/verifications?token=${token}`)
    const offered = await page.getByTestId('ocr-code').locator('option').evaluateAll(options => options.map(o => (o as HTMLOptionElement).value))
    t.ok(offered.includes('FailedOperation.NoPassport') && !offered.includes('FailedOperation.NoMASIDCard'), 'only the passport engine\'s codes')
    await page.getByLabel('OCR outcome').selectOption('warnings')
    await page.getByTestId('warning-9102').check()
    await page.getByTestId('warning-9108').check()
    await assertFitsPhone(t, page, 'OCR step with the warning boxes')
    await page.getByTestId('play-ocr').click()
    await t.resolves(page.getByTestId('attempt-ocr-1').waitFor(), 'the attempt is listed')
    t.matchStrict(await page.getByTestId('attempt-ocr-1').textContent(), '9102 + 9108')
    t.matchStrict((await getRecord(app, token)).json().result, { ocr_success: 0, latest_error: '9102', ocr_result: { WarnCardInfos: [-9102, -9108] } })
    await page.getByLabel('OCR outcome').selectOption('Success')
    await page.getByTestId('play-ocr').click()
    await page.waitForURL(url => url.origin === merchant)
    t.equal(page.url(), `${merchant}/return?order=42&is_success=1#done`)
    t.matchStrict((await getRecord(app, token)).json().result, { is_success: 1, retries: 1, latest_error: '9102', ocr_result: { WarnCardInfos: [], IsComplete: true } })
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })

  t.test('an expired link says so and goes back with is_success=0', async t => {
    const { page, problems } = await newTab()
    const token = await session({ type: '01' })
    tick(900)
    await page.goto(`${sandbox}/verifications?token=${token}`)
    t.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'This link has expired')
    t.matchStrict(await page.getByTestId('time-left').textContent(), /^expired just now, at 1 Feb 2025, 22:1\d:\d\d (GMT\+8|MYT)$/)
    await assertFitsPhone(t, page, 'expired page')
    await page.getByRole('link', { name: 'Back to the merchant (is_success=0)' }).click()
    await page.waitForURL(url => url.origin === merchant)
    t.equal(page.url(), `${merchant}/return?order=42&is_success=0#done`)
    t.strictSame(problems, [], 'no console errors or CSP violations')
  })
}
