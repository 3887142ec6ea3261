import t from 'tap'
import { buildOcrResult, CARD_TYPES, generateIdentity, type CardType, type IdCardIdentity } from '../../../src/domain/identity/index.js'
import { age, isRealDate, NOWS, statesFixture, today, townsFixture } from './fixtures/support.js'

// JPN's place-of-birth codes for the states, written out here independently of the fixture.
const OFFICIAL_PB: Record<string, string[]> = {
  JOHOR: ['01', '21', '22', '23', '24'], KEDAH: ['02', '25', '26', '27'], KELANTAN: ['03', '28', '29'], MELAKA: ['04', '30'],
  'NEGERI SEMBILAN': ['05', '31', '59'], PAHANG: ['06', '32', '33'], 'PULAU PINANG': ['07', '34', '35'],
  PERAK: ['08', '36', '37', '38', '39'], PERLIS: ['09', '40'], SELANGOR: ['10', '41', '42', '43', '44'],
  TERENGGANU: ['11', '45', '46'], SABAH: ['12', '47', '48', '49'], SARAWAK: ['13', '50', '51', '52', '53'],
  'WILAYAH PERSEKUTUAN KUALA LUMPUR': ['14', '54', '55', '56', '57'], 'WILAYAH PERSEKUTUAN LABUAN': ['15', '58'],
  'WILAYAH PERSEKUTUAN PUTRAJAYA': ['16']
}

const SEEDS = 300
const cases = Array.from({ length: SEEDS }, (_, i) => {
  const cardType: CardType = CARD_TYPES[i % CARD_TYPES.length]
  const now = NOWS[i % NOWS.length]
  const identity = generateIdentity({ seed: `test-seed:${i}`, idType: 'ID_CARD', country: 'MYS', cardType, now }) as IdCardIdentity
  const ocr = buildOcrResult(identity, { warnCardInfos: [], requestId: `req-${i}` }) as Record<string, any>
  return { i, cardType, now, identity, ocr }
})

t.test('the fixture agrees with the official place-of-birth table', async t => {
  t.strictSame(Object.fromEntries(statesFixture.map(s => [s.name, s.pbCodes])), OFFICIAL_PB)
})

t.test('per card type, the fields the engine fills: Birthday only on MyKad and i-Kad, empty but in its place on the others', async t => {
  const WITH_BIRTHDAY = ['MyKad', 'IKAD']
  for (const { i, cardType, ocr } of cases) {
    t.equal(ocr.Type, cardType, `seed ${i}`)
    if (WITH_BIRTHDAY.includes(cardType)) t.matchStrict(ocr.Birthday, /^\d{2}\/\d{2}\/\d{4}$/, `seed ${i}: ${cardType} has a Birthday`)
    else t.equal(ocr.Birthday, '', `seed ${i}: ${cardType} has no Birthday`)
    t.ok(Object.hasOwn(ocr, 'Birthday'), `seed ${i}: the key stays`)
    for (const filled of ['ID', 'Name', 'Sex', 'Address', 'RequestId']) t.not(ocr[filled], '', `seed ${i}: ${cardType} ${filled} filled`)
    t.matchStrict(ocr, { Warn: [], Image: '', MyKadNumber: '', AdvancedInfo: '' }, `seed ${i}: ${cardType} blobs and deprecated fields empty`)
  }
})

t.test('the MyKad number agrees with the birth date, Sex and a real state of birth', async t => {
  for (const { i, ocr, identity } of cases) {
    const id = /^(\d{2})(\d{2})(\d{2})-(\d{2})-(\d{3})(\d)$/.exec(ocr.ID)
    const [y, m, d] = identity.birthDate.split('-')
    const birthday = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ocr.Birthday === '' ? `${d}/${m}/${y}` : ocr.Birthday)
    if (id === null || birthday === null) { t.fail(`seed ${i}: bad ID ${ocr.ID} or Birthday ${ocr.Birthday}`); continue }
    const [, yy, mm, dd, pb, , g] = id
    const [, bd, bm, by] = birthday
    t.ok(isRealDate(Number(by), Number(bm), Number(bd)), `seed ${i}: Birthday ${ocr.Birthday} is a real date`)
    t.equal(`${yy}${mm}${dd}`, `${by.slice(2)}${bm}${bd}`, `seed ${i}: ID date = Birthday`)
    t.equal(ocr.Sex, Number(g) % 2 === 1 ? 'LELAKI' : 'PEREMPUAN', `seed ${i}: last digit parity = Sex`)
    t.ok(OFFICIAL_PB[identity.birthState]?.includes(pb), `seed ${i}: PB ${pb} belongs to ${identity.birthState}`)
    // The serial's lead digit tells the century of a two-digit year.
    t.equal(Number(by) < 2000, Number(id[5][0]) >= 5, `seed ${i}: serial lead digit matches the century`)
  }
})

