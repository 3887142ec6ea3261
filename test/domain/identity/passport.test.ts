import t from 'tap'
import { parse } from 'mrz'
import { buildOcrResult, generateIdentity, mrzCountryCode, PASSPORT_COUNTRIES, type PassportIdentity } from '../../../src/domain/identity/index.js'
import { td3 } from '../../../src/domain/identity/mrz.js'
import { NOWS, passportFixture, today } from './fixtures/support.js'

const REFERENCE_ORDER = 'AUS, BGD, CAN, CHN, CUB, DEU, FRA, IND, IDN, IRN, ITA, JPN, KAZ, KOR, LAO, MYS, MNG, NLD, NZL, NGA, PAK, PHL, RUS, SAU, SGP, SYR, THA, UKR, GBR, USA, VNM, ZAF'
const SEEDS_PER_COUNTRY = 40

const cases = PASSPORT_COUNTRIES.flatMap(country => Array.from({ length: SEEDS_PER_COUNTRY }, (_, i) => {
  const passportExpired = i % 4 === 3
  const now = NOWS[i % NOWS.length]
  const identity = generateIdentity({ seed: `test-seed:${i}`, idType: 'PASSPORT', country, passportExpired, now }) as PassportIdentity
  const ocr = buildOcrResult(identity, { warnCardInfos: [], requestId: `req-${i}` }) as Record<string, any>
  return { label: `${country} seed ${i}${passportExpired ? ' expired' : ''}`, country, passportExpired, now, identity, ocr }
}))

t.test('the 32 countries of the reference, in its order, each with names in the fixture', async t => {
  t.equal(PASSPORT_COUNTRIES.join(', '), REFERENCE_ORDER)
  t.strictSame(Object.keys(passportFixture).sort(), [...PASSPORT_COUNTRIES].sort())
})

t.test('the MRZ parses and validates with the mrz package and agrees with every field', async t => {
  for (const { label, country, ocr } of cases) {
    t.equal(ocr.CodeSet.length, 44, `${label}: line 1 is 44 characters`)
    t.equal(ocr.CodeCrc.length, 44, `${label}: line 2 is 44 characters`)
    const result = parse([ocr.CodeSet, ocr.CodeCrc])
    t.equal(result.format, 'TD3', label)
    t.ok(result.valid, `${label}: valid MRZ ${ocr.CodeSet} / ${ocr.CodeCrc} ${JSON.stringify(result.details.filter(d => !d.valid))}`)
    const f = result.fields
    t.equal(f.documentCode, 'P', label)
    t.equal(f.documentNumber, ocr.ID, `${label}: number`)
    t.equal(f.birthDate, ocr.DateOfBirth.slice(2), `${label}: birth date`)
    t.equal(f.expirationDate, ocr.DateOfExpiration.slice(2), `${label}: expiry`)
    t.equal(f.sex, ocr.Sex === 'M' ? 'male' : 'female', `${label}: sex`)
    t.equal(f.issuingState, mrzCountryCode(ocr.IssuingCountry), `${label}: issuing state`)
    t.equal(f.nationality, mrzCountryCode(ocr.Nationality), `${label}: nationality`)
    t.equal(f.lastName, ocr.Surname, `${label}: surname`)
    t.equal(f.firstName, ocr.GivenName, `${label}: given name`)
    t.equal(ocr.IssuingCountry, country, label)
    t.equal(ocr.Nationality, country, label)
    t.equal(ocr.Name, [ocr.Surname, ocr.GivenName].filter(s => s !== '').join(' '), `${label}: Name`)
  }
})

t.test('Germany: D in the MRZ, DEU outside it', async t => {
  const de = cases.filter(c => c.country === 'DEU')
  t.ok(de.length > 0)
  for (const { label, ocr } of de) {
    t.matchStrict(ocr.CodeSet, /^P<D<</, label)
    t.equal(ocr.CodeCrc.slice(10, 13), 'D<<', label)
    t.equal(ocr.IssuingCountry, 'DEU', label)
  }
})

t.test('dates: 10-year validity, issued by today, expiry after today unless expired', async t => {
  for (const { label, passportExpired, now, ocr } of cases) {
    const day = today(now).replaceAll('-', '')
    const info = ocr.PassportRecognizeInfos
    if (passportExpired) t.ok(ocr.DateOfExpiration < day, `${label}: ${ocr.DateOfExpiration} before ${day}`)
    else t.ok(ocr.DateOfExpiration > day, `${label}: ${ocr.DateOfExpiration} after ${day}`)
    t.ok(info.DateOfIssuance <= day, `${label}: issued ${info.DateOfIssuance} by ${day}`)
    const tenYears = Number(ocr.DateOfExpiration.slice(0, 4)) - Number(info.DateOfIssuance.slice(0, 4))
    t.equal(tenYears, 10, `${label}: ${info.DateOfIssuance} -> ${ocr.DateOfExpiration}`)
    t.ok(ocr.DateOfBirth < info.DateOfIssuance, `${label}: born before issue`)
  }
})

