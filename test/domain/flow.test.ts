import t from 'tap'
import { ApiError } from '../../src/errors.js'
import { applyScenario, expireNow, giveUp, playFaceAttempt, playOcrAttempt, redirectTarget, returnIsSuccess, type FlowContext } from '../../src/domain/flow.js'
import { EMPTY_OUTCOME, toRecord, type Verification } from '../../src/domain/verification.js'
import type { ScenarioBody } from '../../src/schemas/scenario.js'

// The session's flow without the app: a preset played at once, attempts one by one, giving up,
// expiry, and the way back. What a user sees is the record (toRecord) and the errors.

const CREATED = Date.parse('2025-02-01T13:56:47.000Z')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function session (over: Partial<Verification> = {}): Verification {
  return {
    id: 1,
    organisationId: 7,
    clientId: 'merchant-a',
    endUserId: null,
    type: '00',
    token: 'TOKEN0000000000000000000000001',
    url: 'http://localhost:3939/verifications?token=TOKEN0000000000000000000000001',
    redirectUrl: 'https://merchant.example/ekyc/return?order=42#done',
    idCountry: 'MYS',
    idType: 'ID_CARD',
    walletAddress: null,
    ocrAttempts: [],
    faceAttempts: [],
    document: null,
    outcome: EMPTY_OUTCOME,
    finished: false,
    armed: null,
    expireAt: CREATED + 3_600_000,
    createdAt: CREATED,
    updatedAt: CREATED,
    prunedAt: null,
    ...over
  }
}

const ctx = (over: Partial<FlowContext> = {}): FlowContext => ({ now: CREATED + 60_000, threshold: 70, seed: null, ...over })
const PASS: ScenarioBody = { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }
const ARMED = { name: 'pass', title: 'Pass', group: 'passes', ...PASS } as Verification['armed']

/** The error a call throws, as the API would answer it. */
function refusal (fn: () => unknown): { status: number, message: string, errors?: Record<string, string[]> } {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err.toEnvelope()
    throw err
  }
  throw new Error('no error thrown')
}

t.test('a preset plays its attempts, finishes the session and disarms it', async t => {
  const v = applyScenario(session({ armed: ARMED }), PASS, ctx())
  t.equal(v.finished, true)
  t.equal(v.armed, null)
  t.equal(v.updatedAt, CREATED + 60_000)
  t.equal(v.expireAt, CREATED + 3_600_000, 'the link keeps its expiry')
  t.strictSame(v.ocrAttempts, [{ code: 'Success' }])
  t.strictSame(v.faceAttempts, [{ code: 'Success' }])
  t.equal(v.document, null, 'no document in the scenario: none recorded')
  t.matchStrict(toRecord(v), { ocr_success: 1, face_id_success: 1, is_success: 1, latest_error: null, updated_at: '2025-02-01T13:57:47.000Z' })
})

t.test('a preset that fails its first attempt still finishes the session: the user does not retry', async t => {
  const v = applyScenario(session(), { ocr: { attempts: [{ code: '9108' }] } }, ctx())
  t.equal(v.finished, true)
  t.equal(v.outcome.next, 'ocr', 'the engine would have offered a retry')
  t.matchStrict(toRecord(v), { ocr_success: 0, ocr_charged: 1, is_success: 0, latest_error: '9108', face_id_result: null })
  t.strictSame(v.faceAttempts, [], 'a scenario without a face step plays no face attempt')
})

t.test('attempts that are never played are not recorded as played', async t => {
  const ocrOnly = applyScenario(session({ type: '01' }), PASS, ctx())
  t.strictSame(ocrOnly.ocrAttempts, [{ code: 'Success' }])
  t.strictSame(ocrOnly.faceAttempts, [], 'an OCR-only session shows no face attempt, though the scenario passes one')
  t.equal(toRecord(ocrOnly).face_id_charged, 0)
  // The control plane refuses such scenarios (no attempt may follow a pass), but the flow never plays them either.
  const afterPass = applyScenario(session(), { ocr: { attempts: [{ code: 'Success' }, { code: '9108' }] }, face: { attempts: [{ code: 'Success' }, { code: 'FailedOperation.LivessDetectFake' }] } }, ctx())
  t.strictSame(afterPass.ocrAttempts, [{ code: 'Success' }])
  t.strictSame(afterPass.faceAttempts, [{ code: 'Success' }])
})

t.test('a preset is refused on a finished or expired session, and on one already started', async t => {
  t.strictSame(refusal(() => applyScenario(session({ finished: true }), PASS, ctx())), { status: 409, message: 'Verification already finished.' })
  t.strictSame(refusal(() => applyScenario(session(), PASS, ctx({ now: CREATED + 3_600_000 }))), { status: 409, message: 'Verification expired.' }, 'at expire_at exactly')
  const started = playOcrAttempt(session(), { code: '9108' }, null, ctx())
  t.strictSame(refusal(() => applyScenario(started, PASS, ctx())), { status: 409, message: 'Verification already started: finish it step by step.' })
  t.equal(applyScenario(session(), PASS, ctx({ now: CREATED + 3_599_000 })).finished, true, 'one second before expiry it plays')
})

