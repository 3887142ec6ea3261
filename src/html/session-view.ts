import { faceOutcome, MAX_FACE_ATTEMPTS, MAX_OCR_ATTEMPTS } from '../domain/attempts.js'
import { toTimestamp } from '../domain/clock.js'
import { describeFaceCode } from '../domain/face-codes.js'
import { describeOcrOutcome, outcomeLabel } from '../domain/ocr-codes.js'
import { isExpired, type Verification } from '../domain/verification.js'

export interface AttemptView {
  step: 'ocr' | 'face'
  /** 1-based, within its step */
  number: number
  code: string
  description: string
  sim: number | null
  passed: boolean
}

/** What the page shows about a session: plain data, so the templates stay pure and small. */
export interface SessionView {
  token: string
  type: Verification['type']
  idType: Verification['idType']
  idCountry: string
  redirectUrl: string
  secondsLeft: number
  /** How long ago the link expired (0 while it has not). */
  secondsSinceExpiry: number
  expireAt: string
  expired: boolean
  finished: boolean
  started: boolean
  next: Verification['outcome']['next']
  isSuccess: 0 | 1
  latestError: string | null
  ocrRetriesLeft: number
  faceRetriesLeft: number
  attempts: AttemptView[]
  /** Which state a form was rendered for: a stale (double) submit is recognised and ignored. */
  stamp: string
  threshold: number
  returnUrl: string
}

export const MAX_OCR_RETRIES = MAX_OCR_ATTEMPTS - 1
export const MAX_FACE_RETRIES = MAX_FACE_ATTEMPTS - 1

export function stateStamp (v: Verification): string {
  return `${v.ocrAttempts.length}-${v.faceAttempts.length}`
}

/** The page itself, relative to itself, so it also works behind a proxy that adds a path prefix. */
export function pageHref (token: string): string {
  return `?token=${encodeURIComponent(token)}`
}

export function toSessionView (v: Verification, now: number, threshold: number, returnUrl: string): SessionView {
  const ocr: AttemptView[] = v.ocrAttempts.map((a, i) => ({
    step: 'ocr', number: i + 1, code: outcomeLabel(a.code), description: describeOcrOutcome(a.code), sim: null, passed: a.code === 'Success'
  }))
  const face: AttemptView[] = v.faceAttempts.map((a, i) => {
    const result = faceOutcome(a, threshold)
    return { step: 'face', number: i + 1, code: result.code, description: describeFaceCode(result.code), sim: result.sim, passed: result.code === 'Success' }
  })
  return {
    token: v.token,
    type: v.type,
    idType: v.idType,
    idCountry: v.idCountry,
    // As the browser will follow it: `http://evil.example\@shop.example/` goes to evil.example.
    redirectUrl: new URL(v.redirectUrl).href,
    secondsLeft: Math.max(0, Math.floor((v.expireAt - now) / 1000)),
    secondsSinceExpiry: Math.max(0, Math.floor((now - v.expireAt) / 1000)),
    expireAt: toTimestamp(v.expireAt),
    expired: isExpired(v, now),
    finished: v.finished,
    started: v.ocrAttempts.length > 0,
    next: v.outcome.next,
    isSuccess: v.outcome.isSuccess,
    latestError: v.outcome.latestError,
    ocrRetriesLeft: Math.min(MAX_OCR_RETRIES, MAX_OCR_ATTEMPTS - v.ocrAttempts.length),
    faceRetriesLeft: Math.min(MAX_FACE_RETRIES, MAX_FACE_ATTEMPTS - v.faceAttempts.length),
    attempts: [...ocr, ...face],
    stamp: stateStamp(v),
    threshold,
    returnUrl
  }
}
