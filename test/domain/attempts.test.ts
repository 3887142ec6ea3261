import t from 'tap'
import { resolveAttempts, type AttemptContext, type FaceAttempt, type OcrAttempt } from '../../src/domain/attempts.js'
import { FACE_CODES, FACE_UNLISTED_CODES, type FaceListedCode, type FaceUnlistedCode } from '../../src/domain/face-codes.js'

const ctx = (type: '00' | '01' = '00', threshold = 70): AttemptContext => ({
  type,
  threshold,
  ocrResult: (warnCardInfos, index) => ({ Index: index, WarnCardInfos: warnCardInfos }),
  requestId: (step, index) => `${step}-${index}`
})
const ocr = (...codes: string[]): OcrAttempt[] => codes.map(code => ({ code } as OcrAttempt))
const face = (...attempts: Array<[string, number?]>): FaceAttempt[] => attempts.map(([code, sim]) => ({ code, sim } as FaceAttempt))

t.test('a clean pass of type 00 sets every flag to the integer 1', async t => {
  const o = resolveAttempts(ocr('Success'), face(['Success', 96.4]), ctx())
  t.matchStrict(o, { ocrSuccess: 1, ocrCharged: 1, faceIdSuccess: 1, faceIdCharged: 1, isSuccess: 1, latestError: null, retries: 0, faceRetries: 0, next: 'done' })
  t.strictSame(o.ocrResult, { Index: 0, WarnCardInfos: [] })
  t.strictSame(Object.keys(o.faceIdResult ?? {}), ['Sim', 'Result', 'RequestId', 'Description', 'BestFrameList', 'BestFrameBase64'])
  t.strictSame(o.faceIdResult, { Sim: 96.4, Result: 'Success', RequestId: 'face-0', Description: 'Success', BestFrameList: [], BestFrameBase64: '' })
})

t.test('nothing played leaves the record untouched and the OCR step next', async t => {
  const o = resolveAttempts([], [], ctx())
  t.matchStrict(o, { ocrSuccess: 0, ocrResult: null, ocrCharged: 0, faceIdResult: null, faceIdCharged: 0, isSuccess: 0, latestError: null, next: 'ocr' })
})

t.test('a card warning fails the attempt, is negated in WarnCardInfos and kept as latest_error after a pass', async t => {
  const o = resolveAttempts(ocr('9108', 'Success'), face(['Success']), ctx())
  t.matchStrict(o, { ocrSuccess: 1, retries: 1, latestError: '9108', isSuccess: 1 })
  t.strictSame(o.ocrResult, { Index: 1, WarnCardInfos: [] })
  const failed = resolveAttempts(ocr('9101'), [], ctx())
  t.strictSame(failed.ocrResult, { Index: 0, WarnCardInfos: [-9101] })
  t.equal(failed.next, 'ocr')
})

t.test('OCR retries stop at 2: a fourth attempt is never played', async t => {
  const o = resolveAttempts(ocr('9108', '9107', '9103', 'Success'), face(['Success']), ctx())
  t.matchStrict(o, { ocrSuccess: 0, retries: 2, ocrAttempts: 3, latestError: '9103', isSuccess: 0, next: 'done', faceIdCharged: 0, faceIdResult: null })
})

t.test('an engine failure gives no result but charges and records the code', async t => {
  const o = resolveAttempts(ocr('FailedOperation.NoMASIDCard'), [], ctx())
  t.matchStrict(o, { ocrResult: null, ocrCharged: 1, latestError: 'FailedOperation.NoMASIDCard', next: 'ocr' })
  const after = resolveAttempts(ocr('9102', 'FailedOperation.OcrFailed'), [], ctx())
  t.strictSame(after.ocrResult, { Index: 0, WarnCardInfos: [-9102] }, 'the last result the engine returned stays')
})

