import t from 'tap'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { formStamp, merchantReturn, openPage, pageHref, submit } from './page-helpers.js'
import type { FastifyInstance } from 'fastify'

// The page's step-by-step mode offers only the codes of the engine reading the session's document,
// plays several card warnings as one photo, and refuses anything else with nothing applied.

const PASSPORT = { id_type: 'PASSPORT', id_country: 'JPN' }

async function play (app: FastifyInstance, token: string, fields: Array<[string, string]>) {
  const page = await openPage(app, token)
  return submit(app, token, [...fields, ['at', formStamp(page.body)]])
}

const options = (body: string, testid: string): string[] => {
  const select = new RegExp(`<select[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</select>`).exec(body)?.[1] ?? ''
  return [...select.matchAll(/<option value="([^"]*)"/g)].map(m => m[1])
}

t.test('each document kind is offered its own engine\'s codes only, with the codes MasChain does not list in their own group', async t => {
  const { app } = await buildTestApp(t)
  const card = (await openPage(app, await createSession(app))).body
  const passport = (await openPage(app, await createSession(app, PASSPORT))).body
  const cardCodes = options(card, 'ocr-code')
  const passportCodes = options(passport, 'ocr-code')
  for (const code of ['FailedOperation.NoMASIDCard', 'FailedOperation.ImageNoSpecifiedCard', 'InvalidParameter.EngineImageDecodeFailed']) {
    t.ok(cardCodes.includes(code), `card offers ${code}`)
    t.notOk(passportCodes.includes(code), `passport does not offer ${code}`)
  }
  for (const code of ['FailedOperation.NoPassport', 'FailedOperation.InconsistencyBetweenMRZAndVRZ', 'FailedOperation.FieldException', 'ResourceUnavailable.InArrears']) {
    t.ok(passportCodes.includes(code), `passport offers ${code}`)
    t.notOk(cardCodes.includes(code), `card does not offer ${code}`)
  }
  for (const code of ['Success', '9101', '9108', 'warnings', 'FailedOperation.ImageDecodeFailed', 'FailedOperation.DownLoadError']) {
    t.ok(cardCodes.includes(code) && passportCodes.includes(code), `both offer ${code}`)
  }
  const unlisted = /<optgroup label="Engine codes MasChain does not list \(no OCR result\)" data-testid="ocr-unlisted">([\s\S]*?)<\/optgroup>/.exec(card)?.[1] ?? ''
  t.matchStrict(unlisted, '<option value="FailedOperation.DownLoadError">FailedOperation.DownLoadError: File download failed.</option>', 'with the engine\'s description')
  t.notMatch(unlisted, 'NoMASIDCard', 'MasChain\'s codes stay in their own group')
})

t.test('the face step offers the face engine\'s codes beyond MasChain\'s list, with its descriptions, and plays them', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  await play(app, token, [['action', 'ocr'], ['code', 'Success']])
  const page = (await openPage(app, token)).body
  const group = /<optgroup label="Engine codes MasChain does not list" data-testid="face-unlisted">([\s\S]*?)<\/optgroup>/.exec(page)?.[1] ?? ''
  t.matchStrict(group, '<option value="FailedOperation.SilentTooShort">FailedOperation.SilentTooShort: The video is too short. Please capture a video longer than 2 seconds.</option>')
  t.matchStrict(group, 'value="FailedOperation.CompressVideoError"')
  t.matchStrict(group, 'value="UnauthorizedOperation.Nonactivated"')
  t.equal((await play(app, token, [['action', 'face'], ['code', 'FailedOperation.SilentTooShort'], ['sim', '']])).headers.location, pageHref(token))
  t.matchStrict((await getRecord(app, token)).json().result, {
    latest_error: 'FailedOperation.SilentTooShort',
    face_id_result: { Result: 'FailedOperation.SilentTooShort', Description: 'The video is too short. Please capture a video longer than 2 seconds.', Sim: 0 }
  })
})

