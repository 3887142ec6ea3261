import t from 'tap'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { formStamp, merchantReturn, openPage, pageHref, submit } from './page-helpers.js'
import type { FastifyInstance } from 'fastify'

/** Plays one attempt from the page as rendered now, as a tester pressing the button would. */
async function play (app: FastifyInstance, token: string, fields: Record<string, string>) {
  const page = await openPage(app, token)
  return submit(app, token, { ...fields, at: formStamp(page.body) })
}

const testid = (body: string, id: string): string | undefined =>
  new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(body)?.[1]

t.test('OCR retries run out: two failed attempts come back to the page, the third goes to the merchant with is_success=0', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  t.equal(testid((await openPage(app, token)).body, 'ocr-retries-left'), '2 of 2')
  for (const [n, left] of [[1, '2 of 2'], [2, '1 of 2']] as const) {
    const res = await play(app, token, { action: 'ocr', code: '9108' })
    t.equal(res.statusCode, 303)
    t.equal(res.headers.location, pageHref(token), `attempt ${n} failed: back to the page`)
    const page = await openPage(app, token)
    t.equal(testid(page.body, 'ocr-retries-left'), left, `after attempt ${n}`)
    t.matchStrict(page.body, `Document (OCR): attempt ${n + 1} of 3`)
    t.notMatch(page.body, 'data-testid="presets"', 'presets are gone once the first attempt is played')
  }
  const last = await play(app, token, { action: 'ocr', code: 'FailedOperation.ImageDecodeFailed' })
  t.equal(last.headers.location, merchantReturn(0))
  t.matchStrict((await getRecord(app, token)).json().result, {
    ocr_success: 0, ocr_charged: 1, retries: 2, latest_error: 'FailedOperation.ImageDecodeFailed', face_id_charged: 0, is_success: 0, ocr_result: { WarnCardInfos: [-9108] }
  })
  const finished = await openPage(app, token)
  t.matchStrict(finished.body, 'data-testid="closed-title">Verification finished<')
  t.notMatch(finished.body, 'data-testid="step-by-step"')
})

t.test('face retries run out: OCR passes, two failed face attempts, back with is_success=0', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  t.equal((await play(app, token, { action: 'ocr', code: 'Success' })).headers.location, pageHref(token))
  let page = await openPage(app, token)
  t.matchStrict(page.body, 'Face and liveness: attempt 1 of 2')
  t.equal(testid(page.body, 'face-retries-left'), '1 of 1')
  t.equal((await play(app, token, { action: 'face', code: 'FailedOperation.LivessDetectFake', sim: '' })).headers.location, pageHref(token))
  page = await openPage(app, token)
  t.equal(testid(page.body, 'face-retries-left'), '1 of 1', 'the failed first attempt used no retry yet: the next one is the retry')
  t.matchStrict(page.body, 'Face and liveness: attempt 2 of 2')
  const last = await play(app, token, { action: 'face', code: 'Success', sim: '69.5' })
  t.equal(last.headers.location, merchantReturn(0), 'Success under the threshold fails')
  t.matchStrict((await getRecord(app, token)).json().result, {
    ocr_success: 1, retries: 0, face_id_success: 0, face_id_charged: 1, face_retries: 1, is_success: 0,
    latest_error: 'FailedOperation.CompareLowSimilarity',
    face_id_result: { Sim: 69.5, Result: 'FailedOperation.CompareLowSimilarity' }
  })
})

t.test('every retry used, then both steps pass: the card type chosen on the first attempt is what the OCR reads', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await play(app, token, { action: 'ocr', code: '9101', card_type: 'MyPR' })
  await play(app, token, { action: 'ocr', code: 'FailedOperation.NoMASIDCard' })
  await play(app, token, { action: 'ocr', code: 'Success' })
  await play(app, token, { action: 'face', code: 'FailedOperation.ActionLightDark', sim: '' })
  const last = await play(app, token, { action: 'face', code: 'Success', sim: '88.8' })
  t.equal(last.headers.location, merchantReturn(1))
  t.matchStrict((await getRecord(app, token)).json().result, {
    ocr_success: 1, retries: 2, face_id_success: 1, face_retries: 1, is_success: 1,
    latest_error: 'FailedOperation.ActionLightDark',
    ocr_result: { Type: 'MyPR', WarnCardInfos: [] },
    face_id_result: { Sim: 88.8, Result: 'Success' }
  })
})

t.test('the first OCR attempt decides the document, also when it chose nothing: a later choice from a forged form is ignored', async t => {
  const { app } = await buildTestApp(t)
  const card = await createSession(app)
  await play(app, card, { action: 'ocr', code: '9101' })
  await play(app, card, { action: 'ocr', code: 'Success', card_type: 'MyPR' })
  t.equal((await getRecord(app, card)).json().result.ocr_result.Type, 'MyKad', 'no card type on the first attempt: a MyKad')
  const passport = await createSession(app, { id_type: 'PASSPORT', id_country: 'JPN', type: '01' })
  await play(app, passport, { action: 'ocr', code: '9101' })
  await play(app, passport, { action: 'ocr', code: 'Success', passport_expired: '1' })
  t.ok((await getRecord(app, passport)).json().result.ocr_result.DateOfExpiration > '20250201', 'not ticked on the first attempt: not expired')
})

