// Renders the hosted page in Chromium for the README: docs/screenshot.png (a 390-pixel-wide
// phone) and docs/screenshot-desktop.png; and the QA console: docs/console.png and docs/console-desktop.png (its
// home on a phone and on a desktop). Run with `npm run screenshot` (builds dist/ first).
// A fixed clock and seed make every run draw the same page; JavaScript is off, so the picture
// is what a browser without it gets, and the countdown does not move.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildApp } from '../dist/app.js'
import { loadConfig } from '../dist/config.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const docs = fileURLToPath(new URL('../docs/', import.meta.url))

let now = Date.parse('2025-02-01T13:56:47.000Z')
const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', SANDBOX_SEED: 'readme' }), { timeSource: () => now })
const profile = mkdtempSync(join(tmpdir(), 'ekyc-screenshot-'))
let context
try {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const created = await app.inject({
    method: 'POST',
    url: '/api/ekyc/verifications',
    headers: { client_id: 'readme', client_secret: 'sk_readme' },
    payload: { type: '00', id_country: 'MYS', id_type: 'ID_CARD', redirect_url: 'https://merchant.example/ekyc/return?order=42' }
  })
  const { token } = created.json().result
  now += 95_000
  const url = `http://127.0.0.1:${app.server.address().port}/verifications?token=${token}`

  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  mkdirSync(docs, { recursive: true })
  const page = await context.newPage()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(url)
  await page.screenshot({ path: join(docs, 'screenshot.png') })
  await page.setViewportSize({ width: 1280, height: 1000 })
  await page.goto(url)
  await page.screenshot({ path: join(docs, 'screenshot-desktop.png') })

  // The console, with a little history: sessions played, an arm and a fault waiting.
  const credentials = { client_id: 'qa', client_secret: 'qa-console' }
  const sandbox = `http://127.0.0.1:${app.server.address().port}`
  for (const [scenario, id_type, id_country] of [['pass', 'ID_CARD', 'MYS'], ['fail-ocr-blurry', 'ID_CARD', 'MYS'], ['pass-passport', 'PASSPORT', 'JPN']]) {
    const made = await app.inject({
      method: 'POST', url: '/api/ekyc/verifications', headers: credentials,
      payload: { type: '00', id_country, id_type, redirect_url: 'https://merchant.example/ekyc/return' }
    })
    now += 40_000
    await app.inject({ url: `/verifications?token=${made.json().result.token}&scenario=${scenario}` })
  }
  await app.inject({ method: 'POST', url: '/_sandbox/arm', payload: { scenario: 'fail-face-spoofed', client_id: 'qa' } })
  await app.inject({ method: 'POST', url: '/_sandbox/faults', payload: { route: 'get', status: 503 } })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${sandbox}/`)
  await page.screenshot({ path: join(docs, 'console.png') })
  await page.setViewportSize({ width: 1280, height: 1000 })
  await page.goto(`${sandbox}/`)
  await page.screenshot({ path: join(docs, 'console-desktop.png') })
  process.stdout.write(`wrote ${join(docs, 'screenshot.png')}, screenshot-desktop.png, console.png and console-desktop.png\n`)
} finally {
  await context?.close()
  await app.close()
  rmSync(profile, { recursive: true, force: true })
}
