import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { buildTestApp, type TestApp } from '../helpers/app.js'

export const CHROMIUM = '/usr/bin/chromium'
export const PHONE = { width: 390, height: 844 }
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A free port, so PUBLIC_URL (the links the API hands out) can name the address the browser uses. */
async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** A sandbox listening on 127.0.0.1 whose PUBLIC_URL is its own address. */
export async function listeningSandbox (t: Test, env: Record<string, string> = {}): Promise<TestApp & { url: string }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const sandbox = await buildTestApp(t, { PUBLIC_URL: url, ...env })
  await sandbox.app.listen({ port, host: '127.0.0.1' })
  return { ...sandbox, url }
}

export async function launch (t: Test): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'ekyc-console-chromium-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, `--crash-dumps-dir=${dir}`] })
  t.teardown(async () => {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return browser
}

/** A context whose CSP violations are reported as console errors. */
export async function newContext (browser: Browser, t: Test): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE })
  context.setDefaultTimeout(10_000)
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
  })
  t.teardown(() => context.close())
  return context
}

/**
 * A tab whose console errors, page errors and failed requests are collected. A refused form is
 * answered with a 4xx page by design; Chromium logs that status as a console error, so only those
 * statuses the test expects are let through (`allow`).
 */
export async function newTab (context: BrowserContext, allow: number[] = []): Promise<{ page: Page, problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  const allowed = (text: string): boolean => allow.some(s => text.includes(`the server responded with a status of ${s}`))
  page.on('console', m => { if (m.type() === 'error' && !allowed(m.text())) problems.push(`console: ${m.text()}`) })
  page.on('pageerror', e => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  return { page, problems }
}

export async function assertFitsPhone (t: Test, page: Page, label: string): Promise<void> {
  await page.setViewportSize(PHONE)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  t.ok(width <= PHONE.width, `${label}: ${width}px wide fits ${PHONE.width}px`)
}
