// The shapes of a fake identity. Identities are plain JSON data (no Dates, no classes) so a session
// can store one, a page can show one and a test can deep-compare two.

export type CardType = 'MyKad' | 'MyPR' | 'MyTentera' | 'MyKAS' | 'POLIS' | 'IKAD' | 'MyKid'

/** Every Malaysian card the engine reads, in the reference's order. */
export const CARD_TYPES: readonly CardType[] = Object.freeze(['MyKad', 'MyPR', 'MyTentera', 'MyKAS', 'POLIS', 'IKAD', 'MyKid'])

export interface IdentityRequest {
  /** e.g. `${SANDBOX_SEED}:${token}`; same seed (and same request) => same identity, byte for byte */
  seed: string
  idType: 'ID_CARD' | 'PASSPORT'
  /** alpha-3; ID_CARD is always 'MYS' */
  country: string
  /** ID_CARD only; default 'MyKad' */
  cardType?: CardType
  /** PASSPORT only; default false: expiry after `now` */
  passportExpired?: boolean
  /** epoch ms of the sandbox clock; ages, issue and expiry dates are relative to it */
  now: number
}

export type Sex = 'M' | 'F'
export type Ethnicity = 'MALAY' | 'CHINESE' | 'INDIAN'

/** A calendar date as `YYYY-MM-DD` (UTC); each output format is derived from it. */
export type IsoDate = string

export interface MalaysianAddress {
  /** the lines as printed on the card, last two being `<postcode> <town>` and the state label */
  lines: string[]
  postcode: string
  town: string
  /** state name as in fixtures/identity/malaysian-states.json */
  state: string
}

export interface IdCardIdentity {
  idType: 'ID_CARD'
  country: 'MYS'
  cardType: CardType
  ethnicity: Ethnicity
  /** upper case, as printed */
  name: string
  sex: Sex
  birthDate: IsoDate
  /** state of birth; its place-of-birth code is `idNumber`'s middle part */
  birthState: string
  /** `YYMMDD-PB-###G` */
  idNumber: string
  address: MalaysianAddress
}

export interface PassportIdentity {
  idType: 'PASSPORT'
  /** alpha-3 issuing state; also the nationality */
  country: string
  documentNumber: string
  /** visual-zone spelling (may hold `'`, `-` or `/`); the MRZ carries the transliteration */
  surname: string
  /** visual-zone spelling; '' when the passport prints one name field (MYS) */
  givenNames: string
  sex: Sex
  birthDate: IsoDate
  issueDate: IsoDate
  expiryDate: IsoDate
  /** the MRZ's optional personal number ('' when none) */
  personalNumber: string
  /** ICAO 9303 TD3 lines, 44 characters each */
  mrz: { line1: string, line2: string }
}

/** Discriminated by `idType`. */
export type Identity = IdCardIdentity | PassportIdentity