t.test('several card warnings ticked for one attempt: WarnCardInfos lists them, latest_error is the first, a retry is used', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app)
  const res = await play(app, token, [['action', 'ocr'], ['code', 'warnings'], ['warning', '9102'], ['warning', '9108']])
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, pageHref(token), 'back to the page for the next attempt')
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_success: 0, ocr_charged: 1, latest_error: '9102', retries: 0, ocr_result: { WarnCardInfos: [-9102, -9108] } })
  const page = (await openPage(app, token)).body
  t.matchStrict(page, '9102 + 9108', 'the attempt list shows both warnings')
  t.matchStrict(page, 'Photocopy; Blurry')
})

t.test('bad step-by-step OCR input is a 422 page naming the problem, and nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  const card = await createSession(app)
  const passport = await createSession(app, PASSPORT)
  const cases: Array<[string, Array<[string, string]>, RegExp]> = [
    [passport, [['action', 'ocr'], ['code', 'FailedOperation.NoMASIDCard']], /FailedOperation\.NoMASIDCard comes from the card OCR \(MLIDCardOCR\) only; this PASSPORT session is read by the passport OCR \(MLIDPassportOCR\)\./],
    [passport, [['action', 'ocr'], ['code', 'FailedOperation.ImageNoSpecifiedCard']], /ImageNoSpecifiedCard comes from the card OCR/],
    [card, [['action', 'ocr'], ['code', 'FailedOperation.NoPassport']], /FailedOperation\.NoPassport comes from the passport OCR \(MLIDPassportOCR\) only; this ID_CARD session/],
    [card, [['action', 'ocr'], ['code', 'FailedOperation.InconsistencyBetweenMRZAndVRZ']], /InconsistencyBetweenMRZAndVRZ comes from the passport OCR/],
    [card, [['action', 'ocr'], ['code', 'FailedOperation.Nope']], /Unknown OCR code &quot;FailedOperation.Nope&quot;/],
    [card, [['action', 'ocr'], ['code', 'warnings']], /Tick at least one card warning/],
    [card, [['action', 'ocr'], ['code', 'warnings'], ['warning', '9102'], ['warning', '9102']], /the card warning 9102 is listed twice/],
    [card, [['action', 'ocr'], ['code', 'warnings'], ['warning', 'Success']], /data-testid="error-message">&quot;Success&quot; is not a card warning\.</],
    [card, [['action', 'ocr'], ['code', '9101'], ['warning', '9108']], /Ticked card warnings are played only with &quot;Several card warnings&quot;/]
  ]
  for (const [token, fields, message] of cases) {
    const before = (await getRecord(app, token)).json().result
    const res = await play(app, token, fields)
    t.equal(res.statusCode, 422, JSON.stringify(fields))
    t.matchStrict(res.body, message, JSON.stringify(fields))
    t.strictSame((await getRecord(app, token)).json().result, before, `${JSON.stringify(fields)}: nothing applied`)
  }
})

t.test('?scenario= and a preset button needing a face step on a type 01 session are refused, naming the step', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { type: '01' })
  const page = await openPage(app, token)
  t.notMatch(page.body, 'data-testid="scenario-fail-face-spoofed"', 'not offered')
  t.notMatch(page.body, 'data-testid="scenario-pass-after-face-retry"', 'not offered: its first face attempt fails')
  t.matchStrict(page.body, 'data-testid="scenario-pass"', 'a pass is offered: its face attempt passes and changes nothing')
  const before = (await getRecord(app, token)).json().result
  const byQuery = await openPage(app, token, '&scenario=fail-face-spoofed')
  t.equal(byQuery.statusCode, 422)
  t.matchStrict(byQuery.body, 'The scenario needs the face step (face attempt 1 fails with FailedOperation.LivessDetectFake), which a type 01 (OCR-only) session does not have.')
  const byButton = await submit(app, token, { action: 'scenario', scenario: 'fail-face-spoofed', at: formStamp(page.body) })
  t.equal(byButton.statusCode, 422)
  t.strictSame((await getRecord(app, token)).json().result, before, 'nothing applied')
  const pass = await openPage(app, token, '&scenario=pass')
  t.equal(pass.headers.location, merchantReturn(1), 'pass fits a type 01 session')
})
