import { ApiError, validationError, type FieldErrors } from '../errors.js'
import type { ScenarioBody } from '../schemas/scenario.js'
import { resolveAttempts, type FaceAttempt, type OcrAttempt } from './attempts.js'
import { warningListProblem } from './ocr-codes.js'
import { fitProblems, foreignCodeProblems, ocrAttemptsFor, type Problem } from './scenario-rules.js'
import { buildOcrResult, generateIdentity, seededUuid } from './identity/index.js'
import { isExpired, type Verification } from './verification.js'

/** What the flow needs from outside: the clock's now, the face threshold and SANDBOX_SEED. */
export interface FlowContext {
  now: number
  threshold: number
  seed: string | null
}

type Document = ScenarioBody['document']

/** Plays a whole scenario on an untouched session and finishes it, as a preset button does. */
export function applyScenario (v: Verification, scenario: ScenarioBody, ctx: FlowContext): Verification {
  assertOpen(v, ctx.now)
  refuseIfAny(fitProblems(scenario, v, ctx.threshold))
  if (v.outcome.ocrAttempts > 0) {
    throw new ApiError('VERIFICATION_FINISHED', 'Verification already started: finish it step by step.')
  }
  if (scenario.expire === true) return expireNow(v, ctx.now)
  const next = withAttempts(v, ocrAttemptsFor(scenario, v.idType), scenario.face?.attempts ?? [], scenario.document ?? null, ctx)
  return { ...next, finished: true, armed: null }
}

/** One OCR attempt of the step-by-step mode. */
export function playOcrAttempt (v: Verification, attempt: OcrAttempt, document: Document | null, ctx: FlowContext): Verification {
  assertOpen(v, ctx.now)
  if (v.outcome.next !== 'ocr') throw new ApiError('VERIFICATION_FINISHED', 'No OCR attempt is left to play.')
  const listProblem = Array.isArray(attempt.code) ? warningListProblem(attempt.code) : null
  if (listProblem !== null) refuseIfAny([{ field: 'code', message: `Card warnings: ${listProblem}` }])
  refuseIfAny(foreignCodeProblems([attempt], v.idType).map(p => ({ field: 'code', message: p.message })))
  // The first attempt decides what the document is (the card type, an expired passport), also when
  // it chose nothing: a later attempt's choice, which only a forged form can send, is ignored.
  return withAttempts(v, [...v.ocrAttempts, attempt], v.faceAttempts, v.ocrAttempts.length === 0 ? document : v.document, ctx)
}

/** One face attempt of the step-by-step mode. */
export function playFaceAttempt (v: Verification, attempt: FaceAttempt, ctx: FlowContext): Verification {
  assertOpen(v, ctx.now)
  if (v.outcome.next !== 'face') throw new ApiError('VERIFICATION_FINISHED', 'No face attempt is left to play.')
  return withAttempts(v, v.ocrAttempts, [...v.faceAttempts, attempt], v.document, ctx)
}

/** The user leaves: the session ends with what was played so far. */
export function giveUp (v: Verification, ctx: FlowContext): Verification {
  assertOpen(v, ctx.now)
  return { ...v, finished: true, armed: null, updatedAt: touched(v, ctx.now) }
}

/** The link expires now; nothing else in the record changes. */
export function expireNow (v: Verification, now: number): Verification {
  return { ...v, expireAt: now, updatedAt: touched(v, now), armed: null }
}

/**
 * updated_at of a change made at `now`: never before the last change (nor created_at), even when
 * the sandbox clock was moved back in between.
 */
function touched (v: Verification, now: number): number {
  return Math.max(v.updatedAt, now)
}

/** A 422 naming every problem; thrown before anything is saved, so nothing is applied. */
function refuseIfAny (problems: readonly Problem[]): void {
  if (problems.length === 0) return
  const errors: FieldErrors = {}
  for (const p of problems) (errors[p.field] ??= []).push(p.message)
  throw validationError(errors)
}

function assertOpen (v: Verification, now: number): void {
  if (v.finished) throw new ApiError('VERIFICATION_FINISHED')
  if (isExpired(v, now)) throw new ApiError('VERIFICATION_EXPIRED')
}

function withAttempts (v: Verification, ocr: OcrAttempt[], face: FaceAttempt[], document: Document | null, ctx: FlowContext): Verification {
  const sessionSeed = `${ctx.seed ?? ''}:${v.token}`
  const identity = generateIdentity({
    seed: sessionSeed,
    idType: v.idType,
    country: v.idCountry,
    cardType: document?.card_type,
    passportExpired: document?.passport_expired,
    now: v.createdAt
  })
  const outcome = resolveAttempts(ocr, face, {
    type: v.type,
    threshold: ctx.threshold,
    ocrResult: (warnCardInfos, index) => buildOcrResult(identity, { warnCardInfos, requestId: seededUuid(`${sessionSeed}:ocr:${index}`) }),
    requestId: (step, index) => seededUuid(`${sessionSeed}:${step}:${index}`)
  })
  return {
    ...v,
    ocrAttempts: ocr.slice(0, outcome.ocrAttempts),
    faceAttempts: face.slice(0, outcome.faceAttempts),
    document,
    outcome,
    finished: v.finished || outcome.next === 'done',
    updatedAt: touched(v, ctx.now)
  }
}

/** Where the user goes back to: the session's own redirect_url with is_success set, query and fragment kept. */
export function redirectTarget (v: Verification, isSuccess: 0 | 1): string {
  const url = new URL(v.redirectUrl)
  url.searchParams.set('is_success', String(isSuccess))
  return url.href
}

/** The is_success the way back carries: the recorded one, or 0 for a link that expired first. */
export function returnIsSuccess (v: Verification, now: number): 0 | 1 {
  return v.finished ? v.outcome.isSuccess : (isExpired(v, now) ? 0 : v.outcome.isSuccess)
}

