import t, { type Test } from 'tap'
import { resolveAttempts, type AttemptContext, type FaceAttempt, type OcrAttempt } from '../../src/domain/attempts.js'
import type { CreateRequest } from '../../src/domain/create-request.js'
import { applyScenario, giveUp, playOcrAttempt } from '../../src/domain/flow.js'
import { isExpired, toRecord, type Verification } from '../../src/domain/verification.js'
import { ApiError } from '../../src/errors.js'
import { VerificationStore } from '../../src/plugins/store.js'
import { MemoryState } from '../../src/state/memory.js'
import { testState } from '../helpers/backend.js'

// Each boundary is checked on both sides and exactly on it, with more than one observable each.

const ctx: AttemptContext = {
  type: '00',
  threshold: 70,
  ocrResult: (warnCardInfos, index) => ({ Index: index, WarnCardInfos: warnCardInfos }),
  requestId: (step, index) => `${step}-${index}`
}
const OCR_PASS: OcrAttempt[] = [{ code: 'Success' } as OcrAttempt]
const face = (sim: number): FaceAttempt[] => [{ code: 'Success', sim } as FaceAttempt]

t.test('face similarity: 70 and 70.01 pass, 69.99 is CompareLowSimilarity with a retry left', async t => {
  for (const sim of [70, 70.01]) {
    const o = resolveAttempts(OCR_PASS, face(sim), ctx)
    t.matchStrict(o, { faceIdSuccess: 1, faceIdCharged: 1, isSuccess: 1, latestError: null, faceRetries: 0, next: 'done' }, `${sim}`)
    t.matchStrict(o.faceIdResult, { Sim: sim, Result: 'Success', Description: 'Success' }, `${sim}`)
  }
  const under = resolveAttempts(OCR_PASS, face(69.99), ctx)
  t.matchStrict(under, { faceIdSuccess: 0, faceIdCharged: 1, isSuccess: 0, latestError: 'FailedOperation.CompareLowSimilarity', faceRetries: 0, next: 'face' })
  t.matchStrict(under.faceIdResult, { Sim: 69.99, Result: 'FailedOperation.CompareLowSimilarity' })
  const raised = resolveAttempts(OCR_PASS, face(70), { ...ctx, threshold: 70.01 })
  t.matchStrict(raised, { faceIdSuccess: 0, isSuccess: 0, latestError: 'FailedOperation.CompareLowSimilarity' }, 'the line is the threshold given, not 70')
})

const request: CreateRequest = { type: '00', idCountry: 'MYS', idType: 'ID_CARD', redirectUrl: 'https://m.example/', walletAddress: null }
const T0 = Date.parse('2025-02-01T00:00:00Z')

const NOT_ARMED = { takeArm: false, scenario: null }

async function makeStore (t: Test, retentionSeconds = 100) {
  let now = T0
  const store = new VerificationStore(await testState(t), {
    publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds, maxVerifications: 10, keepSeconds: 3600, newToken: () => 'T'.padEnd(30, '0')
  }, () => now)
  return { store, at: (ms: number) => { now = T0 + ms } }
}

t.test('retention: one ms before the due time nothing is pruned; at it and after, pruned_at is the due time', async t => {
  for (const [ms, pruned] of [[99_999, false], [100_000, true], [100_001, true]] as const) {
    const { store, at } = await makeStore(t)
    const v = await store.create(request, { clientId: 'c', organisationId: 7 }, NOT_ARMED)
    t.ok(await store.replace(v, applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }, { now: T0, threshold: 70, seed: null })))
    at(ms)
    const record = toRecord((await store.get(v.token))!)
    if (pruned) {
      t.matchStrict(record, { ocr_result: null, face_id_result: null, pruned_at: '2025-02-01T00:01:40.000Z', updated_at: '2025-02-01T00:01:40.000Z' }, `+${ms} ms`)
      t.matchStrict(record, { is_success: 1, ocr_success: 1, face_id_success: 1 }, `+${ms} ms: the outcome stays`)
    } else {
      t.equal(record.pruned_at, null, `+${ms} ms`)
      t.not(record.ocr_result, null, `+${ms} ms: the OCR result is still there`)
      t.equal(record.updated_at, '2025-02-01T00:00:00.000Z', `+${ms} ms`)
    }
  }
})

/** A new session, as the store makes it (in memory: these tests are about the domain's boundaries). */
let sessionStore: VerificationStore | undefined
let made = 0
async function newSession (): Promise<Verification> {
  sessionStore ??= new VerificationStore(new MemoryState(), {
    publicUrl: 'http://sandbox', tokenTtlSeconds: 900, retentionSeconds: 100, maxVerifications: 10, keepSeconds: 3600, newToken: () => `T${String(++made).padStart(29, '0')}`
  }, () => T0)
  return await sessionStore.create(request, { clientId: 'c', organisationId: 7 }, NOT_ARMED)
}
const flowCtx = (now = T0) => ({ now, threshold: 70, seed: null })

function expectConflict (t: Test, fn: () => unknown, code: string, message: string, what: string): void {
  try {
    fn()
    t.fail(`${what}: no error`)
  } catch (err) {
    t.ok(err instanceof ApiError, what)
    t.matchStrict(err, { code, statusCode: 409, message }, what)
  }
}

t.test('a second completion is a 409 "already finished" and leaves the first outcome as it was', async t => {
  const first = applyScenario(await newSession(), { ocr: { attempts: [{ code: '9108' }, { code: '9108' }, { code: '9108' }] } }, flowCtx())
  const snapshot = structuredClone(first)
  t.equal(first.finished, true)
  expectConflict(t, () => applyScenario(first, { ocr: { attempts: [{ code: 'Success' }] }, face: { attempts: [{ code: 'Success' }] } }, flowCtx()), 'VERIFICATION_FINISHED', 'Verification already finished.', 'scenario again')
  expectConflict(t, () => giveUp(first, flowCtx()), 'VERIFICATION_FINISHED', 'Verification already finished.', 'give up after')
  t.strictSame(first, snapshot, 'the finished session is unchanged')

  const started = playOcrAttempt(await newSession(), { code: '9108' } as OcrAttempt, null, flowCtx())
  expectConflict(t, () => applyScenario(started, { ocr: { attempts: [{ code: 'Success' }] } }, flowCtx()), 'VERIFICATION_FINISHED', 'Verification already started: finish it step by step.', 'scenario after a step')
})

t.test('expiry is at expire_at exactly: open one ms before, expired at it and after', async t => {
  const v = await newSession()
  t.equal(v.expireAt, T0 + 900_000)
  t.equal(isExpired(v, v.expireAt - 1), false)
  t.equal(isExpired(v, v.expireAt), true)
  t.equal(isExpired(v, v.expireAt + 1), true)
  t.equal(applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] } }, flowCtx(v.expireAt - 1)).finished, true, 'still playable one ms before')
  expectConflict(t, () => applyScenario(v, { ocr: { attempts: [{ code: 'Success' }] } }, flowCtx(v.expireAt)), 'VERIFICATION_EXPIRED', 'Verification expired.', 'at expire_at')
})
