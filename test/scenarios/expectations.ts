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

export function expectedRecord (s: Scenario, kind: SessionKind, threshold: number): Expected {
  if (s.expire === true) {
    return { ocr_success: 0, ocr_charged: 0, warnCardInfos: null, face_id_success: 0, face_id_charged: 0, face: null, is_success: 0, latest_error: null, retries: 0, face_retries: 0, expired: true }
  }
  const ocr = s.ocr?.attempts ?? []
  const failures: string[] = []
  let warnCardInfos: number[] | null = null
  for (const a of ocr) {
    // A warning still returns a result carrying the negated code; an engine failure returns none.
    if (a.code === 'Success') warnCardInfos = []
    else if (WARNING_CODES.includes(a.code)) warnCardInfos = [-Number(a.code)]
    if (a.code !== 'Success') failures.push(a.code)
  }
  const ocrPassed = ocr.at(-1)?.code === 'Success'
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

/** The session kinds a scenario runs on: both document kinds and both types, unless it says otherwise. */
export function kindsFor (s: Scenario): SessionKind[] {
  const kinds: SessionKind[] = []
  for (const type of ['00', '01'] as const) {
    if (s.type !== undefined && s.type !== type) continue
    for (const [idType, country] of [['ID_CARD', 'MYS'], ['PASSPORT', 'GBR']] as const) {
      if (s.document?.id_type !== undefined && s.document.id_type !== idType) continue
      kinds.push({ type, idType, country })
    }
  }
  return kinds
}
