import t from 'tap'
import { generateIdentity, type IdCardIdentity, type PassportIdentity } from '../../../src/domain/identity/index.js'
import { MALAYSIAN_NAMES as N, STATES, STREETS, TOWNS } from '../../../src/domain/identity/fixtures.js'
import { age, passportFixture } from './fixtures/support.js'

// What a run of sessions looks like: names follow each community's custom, addresses are real
// Malaysian addresses (mostly in the holder's birth state), ages and passport dates fill the whole
// documented range. Seeded, so every number here is the same on every run.

const NOW = Date.parse('2025-02-01T13:56:47Z')
const TODAY = '2025-02-01'
const SEEDS = 3000

const cards = Array.from({ length: SEEDS }, (_, i) => generateIdentity({ seed: `people:${i}`, idType: 'ID_CARD', country: 'MYS', now: NOW }) as IdCardIdentity)
const share = (n: number, of: number): number => Math.round((1000 * n) / of) / 10

t.test('Malay names: given name(s), BIN or BINTI, the father\'s name(s), never the son\'s own', async t => {
  const malay = cards.filter(c => c.ethnicity === 'MALAY')
  t.ok(malay.length > SEEDS / 2, `${malay.length} Malay holders`)
  const counts = new Set<string>()
  for (const c of malay) {
    const [given, father, ...rest] = c.name.split(c.sex === 'M' ? ' BIN ' : ' BINTI ')
    const g = given.split(' ')
    const f = (father ?? '').split(' ')
    counts.add(`${g.length}+${f.length}`)
    const ok = rest.length === 0 && g.length <= 2 && f.length >= 1 && f.length <= 2 &&
      g.every(n => (c.sex === 'M' ? N.malay.male : N.malay.female).includes(n)) && f.every(n => N.malay.male.includes(n)) &&
      !f.some(n => g.includes(n)) && new Set(f).size === f.length
    if (!ok) {
      t.fail(`${c.sex} ${c.name}`)
      return
    }
  }
  t.strictSame([...counts].sort(), ['1+1', '1+2', '2+1', '2+2'], 'one or two names on each side')
})

t.test('Indian names: the holder\'s name, A/L or A/P, the father\'s name', async t => {
  const indian = cards.filter(c => c.ethnicity === 'INDIAN')
  t.ok(indian.length > SEEDS / 10, `${indian.length} Indian holders`)
  for (const c of indian) {
    const words = c.name.split(' ')
    const ok = words.length === 3 && words[1] === (c.sex === 'M' ? 'A/L' : 'A/P') &&
      (c.sex === 'M' ? N.indian.male : N.indian.female).includes(words[0]) && N.indian.male.includes(words[2])
    if (!ok) {
      t.fail(`${c.sex} ${c.name}`)
      return
    }
  }
})

t.test('Chinese names: surname, two given syllables, and about one in five a Western name in front', async t => {
  const chinese = cards.filter(c => c.ethnicity === 'CHINESE')
  t.ok(chinese.length > SEEDS / 5, `${chinese.length} Chinese holders`)
  let western = 0
  for (const c of chinese) {
    const words = c.name.split(' ')
    if (words.length === 4) western++
    const [w, surname, g1, g2]: Array<string | null> = words.length === 4 ? words : [null, ...words]
    const ok = (words.length === 3 || words.length === 4) && N.chinese.surnames.includes(surname ?? '') &&
      [g1, g2].every(g => (c.sex === 'M' ? N.chinese.male : N.chinese.female).includes(g ?? '')) && g1 !== g2 &&
      (w === null || (c.sex === 'M' ? N.chinese.westernMale : N.chinese.westernFemale).includes(w))
    if (!ok) {
      t.fail(`${c.sex} ${c.name}`)
      return
    }
  }
  const pct = share(western, chinese.length)
  t.ok(pct > 13 && pct < 27, `${pct} % carry a Western name`)
})

