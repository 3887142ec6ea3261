import t from 'tap'
import { checkDigit, mrzName, mrzNameField, td3, type Td3Input } from '../../../src/domain/identity/mrz.js'
import { buildOcrResult, CARD_TYPES, generateIdentity, mrzCountryCode, orderKeys, type PassportIdentity } from '../../../src/domain/identity/index.js'
import { addYears, dayBetween } from '../../../src/domain/identity/dates.js'
import { seededFaker } from '../../../src/domain/identity/seeded-faker.js'

// The passport MRZ against the ICAO 9303 specimen, the OCR result's fixed fields, the MySQL key
// order, and what generateIdentity refuses.

const NOW = Date.parse('2025-02-01T13:56:47Z')
const SPECIMEN: Td3Input = {
  issuingState: 'UTO', nationality: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
  birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', personalNumber: 'ZE184226B'
}

t.test('td3 writes the ICAO 9303 part 4 specimen passport exactly', async t => {
  t.strictSame(td3(SPECIMEN), {
    line1: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
    line2: 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'
  })
  t.equal(td3({ ...SPECIMEN, personalNumber: '' }).line2, 'L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8',
    'an empty personal number takes < as its check digit')
  t.equal(td3({ ...SPECIMEN, givenNames: '' }).line1, 'P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'one name field')
})

t.test('check digits: 7-3-1 weights, letters from 10, fillers 0; anything else is refused', async t => {
  t.equal(checkDigit('L898902C3'), '6')
  t.equal(checkDigit('740812'), '2')
  t.equal(checkDigit('120415'), '9')
  t.equal(checkDigit('<<<<<<<<<'), '0')
  t.throws(() => checkDigit('l898902c3'), { name: 'RangeError', message: "'l' cannot appear in an MRZ" })
  t.throws(() => checkDigit('A-1'), { name: 'RangeError', message: "'-' cannot appear in an MRZ" })
})

t.test('names in the MRZ: apostrophes dropped, each run of separators one filler, none at the ends', async t => {
  t.equal(mrzName("o'neil"), 'ONEIL')
  t.equal(mrzName('  jean-paul  de la  cruz--'), 'JEAN<PAUL<DE<LA<CRUZ')
  t.equal(mrzName('-ANNA'), 'ANNA')
  t.equal(mrzName('ANNA MARIA'), 'ANNA<MARIA')
  t.equal(mrzNameField('AHMAD BIN ALI', ''), 'AHMAD<BIN<ALI', 'a single name field has no << after it')
  t.equal(mrzNameField('ERIKSSON', 'ANNA MARIA'), 'ERIKSSON<<ANNA<MARIA')
  t.equal(mrzNameField('A'.repeat(39), ''), 'A'.repeat(39), '39 characters fit')
  t.equal(mrzNameField('A'.repeat(40), ''), null, '40 do not')
  t.equal(mrzNameField('A'.repeat(18), 'B'.repeat(19)), `${'A'.repeat(18)}<<${'B'.repeat(19)}`)
  t.equal(mrzNameField('A'.repeat(18), 'B'.repeat(20)), null)
})

t.test('td3 refuses what an MRZ cannot hold', async t => {
  t.throws(() => td3({ ...SPECIMEN, surname: 'A'.repeat(30), givenNames: 'B'.repeat(10) }), { name: 'RangeError', message: `name too long for an MRZ: ${'A'.repeat(30)} / ${'B'.repeat(10)}` })
  for (const documentNumber of ['', 'L898902C3X', '-L898902', 'L898902-', 'l898902c3']) {
    t.throws(() => td3({ ...SPECIMEN, documentNumber }), { name: 'RangeError', message: `document number must be 1-9 of A-Z 0-9: ${documentNumber}` }, JSON.stringify(documentNumber))
  }
  for (const personalNumber of ['ZE184226B123456', '-ZE184226B', 'ZE184226B-', 'ze184226b']) {
    t.throws(() => td3({ ...SPECIMEN, personalNumber }), { name: 'RangeError', message: `personal number must be 0-14 of A-Z 0-9: ${personalNumber}` }, personalNumber)
  }
  t.equal(td3({ ...SPECIMEN, documentNumber: 'A' }).line2.slice(0, 10), 'A<<<<<<<<0', 'one character is a number')
  t.equal(td3({ ...SPECIMEN, personalNumber: 'ZE184226B12345' }).line2.slice(28, 43), 'ZE184226B123450', '14 characters fit')
})

t.test('the MRZ country code: D for Germany, alpha-3 for every other country', async t => {
  t.equal(mrzCountryCode('DEU'), 'D')
  t.equal(mrzCountryCode('GBR'), 'GBR')
  const gbr = generateIdentity({ seed: 's', idType: 'PASSPORT', country: 'GBR', now: NOW }) as PassportIdentity
  t.equal(gbr.mrz.line1.slice(0, 5), 'P<GBR')
  t.equal(gbr.mrz.line2.slice(10, 13), 'GBR')
  const deu = generateIdentity({ seed: 's', idType: 'PASSPORT', country: 'DEU', now: NOW }) as PassportIdentity
  t.equal(deu.mrz.line1.slice(0, 5), 'P<D<<')
})

t.test('a passport\'s OCR result: Type P, empty blobs, its own warnings', async t => {
  const identity = generateIdentity({ seed: 's', idType: 'PASSPORT', country: 'GBR', now: NOW })
  const clean = buildOcrResult(identity, { warnCardInfos: [], requestId: 'r' })
  t.matchStrict(clean, { Type: 'P', Image: '', AdvancedInfo: '', RequestId: 'r', IsComplete: true })
  t.strictSame([clean.Warn, clean.WarnCardInfos], [[], []], 'Warn (deprecated) and WarnCardInfos empty')
  t.strictSame(buildOcrResult(identity, { warnCardInfos: [-9102, -9108], requestId: 'r' }).WarnCardInfos, [-9102, -9108])
  for (const code of [0, 9108, -9108.5, Number.NaN]) {
    t.throws(() => buildOcrResult(identity, { warnCardInfos: [code], requestId: 'r' }), { name: 'RangeError', message: `warnCardInfos are negative integers, got ${code}` }, String(code))
  }
})

t.test('keys in MySQL JSON order: by length, then byte-wise, nested objects and arrays too', async t => {
  const ordered = orderKeys({ Name: 1, ID: 2, Zz: { bb: null, a: [{ yy: 1, x: 'v' }, 3, null] }, Ab: true, ÄB: 0 })
  t.strictSame(JSON.stringify(ordered), '{"Ab":true,"ID":2,"Zz":{"a":[{"x":"v","yy":1},3,null],"bb":null},"ÄB":0,"Name":1}')
  t.equal(orderKeys(null), null)
  t.equal(orderKeys('text'), 'text')
  t.strictSame(orderKeys([2, 1]), [2, 1], 'arrays keep their order')
})

t.test('generateIdentity refuses requests it cannot fulfil, naming the value', async t => {
  t.throws(() => generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'MYS', now: Number.NaN }), { name: 'RangeError', message: 'now must be epoch milliseconds, got NaN' })
  t.throws(() => generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'MYS', now: Infinity }), { name: 'RangeError', message: 'now must be epoch milliseconds, got Infinity' })
  t.throws(() => generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'GBR', now: NOW }), { name: 'RangeError', message: 'ID_CARD is only for MYS, got GBR' })
  t.throws(() => generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'MYS', cardType: 'MyCard' as never, now: NOW }), { name: 'RangeError', message: 'unknown card type MyCard' })
  t.throws(() => generateIdentity({ seed: 's', idType: 'VISA' as never, country: 'MYS', now: NOW }), { name: 'RangeError', message: 'unknown idType VISA' })
  t.throws(() => generateIdentity({ seed: 's', idType: 'PASSPORT', country: 'FJI', now: NOW }), { name: 'RangeError', message: 'no passports for country FJI' })
})

