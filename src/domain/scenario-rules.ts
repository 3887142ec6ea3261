import { faceOutcome, MAX_FACE_ATTEMPTS, MAX_OCR_ATTEMPTS } from './attempts.js'
import type { ScenarioBody } from '../schemas/scenario.js'

/**
 * Problems the schema cannot see: attempts that could never be played. A scenario describes a
 * flow the real page could produce, so a pass ends its step and face attempts need a passed document.
 */
export function scenarioProblems (scenario: ScenarioBody, threshold: number): string[] {
  const problems: string[] = []
  const ocr = scenario.ocr?.attempts ?? []
  const face = scenario.face?.attempts ?? []
  const ocrPass = ocr.findIndex(a => a.code === 'Success')
  if (ocrPass !== -1 && ocrPass < ocr.length - 1) problems.push('ocr.attempts: no attempt may follow a Success')
  if (ocr.length > MAX_OCR_ATTEMPTS) problems.push(`ocr.attempts: at most ${MAX_OCR_ATTEMPTS} attempts`)
  const facePass = face.findIndex(a => faceOutcome(a, threshold).code === 'Success')
  if (facePass !== -1 && facePass < face.length - 1) problems.push('face.attempts: no attempt may follow a Success')
  if (face.length > MAX_FACE_ATTEMPTS) problems.push(`face.attempts: at most ${MAX_FACE_ATTEMPTS} attempts`)
  if (face.length > 0 && ocrPass === -1) problems.push('face.attempts: the face step needs an OCR attempt with code Success')
  if (scenario.expire === true && (ocr.length > 0 || face.length > 0)) problems.push('expire: an expiring scenario plays no attempt')
  if (scenario.type === '01' && face.length > 0) problems.push('face.attempts: a type 01 (OCR-only) scenario plays no face attempt')
  if (scenario.document?.card_type !== undefined && scenario.document.id_type === 'PASSPORT') problems.push('document.card_type: only for id_type ID_CARD')
  if (scenario.document?.passport_expired !== undefined && scenario.document.id_type === 'ID_CARD') problems.push('document.passport_expired: only for id_type PASSPORT')
  return problems
}
