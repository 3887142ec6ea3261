import t from 'tap'
import { parseScenarioFile, ScenarioFileError } from '../../src/plugins/scenarios.js'
import { buildTestApp, createSession, getRecord } from '../helpers/app.js'
import { control, view } from './control.js'

// POST /_sandbox/verifications/:token/complete plays only what the session's engines can return.

const PASSPORT = { id_type: 'PASSPORT', id_country: 'JPN' }

t.test('an inline attempt with the other engine\'s code is a 422 naming the code and the document kind; nothing is applied', async t => {
  const { app } = await buildTestApp(t)
  const passport = await createSession(app, PASSPORT)
  const card = await createSession(app)
  const cases: Array<[string, string, string]> = [
    [passport, 'FailedOperation.NoMASIDCard', 'FailedOperation.NoMASIDCard comes from the card OCR (MLIDCardOCR) only; this PASSPORT session is read by the passport OCR (MLIDPassportOCR).'],
    [passport, 'FailedOperation.ImageNoSpecifiedCard', 'FailedOperation.ImageNoSpecifiedCard comes from the card OCR (MLIDCardOCR) only; this PASSPORT session is read by the passport OCR (MLIDPassportOCR).'],
    [card, 'FailedOperation.NoPassport', 'FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).'],
    [card, 'FailedOperation.InconsistencyBetweenMRZAndVRZ', 'FailedOperation.InconsistencyBetweenMRZAndVRZ comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).']
  ]
  for (const [token, code, message] of cases) {
    const res = await control(app, 'POST', `/verifications/${token}/complete`, { ocr: { attempts: [{ code: '9108' }, { code }] } })
    t.equal(res.statusCode, 422, code)
    t.strictSame(res.json(), { status: 422, message, errors: { 'ocr.attempts[1].code': [message] } }, code)
    t.equal((await view(app, token)).attempts.ocr.length, 0, `${code}: nothing applied`)
  }
})

t.test('a per-kind code plays each engine\'s own code', async t => {
  const { app } = await buildTestApp(t)
  const code = { ID_CARD: 'FailedOperation.ImageNoSpecifiedCard', PASSPORT: 'FailedOperation.NoPassport' }
  for (const [body, want] of [[{}, 'FailedOperation.ImageNoSpecifiedCard'], [PASSPORT, 'FailedOperation.NoPassport']] as const) {
    const token = await createSession(app, body)
    const res = await control(app, 'POST', `/verifications/${token}/complete`, { ocr: { attempts: [{ code }] } })
    t.equal(res.statusCode, 200)
    t.strictSame(res.json().result.attempts.ocr, [{ code: want }], 'the played attempt is the session kind\'s code')
    t.equal((await getRecord(app, token)).json().result.latest_error, want)
  }
})

t.test('several card warnings inline: WarnCardInfos lists them all and the attempt fails; bad lists are a 422', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, PASSPORT)
  const res = await control(app, 'POST', `/verifications/${token}/complete`, { ocr: { attempts: [{ code: ['9102', '9108'] }, { code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } })
  t.equal(res.statusCode, 200)
  t.strictSame(res.json().result.attempts.ocr, [{ code: ['9102', '9108'] }, { code: 'Success' }])
  t.matchStrict((await getRecord(app, token)).json().result, { ocr_success: 1, retries: 1, latest_error: '9102', is_success: 1, ocr_result: { WarnCardInfos: [] } })

  const bad: Array<[unknown, RegExp]> = [
    [[], /ocr\.attempts\[0\]\.code: a list of card warnings needs at least one code\./],
    [['9102', '9102'], /ocr\.attempts\[0\]\.code: the card warning 9102 is listed twice\./],
    [['9102', 'FailedOperation.OcrFailed'], /ocr\.attempts\.0\.code/],
    ['FailedOperation.Nope', /ocr\.attempts\.0\.code/]
  ]
  for (const [code, message] of bad) {
    const fresh = await createSession(app)
    const answer = await control(app, 'POST', `/verifications/${fresh}/complete`, { ocr: { attempts: [{ code }] } })
    t.equal(answer.statusCode, 422, JSON.stringify(code))
    t.matchStrict(answer.body, message, JSON.stringify(code))
    t.equal((await view(app, fresh)).attempts.ocr.length, 0, `${JSON.stringify(code)}: nothing applied`)
  }
})