t.test('a scenario for the other document kind or type is refused with a 422 naming the scenario', async t => {
  t.strictSame(refusal(() => applyScenario(session(), { ...PASS, document: { id_type: 'PASSPORT' } }, ctx())), {
    status: 422,
    message: 'The scenario is for PASSPORT sessions; this session is ID_CARD.',
    errors: { scenario: ['The scenario is for PASSPORT sessions; this session is ID_CARD.'] }
  })
  t.strictSame(refusal(() => applyScenario(session({ type: '01' }), { ...PASS, type: '00' }, ctx())), {
    status: 422,
    message: 'The scenario is for type 00 sessions; this session is type 01.',
    errors: { scenario: ['The scenario is for type 00 sessions; this session is type 01.'] }
  })
  const kept = session()
  t.ok(applyScenario(kept, { ...PASS, document: { id_type: 'ID_CARD' }, type: '00' }, ctx()).finished, 'the matching kind and type play')
})

t.test('every problem of a scenario is named, each under its field, and nothing is applied', async t => {
  const v = session({ type: '01' })
  const scenario: ScenarioBody = {
    ocr: { attempts: [{ code: 'FailedOperation.NoPassport' }, { code: 'Success' }] },
    face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }] }
  }
  t.strictSame(refusal(() => applyScenario(v, scenario, ctx())), {
    status: 422,
    message: 'The scenario needs the face step (face attempt 1 fails with FailedOperation.LivessDetectFake), which a type 01 (OCR-only) session does not have. (and 1 more error)',
    errors: {
      'face.attempts[0]': ['The scenario needs the face step (face attempt 1 fails with FailedOperation.LivessDetectFake), which a type 01 (OCR-only) session does not have.'],
      'ocr.attempts[0].code': ['FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).']
    }
  })
  t.equal(v.finished, false)
  t.equal(v.outcome, EMPTY_OUTCOME)
})

t.test('an expiring scenario ends the link now and plays nothing', async t => {
  const v = applyScenario(session({ armed: ARMED }), { expire: true }, ctx())
  t.equal(v.expireAt, CREATED + 60_000)
  t.equal(v.updatedAt, CREATED + 60_000)
  t.equal(v.armed, null)
  t.equal(v.finished, false, 'an expired link is not a finished flow')
  t.equal(v.outcome, EMPTY_OUTCOME)
  t.equal(returnIsSuccess(v, CREATED + 60_000), 0)
})

t.test('a scenario\'s document reaches the OCR result: card type, expired passport', async t => {
  const card = applyScenario(session(), { ...PASS, document: { card_type: 'MyPR' } }, ctx())
  t.strictSame(card.document, { card_type: 'MyPR' })
  t.equal(toRecord(card).ocr_result?.Type, 'MyPR')
  t.equal(toRecord(applyScenario(session(), PASS, ctx())).ocr_result?.Type, 'MyKad', 'MyKad when the scenario names none')

  const passport = session({ idType: 'PASSPORT', idCountry: 'GBR' })
  const expiry = (v: Verification) => String(toRecord(v).ocr_result?.DateOfExpiration)
  const today = '20250201'
  t.ok(expiry(applyScenario(passport, { ...PASS, document: { passport_expired: true } }, ctx())) < today, 'expired before the session was created')
  t.ok(expiry(applyScenario(passport, PASS, ctx())) > today, 'valid by default')
})

t.test('a per-kind code plays the code of the session\'s document kind', async t => {
  const scenario: ScenarioBody = { ocr: { attempts: [{ code: { ID_CARD: 'FailedOperation.ImageNoSpecifiedCard', PASSPORT: 'FailedOperation.NoPassport' } }] } }
  t.equal(applyScenario(session(), scenario, ctx()).outcome.latestError, 'FailedOperation.ImageNoSpecifiedCard')
  t.equal(applyScenario(session({ idType: 'PASSPORT', idCountry: 'GBR' }), scenario, ctx()).outcome.latestError, 'FailedOperation.NoPassport')
})

