import { describeFaceCode, type FaceCode } from './face-codes.js'
import { isOcrWarning, type OcrOutcome } from './ocr-codes.js'

// Retry limits of the real service: 2 OCR retries and 1 face retry.
export const MAX_OCR_ATTEMPTS = 3
export const MAX_FACE_ATTEMPTS = 2

// Similarity used when an attempt does not say: a clear pass, a clear miss, or nothing measured.
export const DEFAULT_SUCCESS_SIM = 95
export const DEFAULT_LOW_SIM = 45

export type VerificationType = '00' | '01'

/** One OCR attempt as played: a code, or several card warnings from one photo (resolved per document kind). */
export interface OcrAttempt { code: OcrOutcome }
export interface FaceAttempt { code: FaceCode, sim?: number }

export interface AttemptContext {
  type: VerificationType
  /** Lowest similarity that counts as the same person (FACE_PASS_THRESHOLD). */
  threshold: number
  /** The engine's OCR result for attempt `index`, carrying these card warnings. */
  ocrResult: (warnCardInfos: number[], index: number) => Record<string, unknown>
  /** The engine's RequestId for attempt `index` of a step. */
  requestId: (step: 'ocr' | 'face', index: number) => string
}

/** The record fields that follow from the attempts played so far, and what the user may do next. */
export interface Outcome {
  ocrSuccess: 0 | 1
  ocrResult: Record<string, unknown> | null
  ocrCharged: 0 | 1
  faceIdSuccess: 0 | 1
  faceIdResult: Record<string, unknown> | null
  faceIdCharged: 0 | 1
  isSuccess: 0 | 1
  latestError: string | null
  retries: number
  faceRetries: number
  ocrAttempts: number
  faceAttempts: number
  next: 'ocr' | 'face' | 'done'
}

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0)

/**
 * Plays the attempts in order, as the hosted flow would, and derives the record fields.
 * Attempts that could not happen (after a pass, past the retry caps, face attempts before the
 * document passed, face attempts on an OCR-only session) are not played.
 */
export function resolveAttempts (ocr: readonly OcrAttempt[], face: readonly FaceAttempt[], ctx: AttemptContext): Outcome {
  let ocrSuccess = false
  let ocrResult: Record<string, unknown> | null = null
  let latestError: string | null = null
  let ocrPlayed = 0
  for (const attempt of ocr) {
    if (ocrSuccess || ocrPlayed === MAX_OCR_ATTEMPTS) break
    const index = ocrPlayed++
    if (attempt.code === 'Success') {
      ocrSuccess = true
      ocrResult = ctx.ocrResult([], index)
    } else if (Array.isArray(attempt.code) || isOcrWarning(attempt.code)) {
      // Every warning the photo carries is reported; latest_error names the first.
      const warnings = Array.isArray(attempt.code) ? attempt.code : [attempt.code]
      ocrResult = ctx.ocrResult(warnings.map(code => -Number(code)), index)
      latestError = warnings[0]
    } else {
      // An engine failure returns no result; the last result the engine did return stays.
      latestError = attempt.code
    }
  }

  let faceSuccess = false
  let faceResult: Record<string, unknown> | null = null
  let facePlayed = 0
  const faceAllowed = ocrSuccess && ctx.type === '00'
  for (const attempt of faceAllowed ? face : []) {
    if (faceSuccess || facePlayed === MAX_FACE_ATTEMPTS) break
    const index = facePlayed++
    const result = faceOutcome(attempt, ctx.threshold)
    faceResult = {
      Sim: result.sim,
      Result: result.code,
      RequestId: ctx.requestId('face', index),
      Description: describeFaceCode(result.code),
      BestFrameList: [],
      BestFrameBase64: ''
    }
    if (result.code === 'Success') faceSuccess = true
    else latestError = result.code
  }

  return {
    ocrSuccess: flag(ocrSuccess),
    ocrResult,
    ocrCharged: flag(ocrPlayed > 0),
    faceIdSuccess: flag(faceSuccess),
    faceIdResult: faceResult,
    faceIdCharged: flag(facePlayed > 0),
    isSuccess: flag(ocrSuccess && (ctx.type === '01' || faceSuccess)),
    latestError,
    retries: Math.max(0, ocrPlayed - 1),
    faceRetries: Math.max(0, facePlayed - 1),
    ocrAttempts: ocrPlayed,
    faceAttempts: facePlayed,
    next: nextStep(ctx.type, ocrSuccess, ocrPlayed, faceSuccess, facePlayed)
  }
}

function nextStep (type: VerificationType, ocrSuccess: boolean, ocrPlayed: number, faceSuccess: boolean, facePlayed: number): Outcome['next'] {
  if (!ocrSuccess) return ocrPlayed < MAX_OCR_ATTEMPTS ? 'ocr' : 'done'
  if (type === '01' || faceSuccess) return 'done'
  return facePlayed < MAX_FACE_ATTEMPTS ? 'face' : 'done'
}

/** The engine's verdict for one face attempt: a pass below the threshold is a low-similarity failure. */
export function faceOutcome (attempt: FaceAttempt, threshold: number): { code: FaceCode, sim: number } {
  const sim = round2(attempt.sim ?? defaultSim(attempt.code, threshold))
  if (attempt.code === 'Success' && sim < threshold) return { code: 'FailedOperation.CompareLowSimilarity', sim }
  return { code: attempt.code, sim }
}

function defaultSim (code: FaceCode, threshold: number): number {
  if (code === 'Success') return Math.max(DEFAULT_SUCCESS_SIM, threshold)
  if (code === 'FailedOperation.CompareLowSimilarity') return Math.min(DEFAULT_LOW_SIM, threshold)
  return 0
}

function round2 (value: number): number {
  return Math.round(value * 100) / 100
}
