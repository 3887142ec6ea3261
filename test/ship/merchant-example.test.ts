// The example merchant (examples/merchant) against the sandbox, with Chromium as the user:
// the merchant's /verify, the hosted page, a preset button, back to the merchant's verdict.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { chromium, type BrowserContext } from 'playwright-core'
import { startSandbox } from '../../src/index.js'
import { createMerchantServer } from '../../examples/merchant/server.mjs'

const CHROMIUM = '/usr/bin/chromium'
const CREDENTIALS = { clientId: 'example-shop', clientSecret: 'sk_test_example' }

t.test('a user verifies through the example merchant, the hosted page and back', async t => {
  if (!existsSync(CHROMIUM)) {
    t.fail(`${CHROMIUM} is missing: the browser tests need Debian's Chromium. Install it with: apt-get install -y --no-install-recommends chromium`)
    return
  }

  // Servers and their teardown first, so they stop even if the browser fails to launch.
  const sandbox = await startSandbox({ seed: 'merchant-example' })
  t.teardown(sandbox.stop)
  const merchant = createMerchantServer({ apiUrl: sandbox.url, ...CREDENTIALS })
  t.teardown(() => new Promise<void>(resolve => { merchant.close(() => resolve()); merchant.closeAllConnections() }))
  await new Promise<void>(resolve => merchant.listen(0, '127.0.0.1', resolve))
  const shop = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`
  const profile = mkdtempSync(join(tmpdir(), 'ship-chromium-'))
  t.teardown(() => rmSync(profile, { recursive: true, force: true }))

  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  t.teardown(() => context.close())
  // Only 127.0.0.1: anything else is refused and reported.
  const outside: string[] = []
  await context.route('**/*', route => {
    const { hostname } = new URL(route.request().url())
    if (hostname === '127.0.0.1') return route.continue()
    outside.push(route.request().url())
    return route.abort()
  })
  const page = context.pages()[0] ?? await context.newPage()
  page.setDefaultTimeout(20_000)

  const verify = async (scenario: string): Promise<string> => {
    try {
      await page.goto(`${shop}/`)
      await page.getByTestId('verify-link').click()
      await page.waitForURL(`${sandbox.url}/verifications?token=*`)
      await page.getByTestId(`scenario-${scenario}`).click()
      await page.waitForURL(`${shop}/ekyc/return?*`)
      return (await page.getByTestId('result').textContent()) ?? ''
    } catch (err) {
      // Say where the user got stuck, not only that something timed out.
      const text = (await page.textContent('body').catch(() => null))?.replace(/\s+/g, ' ').slice(0, 300)
      throw new Error(`${scenario}: stuck at ${page.url()} showing "${text}": ${(err as Error).message}`)
    }
  }

  t.equal(await verify('pass'), 'Verified', 'the pass preset: the merchant shows Verified')
  t.matchStrict(page.url(), /is_success=1$/)

  t.equal(await verify('fail-ocr-blurry'), 'Not verified', 'retries exhausted: the merchant shows Not verified')
  t.matchStrict(page.url(), /is_success=0$/)
  t.equal(await page.getByTestId('latest-error').textContent(), '9108', 'the reason comes from the GET endpoint')

  t.strictSame(outside, [], 'no request left 127.0.0.1')
})

t.test('the merchant trusts the API, not the is_success in its return URL', async t => {
  const sandbox = await startSandbox()
  t.teardown(sandbox.stop)
  const merchant = createMerchantServer({ apiUrl: sandbox.url, ...CREDENTIALS })
  t.teardown(() => new Promise<void>(resolve => { merchant.close(() => resolve()); merchant.closeAllConnections() }))
  await new Promise<void>(resolve => merchant.listen(0, '127.0.0.1', resolve))
  const shop = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`

  const started = await fetch(`${shop}/verify`, { redirect: 'manual' })
  t.equal(started.status, 302)
  const hosted = new URL(started.headers.get('location') ?? '')
  t.equal(hosted.origin + hosted.pathname, `${sandbox.url}/verifications`, 'the user is sent to result.url')
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0]

  // The user skips the page and forges is_success=1: the record still says 0.
  const forged = await fetch(`${shop}/ekyc/return?is_success=1`, { headers: { cookie } })
  t.matchStrict(await forged.text(), /<h1 data-testid="result">Not verified<\/h1>/)

  await sandbox.complete(hosted.searchParams.get('token') ?? '', 'pass')
  const after = await fetch(`${shop}/ekyc/return?is_success=1`, { headers: { cookie } })
  t.matchStrict(await after.text(), /<h1 data-testid="result">Verified<\/h1>/)

  const stranger = await fetch(`${shop}/ekyc/return?is_success=1`)
  t.equal(stranger.status, 400, 'no session, no verdict')
})
