// OCR outcomes. Card warnings fail an attempt and are reported negated in `WarnCardInfos`;
// engine failures fail an attempt with no result at all.
export const OCR_WARNINGS = {
  '9101': 'Document covered or border incomplete',
  '9102': 'Photocopy',
  '9103': 'Photographed from a screen',
  '9104': 'Edited (Photoshop)',
  '9107': 'Reflection or glare',
  '9108': 'Blurry'
} as const

export const OCR_ENGINE_FAILURES = {
  'FailedOperation.NoMASIDCard': 'No Malaysian ID card found',
  'FailedOperation.NoPassport': 'No passport found',
  'FailedOperation.ImageNoSpecifiedCard': 'The image is not the requested card type',
  'FailedOperation.ImageDecodeFailed': 'The image could not be decoded',
  'FailedOperation.OcrFailed': 'OCR failed',
  'FailedOperation.InconsistencyBetweenMRZAndVRZ': 'The MRZ and the visual zone disagree',
  'LimitExceeded.TooLargeFileError': 'The file is too large',
  'FailedOperation.UnKnowError': 'Unknown engine error'
} as const

export type OcrWarningCode = keyof typeof OCR_WARNINGS
export type OcrEngineFailureCode = keyof typeof OCR_ENGINE_FAILURES
export type OcrCode = 'Success' | OcrWarningCode | OcrEngineFailureCode

export const OCR_CODES = ['Success', ...Object.keys(OCR_WARNINGS), ...Object.keys(OCR_ENGINE_FAILURES)] as OcrCode[]

export function isOcrWarning (code: string): code is OcrWarningCode {
  return Object.hasOwn(OCR_WARNINGS, code)
}

export function describeOcrCode (code: OcrCode): string {
  if (code === 'Success') return 'Success'
  return isOcrWarning(code) ? OCR_WARNINGS[code] : OCR_ENGINE_FAILURES[code]
}
