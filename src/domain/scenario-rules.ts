import { faceOutcome, MAX_FACE_ATTEMPTS, MAX_OCR_ATTEMPTS, type OcrAttempt, type VerificationType } from './attempts.js'
import { ID_TYPES, type IdType } from './documents.js'
import { foreignCodeProblem, outcomeCodes, warningListProblem, type OcrOutcome } from './ocr-codes.js'
import type { ScenarioBody } from '../schemas/scenario.js'

type ScenarioOcrCode = NonNullable<ScenarioBody['ocr']>['attempts'][number]['code']

/** What a scenario is played on: the session's type and document kind. */
export interface SessionKind {
  type: VerificationType
  idType: IdType
}

/** A problem with a field path, so a 422 can name the field (`ocr.attempts[0].code`). */
export interface Problem {
  field: string
  message: string
}

/** One attempt's outcome for one document kind: a per-kind code picks that kind's. */
export function outcomeFor (code: ScenarioOcrCode, kind: IdType): OcrOutcome {
  return typeof code === 'object' && !Array.isArray(code) ? code[kind] : code
}

/** The scenario's OCR attempts as the engine of this document kind plays them. */
export function ocrAttemptsFor (scenario: ScenarioBody, kind: IdType): OcrAttempt[] {
  return (scenario.ocr?.attempts ?? []).map(a => ({ code: outcomeFor(a.code, kind) }))
}

/** The document kinds a scenario may be played on. */
export function kindsOf (scenario: ScenarioBody): readonly IdType[] {
  return scenario.document?.id_type === undefined ? ID_TYPES : [scenario.document.id_type]
}

/**
 * Problems the schema cannot see: attempts that could never be played. A scenario describes a
 * flow the real page could produce, so a pass ends its step and face attempts need a passed
 * document; a list of card warnings names each warning once. Checked for every document kind the
 * scenario may be played on, since a per-kind code can pass on one and fail on the other.
 */
export function scenarioProblems (scenario: ScenarioBody, threshold: number): string[] {
  const problems = new Set<string>()
  const face = scenario.face?.attempts ?? []
  for (const kind of kindsOf(scenario)) {
    const ocr = ocrAttemptsFor(scenario, kind)
    ocr.forEach((a, i) => {
      const problem = Array.isArray(a.code) ? warningListProblem(a.code) : null
      if (problem !== null) problems.add(`ocr.attempts[${i}].code: ${problem}`)
    })
    const ocrPass = ocr.findIndex(a => a.code === 'Success')
    if (ocrPass !== -1 && ocrPass < ocr.length - 1) problems.add('ocr.attempts: no attempt may follow a Success')
    if (face.length > 0 && ocrPass === -1) problems.add('face.attempts: the face step needs an OCR attempt with code Success')
  }
  if ((scenario.ocr?.attempts.length ?? 0) > MAX_OCR_ATTEMPTS) problems.add(`ocr.attempts: at most ${MAX_OCR_ATTEMPTS} attempts`)
  const facePass = face.findIndex(a => faceOutcome(a, threshold).code === 'Success')
  if (facePass !== -1 && facePass < face.length - 1) problems.add('face.attempts: no attempt may follow a Success')
  if (face.length > MAX_FACE_ATTEMPTS) problems.add(`face.attempts: at most ${MAX_FACE_ATTEMPTS} attempts`)
  if (scenario.expire === true && ((scenario.ocr?.attempts.length ?? 0) > 0 || face.length > 0)) problems.add('expire: an expiring scenario plays no attempt')
  if (scenario.type === '01' && face.length > 0) problems.add('face.attempts: a type 01 (OCR-only) scenario plays no face attempt')
  if (scenario.document?.card_type !== undefined && scenario.document.id_type === 'PASSPORT') problems.add('document.card_type: only for id_type ID_CARD')
  if (scenario.document?.passport_expired !== undefined && scenario.document.id_type === 'ID_CARD') problems.add('document.passport_expired: only for id_type PASSPORT')
  return [...problems]
}

/** A code of one engine on a session the other engine reads, for each OCR attempt. */
export function foreignCodeProblems (ocr: readonly OcrAttempt[], kind: IdType): Problem[] {
  const problems: Problem[] = []
  ocr.forEach((a, i) => {
    for (const code of outcomeCodes(a.code)) {
      const message = foreignCodeProblem(code, kind)
      if (message !== null) problems.push({ field: `ocr.attempts[${i}].code`, message })
    }
  })
  return problems
}

/**
 * A scenario file names only codes the engine of each document kind it fits can return: one that
 * fits both kinds gives a code per kind where the engines differ. Checked once, at start-up.
 */
export function catalogueProblems (scenario: ScenarioBody): string[] {
  const problems: string[] = []
  for (const kind of kindsOf(scenario)) {
    for (const p of foreignCodeProblems(ocrAttemptsFor(scenario, kind), kind)) {
      const hint = scenario.document?.id_type === undefined ? ' Give a code per document kind ({"ID_CARD": …, "PASSPORT": …}) or set document.id_type.' : ''
      problems.push(`${p.field}: ${p.message}${hint}`)
    }
  }
  return problems
}

/** The first face attempt that fails: what a scenario needs the face step for. */
function failingFaceAttempt (scenario: ScenarioBody, threshold: number): { index: number, code: string } | null {
  const face = scenario.face?.attempts ?? []
  const index = face.findIndex(a => faceOutcome(a, threshold).code !== 'Success')
  return index === -1 ? null : { index, code: faceOutcome(face[index], threshold).code }
}

/**
 * Why a scenario cannot be played on this session; empty when it fits. A scenario is never bent
 * into another outcome: one for the other document kind or type, one naming a code the session's
 * engine never returns, and one whose face attempts fail on a session with no face step are refused.
 * Face attempts that all pass need no face step: on a type 01 session they change nothing.
 */
export function fitProblems (scenario: ScenarioBody, session: SessionKind, threshold: number): Problem[] {
  const problems: Problem[] = []
  const kind = scenario.document?.id_type
  if (kind !== undefined && kind !== session.idType) {
    problems.push({ field: 'scenario', message: `The scenario is for ${kind} sessions; this session is ${session.idType}.` })
    return problems
  }
  if (scenario.type !== undefined && scenario.type !== session.type) {
    problems.push({ field: 'scenario', message: `The scenario is for type ${scenario.type} sessions; this session is type ${session.type}.` })
    return problems
  }
  const failing = failingFaceAttempt(scenario, threshold)
  if (session.type === '01' && failing !== null) {
    problems.push({
      field: `face.attempts[${failing.index}]`,
      message: `The scenario needs the face step (face attempt ${failing.index + 1} fails with ${failing.code}), which a type 01 (OCR-only) session does not have.`
    })
  }
  problems.push(...foreignCodeProblems(ocrAttemptsFor(scenario, session.idType), session.idType))
  return problems
}

export function fits (scenario: ScenarioBody, session: SessionKind, threshold: number): boolean {
  return fitProblems(scenario, session, threshold).length === 0
}
