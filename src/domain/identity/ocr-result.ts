// The engine's OCR result for one attempt, as MasChain stores it in `ocr_result`.
import { ddmmyyyy, yyyymmdd } from './dates.js'
import { orderKeys } from './json-order.js'
import { mrzName } from './mrz.js'
import type { IdCardIdentity, Identity, PassportIdentity } from './types.js'

export interface OcrResultOptions {
  /** negated card warnings of this attempt, e.g. [-9108]; [] for a clean read */
  warnCardInfos: number[]
  requestId: string
}

export function buildOcrResult (identity: Identity, opts: OcrResultOptions): Record<string, unknown> {
  for (const code of opts.warnCardInfos) {
    if (!Number.isInteger(code) || code >= 0) throw new RangeError(`warnCardInfos are negative integers, got ${code}`)
  }
  return orderKeys(identity.idType === 'ID_CARD' ? idCardResult(identity, opts) : passportResult(identity, opts))
}

/** The engine fills Birthday "only for work permits (i-Kad) and ID cards (MyKad)"; other cards leave it empty. */
const CARDS_WITH_BIRTHDAY: ReadonlySet<string> = new Set(['MyKad', 'IKAD'])

/** Provinces a Chinese passport names as its place of issue, as printed (pinyin, upper case). */
const CHN_ISSUE_PLACES = ['BEIJING', 'SHANGHAI', 'GUANGDONG', 'JIANGSU', 'ZHEJIANG', 'SICHUAN', 'HUBEI', 'FUJIAN', 'SHANDONG', 'HENAN']
const CHN_ISSUING_AUTHORITY = 'NATIONAL IMMIGRATION ADMINISTRATION, PRC'

function idCardResult (p: IdCardIdentity, opts: OcrResultOptions): Record<string, unknown> {
  return {
    ID: p.idNumber,
    Sex: p.sex === 'M' ? 'LELAKI' : 'PEREMPUAN',
    Name: p.name,
    Type: p.cardType,
    Warn: [], // deprecated by the engine, always empty
    Image: '', // blobs are not stored
    Address: p.address.lines.join(' '),
    Birthday: CARDS_WITH_BIRTHDAY.has(p.cardType) ? ddmmyyyy(p.birthDate) : '',
    RequestId: opts.requestId,
    MyKadNumber: '', // the number from the back of the card: only a front is read
    AdvancedInfo: '',
    WarnCardInfos: [...opts.warnCardInfos]
  }
}

// The engine's top-level name fields are its reading of the MRZ (fillers as spaces, apostrophes gone),
// while PassportRecognizeInfos is the visual zone as printed. Dates are YYYYMMDD in both. Signature,
// IssuePlace and IssuingAuthority are read from Chinese passports only: empty for other countries.
function passportResult (p: PassportIdentity, opts: OcrResultOptions): Record<string, unknown> {
  const surname = mrzName(p.surname).replaceAll('<', ' ')
  const givenName = mrzName(p.givenNames).replaceAll('<', ' ')
  const chinese = p.country === 'CHN'
  // The place of issue follows from the document number, so a session shows one place every time.
  const issuePlace = chinese ? CHN_ISSUE_PLACES[Number(p.documentNumber.at(-1)) % CHN_ISSUE_PLACES.length] : ''
  return {
    ID: p.documentNumber,
    Name: joinName(surname, givenName),
    Surname: surname,
    GivenName: givenName,
    DateOfBirth: yyyymmdd(p.birthDate),
    DateOfExpiration: yyyymmdd(p.expiryDate),
    Sex: p.sex,
    IssuingCountry: p.country,
    Nationality: p.country,
    Type: 'P',
    CodeSet: p.mrz.line1,
    CodeCrc: p.mrz.line2,
    Warn: [],
    Image: '',
    AdvancedInfo: '',
    WarnCardInfos: [...opts.warnCardInfos],
    RequestId: opts.requestId,
    IsComplete: true, // the engine's current version: every field of the data page was read
    PassportRecognizeInfos: {
      Type: 'P',
      IssuingCountry: p.country,
      PassportID: p.documentNumber,
      Surname: p.surname,
      GivenName: p.givenNames,
      Name: joinName(p.surname, p.givenNames),
      Nationality: p.country,
      DateOfBirth: yyyymmdd(p.birthDate),
      Sex: p.sex,
      DateOfIssuance: yyyymmdd(p.issueDate),
      DateOfExpiration: yyyymmdd(p.expiryDate),
      Signature: chinese ? joinName(p.surname, p.givenNames) : '',
      IssuePlace: issuePlace,
      IssuingAuthority: chinese ? CHN_ISSUING_AUTHORITY : ''
    }
  }
}

function joinName (surname: string, givenName: string): string {
  return givenName === '' ? surname : `${surname} ${givenName}`
}
