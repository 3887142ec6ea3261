import type { IdType } from './documents.js'

// OCR outcomes. Card warnings fail an attempt and are reported negated in `WarnCardInfos`; both OCR
// engines document the same warnings. Engine failures fail an attempt with no result at all, and
// each engine has its own list (the engine SDK's per-API error lists, see README "Fidelity notes").
export const OCR_WARNINGS = {
  '9101': 'Document covered or border incomplete',
  '9102': 'Photocopy',
  '9103': 'Photographed from a screen',
  '9104': 'Edited (Photoshop)',
  '9107': 'Reflection or glare',
  '9108': 'Blurry'
} as const

/** The card OCR (MLIDCardOCR) reads ID_CARD sessions, the passport OCR (MLIDPassportOCR) PASSPORT ones. */
export const ENGINE_NAMES: Record<IdType, string> = { ID_CARD: 'card OCR (MLIDCardOCR)', PASSPORT: 'passport OCR (MLIDPassportOCR)' }

const BOTH: readonly IdType[] = ['ID_CARD', 'PASSPORT']
const CARD: readonly IdType[] = ['ID_CARD']
const PASSPORT: readonly IdType[] = ['PASSPORT']

interface EngineFailure {
  /** The engine's own description (its SDK error list). */
  description: string
  /** The document kinds whose engine lists this code. */
  kinds: readonly IdType[]
  /** MasChain's error-code page lists it; the others are engine codes MasChain does not list. */
  listedByMasChain: boolean
}

export const OCR_ENGINE_FAILURES = {
  'FailedOperation.NoMASIDCard': { description: 'The image does not contain a Malaysian ID card.', kinds: CARD, listedByMasChain: true },
  'FailedOperation.ImageNoSpecifiedCard': { description: 'Image is not of the specified card category.', kinds: CARD, listedByMasChain: true },
  'FailedOperation.NoPassport': { description: 'Not a passport.', kinds: PASSPORT, listedByMasChain: true },
  'FailedOperation.InconsistencyBetweenMRZAndVRZ': { description: 'The information in the visual zone does not match that in the machine-readable zone.', kinds: PASSPORT, listedByMasChain: true },
  'FailedOperation.ImageDecodeFailed': { description: 'Image decoding failed.', kinds: BOTH, listedByMasChain: true },
  'FailedOperation.OcrFailed': { description: 'OCR recognition failed.', kinds: BOTH, listedByMasChain: true },
  'LimitExceeded.TooLargeFileError': { description: 'File content too large.', kinds: BOTH, listedByMasChain: true },
  'FailedOperation.UnKnowError': { description: 'Unknown error.', kinds: BOTH, listedByMasChain: true },
  // Listed by the engines' SDKs for MLIDCardOCR / MLIDPassportOCR, not by MasChain.
  'FailedOperation.DownLoadError': { description: 'File download failed.', kinds: BOTH, listedByMasChain: false },
  'FailedOperation.UnOpenError': { description: 'The service has not been activated.', kinds: BOTH, listedByMasChain: false },
  'FailedOperation.WarningServiceFailed': { description: 'General warning service exception', kinds: BOTH, listedByMasChain: false },
  'InvalidParameterValue.InvalidParameterValueLimit': { description: 'Incorrect parameter value.', kinds: BOTH, listedByMasChain: false },
  'ResourceUnavailable.ResourcePackageRunOut': { description: 'The resource package has been exhausted.', kinds: BOTH, listedByMasChain: false },
  'ResourcesSoldOut.ChargeStatusException': { description: 'The billing status is abnormal.', kinds: BOTH, listedByMasChain: false },
  'InvalidParameter.EngineImageDecodeFailed': { description: 'Image decoding failed.', kinds: CARD, listedByMasChain: false },
  'FailedOperation.FieldException': { description: 'The field value does not meet expectations.', kinds: PASSPORT, listedByMasChain: false },
  'ResourceUnavailable.InArrears': { description: 'The account has insufficient balance.', kinds: PASSPORT, listedByMasChain: false }
} as const satisfies Record<string, EngineFailure>

export type OcrWarningCode = keyof typeof OCR_WARNINGS
export type OcrEngineFailureCode = keyof typeof OCR_ENGINE_FAILURES
export type OcrCode = 'Success' | OcrWarningCode | OcrEngineFailureCode
/** What one OCR attempt returns: one code, or several card warnings read from one photo. */
export type OcrOutcome = OcrCode | OcrWarningCode[]

export const OCR_WARNING_CODES = Object.keys(OCR_WARNINGS) as OcrWarningCode[]
export const OCR_CODES = ['Success', ...OCR_WARNING_CODES, ...Object.keys(OCR_ENGINE_FAILURES)] as OcrCode[]

export function isOcrWarning (code: string): code is OcrWarningCode {
  return Object.hasOwn(OCR_WARNINGS, code)
}

export function isOcrCode (code: string): code is OcrCode {
  return (OCR_CODES as string[]).includes(code)
}

/** The engine failures one engine lists, MasChain's first: what the page offers for that kind. */
export function engineFailuresFor (kind: IdType, listedByMasChain: boolean): OcrEngineFailureCode[] {
  return (Object.entries(OCR_ENGINE_FAILURES) as Array<[OcrEngineFailureCode, EngineFailure]>)
    .filter(([, f]) => f.kinds.includes(kind) && f.listedByMasChain === listedByMasChain)
    .map(([code]) => code)
}

/** Null when the engine of this document kind can return the code; else why not, naming both. */
export function foreignCodeProblem (code: OcrCode, kind: IdType): string | null {
  if (code === 'Success' || isOcrWarning(code)) return null
  const kinds: readonly IdType[] = OCR_ENGINE_FAILURES[code].kinds
  if (kinds.includes(kind)) return null
  return `${code} comes from the ${ENGINE_NAMES[kinds[0]]} only; this ${kind} session is read by the ${ENGINE_NAMES[kind]}.`
}

/** Problems with a list of card warnings: it needs at least one, each once. */
export function warningListProblem (codes: readonly string[]): string | null {
  if (codes.length === 0) return 'a list of card warnings needs at least one code.'
  const seen = new Set<string>()
  for (const code of codes) {
    if (!isOcrWarning(code)) return `"${code}" is not a card warning (${OCR_WARNING_CODES.join(', ')}); only warnings can be listed together.`
    if (seen.has(code)) return `the card warning ${code} is listed twice.`
    seen.add(code)
  }
  return null
}

/** The codes one outcome carries, a single code as a list of one. */
export function outcomeCodes (outcome: OcrOutcome): OcrCode[] {
  return Array.isArray(outcome) ? outcome : [outcome]
}

/** The outcome as the page and the journal show it: `9102 + 9108` for several warnings. */
export function outcomeLabel (outcome: OcrOutcome): string {
  return outcomeCodes(outcome).join(' + ')
}

export function describeOcrCode (code: OcrCode): string {
  if (code === 'Success') return 'Success'
  return isOcrWarning(code) ? OCR_WARNINGS[code] : OCR_ENGINE_FAILURES[code].description
}

export function describeOcrOutcome (outcome: OcrOutcome): string {
  return outcomeCodes(outcome).map(describeOcrCode).join('; ')
}