t.test('face retries stop at 1 and the full fee flags stay set', async t => {
  const o = resolveAttempts(ocr('Success'), face(['FailedOperation.LivessDetectFake'], ['FailedOperation.SilentFaceWithMaskFail'], ['Success']), ctx())
  t.matchStrict(o, { ocrSuccess: 1, faceIdSuccess: 0, faceRetries: 1, faceAttempts: 2, isSuccess: 0, ocrCharged: 1, faceIdCharged: 1, latestError: 'FailedOperation.SilentFaceWithMaskFail', next: 'done' })
})

t.test('similarity: at the threshold passes, just under becomes CompareLowSimilarity', async t => {
  t.equal(resolveAttempts(ocr('Success'), face(['Success', 70]), ctx()).isSuccess, 1)
  const under = resolveAttempts(ocr('Success'), face(['Success', 69.99]), ctx())
  t.matchStrict(under.faceIdResult, { Sim: 69.99, Result: 'FailedOperation.CompareLowSimilarity', Description: 'The comparison similarity did not reach the passing standard.' })
  t.equal(under.isSuccess, 0)
  t.equal(under.next, 'face')
  t.equal(resolveAttempts(ocr('Success'), face(['Success', 85]), ctx('00', 90)).isSuccess, 0, 'FACE_PASS_THRESHOLD moves the line')
  t.equal(resolveAttempts(ocr('Success'), face(['Success', 12.345]), ctx('00', 10)).faceIdResult?.Sim, 12.35, 'two decimals')
})

t.test('type 01 follows OCR alone and never plays a face attempt', async t => {
  const o = resolveAttempts(ocr('Success'), face(['FailedOperation.LivessDetectFake']), ctx('01'))
  t.matchStrict(o, { isSuccess: 1, faceIdSuccess: 0, faceIdResult: null, faceIdCharged: 0, faceRetries: 0, next: 'done' })
  t.equal(resolveAttempts(ocr('9104', '9104', '9104'), [], ctx('01')).isSuccess, 0)
})

t.test('face attempts need a passed document', async t => {
  const o = resolveAttempts(ocr('9108'), face(['Success']), ctx())
  t.matchStrict(o, { faceIdCharged: 0, faceIdResult: null, faceAttempts: 0 })
})

t.test('every face code fails an attempt with its exact description', async t => {
  const codes = Object.keys(FACE_CODES) as FaceListedCode[]
  t.equal(codes.length, 48)
  for (const code of codes) {
    const o = resolveAttempts(ocr('Success'), face([code]), ctx())
    t.equal(o.faceIdResult?.Result, code)
    t.equal(o.faceIdResult?.Description, FACE_CODES[code])
    t.equal(o.latestError, code)
    t.equal(o.isSuccess, 0)
  }
  t.ok(codes.includes('FailedOperation.LivessDetectFake') && codes.includes('FailedOperation.LipVideoQuaility'), 'misspelled real codes kept')
})

t.test('the face engine\'s codes beyond MasChain\'s list fail an attempt with the engine\'s description', async t => {
  const codes = Object.keys(FACE_UNLISTED_CODES) as FaceUnlistedCode[]
  t.strictSame(codes.sort(), ['FailedOperation.CompressVideoError', 'FailedOperation.SilentTooShort', 'UnauthorizedOperation', 'UnauthorizedOperation.Arrears', 'UnauthorizedOperation.NonAuthorize', 'UnauthorizedOperation.Nonactivated'])
  for (const code of codes) {
    const o = resolveAttempts(ocr('Success'), face([code]), ctx())
    t.matchStrict(o, { faceIdResult: { Result: code, Description: FACE_UNLISTED_CODES[code], Sim: 0 }, latestError: code, isSuccess: 0 })
  }
})

t.test('several card warnings in one attempt: WarnCardInfos lists them all, latest_error is the first, the attempt fails', async t => {
  const o = resolveAttempts([{ code: ['9102', '9108'] }], [], ctx())
  t.matchStrict(o, { ocrSuccess: 0, ocrCharged: 1, latestError: '9102', retries: 0, next: 'ocr' })
  t.strictSame(o.ocrResult?.WarnCardInfos, [-9102, -9108])
})
