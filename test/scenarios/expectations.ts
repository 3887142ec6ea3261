// The record a scenario should leave, derived from its attempts with rules written here, not by
// calling the domain's resolveAttempts: the test states the rules of the reference and the design.
import type { Scenario } from '../../src/schemas/scenario.js'

export const WARNING_CODES = ['9101', '9102', '9103', '9104', '9107', '9108']

export interface SessionKind {
  type: '00' | '01'
  idType: 'ID_CARD' | 'PASSPORT'
  country: string
}

export interface Expected {
  ocr_success: 0 | 1
  ocr_charged: 0 | 1
  /** null: no ocr_result; else the WarnCardInfos it carries */
  warnCardInfos: number[] | null
  face_id_success: 0 | 1
  face_id_charged: 0 | 1
  /** null: no face_id_result; else its Result and, when the scenario gives one, its Sim */
  face: { result: string, sim: number | undefined } | null
  is_success: 0 | 1
  latest_error: string | null
  retries: number
  face_retries: number
  expired: boolean
}

type Code = NonNullable<Scenario['ocr']>['attempts'][number]['code']

/** A scenario's code as the session's engine plays it: a per-kind code picks the session's kind. */
export function codeFor (code: Code, idType: SessionKind['idType']): string | string[] {
  return typeof code === 'object' && !Array.isArray(code) ? code[idType] : code
}

/** Codes each OCR engine's SDK lists for its API (MLIDCardOCR, MLIDPassportOCR), besides warnings. */
export const ENGINE_CODES = {
  ID_CARD: ['FailedOperation.NoMASIDCard', 'FailedOperation.ImageNoSpecifiedCard', 'FailedOperation.ImageDecodeFailed', 'FailedOperation.OcrFailed',
    'LimitExceeded.TooLargeFileError', 'FailedOperation.UnKnowError', 'FailedOperation.DownLoadError', 'FailedOperation.UnOpenError',
    'FailedOperation.WarningServiceFailed', 'InvalidParameterValue.InvalidParameterValueLimit', 'ResourceUnavailable.ResourcePackageRunOut',
    'ResourcesSoldOut.ChargeStatusException', 'InvalidParameter.EngineImageDecodeFailed'],
  PASSPORT: ['FailedOperation.NoPassport', 'FailedOperation.InconsistencyBetweenMRZAndVRZ', 'FailedOperation.ImageDecodeFailed', 'FailedOperation.OcrFailed',
    'LimitExceeded.TooLargeFileError', 'FailedOperation.UnKnowError', 'FailedOperation.DownLoadError', 'FailedOperation.UnOpenError',
    'FailedOperation.WarningServiceFailed', 'InvalidParameterValue.InvalidParameterValueLimit', 'ResourceUnavailable.ResourcePackageRunOut',
    'ResourcesSoldOut.ChargeStatusException', 'FailedOperation.FieldException', 'ResourceUnavailable.InArrears']
}

/** A scenario whose face attempts fail needs the face step: a type 01 session refuses it. */
export function needsFaceStep (s: Scenario, threshold: number): boolean {
  return (s.face?.attempts ?? []).some(a => a.code !== 'Success' || (a.sim !== undefined && a.sim < threshold))
}

export function expectedRecord (s: Scenario, kind: SessionKind, threshold: number): Expected {
  if (s.expire === true) {
    return { ocr_success: 0, ocr_charged: 0, warnCardInfos: null, face_id_success: 0, face_id_charged: 0, face: null, is_success: 0, latest_error: null, retries: 0, face_retries: 0, expired: true }
  }
  const ocr = (s.ocr?.attempts ?? []).map(a => codeFor(a.code, kind.idType))
  const failures: string[] = []
  let warnCardInfos: number[] | null = null
  for (const code of ocr) {
    // Warnings still return a result carrying the negated codes (latest_error: the first);
    // an engine failure returns none.
    const codes = Array.isArray(code) ? code : [code]
    if (code === 'Success') warnCardInfos = []
    else if (codes.every(c => WARNING_CODES.includes(c))) warnCardInfos = codes.map(c => -Number(c))
    if (code !== 'Success') failures.push(codes[0])
  }
  const ocrPassed = ocr.at(-1) === 'Success'
  // Face attempts count only on type 00 sessions, after the document passed.
  const face = ocrPassed && kind.type === '00' ? s.face?.attempts ?? [] : []
  const results = face.map(a => (a.code === 'Success' && a.sim !== undefined && a.sim < threshold ? 'FailedOperation.CompareLowSimilarity' : a.code))
  failures.push(...results.filter(r => r !== 'Success'))
  const facePassed = results.at(-1) === 'Success'
  const last = face.at(-1)
  return {
    ocr_success: ocrPassed ? 1 : 0,
    ocr_charged: ocr.length > 0 ? 1 : 0,
    warnCardInfos,
    face_id_success: facePassed ? 1 : 0,
    face_id_charged: face.length > 0 ? 1 : 0,
    face: last === undefined ? null : { result: results.at(-1) as string, sim: last.sim },
    is_success: ocrPassed && (kind.type === '01' || facePassed) ? 1 : 0,
    latest_error: failures.at(-1) ?? null,
    retries: Math.max(0, ocr.length - 1),
    face_retries: Math.max(0, face.length - 1),
    expired: false
  }
}

/**
 * The session kinds a scenario runs on: both document kinds and both types, unless it says
 * otherwise or its face attempts fail (then type 00 only).
 */
export function kindsFor (s: Scenario, threshold: number): SessionKind[] {
  const kinds: SessionKind[] = []
  for (const type of ['00', '01'] as const) {
    if (s.type !== undefined && s.type !== type) continue
    if (type === '01' && needsFaceStep(s, threshold)) continue
    for (const [idType, country] of [['ID_CARD', 'MYS'], ['PASSPORT', 'GBR']] as const) {
      if (s.document?.id_type !== undefined && s.document.id_type !== idType) continue
      kinds.push({ type, idType, country })
    }
  }
  return kinds
}
