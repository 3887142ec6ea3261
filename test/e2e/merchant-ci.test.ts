import t from 'tap'
import { startSandbox } from '../../src/index.js'
import { startMerchant } from './merchant.js'
import { eventually } from '../helpers/redis-server.js'

// Written the way a merchant's CI job drives the sandbox: everything over HTTP on 127.0.0.1 —
// the control plane to arm sessions and move the clock, and a plain HTTP client (fetch) in the
// user's place, following the hosted URL the merchant redirects to.

const ADMIN_TOKEN = 'ci-admin-token'
const CLIENT_ID = 'merchant-ci'

t.test('a merchant sees the outcome it expects for a pass, an OCR failure, a face failure and an expiry', async t => {
  const sandbox = await startSandbox({ adminToken: ADMIN_TOKEN })
  t.teardown(() => sandbox.stop())
  t.equal(sandbox.publicUrl, sandbox.url, 'PUBLIC_URL is the real address')
  t.matchStrict(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const merchant = await startMerchant({ apiUrl: sandbox.url, clientId: CLIENT_ID, clientSecret: 'sk_ci' })
  t.teardown(() => merchant.close())

  async function control (method: string, path: string, body?: unknown): Promise<{ status: number, result: any }> {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method,
      headers: { 'x-sandbox-admin-token': ADMIN_TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    t.equal(res.status, 200, `${method} ${path}`)
    return await res.json() as { status: number, result: any }
  }

  /** The user's browser: checkout, then every redirect, to the merchant's return page. */
  async function userCompletes (order: string): Promise<{ finalUrl: string, text: string }> {
    const res = await fetch(`${merchant.url}/checkout?order=${order}`)
    return { finalUrl: res.url, text: await res.text() }
  }

  t.test('pass: the armed page answers 303 at once and the merchant sees is_success 1', async t => {
    await control('POST', '/arm', { scenario: 'pass', client_id: CLIENT_ID })

    // Step by step once, to see each hop a browser would make.
    const checkout = await fetch(`${merchant.url}/checkout?order=1`, { redirect: 'manual' })
    t.equal(checkout.status, 302)
    const hosted = checkout.headers.get('location') as string
    t.equal(hosted, `${sandbox.url}/verifications?token=${merchant.tokens.get('1')}`)
    const page = await fetch(hosted, { redirect: 'manual' })
    t.equal(page.status, 303)
    t.equal(page.headers.get('location'), `${merchant.url}/ekyc/return?order=1&is_success=1`)
    const back = await fetch(page.headers.get('location') as string)
    t.equal(await back.text(), 'order 1: identity verified')

    const outcome = merchant.outcomes.get('1')
    t.equal(outcome?.isSuccess, '1')
    t.equal(outcome?.status, 200)
    t.matchStrict(outcome?.record, { token: merchant.tokens.get('1'), ocr_success: 1, face_id_success: 1, is_success: 1, latest_error: null, retries: 0, face_retries: 0 })

    // A call's journal entry is written as its answer leaves (with Redis, a round trip later).
    const calls = async () => (await control('GET', '/requests')).result
      .filter((e: { token: string }) => e.token === merchant.tokens.get('1')).map((e: { route: string, status: number }) => [e.route, e.status])
    const journal = await eventually('three journal entries', async () => { const c = await calls(); return c.length >= 3 ? c : undefined })
    t.strictSame(journal, [['get', 200], ['page', 303], ['create', 200]], 'the journal shows the three calls, newest first')
  })

  t.test('OCR failure: retries exhausted on a blurry document, is_success 0', async t => {
    await control('POST', '/arm', { scenario: 'fail-ocr-blurry', client_id: CLIENT_ID })
    const { finalUrl, text } = await userCompletes('2')
    t.equal(finalUrl, `${merchant.url}/ekyc/return?order=2&is_success=0`)
    t.equal(text, 'order 2: identity not verified')
    const outcome = merchant.outcomes.get('2')
    t.equal(outcome?.isSuccess, '0')
    t.matchStrict(outcome?.record, { ocr_success: 0, ocr_charged: 1, face_id_success: 0, face_id_charged: 0, face_id_result: null, is_success: 0, latest_error: '9108', retries: 2 })
    t.matchStrict(outcome?.record, { ocr_result: { WarnCardInfos: [-9108] } })
  })

  t.test('face failure: the document passes, the face comparison fails, is_success 0', async t => {
    await control('POST', '/arm', { scenario: 'fail-face-after-ocr-pass', client_id: CLIENT_ID })
    const { finalUrl, text } = await userCompletes('3')
    t.equal(finalUrl, `${merchant.url}/ekyc/return?order=3&is_success=0`)
    t.equal(text, 'order 3: identity not verified')
    t.matchStrict(merchant.outcomes.get('3')?.record, {
      ocr_success: 1, face_id_success: 0, face_id_charged: 1, is_success: 0, face_retries: 1,
      latest_error: 'FailedOperation.CompareFail', face_id_result: { Result: 'FailedOperation.CompareFail' }
    })
  })

  t.test('expiry: the clock moves past expire_at; the page offers only the way back with is_success 0', async t => {
    t.teardown(() => control('POST', '/clock', { reset: true }))
    const checkout = await fetch(`${merchant.url}/checkout?order=4`, { redirect: 'manual' })
    const hosted = checkout.headers.get('location') as string
    const clock = await control('POST', '/clock', { advance_seconds: 15 * 60 })
    t.matchStrict(clock.result, { offset_ms: 900_000 })

    const page = await fetch(hosted)
    t.equal(page.status, 200)
    const html = await page.text()
    const link = /href="([^"]+)" data-testid="return-link"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
    t.equal(link, `${merchant.url}/ekyc/return?order=4&is_success=0`)
    const back = await fetch(link as string)
    t.equal(await back.text(), 'order 4: identity not verified')

    const record = merchant.outcomes.get('4')?.record as Record<string, unknown>
    t.matchStrict(record, { ocr_success: 0, ocr_charged: 0, is_success: 0, latest_error: null })
    t.equal(Date.parse(record.expire_at as string) - Date.parse(record.created_at as string), 900_000)
    t.ok(Date.parse(record.expire_at as string) <= Date.parse(clock.result.now), 'expired by the sandbox clock')
  })
})
