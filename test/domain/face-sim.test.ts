import t from 'tap'
import { DEFAULT_LOW_SIM, DEFAULT_SUCCESS_SIM, resolveAttempts, type AttemptContext, type FaceAttempt, type OcrAttempt } from '../../src/domain/attempts.js'

// A face attempt given without `sim` gets the engine's usual similarity for its code.
const ctx = (threshold: number): AttemptContext => ({
  type: '00',
  threshold,
  ocrResult: (warnCardInfos, index) => ({ Index: index, WarnCardInfos: warnCardInfos }),
  requestId: (step, index) => `${step}-${index}`
})
const OCR_PASS: OcrAttempt[] = [{ code: 'Success' } as OcrAttempt]
const noSim = (code: string): FaceAttempt[] => [{ code } as FaceAttempt]

t.test('Success without sim passes at 95, or at the threshold when that is higher', async t => {
  t.equal(DEFAULT_SUCCESS_SIM, 95)
  const usual = resolveAttempts(OCR_PASS, noSim('Success'), ctx(70))
  t.matchStrict(usual.faceIdResult, { Sim: 95, Result: 'Success' })
  t.equal(usual.isSuccess, 1)
  const strict = resolveAttempts(OCR_PASS, noSim('Success'), ctx(99))
  t.matchStrict(strict.faceIdResult, { Sim: 99, Result: 'Success' }, 'a default pass never falls under a raised threshold')
  t.equal(strict.isSuccess, 1)
})

t.test('CompareLowSimilarity without sim fails at 45, or at the threshold when that is lower', async t => {
  t.equal(DEFAULT_LOW_SIM, 45)
  const usual = resolveAttempts(OCR_PASS, noSim('FailedOperation.CompareLowSimilarity'), ctx(70))
  t.matchStrict(usual.faceIdResult, { Sim: 45, Result: 'FailedOperation.CompareLowSimilarity' })
  t.equal(usual.isSuccess, 0)
  const lowered = resolveAttempts(OCR_PASS, noSim('FailedOperation.CompareLowSimilarity'), ctx(30))
  t.matchStrict(lowered.faceIdResult, { Sim: 30, Result: 'FailedOperation.CompareLowSimilarity' })
})

t.test('any other failure without sim reports a similarity of 0', async t => {
  for (const code of ['FailedOperation.SilentFaceWithMaskFail', 'FailedOperation.LivessDetectFake']) {
    const o = resolveAttempts(OCR_PASS, noSim(code), ctx(70))
    t.matchStrict(o.faceIdResult, { Sim: 0, Result: code }, code)
    t.equal(o.faceIdSuccess, 0, code)
  }
})