t.test('type 01: a failed OCR attempt, then a pass, finishes with no face step', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { type: '01' })
  const page = await openPage(app, token)
  t.notMatch(page.body, 'face-retries-left', 'no face retries shown on an OCR-only session')
  t.notMatch(page.body, 'data-testid="group-face"', 'no face problems offered on an OCR-only session')
  t.equal((await play(app, token, { action: 'ocr', code: '9107' })).headers.location, pageHref(token))
  t.equal((await play(app, token, { action: 'ocr', code: 'Success' })).headers.location, merchantReturn(1))
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_success: 1, retries: 1, face_id_charged: 0, face_id_result: null, is_success: 1, latest_error: '9107' })
})

t.test('a passport the tester marks expired is read with an expiry date in the past', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { id_type: 'PASSPORT', id_country: 'JPN', type: '01' })
  t.matchStrict((await openPage(app, token)).body, 'data-testid="passport-expired"')
  await play(app, token, { action: 'ocr', code: 'Success', passport_expired: '1' })
  const record = (await getRecord(app, token)).json().result
  t.ok(record.ocr_result.DateOfExpiration < '20250201', record.ocr_result.DateOfExpiration)
})

t.test('unticked, the passport is valid; a card type posted for a passport is ignored, the tick is not', async t => {
  const { app } = await buildTestApp(t)
  const expiry = async (fields: Record<string, string>): Promise<string> => {
    const token = await createSession(app, { id_type: 'PASSPORT', id_country: 'JPN', type: '01' })
    t.equal((await play(app, token, { action: 'ocr', code: 'Success', ...fields })).statusCode, 303, JSON.stringify(fields))
    return (await getRecord(app, token)).json().result.ocr_result.DateOfExpiration
  }
  t.ok(await expiry({}) > '20250201', 'not ticked: not expired')
  t.ok(await expiry({ card_type: 'MyPR', passport_expired: '1' }) < '20250201', 'ticked, with a card type from a forged form: expired')
})

t.test('giving up half-way keeps what was played and goes back with is_success=0', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await play(app, token, { action: 'ocr', code: '9102' })
  t.equal((await play(app, token, { action: 'give-up' })).headers.location, merchantReturn(0))
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_charged: 1, retries: 0, latest_error: '9102', is_success: 0 })
  t.matchStrict((await openPage(app, token)).body, 'data-testid="outcome">Verification did not pass.<')
})

t.test('a bad code or similarity is a 422 page and plays nothing', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const before = (await getRecord(app, token)).json().result
  for (const fields of [{ action: 'ocr', code: 'FailedOperation.LivessDetectFake' }, { action: 'ocr', code: '' }, { action: 'launch', code: 'Success' }]) {
    const res = await submit(app, token, fields)
    t.equal(res.statusCode, 422, JSON.stringify(fields))
    t.matchStrict(res.headers['content-type'], /^text\/html/)
  }
  await play(app, token, { action: 'ocr', code: 'Success' })
  const afterOcr = (await getRecord(app, token)).json().result
  for (const sim of ['101', '-1', 'abc', '1e2']) {
    const res = await submit(app, token, { action: 'face', code: 'Success', sim })
    t.equal(res.statusCode, 422, `sim ${sim}`)
    t.matchStrict(res.body, 'The similarity must be a number from 0 to 100')
  }
  const bogus = await submit(app, token, { action: 'face', code: 'Bogus' })
  t.equal(bogus.statusCode, 422)
  t.matchStrict(bogus.body, /data-testid="error-message">[^<]*Bogus/, 'the page names the code it refused')
  for (const action of ['ocr', 'face']) {
    const missing = await submit(app, token, { action })
    t.equal(missing.statusCode, 422, `${action} without a code`)
    t.equal(missing.body, (await submit(app, token, { action, code: '' })).body, `${action}: a missing code reads as an empty one`)
  }
  t.strictSame((await getRecord(app, token)).json().result, afterOcr, 'nothing played by the bad posts')
  t.not(before.ocr_charged, afterOcr.ocr_charged)
})

t.test('a similarity may be whole, have decimals, be exactly 100 or have spaces around it; left out, it is the default', async t => {
  const { app } = await buildTestApp(t)
  const faceSim = async (fields: Record<string, string>): Promise<unknown> => {
    const token = await createSession(app)
    await play(app, token, { action: 'ocr', code: 'Success' })
    const res = await play(app, token, { action: 'face', code: 'Success', ...fields })
    t.equal(res.statusCode, 303, JSON.stringify(fields))
    return (await getRecord(app, token)).json().result.face_id_result?.Sim
  }
  for (const [sim, read] of [['70', 70], ['88.75', 88.75], ['100', 100], [' 88.8 ', 88.8]] as const) t.equal(await faceSim({ sim }), read, `sim "${sim}"`)
  const byDefault = await faceSim({ sim: '' })
  t.equal(await faceSim({}), byDefault, 'no sim field plays as an empty one')
  t.equal(await faceSim({ sim: '  ' }), byDefault, 'spaces only are empty')
})

t.test('a scenario cannot be applied to a session already played step by step', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await play(app, token, { action: 'ocr', code: '9108' })
  const before = (await getRecord(app, token)).json().result
  const res = await openPage(app, token, '&scenario=pass')
  t.equal(res.statusCode, 409)
  t.matchStrict(res.body, 'finish it step by step')
  t.matchStrict(res.body, `href="${pageHref(token)}" data-testid="back-to-page"`)
  t.strictSame((await getRecord(app, token)).json().result, before)
})
