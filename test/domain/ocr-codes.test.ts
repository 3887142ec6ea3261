import t from 'tap'
import {
  describeOcrCode, describeOcrOutcome, engineFailuresFor, foreignCodeProblem, isOcrCode, isOcrWarning, OCR_CODES,
  outcomeCodes, outcomeLabel, warningListProblem
} from '../../src/domain/ocr-codes.js'
import { describeFaceCode, FACE_CODE_LIST } from '../../src/domain/face-codes.js'

// The OCR codes as the page offers and describes them, and which engine returns which.

t.test('the page offers each engine its own failures, MasChain\'s listed ones first', async t => {
  t.strictSame(engineFailuresFor('ID_CARD', true), [
    'FailedOperation.NoMASIDCard', 'FailedOperation.ImageNoSpecifiedCard', 'FailedOperation.ImageDecodeFailed',
    'FailedOperation.OcrFailed', 'LimitExceeded.TooLargeFileError', 'FailedOperation.UnKnowError'
  ])
  t.strictSame(engineFailuresFor('PASSPORT', true), [
    'FailedOperation.NoPassport', 'FailedOperation.InconsistencyBetweenMRZAndVRZ', 'FailedOperation.ImageDecodeFailed',
    'FailedOperation.OcrFailed', 'LimitExceeded.TooLargeFileError', 'FailedOperation.UnKnowError'
  ])
  t.strictSame(engineFailuresFor('ID_CARD', false), [
    'FailedOperation.DownLoadError', 'FailedOperation.UnOpenError', 'FailedOperation.WarningServiceFailed',
    'InvalidParameterValue.InvalidParameterValueLimit', 'ResourceUnavailable.ResourcePackageRunOut',
    'ResourcesSoldOut.ChargeStatusException', 'InvalidParameter.EngineImageDecodeFailed'
  ])
  t.strictSame(engineFailuresFor('PASSPORT', false), [
    'FailedOperation.DownLoadError', 'FailedOperation.UnOpenError', 'FailedOperation.WarningServiceFailed',
    'InvalidParameterValue.InvalidParameterValueLimit', 'ResourceUnavailable.ResourcePackageRunOut',
    'ResourcesSoldOut.ChargeStatusException', 'FailedOperation.FieldException', 'ResourceUnavailable.InArrears'
  ])
})

t.test('codes: Success, the six card warnings, then the engine failures; nothing else is a code', async t => {
  t.strictSame(OCR_CODES.slice(0, 7), ['Success', '9101', '9102', '9103', '9104', '9107', '9108'])
  t.equal(OCR_CODES.length, 7 + 17)
  t.equal(isOcrCode('Success'), true)
  t.equal(isOcrCode('9108'), true)
  t.equal(isOcrCode('FailedOperation.NoPassport'), true)
  t.equal(isOcrCode('9105'), false)
  t.equal(isOcrCode('success'), false)
  t.equal(isOcrCode('toString'), false, 'not a property of every object')
  t.equal(isOcrWarning('9107'), true)
  t.equal(isOcrWarning('Success'), false)
  t.equal(isOcrWarning('toString'), false)
})

t.test('descriptions as the page and the journal show them', async t => {
  t.equal(describeOcrCode('Success'), 'Success')
  t.equal(describeOcrCode('9103'), 'Photographed from a screen')
  t.equal(describeOcrCode('FailedOperation.NoPassport'), 'Not a passport.')
  t.equal(describeOcrOutcome('9108'), 'Blurry')
  t.equal(describeOcrOutcome(['9102', '9108']), 'Photocopy; Blurry')
  t.equal(outcomeLabel(['9102', '9108']), '9102 + 9108')
  t.equal(outcomeLabel('FailedOperation.OcrFailed'), 'FailedOperation.OcrFailed')
  t.strictSame(outcomeCodes('9101'), ['9101'])
  t.strictSame(outcomeCodes(['9101', '9104']), ['9101', '9104'])
  t.equal(describeFaceCode('Success'), 'Success')
  t.equal(describeFaceCode('FailedOperation.SilentTooShort'), 'The video is too short. Please capture a video longer than 2 seconds.')
  t.equal(describeFaceCode('FailedOperation.LivessDetectFake'), 'Suspected spoofed recording.')
  t.equal(FACE_CODE_LIST[0], 'Success')
  t.equal(FACE_CODE_LIST.length, 1 + 48 + 6)
})

t.test('a code of the other engine is refused naming both engines; shared codes and warnings are not', async t => {
  t.equal(foreignCodeProblem('Success', 'PASSPORT'), null)
  t.equal(foreignCodeProblem('9101', 'PASSPORT'), null)
  t.equal(foreignCodeProblem('FailedOperation.OcrFailed', 'PASSPORT'), null)
  t.equal(foreignCodeProblem('FailedOperation.OcrFailed', 'ID_CARD'), null)
  t.equal(foreignCodeProblem('FailedOperation.NoMASIDCard', 'ID_CARD'), null)
  t.equal(foreignCodeProblem('FailedOperation.NoMASIDCard', 'PASSPORT'),
    'FailedOperation.NoMASIDCard comes from the card OCR (MLIDCardOCR) only; this PASSPORT session is read by the passport OCR (MLIDPassportOCR).')
  t.equal(foreignCodeProblem('ResourceUnavailable.InArrears', 'ID_CARD'),
    'ResourceUnavailable.InArrears comes from the passport OCR (MLIDPassportOCR) only; this ID_CARD session is read by the card OCR (MLIDCardOCR).')
})

t.test('a list of card warnings: at least one, warnings only, each once', async t => {
  t.equal(warningListProblem(['9101']), null)
  t.equal(warningListProblem(['9101', '9102', '9103', '9104', '9107', '9108']), null)
  t.equal(warningListProblem([]), 'a list of card warnings needs at least one code.')
  t.equal(warningListProblem(['9101', 'Success']), '"Success" is not a card warning (9101, 9102, 9103, 9104, 9107, 9108); only warnings can be listed together.')
  t.equal(warningListProblem(['9101', '9102', '9101']), 'the card warning 9101 is listed twice.')
})
