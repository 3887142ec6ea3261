import { Type, type Static } from 'typebox'
import { FACE_CODE_LIST } from '../domain/face-codes.js'
import { OCR_CODES, OCR_WARNING_CODES } from '../domain/ocr-codes.js'
import { CARD_TYPES } from '../domain/identity/types.js'
import { MAX_FACE_ATTEMPTS, MAX_OCR_ATTEMPTS } from '../domain/attempts.js'

/** The card types a scenario may ask the OCR to read (the identity generator's list). */
export const CARD_TYPE_VALUES = CARD_TYPES
export const SCENARIO_GROUPS = ['passes', 'document', 'face', 'other'] as const

/** One outcome for one engine: a code, or several card warnings read from one photo. */
const OcrOutcomeSchema = Type.Union([
  Type.Enum(OCR_CODES, { description: '`Success`, a card warning (`9101`..`9108`) or an engine failure code of the engine reading the session\'s document' }),
  Type.Array(Type.Enum(OCR_WARNING_CODES), {
    maxItems: OCR_WARNING_CODES.length,
    description: 'Several card warnings in one photo, e.g. `["9102", "9108"]`: `WarnCardInfos` lists them all, `latest_error` is the first; at least one, each once'
  })
])

/** An OCR attempt as played on a session of a known kind (the control plane's view of a session). */
export const PlayedOcrAttemptSchema = Type.Object({
  code: OcrOutcomeSchema
}, { additionalProperties: false })

export const OcrAttemptSchema = Type.Object({
  code: Type.Union([
    OcrOutcomeSchema,
    Type.Object({
      ID_CARD: OcrOutcomeSchema,
      PASSPORT: OcrOutcomeSchema
    }, {
      additionalProperties: false,
      description: 'A code per document kind, for a scenario that fits both: each engine returns its own failure (e.g. `{"ID_CARD": "FailedOperation.ImageNoSpecifiedCard", "PASSPORT": "FailedOperation.NoPassport"}`)'
    })
  ])
}, { additionalProperties: false })

export const FaceAttemptSchema = Type.Object({
  code: Type.Enum(FACE_CODE_LIST, { description: '`Success`, one of the 48 face codes MasChain lists, or a code the face engine documents beyond them' }),
  sim: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Similarity 0..100; `Success` under FACE_PASS_THRESHOLD becomes `FailedOperation.CompareLowSimilarity`' }))
}, { additionalProperties: false })

const outcomeProperties = {
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  type: Type.Optional(Type.Enum(['00', '01'], { description: 'The scenario applies only to sessions of this type (`01`: OCR only)' })),
  document: Type.Optional(Type.Object({
    id_type: Type.Optional(Type.Enum(['ID_CARD', 'PASSPORT'], { description: 'The scenario applies only to sessions of this document kind' })),
    card_type: Type.Optional(Type.Enum([...CARD_TYPES], { description: 'Card type the OCR reads (ID_CARD sessions)' })),
    passport_expired: Type.Optional(Type.Boolean({ description: 'The passport read has an expiry date in the past' }))
  }, { additionalProperties: false })),
  ocr: Type.Optional(Type.Object({
    attempts: Type.Array(OcrAttemptSchema, { maxItems: MAX_OCR_ATTEMPTS })
  }, { additionalProperties: false })),
  face: Type.Optional(Type.Object({
    attempts: Type.Array(FaceAttemptSchema, { maxItems: MAX_FACE_ATTEMPTS })
  }, { additionalProperties: false })),
  expire: Type.Optional(Type.Boolean({ description: 'The link expires before the user finishes: no attempt is played' }))
}

/** An inline scenario of the control plane: what happens, with no name needed. */
export const ScenarioBodySchema = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 80 })),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  group: Type.Optional(Type.Enum([...SCENARIO_GROUPS])),
  ...outcomeProperties
}, { additionalProperties: false })

/** A file in scenarios/: its name equals the file name. */
export const ScenarioFileSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  group: Type.Enum([...SCENARIO_GROUPS]),
  ...outcomeProperties
}, { additionalProperties: false })

export type ScenarioBody = Static<typeof ScenarioBodySchema>
export type ScenarioGroup = typeof SCENARIO_GROUPS[number]

/** A scenario as the catalogue holds it: files always have a name, a title and a group. */
export type Scenario = Static<typeof ScenarioFileSchema>
