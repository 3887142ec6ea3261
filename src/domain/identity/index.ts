// Fake identities and the OCR engine results built from them: pure, seeded, deterministic.
export { CARD_TYPES } from './types.js'
export type { CardType, Ethnicity, IdCardIdentity, Identity, IdentityRequest, IsoDate, MalaysianAddress, PassportIdentity, Sex } from './types.js'
export { PASSPORT_COUNTRIES, mrzCountryCode } from './passport-countries.js'
export { generateIdentity } from './generate.js'
export { buildOcrResult, type OcrResultOptions } from './ocr-result.js'
export { seededUuid } from './seeded-uuid.js'
export { orderKeys } from './json-order.js'