t.test('the person and request ids follow the token and SANDBOX_SEED, and each attempt has its own RequestId', async t => {
  const scenario: ScenarioBody = { ocr: { attempts: [{ code: '9108' }, { code: 'Success' }] }, face: { attempts: [{ code: 'FailedOperation.LivessDetectFake' }, { code: 'Success' }] } }
  const play = (token: string, seed: string | null) => applyScenario(session({ token }), scenario, ctx({ seed }))
  const a = play('A'.repeat(30), null)
  const again = play('A'.repeat(30), null)
  t.strictSame(toRecord(a), toRecord(again), 'the same token shows the same person and ids')
  const ocr = toRecord(a).ocr_result as Record<string, unknown>
  const face = toRecord(a).face_id_result as Record<string, unknown>
  t.match(ocr.RequestId, UUID)
  t.match(face.RequestId, UUID)
  t.not(ocr.RequestId, face.RequestId)

  const b = play('B'.repeat(30), null)
  t.not((toRecord(b).ocr_result as Record<string, unknown>).ID, ocr.ID, 'another token, another person')
  t.not((toRecord(b).ocr_result as Record<string, unknown>).RequestId, ocr.RequestId)
  t.not((toRecord(b).face_id_result as Record<string, unknown>).RequestId, face.RequestId)

  const seeded = play('A'.repeat(30), 'seed-1')
  const other = play('A'.repeat(30), 'seed-2')
  t.not((toRecord(seeded).ocr_result as Record<string, unknown>).ID, (toRecord(other).ocr_result as Record<string, unknown>).ID, 'another seed, another person')
  t.not((toRecord(seeded).face_id_result as Record<string, unknown>).RequestId, (toRecord(other).face_id_result as Record<string, unknown>).RequestId)
  t.strictSame(toRecord(seeded), toRecord(play('A'.repeat(30), 'seed-1')), 'a seed replays')

  // Step by step: each attempt has its own RequestId, and the face RequestIds differ from each other.
  let v = playOcrAttempt(session(), { code: '9108' }, null, ctx())
  const first = (toRecord(v).ocr_result as Record<string, unknown>).RequestId
  v = playOcrAttempt(v, { code: 'Success' }, null, ctx())
  const second = (toRecord(v).ocr_result as Record<string, unknown>).RequestId
  t.not(first, second)
  v = playFaceAttempt(v, { code: 'FailedOperation.LivessDetectFake' }, ctx())
  const face1 = (toRecord(v).face_id_result as Record<string, unknown>).RequestId
  v = playFaceAttempt(v, { code: 'Success' }, ctx())
  t.not((toRecord(v).face_id_result as Record<string, unknown>).RequestId, face1)
  t.strictSame(toRecord(v), toRecord(applyScenario(session(), scenario, ctx())), 'step by step gives the record the preset gives')
})

t.test('step by step: OCR attempts until a pass, then face attempts, then nothing', async t => {
  let v = session()
  v = playOcrAttempt(v, { code: '9108' }, null, ctx())
  t.equal(v.finished, false)
  t.equal(v.outcome.next, 'ocr')
  t.strictSame(refusal(() => playFaceAttempt(v, { code: 'Success' }, ctx())), { status: 409, message: 'No face attempt is left to play.' })
  v = playOcrAttempt(v, { code: 'Success' }, null, ctx({ now: CREATED + 120_000 }))
  t.equal(v.updatedAt, CREATED + 120_000)
  t.strictSame(refusal(() => playOcrAttempt(v, { code: 'Success' }, null, ctx())), { status: 409, message: 'No OCR attempt is left to play.' })
  v = playFaceAttempt(v, { code: 'FailedOperation.LivessDetectFake' }, ctx())
  t.equal(v.finished, false, 'a face retry is left')
  v = playFaceAttempt(v, { code: 'FailedOperation.LivessDetectFake' }, ctx())
  t.equal(v.finished, true, 'the last face attempt finishes the session')
  t.matchStrict(toRecord(v), { ocr_success: 1, face_id_success: 0, is_success: 0, retries: 1, face_retries: 1 })
  t.strictSame(refusal(() => playFaceAttempt(v, { code: 'Success' }, ctx())), { status: 409, message: 'Verification already finished.' })
})

t.test('step by step: the third failed OCR attempt finishes the session; type 01 finishes at its OCR pass', async t => {
  let v = session()
  for (const code of ['9101', '9102'] as const) v = playOcrAttempt(v, { code }, null, ctx())
  t.equal(v.finished, false)
  v = playOcrAttempt(v, { code: '9103' }, null, ctx())
  t.equal(v.finished, true)
  t.equal(toRecord(v).retries, 2)

  const ocrOnly = playOcrAttempt(session({ type: '01' }), { code: 'Success' }, null, ctx())
  t.equal(ocrOnly.finished, true)
  t.equal(toRecord(ocrOnly).is_success, 1)
})