t.test('addresses: street, maybe an estate, postcode and town, the state\'s label; mostly in the birth state', async t => {
  const alternatives = (list: readonly string[]) => list.map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  const street = new RegExp(`^NO (\\d+) (${alternatives(STREETS.streetTypes)}) (${alternatives(STREETS.streetNames)})(?: (\\d+)/(\\d+))?$`)
  let sameState = 0
  let sections = 0
  let estates = 0
  const numbers = { house: new Set<number>(), section: new Set<number>(), lane: new Set<number>() }
  for (const c of cards) {
    const a = c.address
    const town = TOWNS.find(x => x.town === a.town && x.state === a.state)
    const m = street.exec(a.lines[0])
    const ok = town !== undefined && town.postcodes.includes(a.postcode) && m !== null &&
      (a.lines.length === 3 || (a.lines.length === 4 && STREETS.housingEstates.includes(a.lines[1]))) &&
      a.lines.at(-2) === `${a.postcode} ${a.town}` && a.lines.at(-1) === STATES.find(s => s.name === a.state)?.addressLabel
    if (!ok || m === null) {
      t.fail(JSON.stringify(a))
      return
    }
    numbers.house.add(Number(m[1]))
    if (m[4] !== undefined) {
      sections++
      numbers.section.add(Number(m[4]))
      numbers.lane.add(Number(m[5]))
    }
    if (a.lines.length === 4) estates++
    if (a.state === c.birthState) sameState++
  }
  const range = (s: Set<number>) => [Math.min(...s), Math.max(...s)]
  t.strictSame(range(numbers.house), [1, 199], 'house numbers 1 to 199')
  t.strictSame(range(numbers.section), [1, 12], 'sections 1 to 12')
  t.strictSame(range(numbers.lane), [1, 20], 'lanes 1 to 20')
  const pctSame = share(sameState, SEEDS)
  t.ok(pctSame > 57 && pctSame < 70, `${pctSame} % live in their birth state (60 %, plus those whose random town is there)`)
  const pctSections = share(sections, SEEDS)
  t.ok(pctSections > 33 && pctSections < 47, `${pctSections} % of streets have a section and lane (40 %)`)
  const pctEstates = share(estates, SEEDS)
  t.ok(pctEstates > 63 && pctEstates < 77, `${pctEstates} % name a housing estate (70 %)`)
})

t.test('ages fill the documented range: 18 to 80 on adult cards, 0 to 11 on MyKid', async t => {
  const adults = cards.map(c => age(c.birthDate, TODAY))
  t.strictSame([Math.min(...adults), Math.max(...adults)], [18, 80])
  const kids = Array.from({ length: 600 }, (_, i) => generateIdentity({ seed: `kid:${i}`, idType: 'ID_CARD', country: 'MYS', cardType: 'MyKid', now: NOW }) as IdCardIdentity)
    .map(c => age(c.birthDate, TODAY))
  t.strictSame([Math.min(...kids), Math.max(...kids)], [0, 11])
})

t.test('passport dates: a valid one has 30 days to 10 years left, an expired one ran out 1 day to 5 years ago', async t => {
  const expiries = (expired: boolean, n: number) => Array.from({ length: n }, (_, i) =>
    (generateIdentity({ seed: `pp:${i}`, idType: 'PASSPORT', country: 'GBR', passportExpired: expired, now: NOW }) as PassportIdentity).expiryDate).sort()
  const expired = expiries(true, 8000)
  t.ok(expired[0] >= '2020-02-01' && expired[0] <= '2020-02-08', `earliest expiry ${expired[0]}: about five years ago`)
  t.equal(expired.at(-1), '2025-01-31', 'the latest expiry is yesterday: never today')
  const valid = expiries(false, 3000)
  t.ok(valid[0] >= '2025-03-03' && valid[0] <= '2025-03-10', `earliest expiry ${valid[0]}: 30 days from now at the soonest`)
  t.ok(valid.at(-1)! <= '2035-02-01' && valid.at(-1)! >= '2035-01-25', `latest expiry ${valid.at(-1)}: ten years after an issue today`)
})

t.test('given names per country: up to the fixture\'s maximum, one where it names none', async t => {
  const counts = (country: string) => new Set(Array.from({ length: 300 }, (_, i) =>
    (generateIdentity({ seed: `gn:${i}`, idType: 'PASSPORT', country, now: NOW }) as PassportIdentity).givenNames.split(' ').length))
  t.equal(passportFixture.GBR.maxGivenNames, 2)
  t.strictSame([...counts('GBR')].sort(), [1, 2])
  t.equal(passportFixture.JPN.maxGivenNames, 1)
  t.strictSame([...counts('JPN')], [1])
})

t.test('only Malaysian passports carry a personal number (the holder\'s MyKad number)', async t => {
  for (let i = 0; i < 20; i++) {
    const gbr = generateIdentity({ seed: `pn:${i}`, idType: 'PASSPORT', country: 'GBR', now: NOW }) as PassportIdentity
    const mys = generateIdentity({ seed: `pn:${i}`, idType: 'PASSPORT', country: 'MYS', now: NOW }) as PassportIdentity
    if (gbr.personalNumber !== '' || gbr.mrz.line2.slice(28, 43) !== '<'.repeat(15) || !/^\d{12}$/.test(mys.personalNumber)) {
      t.fail(`seed ${i}: GBR "${gbr.personalNumber}", MYS "${mys.personalNumber}"`)
      return
    }
  }
  t.pass('20 seeds')
})