t.test('the visual zone agrees with the MRZ reading', async t => {
  for (const { label, ocr } of cases) {
    const info = ocr.PassportRecognizeInfos
    t.matchStrict(info, { Type: 'P', PassportID: ocr.ID, DateOfBirth: ocr.DateOfBirth, DateOfExpiration: ocr.DateOfExpiration, Sex: ocr.Sex, IssuingCountry: ocr.IssuingCountry, Nationality: ocr.Nationality }, label)
    // The MRZ drops apostrophes and turns other separators into fillers (read back as spaces).
    const asMrz = (s: string): string => s.replaceAll("'", '').replace(/[^A-Z]+/g, ' ').trim()
    t.equal(asMrz(info.Surname), ocr.Surname, `${label}: ${info.Surname}`)
    t.equal(asMrz(info.GivenName), ocr.GivenName, `${label}: ${info.GivenName}`)
    t.matchStrict(ocr.DateOfBirth, /^\d{8}$/, label)
  }
})

t.test('names fit the country: drawn from its fixture, in feminine form where the language has one', async t => {
  for (const { label, country, identity } of cases) {
    const f = passportFixture[country]
    if (f.nameStyle === 'malaysian') {
      t.equal(identity.givenNames, '', `${label}: one name field`)
      t.matchStrict(identity.surname, identity.sex === 'M' ? / (BIN|A\/L) |^[A-Z ]+$/ : / (BINTI|A\/P) |^[A-Z ]+$/, label)
      continue
    }
    const surnames = identity.sex === 'F' && f.femaleSurnames !== undefined ? f.femaleSurnames : f.surnames
    t.ok(surnames.includes(identity.surname), `${label}: surname ${identity.surname}`)
    const given: string[] = identity.sex === 'M' ? f.male : f.female
    // Given names in the fixture may hold spaces ('JOHN PAUL'), so check the whole is a sequence of them.
    const pattern = new RegExp(`^(${given.map(g => g.replace(/[^A-Z ]/g, '.')).join('|')})( (${given.map(g => g.replace(/[^A-Z ]/g, '.')).join('|')}))?$`)
    t.matchStrict(identity.givenNames, pattern, `${label}: given ${identity.givenNames}`)
  }
})

t.test('a Malaysian passport carries the MyKad number as personal number', async t => {
  for (const { label, ocr, identity } of cases.filter(c => c.country === 'MYS')) {
    t.matchStrict(identity.personalNumber, /^\d{12}$/, label)
    t.equal(identity.personalNumber.slice(0, 6), ocr.DateOfBirth.slice(2), `${label}: birth date in the NRIC`)
    t.equal(Number(identity.personalNumber[11]) % 2 === 1, ocr.Sex === 'M', `${label}: NRIC sex digit`)
    t.equal(parse([ocr.CodeSet, ocr.CodeCrc]).fields.personalNumber, identity.personalNumber, label)
  }
})

t.test('the MRZ builder reproduces the ICAO 9303 specimen', async t => {
  const mrz = td3({
    issuingState: 'UTO', nationality: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
    birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', personalNumber: 'ZE184226B'
  })
  t.strictSame(mrz, { line1: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', line2: 'L898902C36UTO7408122F1204159ZE184226B<<<<<10' })
})

t.test('unsupported countries are refused', async t => {
  // The names of Object.prototype's members too: the fixture's plain object answers them.
  for (const country of ['BRA', 'constructor', 'toString']) {
    t.throws(() => generateIdentity({ seed: 's', idType: 'PASSPORT', country, now: NOWS[0] }), { name: 'RangeError', message: `no passports for country ${country}` }, country)
  }
})

t.test('Signature, IssuePlace and IssuingAuthority are read from Chinese passports only; IsComplete is true', async t => {
  for (const { label, country, ocr } of cases) {
    const info = ocr.PassportRecognizeInfos
    t.equal(ocr.IsComplete, true, label)
    if (country === 'CHN') {
      t.equal(info.Signature, info.Name, `${label}: the name as signed`)
      t.matchStrict(info.IssuePlace, /^[A-Z]+$/, label)
      t.equal(info.IssuingAuthority, 'NATIONAL IMMIGRATION ADMINISTRATION, PRC', label)
    } else {
      t.matchStrict(info, { Signature: '', IssuePlace: '', IssuingAuthority: '' }, `${label}: keys kept, empty`)
    }
  }
})
