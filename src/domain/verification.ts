import type { FaceAttempt, OcrAttempt, Outcome, VerificationType } from './attempts.js'
import { toTimestamp } from './clock.js'
import type { IdType } from './documents.js'
import type { Scenario, ScenarioBody } from '../schemas/scenario.js'

/** What the sandbox holds about one session. Times are epoch ms, whole seconds. */
export interface Verification {
  id: number
  organisationId: number
  clientId: string
  endUserId: number | null
  type: VerificationType
  token: string
  url: string
  redirectUrl: string
  idCountry: string
  idType: IdType
  walletAddress: string | null
  /** Attempts played so far; the record's outcome fields follow from them. */
  ocrAttempts: OcrAttempt[]
  faceAttempts: FaceAttempt[]
  /** What the OCR reads (card type, expired passport), from the scenario that played it. */
  document: ScenarioBody['document'] | null
  outcome: Outcome
  /** The flow ended (passed, retries exhausted, gave up): the page only offers the way back. */
  finished: boolean
  /** A scenario to apply as soon as the page is opened (X-Sandbox-Scenario, arm, DEFAULT_SCENARIO). */
  armed: Scenario | null
  expireAt: number
  createdAt: number
  updatedAt: number
  prunedAt: number | null
}

export const EMPTY_OUTCOME: Outcome = {
  ocrSuccess: 0,
  ocrResult: null,
  ocrCharged: 0,
  faceIdSuccess: 0,
  faceIdResult: null,
  faceIdCharged: 0,
  isSuccess: 0,
  latestError: null,
  retries: 0,
  faceRetries: 0,
  ocrAttempts: 0,
  faceAttempts: 0,
  next: 'ocr'
}

export function isExpired (v: Verification, now: number): boolean {
  return now >= v.expireAt
}

/** The record in the real API's field order and serialisation (0/1 flags, `.000Z` timestamps). */
export function toRecord (v: Verification) {
  const o = v.outcome
  return {
    id: v.id,
    organisation_id: v.organisationId,
    end_user_id: v.endUserId,
    type: v.type,
    token: v.token,
    url: v.url,
    redirect_url: v.redirectUrl,
    medias: null,
    ocr_country: v.idCountry,
    ocr_type: v.idType,
    ocr_success: o.ocrSuccess,
    ocr_result: o.ocrResult,
    ocr_charged: o.ocrCharged,
    face_id_success: o.faceIdSuccess,
    face_id_result: o.faceIdResult,
    face_id_charged: o.faceIdCharged,
    is_success: o.isSuccess,
    latest_error: o.latestError,
    retries: o.retries,
    face_retries: o.faceRetries,
    expire_at: toTimestamp(v.expireAt),
    created_at: toTimestamp(v.createdAt),
    updated_at: toTimestamp(v.updatedAt),
    pruned_at: v.prunedAt === null ? null : toTimestamp(v.prunedAt)
  }
}

export type VerificationRecord = ReturnType<typeof toRecord>