t.test('a scenario whose face attempts fail, on a type 01 session, is a 422 naming the missing face step', async t => {
  const { app } = await buildTestApp(t)
  const token = await createSession(app, { type: '01' })
  const named = await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'fail-face-spoofed' })
  t.equal(named.statusCode, 422)
  t.strictSame(named.json().errors, { 'face.attempts[0]': ['The scenario needs the face step (face attempt 1 fails with FailedOperation.LivessDetectFake), which a type 01 (OCR-only) session does not have.'] })
  const inline = await control(app, 'POST', `/verifications/${token}/complete`, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success', sim: 69.99 }] } })
  t.equal(inline.statusCode, 422, 'a pass under the threshold fails: it needs the face step too')
  t.matchStrict(inline.json().message, 'fails with FailedOperation.CompareLowSimilarity')
  t.equal((await getRecord(app, token)).json().result.ocr_charged, 0, 'nothing applied')
  const pass = await control(app, 'POST', `/verifications/${token}/complete`, { scenario: 'pass' })
  t.equal(pass.statusCode, 200, 'face attempts that pass change nothing on a type 01 session')
})

t.test('a scenario file naming one engine\'s code without saying its document kind stops start-up, naming the code', async t => {
  const file = (ocr: unknown, document?: unknown): string => JSON.stringify({ name: 'x', title: 'X', group: 'document', ...(document === undefined ? {} : { document }), ocr: { attempts: [{ code: ocr }] } })
  t.throws(() => parseScenarioFile('/s/x.json', file('FailedOperation.NoPassport'), 70), ScenarioFileError)
  t.throws(() => parseScenarioFile('/s/x.json', file('FailedOperation.NoPassport'), 70),
    /ocr\.attempts\[0\]\.code: FailedOperation\.NoPassport comes from the passport OCR \(MLIDPassportOCR\) only; this ID_CARD session is read by the card OCR \(MLIDCardOCR\)\. Give a code per document kind/)
  t.throws(() => parseScenarioFile('/s/x.json', file('FailedOperation.NoPassport', { id_type: 'ID_CARD' }), 70), /NoPassport comes from the passport OCR/)
  t.throws(() => parseScenarioFile('/s/x.json', file({ ID_CARD: 'FailedOperation.NoPassport', PASSPORT: 'FailedOperation.NoPassport' }), 70), /NoPassport comes from the passport OCR/)
  t.throws(() => parseScenarioFile('/s/x.json', file(['9102', '9102']), 70), /listed twice/)
  t.ok(parseScenarioFile('/s/x.json', file('FailedOperation.NoPassport', { id_type: 'PASSPORT' }), 70))
  t.ok(parseScenarioFile('/s/x.json', file({ ID_CARD: 'FailedOperation.NoMASIDCard', PASSPORT: 'FailedOperation.NoPassport' }), 70))
  t.ok(parseScenarioFile('/s/x.json', file(['9102', '9108']), 70))
})

t.test('no built-in scenario uses a code MasChain does not list: those stay out of the preset buttons', async t => {
  const { app } = await buildTestApp(t)
  const listed = new Set(['Success', '9101', '9102', '9103', '9104', '9107', '9108', 'FailedOperation.NoMASIDCard', 'FailedOperation.NoPassport',
    'FailedOperation.ImageNoSpecifiedCard', 'FailedOperation.ImageDecodeFailed', 'FailedOperation.OcrFailed', 'FailedOperation.InconsistencyBetweenMRZAndVRZ',
    'LimitExceeded.TooLargeFileError', 'FailedOperation.UnKnowError'])
  const unlistedFace = ['FailedOperation.SilentTooShort', 'FailedOperation.CompressVideoError', 'UnauthorizedOperation']
  for (const s of app.scenarios.all) {
    const codes = JSON.stringify(s.ocr?.attempts ?? []).match(/"[^"]+"/g)?.map(c => c.slice(1, -1)).filter(c => c !== 'code' && c !== 'ID_CARD' && c !== 'PASSPORT') ?? []
    for (const code of codes) t.ok(listed.has(code), `${s.name}: ${code} is on MasChain's list`)
    for (const a of s.face?.attempts ?? []) t.notOk(unlistedFace.some(u => a.code.startsWith(u)), `${s.name}: ${a.code}`)
  }
})