t.test('ages fit the card: MyKid under 12, every other card 18 to 80', async t => {
  for (const { i, cardType, now, identity } of cases) {
    const years = age(identity.birthDate, today(now))
    if (cardType === 'MyKid') t.ok(years >= 0 && years < 12, `seed ${i}: MyKid age ${years}`)
    else t.ok(years >= 18 && years <= 80, `seed ${i}: ${cardType} age ${years}`)
  }
})

t.test('the address ends in a 5-digit postcode that delivers to its town, then the state', async t => {
  const labels = new Map(statesFixture.map(s => [s.name, s.addressLabel]))
  for (const { i, ocr } of cases) {
    t.matchStrict(ocr.Address, /^NO \d+ [A-Z]/, `seed ${i}: starts with a house number`)
    const town = townsFixture.find(tw => tw.postcodes.some(p => (ocr.Address as string).endsWith(` ${p} ${tw.town} ${labels.get(tw.state)}`)))
    t.ok(town, `seed ${i}: ${ocr.Address} ends with a fixture postcode + town + state`)
    t.notMatch(ocr.Address, /\s{2}|^\s|\s$/, `seed ${i}: lines joined by single spaces`)
  }
})

t.test('names are upper case and follow their naming custom', async t => {
  const seen = new Set<string>()
  for (const { i, ocr, identity } of cases) {
    seen.add(identity.ethnicity)
    t.matchStrict(ocr.Name, /^[A-Z]+(?: [A-Z/]+)+$/, `seed ${i}: ${ocr.Name}`)
    const male = ocr.Sex === 'LELAKI'
    if (identity.ethnicity === 'MALAY') t.matchStrict(ocr.Name, male ? / BIN / : / BINTI /, `seed ${i}: Malay patronymic`)
    if (identity.ethnicity === 'INDIAN') t.matchStrict(ocr.Name, male ? / A\/L / : / A\/P /, `seed ${i}: Indian patronymic`)
  }
  t.strictSame([...seen].sort(), ['CHINESE', 'INDIAN', 'MALAY'], 'all three naming lists are used')
})

t.test('every card type is produced, MyKad by default, with the fixed empty fields', async t => {
  t.strictSame([...new Set(cases.map(c => c.ocr.Type))].sort(), [...CARD_TYPES].sort())
  for (const { i, cardType, ocr } of cases) {
    t.equal(ocr.Type, cardType, `seed ${i}`)
    t.strictSame([ocr.Warn, ocr.Image, ocr.MyKadNumber, ocr.AdvancedInfo], [[], '', '', ''], `seed ${i}: empty fields`)
  }
  const byDefault = generateIdentity({ seed: 'default', idType: 'ID_CARD', country: 'MYS', now: NOWS[0] })
  t.equal(buildOcrResult(byDefault, { warnCardInfos: [], requestId: 'r' }).Type, 'MyKad')
})

t.test('ID_CARD is Malaysian only', async t => {
  t.throws(() => generateIdentity({ seed: 's', idType: 'ID_CARD', country: 'SGP', now: NOWS[0] }), RangeError)
})

t.test('a MyKad number for a state outside the fixture is refused, naming the state', async t => {
  const { myKadNumber } = await import('../../../src/domain/identity/mykad-number.js')
  const { seededFaker } = await import('../../../src/domain/identity/seeded-faker.js')
  t.throws(() => myKadNumber(seededFaker('x', 'test'), '1990-01-01', 'M', 'ATLANTIS'), new RangeError('unknown Malaysian state ATLANTIS'))
  t.match(myKadNumber(seededFaker('x', 'test'), '1990-01-01', 'M', 'PERAK'), /^900101-(08|36|37|38|39)-[5-9]\d{2}[13579]$/)
})
