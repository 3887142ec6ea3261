// The naming and place lists in fixtures/identity/, loaded once and frozen (read-only data, not state).
// A malformed file fails at import with the file named, not later as an odd identity.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface StateFixture { name: string, addressLabel: string, pbCodes: string[] }
export interface TownFixture { town: string, state: string, postcodes: string[] }
export interface StreetFixture { streetTypes: string[], streetNames: string[], housingEstates: string[] }
export interface MalaysianNamesFixture {
  malay: { male: string[], female: string[] }
  chinese: { surnames: string[], male: string[], female: string[], westernMale: string[], westernFemale: string[] }
  indian: { male: string[], female: string[] }
}
export interface PassportCountryFixture {
  /** `#` digit, `?` letter, `*` either (Faker's replaceSymbols) */
  numberPattern: string
  /** 'malaysian': one name field from the Malaysian naming lists */
  nameStyle?: 'malaysian'
  maxGivenNames?: number
  surnames?: string[]
  femaleSurnames?: string[]
  male?: string[]
  female?: string[]
}

// Walk up from this module: the same code runs from src/ (tests) and from dist/ (the package).
function fixturesDir (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'fixtures', 'identity')
    if (existsSync(join(candidate, 'malaysian-states.json'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error('fixtures/identity not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
}

const DIR = fixturesDir()

function load<T> (file: string, check: (data: any) => string | null): T {
  // Stryker disable next-line StringLiteral: with '' readFileSync gives a Buffer, which JSON.parse reads as UTF-8 text all the same
  const data = JSON.parse(readFileSync(join(DIR, file), 'utf8'))
  const problem = check(data)
  if (problem !== null) throw new Error(`fixtures/identity/${file}: ${problem}`)
  return deepFreeze(data) as T
}

function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

const nonEmpty = (list: unknown): boolean => Array.isArray(list) && list.length > 0 && list.every(s => typeof s === 'string' && s !== '')

/** Every dotted path (`malay.male`) leads to a non-empty list of non-empty strings. */
const listsAt = (data: unknown, paths: string[]): boolean =>
  paths.every(path => nonEmpty(path.split('.').reduce<any>((value, key) => value?.[key], data)))

export const STATES: readonly StateFixture[] = load<{ states: StateFixture[] }>('malaysian-states.json', d =>
  Array.isArray(d?.states) && d.states.every((s: any) => typeof s.name === 'string' && typeof s.addressLabel === 'string' &&
    nonEmpty(s.pbCodes) && s.pbCodes.every((c: string) => /^\d\d$/.test(c)))
    ? null
    : 'states[] need name, addressLabel and two-digit pbCodes').states

export const TOWNS: readonly TownFixture[] = load<{ towns: TownFixture[] }>('malaysian-towns.json', d =>
  Array.isArray(d?.towns) && d.towns.every((t: any) => typeof t.town === 'string' && STATES.some(s => s.name === t.state) &&
    nonEmpty(t.postcodes) && t.postcodes.every((p: string) => /^\d{5}$/.test(p)))
    ? null
    : 'towns[] need town, a state of malaysian-states.json and 5-digit postcodes').towns

export const STREETS: StreetFixture = load<StreetFixture>('malaysian-streets.json', d =>
  listsAt(d, ['streetTypes', 'streetNames', 'housingEstates']) ? null : 'three non-empty lists needed')

export const MALAYSIAN_NAMES: MalaysianNamesFixture = load<MalaysianNamesFixture>('malaysian-names.json', d =>
  listsAt(d, ['malay.male', 'malay.female', 'chinese.surnames', 'chinese.male', 'chinese.female', 'chinese.westernMale',
    'chinese.westernFemale', 'indian.male', 'indian.female'])
    ? null
    : 'malay, chinese and indian lists must all be non-empty')

export const PASSPORT_NAMES: Readonly<Record<string, PassportCountryFixture>> = load<{ countries: Record<string, PassportCountryFixture> }>(
  'passport-countries.json', d => {
    if (d?.countries === null || typeof d?.countries !== 'object') return 'countries{} missing'
    for (const [code, c] of Object.entries<any>(d.countries)) {
      if (typeof c.numberPattern !== 'string' || !/^[A-Z0-9#?*]{1,9}$/.test(c.numberPattern)) return `${code}: numberPattern must be 1-9 of A-Z 0-9 # ? *`
      if (c.nameStyle === 'malaysian') continue
      if (!nonEmpty(c.surnames) || !nonEmpty(c.male) || !nonEmpty(c.female)) return `${code}: surnames, male and female needed`
      if (c.femaleSurnames !== undefined && (!nonEmpty(c.femaleSurnames) || c.femaleSurnames.length !== c.surnames.length)) {
        return `${code}: femaleSurnames must align with surnames`
      }
    }
    return null
  }).countries
