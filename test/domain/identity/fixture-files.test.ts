import t from 'tap'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MALAYSIAN_NAMES, PASSPORT_NAMES, STATES, STREETS, TOWNS } from '../../../src/domain/identity/fixtures.js'

// The naming and place lists in fixtures/identity/ ship with the package and may be edited. A
// malformed file must fail at start-up naming the file and the problem, never later as an odd
// identity. Each case copies the module beside a copy of the fixtures with one file broken.

const MODULE = fileURLToPath(new URL('../../../src/domain/identity/fixtures.ts', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../../../fixtures/identity/', import.meta.url))
const original = (file: string): any => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))

const root = mkdtempSync(join(tmpdir(), 'ekyc-fixtures-'))
t.teardown(() => rmSync(root, { recursive: true, force: true }))
let cases = 0

/** Imports a fresh copy of the module over the fixtures with `file` replaced; the error's message, or null. */
async function load (file: string | null, data: unknown, withFixtures = true, decoy = false): Promise<string | null> {
  const dir = join(root, `case-${++cases}`)
  mkdirSync(join(dir, 'src', 'domain', 'identity'), { recursive: true })
  if (decoy) mkdirSync(join(dir, 'src', 'domain', 'identity', 'fixtures', 'identity'), { recursive: true })
  cpSync(MODULE, join(dir, 'src', 'domain', 'identity', 'fixtures.ts'))
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}')
  if (withFixtures) {
    cpSync(FIXTURES, join(dir, 'fixtures', 'identity'), { recursive: true })
    if (file !== null) writeFileSync(join(dir, 'fixtures', 'identity', file), JSON.stringify(data))
  }
  try {
    await import(pathToFileURL(join(dir, 'src', 'domain', 'identity', 'fixtures.ts')).href)
    return null
  } catch (err) {
    return (err as Error).message
  }
}

t.test('the shipped files load, and a copy of them loads too', async t => {
  t.ok(STATES.length >= 16 && TOWNS.length > 0 && STREETS.streetNames.length > 0 && MALAYSIAN_NAMES.malay.male.length > 0)
  t.ok(Object.keys(PASSPORT_NAMES).length >= 32)
  t.equal(await load(null, null), null)
})

t.test('the lists are read-only, nested ones included', async t => {
  t.ok(Object.isFrozen(STATES))
  t.ok(Object.isFrozen(STATES[0]))
  t.ok(Object.isFrozen(STATES[0].pbCodes))
  t.ok(Object.isFrozen(MALAYSIAN_NAMES.chinese.surnames))
  t.ok(Object.isFrozen(PASSPORT_NAMES.AUS.surnames))
  t.throws(() => { (STATES[0].pbCodes as string[]).push('99') })
})

t.test('without fixtures above it, the module says where it looked', async t => {
  t.match(await load(null, null, false), /^fixtures\/identity not found above .*fixtures\.ts$/)
  t.equal(await load(null, null, true, true), null, 'a fixtures/identity folder without the files is passed over')
})

t.test('a file holding null, or an extra key holding null, is handled', async t => {
  t.equal(await load('malaysian-streets.json', null), 'fixtures/identity/malaysian-streets.json: three non-empty lists needed')
  t.equal(await load('malaysian-towns.json', null), 'fixtures/identity/malaysian-towns.json: towns[] need town, a state of malaysian-states.json and 5-digit postcodes')
  t.equal(await load('malaysian-names.json', null), 'fixtures/identity/malaysian-names.json: malay, chinese and indian lists must all be non-empty')
  t.equal(await load('passport-countries.json', null), 'fixtures/identity/passport-countries.json: countries{} missing')
  t.equal(await load('malaysian-names.json', { ...original('malaysian-names.json'), _comment: null }), null, 'a null comment loads')
})

t.test('malaysian-states.json: every state needs a name, an address label and two-digit codes', async t => {
  const states = original('malaysian-states.json').states
  const problem = 'fixtures/identity/malaysian-states.json: states[] need name, addressLabel and two-digit pbCodes'
  const broken: Array<[string, unknown]> = [
    ['no states list', {}],
    ['states not a list', { states: { a: states[0] } }],
    ['a name missing', { states: [{ ...states[0], name: undefined }, ...states.slice(1)] }],
    ['an address label not a string', { states: [...states.slice(1), { ...states[0], addressLabel: 1 }] }],
    ['no codes', { states: [{ ...states[0], pbCodes: [] }, ...states.slice(1)] }],
    ['a one-digit code', { states: [{ ...states[0], pbCodes: ['1'] }, ...states.slice(1)] }],
    ['a three-digit code', { states: [{ ...states[0], pbCodes: ['01', '123'] }, ...states.slice(1)] }],
    ['a code with a letter', { states: [{ ...states[0], pbCodes: ['0A'] }, ...states.slice(1)] }]
  ]
  for (const [what, data] of broken) t.equal(await load('malaysian-states.json', data), problem, what)
  t.equal(await load('malaysian-states.json', null), problem, 'a file holding null')
})