t.test('step by step refuses what the engine cannot return, naming the code field', async t => {
  const v = session()
  t.strictSame(refusal(() => playOcrAttempt(v, { code: ['9108', '9108'] }, null, ctx())), {
    status: 422,
    message: 'Card warnings: the card warning 9108 is listed twice.',
    errors: { code: ['Card warnings: the card warning 9108 is listed twice.'] }
  })
  t.strictSame(refusal(() => playOcrAttempt(v, { code: 'FailedOperation.NoPassport' }, null, ctx())), {
    status: 422,
    message: 'FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).',
    errors: { code: ['FailedOperation.NoPassport comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).'] }
  })
  const listed = playOcrAttempt(v, { code: ['9102', '9108'] }, null, ctx())
  t.strictSame(toRecord(listed).ocr_result?.WarnCardInfos, [-9102, -9108], 'a valid list plays')
  t.strictSame(refusal(() => playOcrAttempt(session({ finished: true }), { code: 'Success' }, null, ctx())), { status: 409, message: 'Verification already finished.' })
  t.strictSame(refusal(() => playOcrAttempt(v, { code: 'Success' }, null, ctx({ now: CREATED + 3_600_000 }))), { status: 409, message: 'Verification expired.' })
})

t.test('step by step: the document of the first OCR attempt is the one the engine keeps reading', async t => {
  let v = playOcrAttempt(session(), { code: '9108' }, { card_type: 'MyPR' }, ctx())
  t.strictSame(v.document, { card_type: 'MyPR' })
  t.equal(toRecord(v).ocr_result?.Type, 'MyPR')
  v = playOcrAttempt(v, { code: 'Success' }, { card_type: 'MyKid' }, ctx())
  t.strictSame(v.document, { card_type: 'MyPR' }, 'the same card all along')
  t.equal(toRecord(v).ocr_result?.Type, 'MyPR')
  v = playFaceAttempt(v, { code: 'Success' }, ctx())
  t.strictSame(v.document, { card_type: 'MyPR' })
  t.equal(toRecord(v).ocr_result?.Type, 'MyPR', 'a face attempt keeps the OCR result')
})

t.test('giving up ends the session with what was played, once', async t => {
  const played = playOcrAttempt(session({ armed: ARMED }), { code: '9108' }, null, ctx())
  const v = giveUp(played, ctx({ now: CREATED + 90_000 }))
  t.equal(v.finished, true)
  t.equal(v.armed, null)
  t.equal(v.updatedAt, CREATED + 90_000)
  t.strictSame(v.ocrAttempts, [{ code: '9108' }])
  t.equal(v.outcome, played.outcome)
  t.strictSame(refusal(() => giveUp(v, ctx())), { status: 409, message: 'Verification already finished.' })
  t.strictSame(refusal(() => giveUp(session(), ctx({ now: CREATED + 3_600_000 }))), { status: 409, message: 'Verification expired.' })
})

t.test('updated_at never goes back when the sandbox clock was moved back', async t => {
  const later = CREATED + 600_000
  const v = session({ updatedAt: later })
  t.equal(applyScenario(v, PASS, ctx()).updatedAt, later)
  t.equal(playOcrAttempt(v, { code: '9108' }, null, ctx()).updatedAt, later)
  t.equal(giveUp(v, ctx()).updatedAt, later)
  t.equal(expireNow(v, CREATED + 60_000).updatedAt, later)
  t.equal(expireNow(v, CREATED + 60_000).expireAt, CREATED + 60_000, 'the link still expires at the clock\'s now')
  t.equal(giveUp(v, ctx({ now: later + 1000 })).updatedAt, later + 1000)
})

t.test('expiring a session now keeps its attempts and disarms it', async t => {
  const played = playOcrAttempt(session({ armed: ARMED }), { code: '9108' }, null, ctx())
  const v = expireNow(played, CREATED + 120_000)
  t.equal(v.expireAt, CREATED + 120_000)
  t.equal(v.updatedAt, CREATED + 120_000)
  t.equal(v.armed, null)
  t.equal(v.finished, false)
  t.equal(v.outcome, played.outcome)
})

t.test('the way back: the stored redirect_url with is_success set, query and fragment kept', async t => {
  t.equal(redirectTarget(session(), 1), 'https://merchant.example/ekyc/return?order=42&is_success=1#done')
  t.equal(redirectTarget(session({ redirectUrl: 'https://m.example/r?is_success=1&x=1' }), 0), 'https://m.example/r?is_success=0&x=1', 'an is_success already there is replaced')
})

t.test('is_success on the way back: the recorded one, or 0 once the link expired first', async t => {
  const passed = applyScenario(session(), PASS, ctx())
  t.equal(returnIsSuccess(passed, CREATED + 60_000), 1)
  t.equal(returnIsSuccess(passed, CREATED + 9_000_000), 1, 'a finished session keeps its outcome after expiry')
  const failed = applyScenario(session(), { ocr: { attempts: [{ code: '9108' }] } }, ctx())
  t.equal(returnIsSuccess(failed, CREATED + 60_000), 0)
  const open = session()
  t.equal(returnIsSuccess(open, CREATED + 60_000), 0)
  t.equal(returnIsSuccess(open, CREATED + 3_600_000), 0)
})
