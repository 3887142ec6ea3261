import t from 'tap'
import { buildOcrResult, generateIdentity, orderKeys, seededUuid, type IdentityRequest } from '../../../src/domain/identity/index.js'
import { sfc32Randomizer } from '../../../src/domain/identity/seeded-faker.js'
import { mixedSfc32 } from '../../../src/domain/random.js'
import { NOWS } from './fixtures/support.js'

const ID_CARD_KEYS = ['ID', 'Sex', 'Name', 'Type', 'Warn', 'Image', 'Address', 'Birthday', 'RequestId', 'MyKadNumber', 'AdvancedInfo', 'WarnCardInfos']
const PASSPORT_KEYS = ['ID', 'Sex', 'Name', 'Type', 'Warn', 'Image', 'CodeCrc', 'CodeSet', 'Surname', 'GivenName', 'RequestId',
  'IsComplete', 'DateOfBirth', 'Nationality', 'AdvancedInfo', 'WarnCardInfos', 'IssuingCountry', 'DateOfExpiration', 'PassportRecognizeInfos']
const RECOGNIZE_KEYS = ['Sex', 'Name', 'Type', 'Surname', 'GivenName', 'Signature', 'IssuePlace', 'PassportID', 'DateOfBirth', 'Nationality',
  'DateOfIssuance', 'IssuingCountry', 'DateOfExpiration', 'IssuingAuthority']

const card = (seed: string, now = NOWS[0]): IdentityRequest => ({ seed, idType: 'ID_CARD', country: 'MYS', cardType: 'MyPR', now })
const passport = (seed: string, country = 'FRA'): IdentityRequest => ({ seed, idType: 'PASSPORT', country, now: NOWS[0] })

t.test('the same request gives the same identity and result, byte for byte', async t => {
  for (const req of [card('sandbox:TOKEN1'), passport('sandbox:TOKEN1'), passport('sandbox:TOKEN2', 'DEU')]) {
    const a = generateIdentity(req)
    const b = generateIdentity({ ...req })
    t.strictSame(a, b)
    const opts = { warnCardInfos: [-9108], requestId: seededUuid('r') }
    t.equal(JSON.stringify(buildOcrResult(a, opts)), JSON.stringify(buildOcrResult(b, opts)))
  }
})

t.test('different seeds give different people', async t => {
  const ids = new Set(Array.from({ length: 100 }, (_, i) => JSON.stringify(generateIdentity(card(`seed-${i}`)))))
  t.equal(ids.size, 100, 'ID card identities all differ')
  const numbers = new Set(Array.from({ length: 100 }, (_, i) => (generateIdentity(passport(`seed-${i}`)) as { documentNumber: string }).documentNumber))
  t.ok(numbers.size >= 99, `passport numbers vary (${numbers.size}/100)`)
})

t.test('the clock moves the dates, not the person', async t => {
  const before = generateIdentity(card('same', NOWS[0])) as any
  const later = generateIdentity(card('same', NOWS[0] + 365 * 86_400_000)) as any
  t.equal(later.name, before.name)
  t.not(later.birthDate, before.birthDate)
})

t.test('ocr_result keys are in the exact documented order', async t => {
  const opts = { warnCardInfos: [], requestId: 'r' }
  t.strictSame(Object.keys(buildOcrResult(generateIdentity(card('k')), opts)), ID_CARD_KEYS)
  const p = buildOcrResult(generateIdentity(passport('k')), opts)
  t.strictSame(Object.keys(p), PASSPORT_KEYS)
  t.strictSame(Object.keys(p.PassportRecognizeInfos as object), RECOGNIZE_KEYS)
})

t.test('orderKeys sorts by length, then byte-wise, recursively', async t => {
  const out = orderKeys({ bb: 1, a: { zz: 1, y: 2 }, B: [{ cc: 1, c: 2 }], ab: 4 })
  t.strictSame(Object.keys(out), ['B', 'a', 'ab', 'bb'])
  t.strictSame(Object.keys(out.a), ['y', 'zz'])
  t.strictSame(Object.keys(out.B[0]), ['c', 'cc'])
})

t.test('orderKeys compares non-ASCII keys by their UTF-8 bytes, not their UTF-16 code units', async t => {
  // U+FF01 is EF BC 81 in UTF-8 and 😀 is F0 9F 98 80, so by bytes the first comes first; by UTF-16
  // code units (FF01 against D83D) the emoji would. Both keys are two code units long.
  t.strictSame(Object.keys(orderKeys({ '😀': 1, '\uFF01x': 2 })), ['\uFF01x', '😀'])
  t.strictSame(Object.keys(orderKeys({ '😀': 1, '\uFF01\uFF01': 2 })), ['\uFF01\uFF01', '😀'], 'two keys with no ASCII at all')
  t.strictSame(Object.keys(orderKeys({ b: 1, é: 2, a: 3 })), ['a', 'b', 'é'], 'é (C3 A9) after the ASCII letters')
})

t.test('WarnCardInfos carries the warnings given, as a copy; positive codes are refused', async t => {
  const identity = generateIdentity(card('w'))
  const warnings = [-9102, -9108]
  const result = buildOcrResult(identity, { warnCardInfos: warnings, requestId: 'r' })
  warnings.push(-9101)
  t.strictSame(result.WarnCardInfos, [-9102, -9108])
  t.equal(result.RequestId, 'r')
  t.throws(() => buildOcrResult(identity, { warnCardInfos: [9108], requestId: 'r' }), RangeError)
})

t.test('seededUuid is a stable v4-shaped UUID per seed', async t => {
  const a = seededUuid('sandbox:TOKEN:ocr:0')
  t.matchStrict(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  t.equal(seededUuid('sandbox:TOKEN:ocr:0'), a)
  t.not(seededUuid('sandbox:TOKEN:ocr:1'), a)
})

t.test('Faker\'s random source takes a seed as one number or as words, as Faker\'s Randomizer may be given either', async t => {
  const randomizer = sfc32Randomizer()
  const firsts = (words: number[]): number[] => { const next = mixedSfc32(words); return [next(), next()].map(n => n / 2 ** 32) }
  randomizer.seed(42)
  t.strictSame([randomizer.next(), randomizer.next()], firsts([42]), 'a number: the words [n]')
  randomizer.seed([1, 2, 3, 4])
  t.strictSame([randomizer.next(), randomizer.next()], firsts([1, 2, 3, 4]), 'words as they are')
})