t.test('malaysian-towns.json: every town in a known state, with five-digit postcodes', async t => {
  const towns = original('malaysian-towns.json').towns
  const problem = 'fixtures/identity/malaysian-towns.json: towns[] need town, a state of malaysian-states.json and 5-digit postcodes'
  const broken: Array<[string, unknown]> = [
    ['no towns list', {}],
    ['a town not a string', { towns: [{ ...towns[0], town: 7 }, ...towns.slice(1)] }],
    ['an unknown state', { towns: [...towns.slice(1), { ...towns[0], state: 'ATLANTIS' }] }],
    ['no postcodes', { towns: [{ ...towns[0], postcodes: [] }, ...towns.slice(1)] }],
    ['a four-digit postcode', { towns: [{ ...towns[0], postcodes: ['5000'] }, ...towns.slice(1)] }],
    ['a six-digit postcode', { towns: [{ ...towns[0], postcodes: ['500000'] }, ...towns.slice(1)] }],
    ['one bad postcode among good ones', { towns: [{ ...towns[0], postcodes: ['50000', '5000'] }, ...towns.slice(1)] }]
  ]
  for (const [what, data] of broken) t.equal(await load('malaysian-towns.json', data), problem, what)
})

t.test('malaysian-streets.json: three non-empty lists of non-empty names', async t => {
  const streets = original('malaysian-streets.json')
  const problem = 'fixtures/identity/malaysian-streets.json: three non-empty lists needed'
  for (const list of ['streetTypes', 'streetNames', 'housingEstates']) {
    t.equal(await load('malaysian-streets.json', { ...streets, [list]: [] }), problem, `${list} empty`)
    t.equal(await load('malaysian-streets.json', { ...streets, [list]: [...streets[list], ''] }), problem, `${list} with an empty name`)
    t.equal(await load('malaysian-streets.json', { ...streets, [list]: [42] }), problem, `${list} with a number`)
    t.equal(await load('malaysian-streets.json', { ...streets, [list]: 'JALAN' }), problem, `${list} not a list`)
  }
})

t.test('malaysian-names.json: all nine lists non-empty', async t => {
  const names = original('malaysian-names.json')
  const problem = 'fixtures/identity/malaysian-names.json: malay, chinese and indian lists must all be non-empty'
  const lists: Array<[string, string]> = [
    ['malay', 'male'], ['malay', 'female'], ['chinese', 'surnames'], ['chinese', 'male'], ['chinese', 'female'],
    ['chinese', 'westernMale'], ['chinese', 'westernFemale'], ['indian', 'male'], ['indian', 'female']
  ]
  for (const [community, list] of lists) {
    t.equal(await load('malaysian-names.json', { ...names, [community]: { ...names[community], [list]: [] } }), problem, `${community}.${list}`)
  }
  for (const community of ['malay', 'chinese', 'indian']) {
    t.equal(await load('malaysian-names.json', { ...names, [community]: undefined }), problem, `${community} missing`)
  }
})

t.test('passport-countries.json: a number pattern each, names unless Malaysian-style, aligned female surnames', async t => {
  const { countries } = original('passport-countries.json')
  const withCountry = (code: string, value: unknown) => ({ countries: { ...countries, [code]: value } })
  const file = 'passport-countries.json'
  const prefix = 'fixtures/identity/passport-countries.json: '
  t.equal(await load(file, {}), `${prefix}countries{} missing`)
  t.equal(await load(file, { countries: null }), `${prefix}countries{} missing`)
  t.equal(await load(file, { countries: 'AUS' }), `${prefix}countries{} missing`)
  for (const pattern of [undefined, 1234567, '', 'p#######', 'P#########', 'P-1']) {
    t.equal(await load(file, withCountry('AUS', { ...countries.AUS, numberPattern: pattern })), `${prefix}AUS: numberPattern must be 1-9 of A-Z 0-9 # ? *`, String(pattern))
  }
  t.equal(await load(file, withCountry('AUS', { ...countries.AUS, numberPattern: 'A1#?*####' })), null, 'nine of A-Z 0-9 # ? *')
  for (const list of ['surnames', 'male', 'female']) {
    t.equal(await load(file, withCountry('AUS', { ...countries.AUS, [list]: [] })), `${prefix}AUS: surnames, male and female needed`, `${list} empty`)
  }
  t.equal(await load(file, withCountry('MYS', { numberPattern: 'A########', nameStyle: 'malaysian' })), null, 'a Malaysian-style country needs no name lists')
  t.equal(await load(file, withCountry('XXX', { numberPattern: 'A########', nameStyle: 'other' })), `${prefix}XXX: surnames, male and female needed`)
  const rus = countries.RUS
  t.equal(await load(file, withCountry('RUS', { ...rus, femaleSurnames: rus.femaleSurnames.slice(1) })), `${prefix}RUS: femaleSurnames must align with surnames`)
  t.equal(await load(file, withCountry('RUS', { ...rus, femaleSurnames: [] })), `${prefix}RUS: femaleSurnames must align with surnames`)
  t.equal(await load(file, withCountry('RUS', { ...rus, femaleSurnames: undefined })), null, 'female surnames are optional')
})