t.test('identities say what they are; a passport is valid unless asked to be expired', async t => {
  t.equal(generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'MYS', now: NOW }).idType, 'ID_CARD')
  t.equal(generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'MYS', now: NOW }).country, 'MYS')
  for (let i = 0; i < 50; i++) {
    const p = generateIdentity({ seed: `d${i}`, idType: 'PASSPORT', country: 'GBR', now: NOW }) as PassportIdentity
    if (p.idType !== 'PASSPORT' || !(p.expiryDate > '2025-02-01')) t.fail(`seed d${i}: ${p.idType} expiring ${p.expiryDate}`)
  }
  t.pass('50 passports without passportExpired are valid')
})

t.test('the card types of the reference, in its order', async t => {
  t.strictSame([...CARD_TYPES], ['MyKad', 'MyPR', 'MyTentera', 'MyKAS', 'POLIS', 'IKAD', 'MyKid'])
})

t.test('calendar helpers: a one-day range gives that day, an empty one is refused, years keep four digits', async t => {
  const faker = seededFaker('dates', 'test')
  t.equal(dayBetween(faker, '2024-02-29', '2024-02-29'), '2024-02-29')
  t.throws(() => dayBetween(faker, '2024-03-01', '2024-02-29'), { name: 'RangeError', message: 'empty date range 2024-03-01..2024-02-29' })
  t.equal(addYears('1000-03-01', -1), '0999-03-01')
  t.equal(addYears('2024-02-29', 1), '2025-02-28')
})
